package meili

import (
	"encoding/json"
	"slices"
	"testing"

	"placering/models"
	"placering/search"
)

// Each filter of search.Query on its own, in Meilisearch's filter syntax
// (https://www.meilisearch.com/docs/learn/filtering_and_sorting/filter_expression_reference).
func TestFilterExpr(t *testing.T) {
	near := &search.Point{Lat: 55.6761, Lon: 12.5683}
	cases := []struct {
		name string
		q    search.Query
		want string
	}{
		{"none", search.Query{}, ""},
		{"kinds OR", search.Query{Kinds: []string{"igu", "fleksjob"}}, `kind IN ["igu", "fleksjob"]`},
		{"branch", search.Query{Branches: []string{"butik_detail"}}, `branch IN ["butik_detail"]`},
		{"status", search.Query{Statuses: []string{"draft"}}, `status IN ["draft"]`},
		{"target groups", search.Query{TargetGroups: []string{"gruppe3", "flygtning"}}, `target_groups IN ["gruppe3", "flygtning"]`},
		{"jobcentres", search.Query{JobcentreIDs: []int64{2, 3}}, `jobcentre_id IN [2, 3]`},
		{"employer's company", search.Query{CompanyIDs: []int64{6}}, `company_id IN [6]`},
		{"hours at least", search.Query{HoursMin: 25}, `hours_max >= 25`},
		{"hours at most", search.Query{HoursMax: 10}, `hours_min <= 10`},
		{"hours overlap", search.Query{HoursMin: 12, HoursMax: 14.5}, `hours_max >= 12 AND hours_min <= 14.5`},
		{"seats", search.Query{SeatsFreeMin: 2}, `seats_free >= 2`},
		{"mentor", search.Query{MentorAvailable: true}, `mentor_available = true`},
		{"danish none", search.Query{MaxDanishLevel: models.DanishNone}, `danish_level <= 0`},
		{"danish good", search.Query{MaxDanishLevel: models.DanishGood}, `danish_level <= 2`},
		{"radius in metres", search.Query{Near: near, RadiusKm: 7.5}, `_geoRadius(55.6761, 12.5683, 7500)`},
		{"point without radius filters nothing", search.Query{Near: near}, ``},
		{"AND across", search.Query{Kinds: []string{"igu"}, Branches: []string{"b"}}, `kind IN ["igu"] AND branch IN ["b"]`},
		// A typed value stays one quoted value, whatever it holds.
		{"quotes escaped", search.Query{Kinds: []string{`x" OR kind EXISTS OR kind = "y`}}, `kind IN ["x\" OR kind EXISTS OR kind = \"y"]`},
		{"backslash escaped", search.Query{Branches: []string{`a\`}}, `branch IN ["a\\"]`},
	}
	for _, c := range cases {
		if got := filterExpr(c.q); got != c.want {
			t.Errorf("%s: filter\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

func TestSortParam(t *testing.T) {
	near := &search.Point{Lat: 56.0361, Lon: 12.6136}
	cases := map[search.Sort][]string{
		search.SortRelevance:     nil,
		search.SortStartDate:     {"start_date_int:asc"},
		search.SortStartDateDesc: {"start_date_int:desc"},
		search.SortDistance:      {"_geoPoint(56.0361, 12.6136):asc"},
	}
	for s, want := range cases {
		if got := sortParam(search.Query{Sort: s, Near: near}); !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}

func TestPlainText(t *testing.T) {
	cases := map[string]string{
		"rengøring":                  "rengøring",
		"lager ":                     "lager ", // the trailing space (no prefix) is kept
		" - , ":                      "",       // no word at all: list everything
		`"rengøring af"`:             " rengøring af ",
		"lager -truck":               "lager  truck",
		"social- og sundhedshjælper": "social- og sundhedshjælper",
		"SOSU-hjælper":               "SOSU-hjælper",
	}
	for in, want := range cases {
		if got := plainText(in); got != want {
			t.Errorf("plainText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrepare(t *testing.T) {
	in := search.Document{
		"id": "1", "title": "Truckfører på lager", "tasks": "Kørsel.", "company_name": "Åbenrå Bæredygtig Ølbryg",
		"town": "Aarhus", "cvr": "12345678", "_geo": map[string]float64{"lat": 55.04, "lng": 9.41},
	}
	out := prepare(in)
	if _, ok := in[fieldFoldedText]; ok {
		t.Error("prepare changed the caller's document")
	}
	if got, want := out[fieldFoldedText], "truckfoerer truckforer paa pa koersel korsel"; got != want {
		t.Errorf("folded_text %q, want %q", got, want)
	}
	if got, want := out[fieldFoldedExact], "aabenraa abenra baeredygtig baredygtig beredygtig oelbryg olbryg"; got != want {
		t.Errorf("folded_exact %q, want %q", got, want)
	}
	b, _ := json.Marshal(out[search.FieldGeo])
	if string(b) != `{"lat":55.04,"lng":9.41}` {
		t.Errorf("_geo %s", b)
	}

	// A document with nothing to fold gets no folded fields, and a
	// malformed point is dropped rather than failing the whole batch.
	out = prepare(search.Document{"id": "2", "title": "Bager", "_geo": map[string]any{"lat": "56", "lon": 10.2}})
	for _, k := range []string{fieldFoldedText, fieldFoldedExact, search.FieldGeo} {
		if _, ok := out[k]; ok {
			t.Errorf("%s set: %v", k, out[k])
		}
	}
	out = prepare(search.Document{"id": "3", "_geo": map[string]any{"lat": 91.0, "lng": 10.0}})
	if _, ok := out[search.FieldGeo]; ok {
		t.Error("latitude 91 kept")
	}
}

func TestSynonymsGetASCIIKeys(t *testing.T) {
	syn := meiliSynonyms(search.Synonyms{
		"køkken":     {"kantine"},
		"kantine":    {"køkken"},
		"smørrebrød": {"frokost"},
		"smorrebrod": {"mad"}, // written by hand: it wins over the folded key
	})
	want := map[string][]string{
		"køkken":       {"kantine"},
		"kantine":      {"køkken"},
		"koekken":      {"køkken", "kantine"},
		"kokken":       {"køkken", "kantine"},
		"smørrebrød":   {"frokost"},
		"smoerrebroed": {"smørrebrød", "frokost"},
		"smorrebrod":   {"mad"},
	}
	if len(syn) != len(want) {
		t.Errorf("keys %v, want %v", syn, want)
	}
	for k, v := range want {
		if !slices.Equal(syn[k], v) {
			t.Errorf("%q → %v, want %v", k, syn[k], v)
		}
	}
}
