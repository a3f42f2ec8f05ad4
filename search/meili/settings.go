package meili

import (
	"slices"

	"github.com/meilisearch/meilisearch-go"

	"placering/search"
)

// The typo rules of the embedded engine (memsearch/typo.go): one typo from
// 5 characters, two from 9. They are also Meilisearch's defaults, but are
// set explicitly so that a changed default cannot split the two engines.
const (
	oneTypoLen  = 5
	twoTyposLen = 9
)

// rankingRules puts "sort" first: an explicit sort decides the order and
// relevance breaks ties, as search.Query.Sort promises. Meilisearch's
// default has "sort" fifth, which would let relevance win. Without a sort
// parameter the rule does nothing.
var rankingRules = []string{"sort", "words", "typo", "proximity", "attribute", "exactness"}

// indexSettings are the settings of every index (PATCH
// /indexes/{uid}/settings). All three indexes share them: a field an index
// lacks costs nothing, and one list keeps them from drifting apart.
func indexSettings(syn search.Synonyms) *meilisearch.Settings {
	searchable := append(slices.Clone(search.SearchableFields), fieldFoldedText, fieldFoldedExact)
	exact := append(slices.Clone(search.ExactFields), fieldFoldedExact)
	return &meilisearch.Settings{
		RankingRules:         rankingRules,
		SearchableAttributes: searchable,
		FilterableAttributes: slices.Clone(search.FilterableFields),
		SortableAttributes:   slices.Clone(search.SortableFields),
		Synonyms:             meiliSynonyms(syn),
		TypoTolerance: &meilisearch.TypoTolerance{
			Enabled:             true,
			MinWordSizeForTypos: meilisearch.MinWordSizeForTypos{OneTypo: oneTypoLen, TwoTypos: twoTyposLen},
			DisableOnWords:      []string{},
			DisableOnAttributes: exact,
			DisableOnNumbers:    true,
		},
		// Meilisearch counts and pages through at most maxTotalHits
		// matches (default 1,000); the API lets a client page down to
		// MaxPage pages of MaxPerPage.
		Pagination: &meilisearch.Pagination{MaxTotalHits: search.MaxPage * search.MaxPerPage},
		// Facet values are codes (about 20 branches, a handful of kinds,
		// statuses and target groups), so 100 returns them all.
		Faceting: &meilisearch.Faceting{MaxValuesPerFacet: 100},
	}
}

// meiliSynonyms returns the synonyms in Meilisearch's shape, which is
// already that of search.Synonyms (a one-way rule per key; a group of
// equals is a rule from each member to the others), plus the ASCII
// spellings of every key with æ, ø or å, so that "kokken" finds what
// "køkken" finds, as in the embedded engine.
func meiliSynonyms(syn search.Synonyms) map[string][]string {
	out := make(map[string][]string, len(syn))
	for k, v := range syn {
		out[k] = slices.Clone(v)
	}
	keys := make([]string, 0, len(syn))
	for k := range syn {
		keys = append(keys, k)
	}
	slices.Sort(keys) // merge in a fixed order, so the settings are reproducible
	for _, k := range keys {
		for _, alt := range spellings(k) {
			if _, real := syn[alt]; real || alt == k {
				continue // a rule written for that spelling wins
			}
			for _, to := range append([]string{k}, syn[k]...) {
				if to != alt && !slices.Contains(out[alt], to) {
					out[alt] = append(out[alt], to)
				}
			}
		}
	}
	return out
}
