package search_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"placering/models"
	"placering/search"
)

// FuzzQueryNormalize: Normalize never panics, a query it accepts is
// normalized (defaults applied, within the limits, no text no one types),
// and normalizing it again changes nothing.
// Run with go test -run '^$' -fuzz '^FuzzQueryNormalize$' -fuzztime 10s ./search
func FuzzQueryNormalize(f *testing.F) {
	f.Add("lager", "igu", "transport_lager_logistik", 1, 20, 10.0, 37.0, 56.0, 12.0, 5.0, "distance", "kind")
	f.Add("  kok\x00", "", "", 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, "", "")
	f.Add("\u200b", "fleksjob", "", 101, 500, -1.0, 200.0, 91.0, 0.0, 2000.0, "-start_date", "branch")
	f.Fuzz(func(t *testing.T, q, kind, branch string, page, perPage int, hmin, hmax, lat, lon, radius float64, sort, facet string) {
		in := search.Query{Q: q, Kinds: []string{kind, kind}, Branches: []string{branch}, Page: page, PerPage: perPage,
			HoursMin: hmin, HoursMax: hmax, RadiusKm: radius, Sort: search.Sort(sort), Facets: []string{facet}}
		if lat != 0 || lon != 0 {
			in.Near = &search.Point{Lat: lat, Lon: lon}
		}
		out, err := in.Normalize()
		if err != nil {
			if !errors.Is(err, search.ErrInvalidQuery) || search.FieldErrors(err) == nil {
				t.Fatalf("Normalize error without field errors: %v", err)
			}
			return
		}
		if out.Page < 1 || out.Page > search.MaxPage || out.PerPage < 1 || out.PerPage > search.MaxPerPage {
			t.Fatalf("paging out of bounds: %d/%d", out.Page, out.PerPage)
		}
		if out.Offset() < 0 {
			t.Fatalf("negative offset %d", out.Offset())
		}
		if utf8.RuneCountInString(out.Q) > search.MaxQueryLength {
			t.Fatalf("q of %d characters accepted", utf8.RuneCountInString(out.Q))
		}
		if out.HasText() && models.TextProblem(out.Q, false) != "" {
			t.Fatalf("q %q accepted: %s", out.Q, models.TextProblem(out.Q, false))
		}
		if strings.ContainsRune(out.Q, 0) {
			t.Fatalf("q with NUL accepted: %q", out.Q)
		}
		if len(out.Kinds) > 1 {
			t.Fatalf("kinds not deduplicated: %v", out.Kinds)
		}
		again, err := out.Normalize()
		if err != nil {
			t.Fatalf("a normalized query is refused: %v", err)
		}
		if again.Q != out.Q || again.Page != out.Page || again.PerPage != out.PerPage || len(again.Facets) != len(out.Facets) {
			t.Fatalf("Normalize is not idempotent: %+v → %+v", out, again)
		}
	})
}
