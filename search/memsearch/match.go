package memsearch

// termHit is a term of the index that a query word matches, and how.
type termHit struct {
	id    uint32
	typos uint8
	// exact: the term is the word itself (in any of its spellings).
	exact bool
	// strict: the match is allowed in the exact fields (company name,
	// CVR): the word itself, or a prefix of it while typing. Typos,
	// inflections and compound parts are not.
	strict bool
}

// Matching rules for compounds and inflections. Danish writes compounds as
// one word ("lagerarbejde"), so a word is also found inside compounds it
// starts, and a compound query finds documents with its first part.
const (
	// minHeadLen is the shortest query word (or stem) that matches the
	// start of longer words: "lager" finds "lagerarbejde", "kok" does not
	// find "kokos".
	minHeadLen = 4
	// minPartLen is the shortest document word that a longer query word
	// may start with: "lagerarbejde" finds "lager". Such a match costs one
	// typo in ranking, so documents with the whole word rank first.
	minPartLen = 5
)

// expand returns the terms word w matches. The rules, in Meilisearch's
// order of preference:
//
//  1. the word itself, in any spelling (exact);
//  2. if it is the last word being typed, every term it is a prefix of;
//  3. terms with the same stem ("lageret" and "lagere" for "lager");
//  4. terms that start with the word, its stem or its bare form (without
//     a definite ending), from minHeadLen letters (compounds and
//     inflections: "lager" and "lageret" → "lagerarbejde");
//  5. terms, or stems of terms, that the word starts with, from minPartLen
//     letters, and the inflections of such terms ("lagerarbejde" → "lager",
//     "lageret"), at the cost of one typo (not for synonyms);
//  6. terms within the typo budget, if typos are allowed.
//
// Numbers match only by rules 1 and 2.
func (s *store) expand(w wordSpec) []termHit {
	hits := map[uint32]termHit{}
	add := func(id uint32, typos uint8, exact, strict bool) {
		if len(s.terms[id].postings) == 0 {
			return
		}
		h, ok := hits[id]
		if !ok {
			hits[id] = termHit{id: id, typos: typos, exact: exact, strict: strict}
			return
		}
		h.typos = min(h.typos, typos)
		h.exact = h.exact || exact
		h.strict = h.strict || strict
		hits[id] = h
	}
	text := w.text
	if id, ok := s.termIDs[text]; ok {
		add(id, 0, true, true)
	}
	if w.prefix {
		for _, id := range s.prefixRange(text) {
			add(id, 0, false, true)
		}
	}
	if allDigits(text) {
		return collect(hits)
	}
	st := stem(text)
	for _, key := range []string{st, text} {
		if len(key) >= minStem {
			for _, id := range s.stems[key] {
				add(id, 0, false, false)
			}
		}
	}
	for _, head := range []string{text, st, bare(text)} {
		if len(head) >= minHeadLen {
			for _, id := range s.prefixRange(head) {
				add(id, 0, false, false)
			}
		}
	}
	for n := len(text) - 1; w.parts && n >= minPartLen; n-- {
		part := text[:n]
		if id, ok := s.termIDs[part]; ok {
			add(id, 1, false, false)
			// The part is a word of its own: its inflections match too
			// ("lagerarbejde" → "lager" → "lageret").
			for _, id := range s.stems[stem(part)] {
				add(id, 1, false, false)
			}
		}
		for _, id := range s.stems[part] {
			add(id, 1, false, false)
		}
	}
	if k := typoBudget(w.runes); w.typos && k > 0 {
		s.typoScan(text, k, w.prefix, func(id uint32, d int) { add(id, uint8(d), false, false) })
	}
	return collect(hits)
}

// typoScan calls found for every term within k typos of q (of a prefix of
// the term, with prefix set).
func (s *store) typoScan(q string, k int, prefix bool, found func(id uint32, typos int)) {
	lq := len(q)
	for id := range s.terms {
		t := &s.terms[id]
		lt := len(t.text)
		if prefix {
			if lt < lq-k {
				continue
			}
		} else if lt < lq-k || lt > lq+k {
			continue
		}
		// A first-letter edit costs two typos, so with one typo allowed
		// the first letters must agree; checking that first skips most
		// of the vocabulary cheaply.
		if k < 2 && t.text[0] != q[0] {
			continue
		}
		if len(t.postings) == 0 {
			continue
		}
		if d := typos(q, t.text, k, prefix); d <= k && d > 0 {
			found(uint32(id), d)
		}
	}
}

func collect(m map[uint32]termHit) []termHit {
	out := make([]termHit, 0, len(m))
	for _, h := range m {
		out = append(out, h)
	}
	return out
}
