package ui

import (
	"html/template"
	"math"
	"net/url"
	"strconv"

	"placering/models"
	"placering/search"
	"placering/server/app"
	"placering/web"
)

// How the search page draws a result: hits turned into Danish labels and
// safe HTML, and the count and paging.

// searchHit is one result as the page shows it. Title, Company and Town
// are safe HTML from the engine, with the matched words in <mark>.
type searchHit struct {
	Href                 string
	Title, Company, Town template.HTML
	Kind, Branch, Status string
	TargetGroups         []string
	Hours, Seats, Start  string
	Distance, CVR        string
}

func searchHits(spec searchSpec, hits []search.Hit) []searchHit {
	out := make([]searchHit, 0, len(hits))
	for _, hit := range hits {
		d := hit.Document
		sh := searchHit{
			Href:    spec.href + hit.ID(),
			Title:   formatted(hit, search.FieldTitle),
			Company: formatted(hit, search.FieldCompanyName),
			Town:    formatted(hit, search.FieldTown),
			CVR:     d.String(search.FieldCVR),
		}
		if b := d.String(search.FieldBranch); b != "" {
			sh.Branch = models.BranchLabel(b)
		}
		if k := d.String(search.FieldKind); k != "" {
			sh.Kind = orCode(models.Kind(k).Label(), k)
		}
		if s := d.String(search.FieldStatus); s != "" {
			sh.Status = orCode(models.OpeningStatus(s).Label(), s)
		}
		for _, g := range d.Strings(search.FieldTargetGroups) {
			sh.TargetGroups = append(sh.TargetGroups, orCode(models.TargetGroup(g).Label(), g))
		}
		if spec.idx == search.Companies {
			// A company's document has no title: its name is the title.
			sh.Title, sh.Company = sh.Company, ""
		}
		if lo, ok := d.Float(search.FieldHoursMin); ok {
			hi, _ := d.Float(search.FieldHoursMax)
			sh.Hours = web.FormatNumber(lo)
			if hi > lo {
				sh.Hours += "–" + web.FormatNumber(hi)
			}
		}
		if free, ok := d.Int(search.FieldSeatsFree); ok {
			seats, _ := d.Int(search.FieldSeats)
			sh.Seats = strconv.FormatInt(free, 10) + " af " + strconv.FormatInt(seats, 10)
		}
		if s := d.String(search.FieldStartDate); s != "" {
			if date, err := models.ParseDate(s); err == nil {
				sh.Start = web.FormatDate(date)
			}
		}
		if hit.DistanceKm != nil {
			sh.Distance = web.FormatNumber(math.Round(*hit.DistanceKm*10)/10) + " km"
		}
		out = append(out, sh)
	}
	return out
}

// formatted is a field of a hit as safe HTML: the engine's highlighted
// version when there is one, else the plain value escaped (the database
// fallback does not highlight).
func formatted(hit search.Hit, field string) template.HTML {
	if f, ok := hit.Formatted[field]; ok {
		return f
	}
	return template.HTML(template.HTMLEscapeString(hit.Document.String(field)))
}

func orCode(label, code string) string {
	if label == "" {
		return code
	}
	return label
}

// searchMeta is the result count and paging. Total is 0 when the search
// did not run (see searchContent.Searched).
func searchMeta(vals url.Values, q search.Query, res app.SearchResult, noun web.Noun, fragment bool) web.ListMeta {
	page, per := max(q.Page, 1), q.PerPage
	if per <= 0 {
		per = search.DefaultPerPage
	}
	total := int64(res.Total)
	pages := int((total + int64(per) - 1) / int64(per))
	pages = min(pages, search.MaxPage)
	pg := web.Pager{Total: total, Page: page, Pages: pages}
	if total > 0 {
		pg.From = int64((page-1)*per) + 1
		pg.To = min(int64(page*per), total)
	}
	link := func(n int) string {
		v := url.Values{}
		for k, vs := range vals {
			v[k] = vs
		}
		v.Del("page")
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
		return searchURL(v)
	}
	if page > 1 {
		pg.PrevURL = link(min(page-1, max(pages, 1)))
	}
	if page < pages {
		pg.NextURL = link(page + 1)
	}
	return web.ListMeta{Pager: pg, Noun: noun, OOB: fragment}
}

func searchURL(v url.Values) string {
	if len(v) == 0 {
		return searchPath
	}
	return searchPath + "?" + v.Encode()
}
