package matching

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"placering/models"
)

// mixedOpenings spreads openings over North Zealand, a few across Denmark
// and a few without a location, so every branch of the index is used.
func mixedOpenings(r *rand.Rand, n int) []Opening {
	os := make([]Opening, n)
	for i := range os {
		g := northZealand
		if i%17 == 0 {
			g = region{models.MinLat, models.MaxLat, models.MinLon, models.MaxLon}
		}
		os[i] = randOpening(r, int64(i+1), g, 1+r.IntN(3))
		if i%23 == 0 {
			os[i].Lat, os[i].Lon = 0, 0
		}
	}
	return os
}

func TestIndexTopNEqualsScan(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	os := mixedOpenings(r, 4000)
	ix := NewOpeningIndex(os)
	if ix.Len() != len(os) {
		t.Fatalf("index holds %d of %d", ix.Len(), len(os))
	}
	w, p := DefaultWeights(), testParams()
	nonEmpty := 0
	for i := 0; i < 300; i++ {
		c := randCitizen(r, int64(i+1), northZealand, 15)
		if i%10 == 0 {
			c.Lat, c.Lon = 0, 0
		}
		if i%7 == 0 {
			c.MaxCommuteKm = 150 // crosses the grid's edge
		}
		n := 1 + r.IntN(25)
		want := TopN(c, os, w, p, n)
		got := ix.TopN(c, w, p, n)
		if !slices.EqualFunc(want, got, func(a, b Proposal) bool {
			return a.OpeningID == b.OpeningID && a.Score == b.Score && slices.Equal(a.Factors, b.Factors)
		}) {
			t.Fatalf("citizen %d: index TopN differs from scan\nscan  %v\nindex %v", c.ID, ids(want), ids(got))
		}
		if len(want) > 0 {
			nonEmpty++
		}
		for k, pr := range want {
			if k > 0 && pr.Score > want[k-1].Score {
				t.Fatalf("not sorted: %v", ids(want))
			}
			o := os[slices.IndexFunc(os, func(o Opening) bool { return o.ID == pr.OpeningID })]
			if ex := Check(c, o, p); len(ex) > 0 {
				t.Fatalf("TopN proposed ineligible opening %d: %v", o.ID, ex)
			}
		}
		if i%6 != 0 {
			continue // the oracle below is slow; a sample is enough
		}
		// The best eligible opening really is first.
		best := -1.0
		for _, o := range os {
			if len(Check(c, o, p)) == 0 {
				best = max(best, Evaluate(c, o, w, p).Score)
			}
		}
		if len(want) > 0 && want[0].Score != best {
			t.Fatalf("top score %v, best eligible %v", want[0].Score, best)
		}
		if len(want) == 0 && best >= 0 {
			t.Fatalf("nothing proposed, but an eligible opening scores %v", best)
		}
		if gotEx := ix.Excluded(c, p); len(gotEx) != len(Excluded(c, os, p)) {
			t.Fatalf("index Excluded %d, scan %d", len(gotEx), len(Excluded(c, os, p)))
		}
	}
	if nonEmpty < 200 {
		t.Fatalf("only %d of 300 citizens got proposals; the test data is too thin", nonEmpty)
	}
}

func ids(ps []Proposal) []int64 {
	out := make([]int64, len(ps))
	for i, p := range ps {
		out[i] = p.OpeningID + p.CitizenID
	}
	return out
}

func TestIndexWithin(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	os := mixedOpenings(r, 3000)
	ix := NewOpeningIndex(os)
	for i := 0; i < 200; i++ {
		lat, lon := northZealand.point(r)
		km := 1 + r.Float64()*60
		got := ix.Within(lat, lon, km)
		var want []int64
		for _, o := range os {
			if located(o.Lat, o.Lon) && models.DistanceKm(lat, lon, o.Lat, o.Lon) <= km {
				want = append(want, o.ID)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("Within(%v,%v,%v): %d ids, brute force %d", lat, lon, km, len(got), len(want))
		}
	}
	// Empty and all-unlocated indexes work.
	if got := NewOpeningIndex(nil).TopN(baseCitizen(), DefaultWeights(), testParams(), 5); len(got) != 0 {
		t.Fatalf("empty index proposed %v", got)
	}
	o := baseOpening()
	o.Lat, o.Lon = 0, 0
	if got := NewOpeningIndex([]Opening{o}).TopN(baseCitizen(), DefaultWeights(), testParams(), 5); len(got) != 1 {
		t.Fatalf("opening without a location should still be proposed: %v", got)
	}
}

func TestCandidates(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	w, p := DefaultWeights(), testParams()
	cs := make([]Citizen, 3000)
	for i := range cs {
		cs[i] = randCitizen(r, int64(i+1), northZealand, 20)
	}
	for k := 0; k < 40; k++ {
		o := randOpening(r, 1, northZealand, 2)
		got := Candidates(o, cs, w, p, 20)
		// Oracle: every eligible citizen's score, sorted.
		type sc struct {
			id    int64
			score float64
		}
		var all []sc
		for _, c := range cs {
			if len(Check(c, o, p)) == 0 {
				all = append(all, sc{c.ID, Evaluate(c, o, w, p).Score})
			}
		}
		slices.SortFunc(all, func(a, b sc) int {
			if a.score != b.score {
				if a.score > b.score {
					return -1
				}
				return 1
			}
			return int(a.id - b.id)
		})
		if len(got) != min(20, len(all)) {
			t.Fatalf("%d candidates, want %d", len(got), min(20, len(all)))
		}
		for i := range got {
			if got[i].CitizenID != all[i].id || got[i].Score != all[i].score || got[i].OpeningID != 0 {
				t.Fatalf("candidate %d: got %d (%v), want %d (%v)", i, got[i].CitizenID, got[i].Score, all[i].id, all[i].score)
			}
		}
		if ex := ExcludedCandidates(o, cs, p); len(ex)+len(all) != len(cs) {
			t.Fatalf("excluded %d + eligible %d != %d", len(ex), len(all), len(cs))
		}
	}
	// Reverse job brokering for fleksjob: only fleksjobvisiterede.
	o := baseOpening()
	o.Kind = models.KindFleksjob
	for _, pr := range Candidates(o, cs, w, p, 50) {
		if c := cs[pr.CitizenID-1]; c.TargetGroup != models.LedigFleksjobvisitert {
			t.Fatalf("fleksjob candidate %d is %s", c.ID, c.TargetGroup)
		}
	}
}

// The hot loops must not allocate per opening: the allocations of a query
// come from formatting its winners and stay the same as the index grows.
func TestTopNAllocationsDoNotGrow(t *testing.T) {
	w, p := DefaultWeights(), testParams()
	c := benchCitizens(1, northZealand, 20, 5)[0]
	c.Lat, c.Lon, c.MaxCommuteKm = 55.95, 12.4, 40
	allocs := func(n int) float64 {
		ix := NewOpeningIndex(benchOpenings(n, northZealand, 9))
		return testing.AllocsPerRun(20, func() { ix.TopN(c, w, p, 20) })
	}
	small, large := allocs(2000), allocs(40000)
	if large > small+10 {
		t.Fatalf("allocations grow with the index: %v at 2,000 openings, %v at 40,000", small, large)
	}
	cs := benchCitizens(20000, northZealand, 20, 6)
	o := benchOpenings(1, northZealand, 7)[0]
	a := testing.AllocsPerRun(5, func() { Candidates(o, cs[:2000], w, p, 20) })
	b := testing.AllocsPerRun(5, func() { Candidates(o, cs, w, p, 20) })
	if b > a+10 {
		t.Fatalf("Candidates allocations grow with the citizens: %v vs %v", a, b)
	}
}

// One index, many goroutines: run with -race.
func TestIndexConcurrentQueries(t *testing.T) {
	ix := NewOpeningIndex(benchOpenings(5000, northZealand, 3))
	cs := benchCitizens(64, northZealand, 20, 4)
	w, p := DefaultWeights(), testParams()
	want := make([][]Proposal, len(cs))
	for i, c := range cs {
		want[i] = ix.TopN(c, w, p, 10)
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			for i, c := range cs {
				got := ix.TopN(c, w, p, 10)
				if !slices.EqualFunc(got, want[i], func(a, b Proposal) bool { return a.OpeningID == b.OpeningID && a.Score == b.Score }) {
					done <- fmt.Errorf("citizen %d: concurrent result differs", c.ID)
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// TopExcluded returns exactly the n best excluded openings by would-be
// score, each with every excluding rule, as scoring all of them would.
func TestTopExcludedEqualsBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 12))
	os := mixedOpenings(r, 2000)
	ix := NewOpeningIndex(os)
	w, p := DefaultWeights(), testParams()
	byID := map[int64]Opening{}
	for _, o := range os {
		byID[o.ID] = o
	}
	for i := 0; i < 60; i++ {
		c := randCitizen(r, int64(i+1), northZealand, 15)
		n := 1 + r.IntN(30)
		type sc struct {
			id     int64
			score  float64
			recent int
		}
		var all []sc
		for _, e := range Excluded(c, os, p) {
			all = append(all, sc{e.OpeningID, Evaluate(c, byID[e.OpeningID], w, p).Score, byID[e.OpeningID].RecentProposals})
		}
		slices.SortFunc(all, func(a, b sc) int {
			switch {
			case a.score != b.score:
				if a.score > b.score {
					return -1
				}
				return 1
			case a.recent != b.recent:
				return a.recent - b.recent
			}
			return int(a.id - b.id)
		})
		got := ix.TopExcluded(c, w, p, n)
		if len(got) != min(n, len(all)) {
			t.Fatalf("citizen %d: %d excluded, want %d", c.ID, len(got), min(n, len(all)))
		}
		for k, g := range got {
			if g.OpeningID != all[k].id || g.Score != all[k].score {
				t.Fatalf("citizen %d, rank %d: got %d (%v), want %d (%v)", c.ID, k, g.OpeningID, g.Score, all[k].id, all[k].score)
			}
			if want := Check(c, byID[g.OpeningID], p); !slices.Equal(g.ExcludedBy, want) || len(want) == 0 {
				t.Fatalf("opening %d: excluded_by %v, Check says %v", g.OpeningID, g.ExcludedBy, want)
			}
		}
	}
}

// A view with a jobcentre's virksomhedscentre ranks exactly as the openings would
// with those virksomhedscentre written into them, and leaves the index as it was.
func TestIndexViewEqualsOpeningsWithVirksomhedscentre(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 21))
	os := mixedOpenings(r, 3000)
	for i := range os {
		os[i].VirksomhedscenterTargetGroups = nil
	}
	ix := NewOpeningIndex(os)
	w, p := DefaultWeights(), testParams()
	// Virksomhedscentre with a tenth of the companies, taking groups 2–4 or 1 and refugees.
	agr := Virksomhedscentre{}
	for _, o := range os {
		if o.CompanyID%10 == 3 {
			agr[o.CompanyID] = []models.TargetGroup{models.Gruppe2, models.Gruppe3, models.Gruppe4}
		}
		if o.CompanyID%10 == 7 {
			agr[o.CompanyID] = []models.TargetGroup{models.Gruppe1, models.Flygtning}
		}
	}
	withAgr := slices.Clone(os)
	for i := range withAgr {
		withAgr[i].VirksomhedscenterTargetGroups = agr[withAgr[i].CompanyID]
	}
	view := ix.View(agr)
	same := func(a, b []Proposal) bool {
		return slices.EqualFunc(a, b, func(x, y Proposal) bool {
			return x.OpeningID == y.OpeningID && x.Score == y.Score && slices.Equal(x.Factors, y.Factors) && slices.Equal(x.ExcludedBy, y.ExcludedBy)
		})
	}
	differs := 0
	for i := 0; i < 200; i++ {
		c := randCitizen(r, int64(i+1), northZealand, 15)
		want := TopN(c, withAgr, w, p, 15)
		if got := view.TopN(c, w, p, 15); !same(want, got) {
			t.Fatalf("citizen %d (%s): view differs from openings with virksomhedscentre\nwant %v\ngot  %v", c.ID, c.TargetGroup, ids(want), ids(got))
		}
		if !same(TopN(c, os, w, p, 15), ix.TopN(c, w, p, 15)) {
			t.Fatalf("citizen %d: a view changed the index", c.ID)
		}
		if !same(want, TopN(c, os, w, p, 15)) {
			differs++
		}
		if i%10 == 0 {
			wantEx := NewOpeningIndex(withAgr).TopExcluded(c, w, p, 10)
			if got := view.TopExcluded(c, w, p, 10); !same(wantEx, got) {
				t.Fatalf("citizen %d: TopExcluded of the view differs", c.ID)
			}
			if got, want := view.Excluded(c, p), Excluded(c, withAgr, p); len(got) != len(want) {
				t.Fatalf("citizen %d: view excludes %d, openings with virksomhedscentre %d", c.ID, len(got), len(want))
			}
		}
	}
	if differs < 20 {
		t.Fatalf("virksomhedscentre changed only %d of 200 rankings; the test proves little", differs)
	}
}

// Views made at once from many goroutines share the index safely: run
// with -race.
func TestIndexViewsConcurrently(t *testing.T) {
	os := benchOpenings(5000, northZealand, 5)
	ix := NewOpeningIndex(os)
	agr := Virksomhedscentre{}
	for _, o := range os[:300] {
		agr[o.CompanyID] = []models.TargetGroup{models.Gruppe4}
	}
	cs := benchCitizens(32, northZealand, 20, 6)
	w, p := DefaultWeights(), testParams()
	want := make([][]Proposal, len(cs))
	for i, c := range cs {
		want[i] = NewOpeningIndex(os).View(agr).TopN(c, w, p, 10)
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			for i, c := range cs {
				got := ix.View(agr).TopN(c, w, p, 10)
				if !slices.EqualFunc(got, want[i], func(a, b Proposal) bool { return a.OpeningID == b.OpeningID && a.Score == b.Score }) {
					done <- fmt.Errorf("citizen %d: concurrent view differs", c.ID)
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
