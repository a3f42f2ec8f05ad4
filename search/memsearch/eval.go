package memsearch

import (
	"cmp"
	"math"
	"slices"

	"placering/models"
	"placering/search"
)

// A word's best match in a document is packed into a uint32 so that
// "better" is "smaller" and a whole query is a few array passes:
//
//	bits 20-21 typos, 17-19 field rank, 16 not exact, 0-15 position
//
// noMatch is larger than any packed score.
const (
	noMatch     = math.MaxUint32
	typoShift   = 20
	fieldShift  = 17
	inexactBit  = 1 << 16
	posMask     = 1<<16 - 1
	maxProx     = 8 // Meilisearch's cap on the distance between two words
	maxGroups   = search.MaxQueryWords
	missingSort = math.MaxInt64
)

func pack(typos uint8, field uint8, exact bool, pos uint16) uint32 {
	s := uint32(min(typos, 3))<<typoShift | uint32(field)<<fieldShift | uint32(pos)
	if !exact {
		s |= inexactBit
	}
	return s
}

func unpackTypos(s uint32) uint64 { return uint64(s>>typoShift) & 3 }
func unpackField(s uint32) uint64 { return uint64(s>>fieldShift) & 7 }
func unpackPos(s uint32) int      { return int(s & posMask) }

// scratch holds the per-query arrays, one entry per slot. They are pooled
// per store because allocating them for every query would dominate the
// cost of a small query on a large index.
type scratch struct {
	cand   bitset
	dist   []float64
	groups [][]uint32
	word   []uint32
	acc    []uint32
	hits   []match
}

type match struct {
	slot    uint32
	sortKey int64
	rank    uint64
}

func (s *store) getScratch() *scratch {
	n := len(s.cols)
	sc, _ := s.scratch.Get().(*scratch)
	if sc == nil || len(sc.dist) < n || len(sc.cand) < len(s.alive) {
		sc = &scratch{
			cand: make(bitset, len(s.alive)+1),
			dist: make([]float64, n+64),
			word: make([]uint32, n+64),
			acc:  make([]uint32, n+64),
		}
	}
	clear(sc.cand)
	return sc
}

func (sc *scratch) group(i, n int) []uint32 {
	for len(sc.groups) <= i {
		sc.groups = append(sc.groups, nil)
	}
	if len(sc.groups[i]) < n {
		sc.groups[i] = make([]uint32, len(sc.dist))
	}
	return sc.groups[i][:n]
}

// search runs a normalized query.
func (s *store) search(q search.Query, p *plan) search.Result {
	sc := s.getScratch()
	defer s.scratch.Put(sc)
	n := len(s.cols)
	res := search.Result{Page: q.Page, PerPage: q.PerPage, Facets: search.EmptyFacets(q.Facets), Hits: []search.Hit{}}

	// 1. Candidates: the live documents that pass the filters. With a
	// text query the filters are checked only on the documents that
	// match its first word, which is far fewer than all of them.
	f := s.compileFilter(q)
	if f.none {
		return res
	}
	copy(sc.cand, s.alive)
	passes := func(i uint32) bool { return f.match(&s.cols[i], &sc.dist[i]) }
	if p == nil && !f.empty {
		sc.cand.retain(passes)
	}

	// 2. Each group of query words narrows the candidates to the
	// documents it matches and records how well.
	var groups [][]uint32
	var hitSets []termSet
	if p != nil {
		for gi, g := range p.groups {
			best := sc.group(gi, n)
			fill(best, noMatch)
			for _, alt := range g.alts {
				set := s.evalAlternative(sc, alt, best)
				hitSets = append(hitSets, set)
			}
			if gi == 0 && !f.empty {
				sc.cand.retain(func(i uint32) bool { return best[i] != noMatch && passes(i) })
			} else {
				sc.cand.retain(func(i uint32) bool { return best[i] != noMatch })
			}
			groups = append(groups, best)
		}
	}

	// 3. Rank what is left.
	needDist := q.Near != nil && q.Sort == search.SortDistance
	hits := sc.hits[:0]
	sc.cand.each(func(slot uint32) {
		m := match{slot: slot, rank: rankKey(groups, slot)}
		c := &s.cols[slot]
		switch q.Sort {
		case search.SortStartDate:
			m.sortKey = missingSort
			if c.start != 0 {
				m.sortKey = int64(c.start)
			}
		case search.SortStartDateDesc:
			m.sortKey = missingSort
			if c.start != 0 {
				m.sortKey = -int64(c.start)
			}
		case search.SortDistance:
			m.sortKey = missingSort
			if c.hasGeo {
				d := sc.dist[slot]
				if q.RadiusKm == 0 && needDist {
					d = models.DistanceKm(q.Near.Lat, q.Near.Lon, c.lat, c.lon)
					sc.dist[slot] = d
				}
				m.sortKey = int64(d * 1e6) // millimetres keep ties rare
			}
		}
		hits = append(hits, m)
	})
	sc.hits = hits
	res.Total = len(hits)

	// 4. Facets count every match, not only the page.
	s.countFacets(q.Facets, hits, res.Facets)

	// 5. The page.
	from := min(q.Offset(), len(hits))
	to := min(from+q.PerPage, len(hits))
	if from == to {
		return res
	}
	topK(hits, to)
	hl := newHighlighter(s, hitSets)
	for _, m := range hits[from:to] {
		res.Hits = append(res.Hits, s.hit(m.slot, q, sc, hl))
	}
	return res
}

// evalAlternative merges the documents that match alt into best (keeping
// each document's better score) and returns the terms it matched, for
// highlighting.
func (s *store) evalAlternative(sc *scratch, alt alternative, best []uint32) termSet {
	set := termSet{}
	if len(alt.words) == 1 {
		hits := s.expand(alt.words[0])
		set.add(s, hits)
		s.fillWord(sc.cand, hits, alt.synonym, best)
		return set
	}
	// Several words (a multi-word synonym): all must occur. Intersect
	// word by word in acc, then merge acc into best.
	acc := sc.acc[:len(best)]
	word := sc.word[:len(best)]
	for wi, w := range alt.words {
		hits := s.expand(w)
		set.add(s, hits)
		if wi == 0 {
			fill(acc, noMatch)
			s.fillWord(sc.cand, hits, true, acc)
			continue
		}
		fill(word, noMatch)
		s.fillWord(sc.cand, hits, true, word)
		sc.cand.each(func(i uint32) {
			if acc[i] == noMatch {
				return
			}
			if word[i] == noMatch {
				acc[i] = noMatch
				return
			}
			// Sum the typos, keep the better field and the first position.
			t := min(unpackTypos(acc[i])+unpackTypos(word[i]), 3)
			acc[i] = pack(uint8(t), uint8(min(unpackField(acc[i]), unpackField(word[i]))), false, uint16(unpackPos(acc[i])))
		})
	}
	sc.cand.each(func(i uint32) {
		if acc[i] < best[i] {
			best[i] = acc[i]
		}
	})
	return set
}

// fillWord records in best, for every candidate document, the best match of
// any of the terms hits.
func (s *store) fillWord(cand bitset, hits []termHit, synonym bool, best []uint32) {
	for _, h := range hits {
		exact := h.exact && !synonym
		for _, p := range s.terms[h.id].postings {
			if !cand.has(p.slot) || exactField[p.field] && !h.strict {
				continue
			}
			if sc := pack(h.typos, p.field, exact, p.pos); sc < best[p.slot] {
				best[p.slot] = sc
			}
		}
	}
}

// rankKey orders matches like Meilisearch's ranking rules after "words"
// (every word must match here): fewer typos, then words closer together,
// then matches in more important fields, then more exact words, then
// earlier in the field.
func rankKey(groups [][]uint32, slot uint32) uint64 {
	if len(groups) == 0 {
		return 0
	}
	var typos, prox, attr, inexact uint64
	for gi, g := range groups {
		s := g[slot]
		typos += unpackTypos(s)
		attr += unpackField(s)
		if s&inexactBit != 0 {
			inexact++
		}
		if gi > 0 {
			prev := groups[gi-1][slot]
			d := maxProx
			if unpackField(prev) == unpackField(s) {
				d = unpackPos(s) - unpackPos(prev)
				if d < 0 {
					d = -d + 1 // words in the wrong order are a step further apart
				}
				d = min(d, maxProx)
			}
			prox += uint64(d)
		}
	}
	pos := uint64(unpackPos(groups[0][slot]))
	return typos<<56 | prox<<48 | attr<<40 | inexact<<32 | pos<<16
}

// topK sorts the first k matches into their final order: explicit sort,
// then relevance, then index order.
func topK(hits []match, k int) {
	less := func(a, b match) int {
		if c := cmp.Compare(a.sortKey, b.sortKey); c != 0 {
			return c
		}
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
			return c
		}
		return cmp.Compare(a.slot, b.slot)
	}
	if k >= len(hits)/4 {
		slices.SortFunc(hits, less)
		return
	}
	// Partial selection: keep the k best in a max-heap, so a first page
	// out of 100,000 matches costs n·log k, not n·log n.
	h := hits[:k]
	slices.SortFunc(h, func(a, b match) int { return less(b, a) }) // a valid max-heap
	for i := k; i < len(hits); i++ {
		if less(hits[i], h[0]) < 0 {
			h[0], hits[i] = hits[i], h[0]
			siftDown(h, less)
		}
	}
	slices.SortFunc(h, less)
}

func siftDown(h []match, less func(a, b match) int) {
	i := 0
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		big := l
		if r := l + 1; r < len(h) && less(h[r], h[l]) > 0 {
			big = r
		}
		if less(h[big], h[i]) <= 0 {
			return
		}
		h[i], h[big] = h[big], h[i]
		i = big
	}
}

// countFacets counts the values of the facet fields over all matches.
func (s *store) countFacets(fields []string, hits []match, out map[string]map[string]int) {
	for _, field := range fields {
		counts := make([]int, len(s.values))
		for _, m := range hits {
			c := &s.cols[m.slot]
			switch field {
			case search.FieldKind:
				counts[c.kind]++
			case search.FieldBranch:
				counts[c.branch]++
			case search.FieldStatus:
				counts[c.status]++
			case search.FieldTargetGroups:
				for _, t := range c.targets {
					counts[t]++
				}
			}
		}
		for id, n := range counts {
			if id != 0 && n > 0 {
				out[field][s.values[id]] = n
			}
		}
	}
}

// hit builds the result entry of the document at slot.
func (s *store) hit(slot uint32, q search.Query, sc *scratch, hl *highlighter) search.Hit {
	d := s.decode(slot)
	h := search.Hit{Document: d}
	if c := &s.cols[slot]; q.Near != nil && c.hasGeo {
		dist := sc.dist[slot]
		if q.RadiusKm == 0 && q.Sort != search.SortDistance {
			dist = models.DistanceKm(q.Near.Lat, q.Near.Lon, c.lat, c.lon)
		}
		h.DistanceKm = &dist
	}
	h.Formatted = hl.format(d)
	return h
}

func fill(a []uint32, v uint32) {
	for i := range a {
		a[i] = v
	}
}

// retain keeps in the set only the slots for which keep returns true.
func (b bitset) retain(keep func(uint32) bool) {
	b.each(func(i uint32) {
		if !keep(i) {
			b.clear(i)
		}
	})
}
