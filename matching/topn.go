package matching

import (
	"math"
	"slices"
)

// cand is a scored pair waiting in a top-N heap. Only numbers: the factor
// list with its Danish reasons is built for the winners alone.
type cand struct {
	score  float64
	recent int32 // load-spreading tie-break: fewer recent proposals first
	idx    int32 // position in the caller's slice or the index
	id     int64 // final tie-break, so equal inputs give equal output
}

// worse reports whether a ranks below b.
func worse(a, b cand) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	if a.recent != b.recent {
		return a.recent > b.recent
	}
	return a.id > b.id
}

// topHeap keeps the n best candidates in a min-heap whose root is the worst
// kept, so each offer costs O(1) when it cannot enter and O(log n) when it can.
type topHeap struct {
	n int
	h []cand
}

func newTopHeap(n int) topHeap { return topHeap{n: n, h: make([]cand, 0, n)} }

// floor is the score a new candidate must reach to have a chance.
func (t *topHeap) floor() float64 {
	if len(t.h) < t.n {
		return math.Inf(-1)
	}
	return t.h[0].score
}

func (t *topHeap) offer(c cand) {
	if len(t.h) < t.n {
		t.h = append(t.h, c)
		for i := len(t.h) - 1; i > 0; {
			p := (i - 1) / 2
			if !worse(t.h[i], t.h[p]) {
				break
			}
			t.h[i], t.h[p] = t.h[p], t.h[i]
			i = p
		}
		return
	}
	if !worse(t.h[0], c) {
		return
	}
	t.h[0] = c
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(t.h) && worse(t.h[l], t.h[m]) {
			m = l
		}
		if r < len(t.h) && worse(t.h[r], t.h[m]) {
			m = r
		}
		if m == i {
			break
		}
		t.h[i], t.h[m] = t.h[m], t.h[i]
		i = m
	}
}

// best returns the kept candidates, best first.
func (t *topHeap) best() []cand {
	out := slices.Clone(t.h)
	slices.SortFunc(out, func(a, b cand) int {
		switch {
		case worse(b, a):
			return -1
		case worse(a, b):
			return 1
		}
		return 0
	})
	return out
}

// consider offers one pair to th, doing as little as it can: a pair whose
// score ceiling is below the heap's floor is dropped before the rules run.
func (th *topHeap) consider(pr *pair, w *Weights, idx int32, recent int32, id int64) {
	floor := th.floor()
	if floor > 0 && pr.upperBound(w) < floor-1e-6 {
		return
	}
	if !pr.eligible() {
		return
	}
	s, ok := pr.score(w, floor)
	if !ok {
		return
	}
	th.offer(cand{score: s.total, recent: recent, idx: idx, id: id})
}

// TopN ranks the openings for one citizen: the n best eligible ones, best
// first, each with its factors. Near-equal scores are separated by the
// load-spreading penalty (Weights.LoadPenaltyPerProposal) and, when still
// equal, by fewer recent proposals, then by lower opening ID.
//
// It scans every opening. The service layer should keep an OpeningIndex
// per jobcentre and call its TopN, which skips far-away openings cheaply.
func TopN(c Citizen, openings []Opening, w Weights, p RuleParams, n int) []Proposal {
	if n <= 0 {
		return nil
	}
	cp := compile(p)
	var q citizenQ
	q.reset(&c, cp)
	th := newTopHeap(n)
	// One pair and one meta for the whole loop: the rules are called
	// through function values, so escape analysis moves whatever they see
	// to the heap; reusing them keeps that to one allocation per query.
	var m openingMeta
	pr := &pair{q: &q, m: &m, cp: cp}
	for i := range openings {
		m = makeMeta(&openings[i])
		pr.o, pr.distOK = &openings[i], 0
		th.consider(pr, &w, int32(i), m.recent, openings[i].ID)
	}
	best := th.best()
	out := make([]Proposal, len(best))
	for k, b := range best {
		m := makeMeta(&openings[b.idx])
		pr := pair{q: &q, o: &openings[b.idx], m: &m, cp: cp}
		out[k] = pr.proposal(&w, false)
	}
	return out
}

// proposal scores pr in full and formats it. forCitizen fills CitizenID
// (Candidates) rather than OpeningID (TopN).
func (pr *pair) proposal(w *Weights, forCitizen bool) Proposal {
	s, _ := pr.score(w, math.Inf(-1))
	p := Proposal{Score: s.total, Factors: pr.factors(&s)}
	if forCitizen {
		p.CitizenID = pr.q.c.ID
	} else {
		p.OpeningID = pr.o.ID
	}
	return p
}

// Excluded lists the openings the rules exclude for the citizen, each with
// every rule that excludes it, in the order of openings.
func Excluded(c Citizen, openings []Opening, p RuleParams) []Exclusion {
	cp := compile(p)
	var q citizenQ
	q.reset(&c, cp)
	var out []Exclusion
	var m openingMeta
	pr := &pair{q: &q, m: &m, cp: cp}
	for i := range openings {
		m = makeMeta(&openings[i])
		pr.o, pr.distOK = &openings[i], 0
		if ids := pr.excludedBy(nil); len(ids) > 0 {
			out = append(out, Exclusion{OpeningID: openings[i].ID, ExcludedBy: ids})
		}
	}
	return out
}

// Candidates ranks citizens for one opening (omvendt jobformidling): the n
// best eligible citizens, best first, ties to the lower citizen ID. The
// caller passes only citizens the user may see (own jobcentre; consent for
// employers); matching does not filter on consent.
func Candidates(o Opening, citizens []Citizen, w Weights, p RuleParams, n int) []Proposal {
	if n <= 0 {
		return nil
	}
	cp := compile(p)
	m := makeMeta(&o)
	th := newTopHeap(n)
	// One citizenQ, reset per citizen: it holds the goal-word arrays, and
	// reusing it keeps the loop free of allocation and large zeroing.
	var q citizenQ
	pr := pair{q: &q, o: &o, m: &m, cp: cp}
	for i := range citizens {
		q.reset(&citizens[i], cp)
		pr.distOK = 0
		th.consider(&pr, &w, int32(i), 0, citizens[i].ID)
	}
	best := th.best()
	out := make([]Proposal, len(best))
	for k, b := range best {
		q.reset(&citizens[b.idx], cp)
		pr.distOK = 0
		out[k] = pr.proposal(&w, true)
	}
	return out
}

// ExcludedCandidates lists the citizens the rules exclude for the opening,
// each with every excluding rule, in the order of citizens.
func ExcludedCandidates(o Opening, citizens []Citizen, p RuleParams) []Exclusion {
	cp := compile(p)
	m := makeMeta(&o)
	var q citizenQ
	pr := pair{q: &q, o: &o, m: &m, cp: cp}
	var out []Exclusion
	for i := range citizens {
		q.reset(&citizens[i], cp)
		pr.distOK = 0
		if ids := pr.excludedBy(nil); len(ids) > 0 {
			out = append(out, Exclusion{CitizenID: citizens[i].ID, ExcludedBy: ids})
		}
	}
	return out
}

// Evaluate explains one pair in full: the excluding rules (if any) and the
// score it has or would have had.
func Evaluate(c Citizen, o Opening, w Weights, p RuleParams) Evaluation {
	cp := compile(p)
	var q citizenQ
	q.reset(&c, cp)
	m := makeMeta(&o)
	pr := pair{q: &q, o: &o, m: &m, cp: cp}
	ex := pr.excludedBy([]RuleID{}) // [] rather than null in JSON
	s, _ := pr.score(&w, math.Inf(-1))
	return Evaluation{Eligible: len(ex) == 0, ExcludedBy: ex, Score: s.total, Factors: pr.factors(&s)}
}
