package ui

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/search"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// The search page (/soeg) finds openings, virksomhedscentre and companies
// through App.Search, the same call and the same query parameters as the
// JSON API's /api/v1/search/*: the page only adds what a person types
// instead of coordinates (a citizen or a place) and draws the result.
//
// It answers three ways. A plain GET gets the whole page, so the form
// works without JavaScript. htmx asks for a part, named by HX-Target:
// typing in the search box replaces only the results (the facet counts
// and the result count follow out of band), and changing a filter
// replaces the filters and the results, so that problems with a filter
// show next to it.
const (
	searchPath = "/soeg"
	// searchResultsID is the element typing replaces (hits, notice,
	// paging); any other htmx target gets the filters and the results
	// ("soeg-indhold").
	searchResultsID    = "soeg-resultat"
	searchMaxPlaceText = 100
)

// searchSpec is what one index offers on the page.
type searchSpec struct {
	idx    search.Index
	label  string
	noun   web.Noun
	facets []string // facet fields shown as checkbox groups with counts
	params []string // other filter parameters the page offers
	sorts  []models.Option
	href   string // the page of one hit: href + id
}

var (
	sortRelevance = models.Option{Code: "", Label: "Bedste match"}
	sortStart     = models.Option{Code: string(search.SortStartDate), Label: "Startdato (tidligste først)"}
	sortDistance  = models.Option{Code: string(search.SortDistance), Label: "Afstand (nærmeste først)"}
)

var searchSpecs = []searchSpec{
	{
		idx: search.Openings, label: "Åbninger", noun: web.Noun{One: "åbning", Many: "åbninger"},
		facets: []string{search.FieldKind, search.FieldBranch},
		params: []string{"status", "hours_min", "hours_max", "mentor", "seats_free"},
		sorts:  []models.Option{sortRelevance, sortStart, sortDistance},
		href:   "/aabninger/",
	},
	{
		idx: search.Virksomhedscentre, label: "Virksomhedscentre", noun: web.Noun{One: "virksomhedscenter", Many: "virksomhedscentre"},
		facets: []string{search.FieldTargetGroups, search.FieldBranch},
		params: []string{"mentor", "seats_free"},
		sorts:  []models.Option{sortRelevance, sortDistance},
		href:   "/virksomhedscentre/",
	},
	{
		idx: search.Companies, label: "Virksomheder", noun: web.Noun{One: "virksomhed", Many: "virksomheder"},
		facets: []string{search.FieldBranch},
		sorts:  []models.Option{sortRelevance, sortDistance},
		href:   "/virksomheder/",
	},
}

// facetParam is the query parameter that filters on a facet field; the
// field is plural where a document holds a list.
var facetParam = map[string]string{
	search.FieldKind:         "kind",
	search.FieldBranch:       "branch",
	search.FieldTargetGroups: "target_group",
}

var facetLegend = map[string]string{
	search.FieldKind:         "Ordning",
	search.FieldBranch:       "Branche",
	search.FieldTargetGroups: "Målgruppe",
}

func facetOptions(field string) []models.Option {
	switch field {
	case search.FieldKind:
		return models.KindOptions()
	case search.FieldTargetGroups:
		return models.TargetGroupOptions()
	default:
		return models.BranchOptions()
	}
}

var searchLabels = map[string]string{
	"q":          "Søgeord",
	"status":     "Status",
	"hours_min":  "Mindst timer pr. uge",
	"hours_max":  "Højst timer pr. uge",
	"mentor":     "Kun med mentor",
	"seats_free": "Mindst ledige pladser",
	"citizen_id": "Fra en borgers bopæl",
	"place":      "Fra postnummer eller by",
	"radius_km":  "Inden for (km)",
	"sort":       "Sortér efter",
	"kind":       "Ordning",
	"branch":     "Branche",
	// A query the engine rejects names lat/lon; on this page the point
	// comes from the citizen or the place.
	"lat": "Fra postnummer eller by",
	"lon": "Fra postnummer eller by",
}

// searchTab is one link in the row that switches index.
type searchTab struct {
	Label, Href string
	Current     bool
}

// facetGroup is one checkbox group: the values of a field with counts.
type facetGroup struct {
	Name, Legend, ID string
	Options          []facetOption
}

type facetOption struct {
	Value, Label, ID string
	Count            int
	Checked          bool
}

type searchContent struct {
	web.ListMeta
	Heading string
	Index   string
	Tabs    []searchTab
	Form    *web.Form
	Facets  []facetGroup
	// Has names the filter parameters this index offers.
	Has       map[string]bool
	Statuses  []facetOption
	Sorts     []models.Option
	Picker    *citizenPicker // nil when the user may not pick a citizen
	From      string         // where distances are measured from, for people
	Hits      []searchHit
	Notice    string
	Searched  bool // false when a problem with the filters stopped the search
	FacetsOOB bool // the facet groups go out of band (typing in the search box)
}

func (h *Handler) search(c echo.Context) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	spec, err := searchSpecFor(u, c.QueryParam("index"))
	if err != nil {
		return err
	}
	vals := cleanSearchValues(c.QueryParams(), spec)
	target := c.Request().Header.Get("HX-Target")
	fragment := isFragment(c)

	content := &searchContent{
		Heading: "Søg i " + strings.ToLower(spec.label),
		Index:   string(spec.idx),
		Tabs:    searchTabs(u, spec, vals),
		Form:    web.NewForm(searchLabels, vals),
		Has:     map[string]bool{},
		Sorts:   spec.sorts,
	}
	for _, p := range spec.params {
		content.Has[p] = true
	}
	for _, o := range models.StatusOptions() {
		content.Statuses = append(content.Statuses, facetOption{Value: o.Code, Label: o.Label,
			ID: web.FieldID("status-" + o.Code), Checked: slices.Contains(vals["status"], o.Code)})
	}

	q, from, errs, err := h.searchQuery(ctx, u, spec, vals)
	if err != nil {
		return err
	}
	content.From = from
	var res app.SearchResult
	var counts map[string]map[string]int
	if len(errs) == 0 {
		res, err = h.App.Search(ctx, u, spec.idx, q)
		if fe := search.FieldErrors(err); fe != nil {
			errs, err = fe, nil
		}
		if err != nil {
			return fmt.Errorf("search %s: %w", spec.idx, err)
		}
	}
	if len(errs) == 0 {
		content.Searched = true
		content.Notice = res.Notice
		if counts, err = h.facetCounts(ctx, u, spec, q, res); err != nil {
			return err
		}
		content.Hits = searchHits(spec, res.Hits)
	}
	content.Form.Errors = errs
	content.Facets = facetGroups(spec, vals, counts)
	content.ListMeta = searchMeta(vals, q, res, spec.noun, fragment)

	// The citizen picker shows only the chosen citizen and those matching
	// what was typed in its search box (each shown one an audited read),
	// and only where it is drawn, not for every key typed in the search.
	if seesCitizens(u) && !(fragment && target == searchResultsID) {
		if content.Picker, err = h.citizenPickerFor(ctx, u, vals.Get(citizenSearchParam), vals.Get("citizen_id"), true); err != nil {
			return err
		}
	}

	p := newPage(c, content.Heading, secSearch, content)
	p.Invalid = len(errs) > 0
	hdr := c.Response().Header()
	hdr.Add("Vary", "HX-Target")
	if !fragment {
		status := http.StatusOK
		if len(errs) > 0 {
			status = http.StatusUnprocessableEntity
		}
		return renderPage(c, status, "soeg", p)
	}
	// htmx swaps only 2xx answers, so problems come back as a 200 with the
	// messages in the page. The address bar gets the cleaned query, which
	// is shorter than the form's (no empty fields) and can be shared.
	// The address bar gets no citizen's name.
	pushed := url.Values{}
	for k, v := range vals {
		if k != citizenSearchParam {
			pushed[k] = v
		}
	}
	hdr.Set("HX-Push-Url", searchURL(pushed))
	if target == searchResultsID {
		content.FacetsOOB = true
		return renderBlock(c, http.StatusOK, "soeg", "results-fragment", p)
	}
	return renderBlock(c, http.StatusOK, "soeg", "body-fragment", p)
}

// searchSpecFor picks the index from the query; employers search only
// openings (the app refuses them the rest), so for them there is no
// choice to make.
func searchSpecFor(u *models.User, index string) (searchSpec, error) {
	for _, s := range searchSpecs {
		if string(s.idx) == index {
			if err := access.Can(u, access.Read, access.Of(searchKind(s.idx))); err != nil {
				return s, err
			}
			return s, nil
		}
	}
	return searchSpecs[0], nil
}

func searchTabs(u *models.User, spec searchSpec, vals url.Values) []searchTab {
	if u.Role == models.RoleEmployer {
		return nil
	}
	out := make([]searchTab, 0, len(searchSpecs))
	for _, s := range searchSpecs {
		v := url.Values{"index": {string(s.idx)}}
		if q := vals.Get("q"); q != "" {
			v.Set("q", q)
		}
		out = append(out, searchTab{Label: s.label, Href: searchPath + "?" + v.Encode(), Current: s.idx == spec.idx})
	}
	return out
}

// cleanSearchValues keeps the parameters the index offers, drops empty
// ones and unknown codes, so that the form, the paging links and the
// pushed URL carry only what means something.
func cleanSearchValues(in url.Values, spec searchSpec) url.Values {
	out := url.Values{}
	if spec.idx != search.Openings {
		out.Set("index", string(spec.idx))
	}
	set := func(name string) {
		if v := strings.TrimSpace(in.Get(name)); v != "" {
			out.Set(name, v)
		}
	}
	if q := in.Get("q"); strings.TrimSpace(q) != "" {
		out.Set("q", q)
	}
	for _, f := range spec.facets {
		name := facetParam[f]
		for _, v := range in[name] {
			if hasOption(facetOptions(f), v) && !slices.Contains(out[name], v) {
				out.Add(name, v)
			}
		}
	}
	for _, p := range spec.params {
		switch p {
		case "status":
			for _, v := range in["status"] {
				if hasOption(models.StatusOptions(), v) && !slices.Contains(out["status"], v) {
					out.Add("status", v)
				}
			}
		case "mentor":
			// The checkbox sends "on"; the search parameters say "true".
			switch strings.ToLower(in.Get("mentor")) {
			case "on", "true", "1", "ja":
				out.Set("mentor", "true")
			}
		default:
			set(p)
		}
	}
	set("citizen_id")
	set("radius_km")
	if t := cleanCitizenSearch(in.Get(citizenSearchParam)); t != "" {
		out.Set(citizenSearchParam, t)
	}
	// A sort or page the page never offers (a hand-edited URL) falls back
	// to the default rather than stopping the search.
	if hasOption(spec.sorts, in.Get("sort")) {
		out.Set("sort", in.Get("sort"))
	}
	if n, err := strconv.Atoi(in.Get("page")); err == nil && n > 1 && n <= search.MaxPage {
		out.Set("page", strconv.Itoa(n))
	}
	if pl := strings.TrimSpace(in.Get("place")); pl != "" {
		if r := []rune(pl); len(r) > searchMaxPlaceText {
			pl = string(r[:searchMaxPlaceText])
		}
		out.Set("place", pl)
	}
	return out
}

// searchQuery turns the page's values into a search.Query with the API's
// parser. The page's own parameters become a point first: citizen_id via
// App.CitizenHome (an audited read of the citizen), place via the place
// table. Problems come back as field errors for the form; err is for
// everything else (a citizen the user may not see at all, a broken
// database).
func (h *Handler) searchQuery(ctx context.Context, u *models.User, spec searchSpec, vals url.Values) (search.Query, string, models.FieldErrors, error) {
	var errs models.FieldErrors
	params := url.Values{}
	for k, v := range vals {
		params[k] = v
	}
	for _, k := range []string{"index", "citizen_id", "place", citizenSearchParam} {
		params.Del(k)
	}
	params["facet"] = spec.facets
	params.Set("per_page", strconv.Itoa(search.DefaultPerPage))

	var near *search.Point
	var from string
	citizen, place := vals.Get("citizen_id"), vals.Get("place")
	switch {
	case citizen != "" && place != "":
		errs.Add("place", "Vælg enten en borger eller et sted – ikke begge.")
	case citizen != "":
		id, err := strconv.ParseInt(citizen, 10, 64)
		if err != nil || id <= 0 {
			errs.Add("citizen_id", "Vælg en borger på listen.")
			break
		}
		home, err := h.App.CitizenHome(ctx, u, id)
		switch fe := search.FieldErrors(err); {
		case err == nil:
			near, from = &home, "Afstand måles fra borgerens bopæl."
		case fe != nil:
			merge(&errs, fe)
		case errors.Is(err, models.ErrNotFound):
			errs.Add("citizen_id", "Borgeren findes ikke i dit jobcenter. Vælg en borger på listen.")
		default:
			return search.Query{}, "", nil, err
		}
	case place != "":
		p, ok := models.FindPlace(place)
		if !ok {
			errs.Add("place", "Vi kender ikke stedet »%s«. Skriv et postnummer (fx 3000) eller et bynavn (fx Helsingør).", place)
			break
		}
		near = &search.Point{Lat: p.Lat, Lon: p.Lon}
		from = "Afstand måles fra " + p.Postcode + " " + p.Name + "."
	}
	if near != nil {
		params.Set("lat", strconv.FormatFloat(near.Lat, 'f', -1, 64))
		params.Set("lon", strconv.FormatFloat(near.Lon, 'f', -1, 64))
	} else if citizen == "" && place == "" {
		// Say what to do in the page's words rather than the API's
		// ("requires lat and lon").
		if params.Get("radius_km") != "" {
			errs.Add("radius_km", "Vælg en borger eller skriv et sted for at søge inden for en afstand.")
			params.Del("radius_km")
		}
		if params.Get("sort") == string(search.SortDistance) {
			errs.Add("sort", "Vælg en borger eller skriv et sted for at sortere efter afstand.")
			params.Del("sort")
		}
	} else {
		// The point is missing because of a problem already reported;
		// radius and distance sort would only repeat it.
		params.Del("radius_km")
		if params.Get("sort") == string(search.SortDistance) {
			params.Del("sort")
		}
	}
	q, err := search.ParseQuery(params)
	if err != nil {
		fe := search.FieldErrors(err)
		if fe == nil {
			return search.Query{}, "", nil, fmt.Errorf("parse search query: %w", err)
		}
		merge(&errs, fe)
	}
	return q, from, errs, nil
}

// facetCounts returns the counts to show beside each checkbox. A group
// with boxes ticked is counted without its own filter (and with all the
// others), so that an unticked box says how many hits ticking it would
// add: repeated values are OR. Each such group costs one more search,
// through the app, so an employer's counts stay within their company.
func (h *Handler) facetCounts(ctx context.Context, u *models.User, spec searchSpec, q search.Query, res app.SearchResult) (map[string]map[string]int, error) {
	out := map[string]map[string]int{}
	for _, f := range spec.facets {
		out[f] = res.Facets[f]
		other, filtered := q, false
		switch f {
		case search.FieldKind:
			other.Kinds, filtered = nil, len(q.Kinds) > 0
		case search.FieldBranch:
			other.Branches, filtered = nil, len(q.Branches) > 0
		case search.FieldTargetGroups:
			other.TargetGroups, filtered = nil, len(q.TargetGroups) > 0
		}
		if !filtered {
			continue // the main result's counts are already the right ones
		}
		other.Facets, other.Page, other.PerPage, other.Sort = []string{f}, 1, 1, search.SortRelevance
		r, err := h.App.Search(ctx, u, spec.idx, other)
		if err != nil {
			return nil, fmt.Errorf("count %s in %s: %w", f, spec.idx, err)
		}
		out[f] = r.Facets[f]
	}
	return out, nil
}

func facetGroups(spec searchSpec, vals url.Values, counts map[string]map[string]int) []facetGroup {
	out := make([]facetGroup, 0, len(spec.facets))
	for _, f := range spec.facets {
		name := facetParam[f]
		g := facetGroup{Name: name, Legend: facetLegend[f], ID: web.FieldID(name)}
		for _, o := range facetOptions(f) {
			g.Options = append(g.Options, facetOption{
				Value: o.Code, Label: o.Label, ID: web.FieldID(name + "-" + o.Code),
				Count: counts[f][o.Code], Checked: slices.Contains(vals[name], o.Code),
			})
		}
		out = append(out, g)
	}
	return out
}
