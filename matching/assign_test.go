package matching

import (
	"math"
	"math/rand/v2"
	"testing"
)

// smallRegion keeps everyone within commuting distance, so the rules that
// bite are the interesting ones (groups, hours, seats, language).
var smallRegion = region{56.00, 56.08, 12.50, 12.62}

// bruteAssign tries every assignment of the small instance, with scores
// from Evaluate and eligibility from Check: an oracle independent of the
// index, the edge building and the flow.
func bruteAssign(cs []Citizen, os []Opening, w Weights, p RuleParams) int64 {
	pts := make([][]int64, len(cs))
	for i := range cs {
		pts[i] = make([]int64, len(os))
		for j := range os {
			if len(Check(cs[i], os[j], p)) == 0 {
				pts[i][j] = int64(math.Round(Evaluate(cs[i], os[j], w, p).Score * 100))
			}
		}
	}
	left := make([]int, len(os))
	for j := range os {
		left[j] = max(0, os[j].SeatsFree)
	}
	var best int64
	var rec func(i int, sum int64)
	rec = func(i int, sum int64) {
		if i == len(cs) {
			best = max(best, sum)
			return
		}
		rec(i+1, sum)
		for j := range os {
			if pts[i][j] > 0 && left[j] > 0 {
				left[j]--
				rec(i+1, sum+pts[i][j])
				left[j]++
			}
		}
	}
	rec(0, 0)
	return best
}

// checkAssignment verifies the invariants every assignment must keep.
func checkAssignment(t *testing.T, a Assignment, cs []Citizen, os []Opening, w Weights, p RuleParams) {
	t.Helper()
	byC := map[int64]Citizen{}
	for _, c := range cs {
		byC[c.ID] = c
	}
	byO := map[int64]Opening{}
	for _, o := range os {
		byO[o.ID] = o
	}
	taken := map[int64]int{}
	seen := map[int64]bool{}
	sum := 0.0
	for _, pr := range a.Pairs {
		if seen[pr.CitizenID] {
			t.Fatalf("citizen %d assigned twice", pr.CitizenID)
		}
		seen[pr.CitizenID] = true
		c, o := byC[pr.CitizenID], byO[pr.OpeningID]
		if ex := Check(c, o, p); len(ex) > 0 {
			t.Fatalf("ineligible pair %d→%d (%v) assigned", c.ID, o.ID, ex)
		}
		if ev := Evaluate(c, o, w, p); math.Abs(ev.Score-pr.Score) > 1e-9 || pr.Score <= 0 {
			t.Fatalf("pair %d→%d score %v, Evaluate says %v", c.ID, o.ID, pr.Score, ev.Score)
		}
		taken[o.ID]++
		if taken[o.ID] > o.SeatsFree {
			t.Fatalf("opening %d over its %d seats", o.ID, o.SeatsFree)
		}
		sum += pr.Score
	}
	if math.Abs(sum-a.Objective) > 1e-6 {
		t.Fatalf("objective %v, pairs sum to %v", a.Objective, sum)
	}
	for _, u := range a.Unassigned {
		if seen[u.CitizenID] {
			t.Fatalf("citizen %d both assigned and unassigned", u.CitizenID)
		}
		seen[u.CitizenID] = true
		anyEligible := false
		for _, o := range os {
			if len(Check(byC[u.CitizenID], o, p)) == 0 && Evaluate(byC[u.CitizenID], o, w, p).Score > 0 {
				anyEligible = true
			}
		}
		if want := map[bool]string{true: UnassignedSeatsTaken, false: UnassignedNoEligible}[anyEligible]; u.Code != want || u.Reason == "" {
			t.Fatalf("citizen %d unassigned with %q (%q), want %q", u.CitizenID, u.Code, u.Reason, want)
		}
	}
	if len(seen) != len(byC) {
		t.Fatalf("%d citizens accounted for, want %d", len(seen), len(byC))
	}
}

func TestAssignProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 11))
	w, p := DefaultWeights(), testParams()
	better := 0
	for it := 0; it < 1500; it++ {
		nc, no := 1+r.IntN(6), 1+r.IntN(4)
		cs := make([]Citizen, nc)
		for i := range cs {
			cs[i] = randCitizen(r, int64(i+1), smallRegion, 15)
		}
		os := make([]Opening, no)
		for j := range os {
			os[j] = randOpening(r, int64(100+j), smallRegion, r.IntN(3))
		}
		a := Assign(cs, os, w, p)
		checkAssignment(t, a, cs, os, w, p)
		g := Greedy(cs, os, w, p)
		checkAssignment(t, g, cs, os, w, p)
		if a.Objective < g.Objective-1e-9 {
			t.Fatalf("instance %d: Assign %v below Greedy %v", it, a.Objective, g.Objective)
		}
		if a.Objective > g.Objective+1e-9 {
			better++
		}
		if want := bruteAssign(cs, os, w, p); int64(math.Round(a.Objective*100)) != want {
			t.Fatalf("instance %d: Assign objective %v, brute force %v", it, a.Objective, float64(want)/100)
		}
	}
	t.Logf("Assign beat Greedy in %d of 1500 small instances", better)
}

// Medium instances: the invariants hold and the index-based edge building
// misses nothing compared with checking every pair.
func TestAssignMedium(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	w, p := DefaultWeights(), testParams()
	for it := 0; it < 5; it++ {
		cs := make([]Citizen, 150)
		for i := range cs {
			cs[i] = randCitizen(r, int64(i+1), northZealand, 15)
		}
		os := make([]Opening, 60)
		for j := range os {
			os[j] = randOpening(r, int64(1000+j), northZealand, r.IntN(4))
		}
		a := Assign(cs, os, w, p)
		checkAssignment(t, a, cs, os, w, p)
		pb := buildProblem(cs, os, w, p)
		edges := 0
		for i := range cs {
			for j := range os {
				if len(Check(cs[i], os[j], p)) == 0 && Evaluate(cs[i], os[j], w, p).Score > 0 {
					edges++
				}
			}
		}
		if len(pb.g.col) != edges {
			t.Fatalf("edge building found %d pairs, all-pairs check %d", len(pb.g.col), edges)
		}
		if g := Greedy(cs, os, w, p); a.Objective < g.Objective {
			t.Fatalf("Assign %v below Greedy %v", a.Objective, g.Objective)
		}
	}
}

func TestAssignDuplicatesAndEmpty(t *testing.T) {
	w, p := DefaultWeights(), testParams()
	c, o := baseCitizen(), baseOpening()
	o.SeatsFree = 1
	a := Assign([]Citizen{c, c}, []Opening{o, o}, w, p)
	if len(a.Pairs) != 1 || len(a.Unassigned) != 0 {
		t.Fatalf("duplicates not ignored: %+v", a)
	}
	a = Assign(nil, nil, w, p)
	if a.Pairs == nil || a.Unassigned == nil || a.Objective != 0 {
		t.Fatalf("empty batch should give empty lists, got %+v", a)
	}
	// A citizen with nothing eligible says so.
	c2 := baseCitizen()
	c2.ID = 2
	c2.TargetGroup = "ukendt"
	a = Assign([]Citizen{c, c2}, []Opening{o}, w, p)
	if len(a.Unassigned) != 1 || a.Unassigned[0].CitizenID != 2 || a.Unassigned[0].Code != UnassignedNoEligible {
		t.Fatalf("got %+v", a)
	}
}
