package search

import (
	"encoding/json"
	"html/template"
)

// Result is one page of hits.
type Result struct {
	Hits    []Hit `json:"hits"`
	Total   int   `json:"total"` // all matches, not only this page
	Page    int   `json:"page"`
	PerPage int   `json:"per_page"`
	// Facets maps each counted field to value → number of matches.
	// Every requested facet has an entry, empty when nothing matched.
	Facets map[string]map[string]int `json:"facets"`
}

// Hit is one matching document. It marshals to JSON as the document's
// fields plus "distance_km" (when set) and "_formatted".
type Hit struct {
	Document Document

	// DistanceKm is the distance from Query.Near, set when the query gave
	// a point and the document has a location.
	DistanceKm *float64

	// Formatted holds the HighlightFields the document has, as safe HTML:
	// the text is HTML-escaped and the words that matched the query are
	// wrapped in <mark>…</mark>. Insert it into a page as is
	// (template.HTML is not escaped again by html/template); do not escape
	// it a second time.
	Formatted map[string]template.HTML
}

// ID returns the hit's document id.
func (h Hit) ID() string { return h.Document.ID() }

// MarshalJSON writes the document's fields with distance_km and _formatted
// beside them, the shape of the search API.
func (h Hit) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, len(h.Document)+2)
	for k, v := range h.Document {
		m[k] = v
	}
	if h.DistanceKm != nil {
		m[FieldDistanceKm] = *h.DistanceKm
	}
	if h.Formatted != nil {
		m[FieldFormatted] = h.Formatted
	}
	return json.Marshal(m)
}

// EmptyFacets returns a facet map with an empty count map for each field.
func EmptyFacets(fields []string) map[string]map[string]int {
	m := make(map[string]map[string]int, len(fields))
	for _, f := range fields {
		m[f] = map[string]int{}
	}
	return m
}
