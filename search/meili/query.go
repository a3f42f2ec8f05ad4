package meili

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/meilisearch/meilisearch-go"

	"placering/search"
)

// Search runs q against idx.
func (e *Engine) Search(ctx context.Context, idx search.Index, q search.Query) (search.Result, error) {
	if _, err := e.state(idx); err != nil {
		return search.Result{}, err
	}
	q, err := q.Normalize()
	if err != nil {
		return search.Result{}, fmt.Errorf("meili search %s: %w", idx, err)
	}
	req := searchRequest(q)
	res, err := e.client.Index(e.uid(idx)).SearchWithContext(ctx, req.Query, req)
	if err != nil {
		return search.Result{}, fmt.Errorf("meili search %s: %w", idx, e.mapErr(ctx, err))
	}
	out, err := decodeResult(res, q)
	if err != nil {
		// Something answered that is not the Meilisearch we know.
		return search.Result{}, fmt.Errorf("meili search %s: %w: %w", idx, search.ErrUnavailable, err)
	}
	return out, nil
}

// searchRequest translates a normalized query into the body of POST
// /indexes/{uid}/search.
func searchRequest(q search.Query) *meilisearch.SearchRequest {
	perPage := int64(q.PerPage)
	req := &meilisearch.SearchRequest{
		Query:                 plainText(q.Q),
		Page:                  int64(q.Page),
		HitsPerPage:           &perPage,
		Facets:                q.Facets,
		Sort:                  sortParam(q),
		AttributesToHighlight: search.HighlightFields,
		HighlightPreTag:       search.HighlightPre,
		HighlightPostTag:      search.HighlightPost,
		MatchingStrategy:      meilisearch.All,
	}
	if f := filterExpr(q); f != "" {
		req.Filter = f
	}
	return req
}

// plainText returns the typed text without the characters Meilisearch reads
// as operators, which the embedded engine treats as separators: '"' (a
// phrase) and '-' in front of a word (exclude the word). Text without any
// letter or digit is no text at all, so that " - " lists everything, as it
// does in the embedded engine. Whether the text ends in a space, which
// makes the last word a prefix or not, is kept.
func plainText(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return ""
	}
	b := []rune(s)
	for i, r := range b {
		switch {
		case r == '"':
			b[i] = ' '
		case r == '-' && (i == 0 || unicode.IsSpace(b[i-1])):
			b[i] = ' '
		}
	}
	return string(b)
}

// filterExpr builds the filter expression of q: OR within a list (IN),
// AND across filters. Values are quoted and escaped, so a typed value
// cannot change the expression.
func filterExpr(q search.Query) string {
	var parts []string
	in := func(field string, vals []string) {
		if len(vals) == 0 {
			return
		}
		quoted := make([]string, len(vals))
		for i, v := range vals {
			quoted[i] = quote(v)
		}
		parts = append(parts, field+" IN ["+strings.Join(quoted, ", ")+"]")
	}
	ids := func(field string, vals []int64) {
		if len(vals) == 0 {
			return
		}
		s := make([]string, len(vals))
		for i, v := range vals {
			s[i] = strconv.FormatInt(v, 10)
		}
		parts = append(parts, field+" IN ["+strings.Join(s, ", ")+"]")
	}
	in(search.FieldKind, q.Kinds)
	in(search.FieldBranch, q.Branches)
	in(search.FieldStatus, q.Statuses)
	in(search.FieldTargetGroups, q.TargetGroups)
	ids(search.FieldJobcentreID, q.JobcentreIDs)
	ids(search.FieldCompanyID, q.CompanyIDs)
	// Hours: the opening's range [hours_min, hours_max] must overlap the
	// requested one (see search.Query.HoursMin).
	if q.HoursMin > 0 {
		parts = append(parts, search.FieldHoursMax+" >= "+num(q.HoursMin))
	}
	if q.HoursMax > 0 {
		parts = append(parts, search.FieldHoursMin+" <= "+num(q.HoursMax))
	}
	if q.SeatsFreeMin > 0 {
		parts = append(parts, search.FieldSeatsFree+" >= "+strconv.Itoa(q.SeatsFreeMin))
	}
	if q.MentorAvailable {
		parts = append(parts, search.FieldMentorAvailable+" = true")
	}
	if q.MaxDanishLevel != "" {
		// Documents hold the level's rank (search.OpeningDoc).
		parts = append(parts, search.FieldDanishLevel+" <= "+strconv.Itoa(q.MaxDanishLevel.Rank()))
	}
	if q.Near != nil && q.RadiusKm > 0 {
		parts = append(parts, fmt.Sprintf("_geoRadius(%s, %s, %s)", num(q.Near.Lat), num(q.Near.Lon), num(q.RadiusKm*1000)))
	}
	return strings.Join(parts, " AND ")
}

// sortParam is the sort of q in Meilisearch's syntax, or nil for relevance.
func sortParam(q search.Query) []string {
	switch q.Sort {
	case search.SortStartDate:
		return []string{search.FieldStartDateInt + ":asc"}
	case search.SortStartDateDesc:
		return []string{search.FieldStartDateInt + ":desc"}
	case search.SortDistance:
		return []string{fmt.Sprintf("_geoPoint(%s, %s):asc", num(q.Near.Lat), num(q.Near.Lon))}
	}
	return nil
}

// quote returns v as a filter string literal: in double quotes, with '\'
// and '"' escaped by a backslash.
func quote(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// decodeResult turns a search response into a search.Result.
func decodeResult(res *meilisearch.SearchResponse, q search.Query) (search.Result, error) {
	out := search.Result{
		Hits:    make([]search.Hit, 0, len(res.Hits)),
		Total:   int(res.TotalHits),
		Page:    q.Page,
		PerPage: q.PerPage,
		Facets:  search.EmptyFacets(q.Facets),
	}
	for _, raw := range res.Hits {
		h, err := decodeHit(raw, q.Near)
		if err != nil {
			return out, err
		}
		out.Hits = append(out.Hits, h)
	}
	if len(res.FacetDistribution) > 0 {
		var dist map[string]map[string]int
		if err := json.Unmarshal(res.FacetDistribution, &dist); err != nil {
			return out, fmt.Errorf("facetDistribution: %w", err)
		}
		for field, counts := range dist {
			if _, asked := out.Facets[field]; !asked {
				continue
			}
			for v, n := range counts {
				if n > 0 {
					out.Facets[field][v] = n
				}
			}
		}
	}
	return out, nil
}
