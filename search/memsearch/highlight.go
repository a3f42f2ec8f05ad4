package memsearch

import (
	"html/template"
	"math"

	"placering/search"
)

// termSet holds the terms a query matched: term id → strict (the match
// also counts in the exact fields).
type termSet map[uint32]bool

func (t termSet) add(_ *store, hits []termHit) {
	for _, h := range hits {
		t[h.id] = t[h.id] || h.strict
	}
}

// highlighter marks, in a document's text, the words whose terms the query
// matched, under the same field rules as matching: in the company name only
// strict matches are marked.
type highlighter struct {
	s     *store
	terms termSet
}

func newHighlighter(s *store, sets []termSet) *highlighter {
	all := termSet{}
	for _, set := range sets {
		for id, strict := range set {
			all[id] = all[id] || strict
		}
	}
	return &highlighter{s: s, terms: all}
}

// format returns the highlight fields of d as safe HTML.
func (h *highlighter) format(d search.Document) map[string]template.HTML {
	out := make(map[string]template.HTML, len(search.HighlightFields))
	for _, field := range search.HighlightFields {
		text, ok := d[field].(string)
		if !ok {
			continue
		}
		if len(h.terms) == 0 {
			out[field] = search.MarkSpans(text, nil)
			continue
		}
		exact := search.IsExactField(field)
		var spans []search.Span
		for _, tok := range tokenize(text, math.MaxUint16) {
			if h.matched(tok, exact) {
				spans = append(spans, search.Span{Start: tok.start, End: tok.end})
			}
		}
		out[field] = search.MarkSpans(text, spans)
	}
	return out
}

func (h *highlighter) matched(tok token, exact bool) bool {
	for _, f := range tok.forms {
		if f == "" {
			continue
		}
		if id, ok := h.s.termIDs[f]; ok {
			if strict, hit := h.terms[id]; hit && (strict || !exact) {
				return true
			}
		}
	}
	return false
}
