package search_test

import (
	"encoding/json"
	"errors"
	"html/template"
	"net/url"
	"strings"
	"testing"

	"placering/models"
	"placering/search"
	"placering/search/searchtest"
)

// TestDocumentsHoldNoPersonalData checks every fixture document, built with
// the builders from models full of contact persons, mentors, notes naming
// a citizen and a CPR number, for anything personal.
func TestDocumentsHoldNoPersonalData(t *testing.T) {
	var all []search.Document
	all = append(all, searchtest.OpeningDocs()...)
	all = append(all, searchtest.VirksomhedscenterDocs()...)
	all = append(all, searchtest.CompanyDocs()...)
	forbidden := []string{"010203", "1234", "Jens", "Hansen", "@", "+45", "Kontakt Person", "Mentor 0", "Strandvejen", "Havnegade"}
	for _, d := range all {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range forbidden {
			if strings.Contains(string(b), f) {
				t.Errorf("document %s contains %q: %s", d.ID(), f, b)
			}
		}
		for _, key := range []string{"notes", "contacts", "mentors", "address", "consultant_id", "posted_by"} {
			if _, ok := d[key]; ok {
				t.Errorf("document %s has field %q", d.ID(), key)
			}
		}
	}
}

func TestOpeningDoc(t *testing.T) {
	o, company := searchtest.Opening(101)
	d := search.OpeningDoc(o, company, 5)
	want := map[string]any{
		"id": "101", "title": "Rengøring af kontorer", "company_name": "Nordkysten Rengøring ApS",
		"kind": "virksomhedspraktik", "status": "open", "branch": "rengoering_hotel_restauration_koekken",
		"start_date": "2027-02-01", "start_date_int": 20270201, "danish_level": 1, "danish_level_code": "basis",
		"seats": 2, "seats_free": 2, // clamped to seats
		"hours_min": 15.0, "hours_max": 25.0, "mentor_available": true,
		"jobcentre_id": int64(1), "company_id": int64(1), "town": "Helsingør",
	}
	for k, v := range want {
		if d[k] != v {
			t.Errorf("%s = %#v, want %#v", k, d[k], v)
		}
	}
	if lat, lng, ok := d.Geo(); !ok || lat < 56 || lng < 12 {
		t.Errorf("_geo = %v", d["_geo"])
	}

	// Unset values: no geo, no start date, a fixed number of hours.
	o.Lat, o.Lon, o.StartDate, o.HoursMin, o.HoursMax = 0, 0, models.Date{}, 12, 0
	d = search.OpeningDoc(o, company, -3)
	if _, ok := d["_geo"]; ok {
		t.Error("(0,0) should leave _geo out")
	}
	if _, ok := d["start_date_int"]; ok {
		t.Error("zero start date should leave start_date_int out")
	}
	if d["hours_max"] != 12.0 || d["seats_free"] != 0 {
		t.Errorf("hours_max %v seats_free %v, want 12 and 0", d["hours_max"], d["seats_free"])
	}
}

func TestVirksomhedscenterAndCompanyDoc(t *testing.T) {
	docs := searchtest.VirksomhedscenterDocs()
	d := docs[0]
	if got := d.Strings("target_groups"); len(got) != 2 || got[0] != "gruppe2" {
		t.Errorf("target_groups = %v", got)
	}
	if d["title"] != "Virksomhedscenter – Rengøring, hotel, restauration og køkken" || d["company_name"] != "Nordkysten Rengøring ApS" {
		t.Errorf("title %q company %q", d["title"], d["company_name"])
	}
	if d["mentor_available"] != true || docs[1]["mentor_available"] != false {
		t.Error("mentor_available should follow whether mentors are named")
	}
	c := searchtest.CompanyDocs()[1]
	if c["cvr"] != "22222222" || c["company_name"] != "VIGIER Service ApS" || c["company_id"] != int64(2) {
		t.Errorf("company doc = %v", c)
	}
}

func TestDocumentAccessorsAfterJSON(t *testing.T) {
	o, company := searchtest.Opening(102)
	b, _ := json.Marshal(search.OpeningDoc(o, company, 1))
	var d search.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if n, ok := d.Int("start_date_int"); !ok || n != 20270115 {
		t.Errorf("Int after JSON = %d %v", n, ok)
	}
	if _, _, ok := d.Geo(); !ok {
		t.Error("Geo after JSON")
	}
	if d.ID() != "102" || (search.Document{"id": 7.0}).ID() != "7" || (search.Document{}).ID() != "" {
		t.Error("ID")
	}
	if err := search.CheckDocuments([]search.Document{{"id": "a b"}}); !errors.Is(err, search.ErrInvalidDocument) {
		t.Errorf("id with a space: %v", err)
	}
	if err := search.CheckDocuments([]search.Document{{"id": 7}}); !errors.Is(err, search.ErrInvalidDocument) {
		t.Errorf("numeric id: %v", err)
	}
}

func TestNormalize(t *testing.T) {
	q, err := search.Query{PerPage: 500, Kinds: []string{"igu", "igu"}}.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if q.Page != 1 || q.PerPage != search.MaxPerPage || len(q.Kinds) != 1 || len(q.Facets) != 2 {
		t.Errorf("normalized = %+v", q)
	}
	bad := []struct {
		q     search.Query
		field string
	}{
		{search.Query{Sort: search.SortDistance}, "sort"},
		{search.Query{Sort: "title"}, "sort"},
		{search.Query{RadiusKm: 5}, "radius_km"},
		{search.Query{Near: &search.Point{Lat: 95, Lon: 12}}, "lat"},
		{search.Query{HoursMin: 30, HoursMax: 20}, "hours_max"},
		{search.Query{HoursMin: -1}, "hours_min"},
		{search.Query{MaxDanishLevel: "perfekt"}, "danish_level"},
		{search.Query{Facets: []string{"title"}}, "facets"},
		{search.Query{Page: search.MaxPage + 1}, "page"},
		{search.Query{Q: strings.Repeat("x", search.MaxQueryLength+1)}, "q"},
	}
	for _, c := range bad {
		_, err := c.q.Normalize()
		if !errors.Is(err, search.ErrInvalidQuery) || search.FieldErrors(err).For(c.field) == "" {
			t.Errorf("%+v: error %v, want one about %s", c.q, err, c.field)
		}
	}
}

func TestParseQuery(t *testing.T) {
	v, _ := url.ParseQuery("q=lager&kind=igu&kind=fleksjob&branch=a,b&status=open&hours_min=10&hours_max=20,5" +
		"&seats_free=2&mentor=true&danish_level=basis&jobcentre_id=1&company_id=3&company_id=4" +
		"&lat=56.03&lon=12.61&radius_km=25&sort=distance&page=2&per_page=50&target_group=gruppe2&facet=status")
	q, err := search.ParseQuery(v)
	if err != nil {
		t.Fatal(err)
	}
	if q.Q != "lager" || len(q.Kinds) != 2 || len(q.Branches) != 2 || q.HoursMin != 10 || q.HoursMax != 20.5 ||
		q.SeatsFreeMin != 2 || !q.MentorAvailable || q.MaxDanishLevel != models.DanishBasic ||
		len(q.JobcentreIDs) != 1 || len(q.CompanyIDs) != 2 || q.Near == nil || q.Near.Lat != 56.03 ||
		q.RadiusKm != 25 || q.Sort != search.SortDistance || q.Page != 2 || q.PerPage != 50 ||
		len(q.TargetGroups) != 1 || len(q.Facets) != 1 || q.Facets[0] != "status" {
		t.Errorf("parsed = %+v", q)
	}

	v, _ = url.ParseQuery("hours_min=ti&lat=56&company_id=x&mentor=måske&sort=distance")
	_, err = search.ParseQuery(v)
	fe := search.FieldErrors(err)
	for _, f := range []string{"hours_min", "lat", "company_id", "mentor"} {
		if fe.For(f) == "" {
			t.Errorf("no error for %s in %v", f, err)
		}
	}
}

func TestMarkedHTML(t *testing.T) {
	pre, post := search.HighlightPre, search.HighlightPost
	for in, want := range map[string]string{
		pre + "Rengøring" + post + " & <b>":            "<mark>Rengøring</mark> &amp; &lt;b&gt;",
		"<mark>fake</mark> " + pre + "x" + post:        "&lt;mark&gt;fake&lt;/mark&gt; <mark>x</mark>",
		post + "stray " + pre + "open":                 "stray <mark>open</mark>",
		pre + pre + "double" + post + post + " \"q\"'": "<mark>double</mark> &#34;q&#34;&#39;",
		"plain": "plain",
	} {
		if got := string(search.MarkedHTML(in)); got != want {
			t.Errorf("MarkedHTML(%q) = %q, want %q", in, got, want)
		}
	}
	got := search.MarkSpans("a <b> c", []search.Span{{0, 1}, {6, 7}})
	if string(got) != "<mark>a</mark> &lt;b&gt; <mark>c</mark>" {
		t.Errorf("MarkSpans = %q", got)
	}
}

func TestHitJSON(t *testing.T) {
	km := 1.5
	h := search.Hit{Document: search.Document{"id": "1", "title": "x"}, DistanceKm: &km, Formatted: map[string]template.HTML{"title": "<mark>x</mark>"}}
	b, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"_formatted":{"title":"\u003cmark\u003ex\u003c/mark\u003e"},"distance_km":1.5,"id":"1","title":"x"}`; string(b) != want {
		t.Errorf("hit JSON = %s\nwant %s", b, want)
	}
}

func TestDefaultSynonyms(t *testing.T) {
	s := search.DefaultSynonyms()
	if len(s) < 40 {
		t.Errorf("only %d synonym keys", len(s))
	}
	for from, to := range map[string]string{
		"sosu":                       "social- og sundhedshjælper",
		"social- og sundhedshjælper": "sosu",
		"lager":                      "logistik",
		"kantine":                    "køkken",
		"rengøring":                  "servicemedarbejder",
	} {
		found := false
		for _, v := range s[from] {
			found = found || v == to
		}
		if !found {
			t.Errorf("synonyms[%q] = %v, lacks %q", from, s[from], to)
		}
	}
	if _, err := search.ParseSynonyms("a => \nb"); err == nil {
		t.Error("a rule without a right-hand side should fail")
	}
	one, _ := search.ParseSynonyms("a => b")
	if len(one["b"]) != 0 || one["a"][0] != "b" {
		t.Errorf("one-way rule = %v", one)
	}
}
