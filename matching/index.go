package matching

import (
	"math"
	"slices"
	"sync"

	"placering/models"
)

// OpeningIndex is a set of openings prepared for many TopN queries: the
// per-opening data the rules read is derived once, and a uniform
// latitude/longitude grid finds the openings near a citizen without
// looking at the rest. The service layer keeps one per jobcentre and
// rebuilds it when openings change (about 30 ms for 100,000 openings).
//
// An index is immutable after NewOpeningIndex, so any number of goroutines
// may query it at once.
type OpeningIndex struct {
	// Openings sorted by grid cell, row by row, so a query walks contiguous
	// memory; openings without a location come last.
	openings []Opening
	meta     []openingMeta
	// cellStart[c] is the first located opening in cell c; len = cells+1.
	cellStart  []int32
	unlocated  int // openings[unlocated:] have no location
	lat0, lon0 float64
	dLat, dLon float64 // cell size in degrees
	rows, cols int
	// byCompany lists each company's positions, for IndexView. It is built
	// on the first view with virksomhedscentre: Assign's indexes never need it.
	byCompanyOnce sync.Once
	byCompany     map[int64][]int32
}

// Cells of 0.1° latitude by 0.16° longitude are about 11 × 10 km at
// Danish latitudes: a 30 km commute touches about 7 × 7 cells, and even
// Copenhagen's densest cells hold a few thousand openings at 100,000 total.
const (
	cellDegLat = 0.1
	cellDegLon = 0.16
	maxGridDim = 1024 // cap on rows and columns, against far-off typo coordinates
)

// NewOpeningIndex builds an index over a copy of openings.
func NewOpeningIndex(openings []Opening) *OpeningIndex {
	ix := &OpeningIndex{dLat: cellDegLat, dLon: cellDegLon}
	minLat, maxLat := math.Inf(1), math.Inf(-1)
	minLon, maxLon := math.Inf(1), math.Inf(-1)
	for i := range openings {
		if o := &openings[i]; located(o.Lat, o.Lon) {
			minLat, maxLat = math.Min(minLat, o.Lat), math.Max(maxLat, o.Lat)
			minLon, maxLon = math.Min(minLon, o.Lon), math.Max(maxLon, o.Lon)
		}
	}
	if minLat <= maxLat {
		ix.lat0, ix.lon0 = minLat, minLon
		ix.rows = int((maxLat-minLat)/ix.dLat) + 1
		ix.cols = int((maxLon-minLon)/ix.dLon) + 1
		if ix.rows > maxGridDim {
			ix.dLat = (maxLat - minLat) / (maxGridDim - 1)
			ix.rows = maxGridDim
		}
		if ix.cols > maxGridDim {
			ix.dLon = (maxLon - minLon) / (maxGridDim - 1)
			ix.cols = maxGridDim
		}
	}
	cells := ix.rows * ix.cols
	cellOf := make([]int32, len(openings))
	counts := make([]int32, cells+1)
	nLocated := 0
	for i := range openings {
		o := &openings[i]
		if !located(o.Lat, o.Lon) {
			cellOf[i] = -1
			continue
		}
		c := ix.cell(ix.row(o.Lat), ix.col(o.Lon))
		cellOf[i] = int32(c)
		counts[c+1]++
		nLocated++
	}
	for c := 1; c <= cells; c++ {
		counts[c] += counts[c-1]
	}
	ix.cellStart = slices.Clone(counts)
	ix.unlocated = nLocated
	ix.openings = make([]Opening, len(openings))
	ix.meta = make([]openingMeta, len(openings))
	next, tail := counts, nLocated
	for i := range openings {
		pos := tail
		if c := cellOf[i]; c >= 0 {
			pos = int(next[c])
			next[c]++
		} else {
			tail++
		}
		ix.openings[pos] = openings[i]
		ix.meta[pos] = makeMeta(&ix.openings[pos])
	}
	return ix
}

// companyPositions returns each company's positions in the index.
func (ix *OpeningIndex) companyPositions() map[int64][]int32 {
	ix.byCompanyOnce.Do(func() {
		ix.byCompany = make(map[int64][]int32)
		for i := range ix.openings {
			c := ix.openings[i].CompanyID
			ix.byCompany[c] = append(ix.byCompany[c], int32(i))
		}
	})
	return ix.byCompany
}

func (ix *OpeningIndex) row(lat float64) int {
	return max(0, min(ix.rows-1, int(math.Floor((lat-ix.lat0)/ix.dLat))))
}

func (ix *OpeningIndex) col(lon float64) int {
	return max(0, min(ix.cols-1, int(math.Floor((lon-ix.lon0)/ix.dLon))))
}

func (ix *OpeningIndex) cell(r, c int) int { return r*ix.cols + c }

// Len is the number of openings in the index.
func (ix *OpeningIndex) Len() int { return len(ix.openings) }

// span is a run of index positions [lo, hi).
type span struct{ lo, hi int32 }

// spans appends the runs of openings that may lie within b: one run per
// grid row the box touches, plus the openings without a location, which
// no distance can rule out.
func (ix *OpeningIndex) spans(b *box, dst []span) []span {
	if ix.rows > 0 && b.latHi >= ix.lat0 && b.lonHi >= ix.lon0 &&
		b.latLo <= ix.lat0+float64(ix.rows)*ix.dLat && b.lonLo <= ix.lon0+float64(ix.cols)*ix.dLon {
		r0, r1 := ix.row(b.latLo), ix.row(b.latHi)
		c0, c1 := ix.col(b.lonLo), ix.col(b.lonHi)
		for r := r0; r <= r1; r++ {
			lo, hi := ix.cellStart[ix.cell(r, c0)], ix.cellStart[ix.cell(r, c1)+1]
			if lo < hi {
				dst = append(dst, span{lo, hi})
			}
		}
	}
	if ix.unlocated < len(ix.openings) {
		dst = append(dst, span{int32(ix.unlocated), int32(len(ix.openings))})
	}
	return dst
}

// near returns the runs to scan for q: the grid around a located citizen,
// everything otherwise.
func (ix *OpeningIndex) near(q *citizenQ, dst []span) []span {
	if !q.located {
		return append(dst, span{0, int32(len(ix.openings))})
	}
	return ix.spans(q.reachBox(), dst)
}

// Within returns the IDs of the located openings within km (great-circle)
// of a point, for a service layer that wants the geo filter on its own.
func (ix *OpeningIndex) Within(lat, lon, km float64) []int64 {
	b := boxAround(lat, lon, km)
	var out []int64
	var buf [32]span
	for _, s := range ix.spans(&b, buf[:0]) {
		for i := s.lo; i < s.hi; i++ {
			m := &ix.meta[i]
			if m.flags&flagLocated != 0 && b.contains(m.lat, m.lon) &&
				models.DistanceKm(lat, lon, m.lat, m.lon) <= km {
				out = append(out, ix.openings[i].ID)
			}
		}
	}
	return out
}

// Virksomhedscentre are one jobcentre's valid virksomhedscentre: for
// each company, the target groups its virksomhedscenter takes. An virksomhedscenter is the
// jobcentre's own, so the same opening looks different to two jobcentres.
type Virksomhedscentre map[int64][]models.TargetGroup

// IndexView is an OpeningIndex as one jobcentre sees it: the openings at
// companies in its Virksomhedscentre carry those groups as their
// VirksomhedscenterTargetGroups, in the rules, the score and the reasons.
// Every other opening keeps its own. A view costs a bit per opening and a
// map entry per opening at an virksomhedscenter company, so the service layer can
// share one index between all jobcentres and make a view per request.
type IndexView struct {
	ix     *OpeningIndex
	bits   []uint64 // positions whose virksomhedscentre the view replaces
	masks  map[int32]uint8
	groups Virksomhedscentre
}

// View returns the index as a jobcentre with the given virksomhedscentre sees it.
// View(nil) is the index as it is.
func (ix *OpeningIndex) View(a Virksomhedscentre) *IndexView {
	v := &IndexView{ix: ix, groups: a}
	if len(a) == 0 {
		return v
	}
	byCompany := ix.companyPositions()
	for company, gs := range a {
		pos := byCompany[company]
		if len(pos) == 0 {
			continue
		}
		if v.bits == nil {
			v.bits = make([]uint64, (len(ix.openings)+63)/64)
			v.masks = map[int32]uint8{}
		}
		mask := groupMask(gs)
		for _, i := range pos {
			v.bits[i>>6] |= 1 << (uint(i) & 63)
			v.masks[i] = mask
		}
	}
	return v
}

// meta is the hot loops' view of position i; buf holds a changed copy.
func (v *IndexView) meta(i int32, buf *openingMeta) *openingMeta {
	m := &v.ix.meta[i]
	if v.bits != nil && v.bits[i>>6]&(1<<(uint(i)&63)) != 0 {
		*buf = *m
		buf.vcMask = v.masks[i]
		return buf
	}
	return m
}

// opening is position i as the view sees it, for formatting a winner.
func (v *IndexView) opening(i int32) *Opening {
	o := &v.ix.openings[i]
	if v.bits != nil && v.bits[i>>6]&(1<<(uint(i)&63)) != 0 {
		cp := *o
		cp.VirksomhedscenterTargetGroups = v.groups[o.CompanyID]
		return &cp
	}
	return o
}

// TopN is TopN over the index: the same ranking, but only the openings
// within the citizen's reach (and those without a location) are looked at.
func (ix *OpeningIndex) TopN(c Citizen, w Weights, p RuleParams, n int) []Proposal {
	return ix.View(nil).TopN(c, w, p, n)
}

// Excluded is Excluded over the index.
func (ix *OpeningIndex) Excluded(c Citizen, p RuleParams) []Exclusion {
	return ix.View(nil).Excluded(c, p)
}

// TopExcluded ranks the openings the rules exclude; see IndexView.TopExcluded.
func (ix *OpeningIndex) TopExcluded(c Citizen, w Weights, p RuleParams, n int) []Proposal {
	return ix.View(nil).TopExcluded(c, w, p, n)
}

// TopN ranks the openings for one citizen as TopN does, looking only at
// the openings within the citizen's reach (and those without a location).
func (v *IndexView) TopN(c Citizen, w Weights, p RuleParams, n int) []Proposal {
	if n <= 0 {
		return nil
	}
	ix := v.ix
	cp := compile(p)
	var q citizenQ
	q.reset(&c, cp)
	th := newTopHeap(n)
	var buf [32]span
	var mbuf openingMeta
	pr := &pair{q: &q, cp: cp} // reused: see TopN
	reach := q.reachBox()
	for _, s := range ix.near(&q, buf[:0]) {
		for i := s.lo; i < s.hi; i++ {
			m := &ix.meta[i]
			if q.located && m.flags&flagLocated != 0 && !reach.contains(m.lat, m.lon) {
				continue // the grid row spills over the box; no haversine needed
			}
			pr.o, pr.m, pr.distOK = &ix.openings[i], v.meta(i, &mbuf), 0
			th.consider(pr, &w, i, m.recent, ix.openings[i].ID)
		}
	}
	return v.proposals(&q, cp, &w, th.best(), false)
}

// proposals formats the winners of a search, with the excluding rules
// when withRules is set.
func (v *IndexView) proposals(q *citizenQ, cp *compiled, w *Weights, best []cand, withRules bool) []Proposal {
	out := make([]Proposal, len(best))
	for k, b := range best {
		var mbuf openingMeta
		pr := pair{q: q, o: v.opening(b.idx), m: v.meta(b.idx, &mbuf), cp: cp}
		out[k] = pr.proposal(w, false)
		if withRules {
			out[k].ExcludedBy = pr.excludedBy(nil)
		}
	}
	return out
}

// Excluded is Excluded over the view. It looks at every opening, since
// far-away ones are excluded too (by the commute rule).
func (v *IndexView) Excluded(c Citizen, p RuleParams) []Exclusion {
	ix := v.ix
	cp := compile(p)
	var q citizenQ
	q.reset(&c, cp)
	var out []Exclusion
	var mbuf openingMeta
	pr := &pair{q: &q, cp: cp}
	for i := range ix.openings {
		pr.o, pr.m, pr.distOK = &ix.openings[i], v.meta(int32(i), &mbuf), 0
		if ids := pr.excludedBy(nil); len(ids) > 0 {
			out = append(out, Exclusion{OpeningID: ix.openings[i].ID, ExcludedBy: ids})
		}
	}
	return out
}

// TopExcluded ranks the openings the rules exclude for the citizen by the
// score they would have had: the n best, best first, each with its factors
// and every excluding rule in ExcludedBy. It answers "what stands in the
// way of the most promising openings" (?include=excluded) without scoring
// every excluded opening in full: a pair whose score ceiling is below the
// n-th best so far is skipped before the rules run.
func (v *IndexView) TopExcluded(c Citizen, w Weights, p RuleParams, n int) []Proposal {
	if n <= 0 {
		return nil
	}
	ix := v.ix
	cp := compile(p)
	var q citizenQ
	q.reset(&c, cp)
	th := newTopHeap(n)
	var mbuf openingMeta
	pr := &pair{q: &q, cp: cp} // reused: see TopN
	for i := range ix.openings {
		pr.o, pr.m, pr.distOK = &ix.openings[i], v.meta(int32(i), &mbuf), 0
		floor := th.floor()
		if floor > 0 && pr.upperBound(&w) < floor-1e-6 {
			continue
		}
		if pr.eligible() {
			continue
		}
		if s, ok := pr.score(&w, floor); ok {
			th.offer(cand{score: s.total, recent: pr.m.recent, idx: int32(i), id: ix.openings[i].ID})
		}
	}
	return v.proposals(&q, cp, &w, th.best(), true)
}
