package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"placering/models"
)

// Benchmarks. Run bounded, e.g.
//
//	go test -run '^$' -bench . -benchtime=200x ./matching
//
// TopN and Candidates report p50/p99 of per-query wall time as metrics, and
// p50/p99 of per-query CPU time of the benchmark's thread (cpu-p99-ms),
// which a busy machine does not inflate; Assign reports its wall and CPU
// time per batch and its objective against Greedy's.

// denmark spreads openings over the whole country's box; dense puts them
// all in North Zealand, where a 10–30 km commute reaches a large share of
// them: the pre-filter's worst case.
var denmark = region{models.MinLat, models.MaxLat, models.MinLon, models.MaxLon}

func benchOpenings(n int, g region, seed uint64) []Opening {
	r := rand.New(rand.NewPCG(seed, 1))
	os := make([]Opening, n)
	for i := range os {
		os[i] = randOpening(r, int64(i+1), g, 1+r.IntN(9))
		os[i].Status = models.StatusOpen // "open openings"
	}
	return os
}

func benchCitizens(n int, g region, commuteKm float64, seed uint64) []Citizen {
	r := rand.New(rand.NewPCG(seed, 2))
	cs := make([]Citizen, n)
	for i := range cs {
		cs[i] = randCitizen(r, int64(i+1), g, commuteKm)
	}
	return cs
}

// callTimes records the wall and CPU time of individual calls, so that a
// benchmark can report percentiles rather than a mean.
type callTimes struct {
	wall, cpu []time.Duration
	cpuOK     bool
}

// start locks the goroutine to its OS thread (the CPU clock is per thread)
// and returns the function that undoes it.
func (ct *callTimes) start(n int) func() {
	runtime.LockOSThread()
	ct.wall, ct.cpu = make([]time.Duration, 0, n), make([]time.Duration, 0, n)
	_, ct.cpuOK = threadCPU()
	return runtime.UnlockOSThread
}

// time runs f once and records how long it took.
func (ct *callTimes) time(f func()) {
	c0, _ := threadCPU()
	t0 := time.Now()
	f()
	ct.wall = append(ct.wall, time.Since(t0))
	c1, _ := threadCPU()
	ct.cpu = append(ct.cpu, c1-c0)
}

// report adds p50, p99 and max of the wall times and p50 and p99 of the
// CPU times (the work itself, without waiting for a core).
func (ct *callTimes) report(b *testing.B) {
	reportLatency(b, "", ct.wall)
	if ct.cpuOK {
		reportLatency(b, "cpu-", ct.cpu)
	}
}

func reportLatency(b *testing.B, prefix string, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	q := func(p float64) float64 {
		return float64(d[min(len(d)-1, int(math.Ceil(p*float64(len(d))))-1)].Microseconds()) / 1000
	}
	b.ReportMetric(q(0.50), prefix+"p50-ms")
	b.ReportMetric(q(0.99), prefix+"p99-ms")
	if prefix == "" {
		b.ReportMetric(float64(d[len(d)-1].Microseconds())/1000, "max-ms")
	}
}

func BenchmarkTopN(b *testing.B) {
	w, p := DefaultWeights(), testParams()
	for _, spread := range []struct {
		name string
		g    region
	}{{"dense", northZealand}, {"denmark", denmark}} {
		for _, n := range []int{50_000, 100_000, 200_000} {
			os := benchOpenings(n, spread.g, 1)
			cs := benchCitizens(1000, spread.g, 20, 2)
			ix := NewOpeningIndex(os)
			b.Run(fmt.Sprintf("%s/openings=%d", spread.name, n), func(b *testing.B) {
				var ct callTimes
				defer ct.start(b.N)()
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					var got []Proposal
					ct.time(func() { got = ix.TopN(cs[i%len(cs)], w, p, 20) })
					if len(got) == 0 && spread.name == "dense" {
						b.Fatal("no proposals")
					}
				}
				b.StopTimer()
				ct.report(b)
			})
		}
	}
	// The same query without the index, scanning every opening.
	os := benchOpenings(100_000, northZealand, 1)
	cs := benchCitizens(1000, northZealand, 20, 2)
	b.Run("scan-dense/openings=100000", func(b *testing.B) {
		var ct callTimes
		defer ct.start(b.N)()
		for i := 0; i < b.N; i++ {
			ct.time(func() { TopN(cs[i%len(cs)], os, w, p, 20) })
		}
		ct.report(b)
	})
}

func BenchmarkIndexBuild(b *testing.B) {
	os := benchOpenings(100_000, denmark, 1)
	for i := 0; i < b.N; i++ {
		NewOpeningIndex(os)
	}
}

func BenchmarkCandidates(b *testing.B) {
	w, p := DefaultWeights(), testParams()
	for _, n := range []int{25_000, 50_000, 100_000} {
		cs := benchCitizens(n, northZealand, 20, 3)
		os := benchOpenings(1000, northZealand, 4)
		b.Run(fmt.Sprintf("citizens=%d", n), func(b *testing.B) {
			var ct callTimes
			defer ct.start(b.N)()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ct.time(func() { Candidates(os[i%len(os)], cs, w, p, 20) })
			}
			b.StopTimer()
			ct.report(b)
		})
	}
}

// assignInstance builds a batch of nc citizens and no openings with 5 seats
// per opening on average (exactly 5·no in total). The area grows with the
// batch, so density and the number of candidate openings per citizen
// (about 50) stay the same as the batch doubles.
func assignInstance(nc, no int) ([]Citizen, []Opening) {
	// 2,000 openings on 0.5° × 0.8° (about 55 × 50 km); scale the side.
	s := math.Sqrt(float64(no) / 2000)
	g := region{55.70, 55.70 + 0.5*s, 11.80, 11.80 + 0.8*s}
	r := rand.New(rand.NewPCG(uint64(nc), uint64(no)))
	os := make([]Opening, no)
	total := 0
	for j := range os {
		os[j] = randOpening(r, int64(j+1), g, 1+r.IntN(9))
		os[j].Status = models.StatusOpen
		total += os[j].SeatsFree
	}
	for total != 5*no { // make the total exact, keeping 1..9 per opening
		j := r.IntN(no)
		if total > 5*no && os[j].SeatsFree > 1 {
			os[j].SeatsFree--
			total--
		} else if total < 5*no && os[j].SeatsFree < 9 {
			os[j].SeatsFree++
			total++
		}
	}
	cs := make([]Citizen, nc)
	for i := range cs {
		cs[i] = randCitizen(r, int64(i+1), g, assignCommuteKm)
	}
	return cs, os
}

// assignCommuteKm gives about 50 eligible openings per citizen at the
// density above (checked and reported as edges/citizen).
const assignCommuteKm = 9

func BenchmarkAssign(b *testing.B) {
	w, p := DefaultWeights(), testParams()
	for _, sz := range []struct{ nc, no int }{{2500, 1000}, {5000, 2000}, {10000, 4000}} {
		cs, os := assignInstance(sz.nc, sz.no)
		b.Run(fmt.Sprintf("citizens=%d/openings=%d/seats=%d", sz.nc, sz.no, 5*sz.no), func(b *testing.B) {
			var a Assignment
			var build, solve time.Duration
			var ct callTimes
			defer ct.start(b.N)()
			for i := 0; i < b.N; i++ {
				ct.time(func() {
					t0 := time.Now()
					pb := buildProblem(cs, os, w, p)
					t1 := time.Now()
					match, total := pb.g.solve()
					t2 := time.Now()
					a = pb.result(match, total, func(int32) string { return "" })
					build += t1.Sub(t0)
					solve += t2.Sub(t1)
					if i == 0 {
						b.ReportMetric(float64(len(pb.g.col))/float64(len(cs)), "edges/citizen")
					}
				})
			}
			b.StopTimer()
			if ct.cpuOK {
				var cpu time.Duration
				for _, d := range ct.cpu {
					cpu += d
				}
				b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms")
			}
			g := Greedy(cs, os, w, p)
			b.ReportMetric(float64(build.Milliseconds())/float64(b.N), "build-ms")
			b.ReportMetric(float64(solve.Milliseconds())/float64(b.N), "solve-ms")
			b.ReportMetric(a.Objective, "objective")
			b.ReportMetric(g.Objective, "greedy")
			b.ReportMetric(100*(a.Objective-g.Objective)/g.Objective, "gain-%")
			b.ReportMetric(float64(len(a.Pairs)), "assigned")
			b.ReportMetric(float64(len(g.Pairs)), "greedy-assigned")
		})
	}
}
