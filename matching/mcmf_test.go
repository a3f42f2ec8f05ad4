package matching

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randGraph makes a random bipartite graph with weights in 1..maxW.
func randGraph(r *rand.Rand, rows, cols, maxCap int, density float64, maxW int32) bgraph {
	g := bgraph{rowStart: []int32{0}, cap: make([]int32, cols)}
	for j := range g.cap {
		g.cap[j] = int32(r.IntN(maxCap + 1))
	}
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			if r.Float64() < density {
				g.col = append(g.col, int32(j))
				g.w = append(g.w, 1+r.Int32N(maxW))
			}
		}
		g.rowStart = append(g.rowStart, int32(len(g.col)))
	}
	return g
}

// bruteForce tries every choice of one edge or none per row.
func bruteForce(g *bgraph) int64 {
	left := slices.Clone(g.cap)
	var best int64
	var rec func(r int, sum int64)
	rec = func(r int, sum int64) {
		if r == g.rows() {
			best = max(best, sum)
			return
		}
		rec(r+1, sum)
		for e := g.rowStart[r]; e < g.rowStart[r+1]; e++ {
			if c := g.col[e]; left[c] > 0 {
				left[c]--
				rec(r+1, sum+int64(g.w[e]))
				left[c]++
			}
		}
	}
	rec(0, 0)
	return best
}

// checkMatching verifies a matching's feasibility and its reported total.
func checkMatching(t *testing.T, g *bgraph, match []int32, total int64) {
	t.Helper()
	if len(match) != g.rows() {
		t.Fatalf("match has %d rows, want %d", len(match), g.rows())
	}
	used := make([]int32, len(g.cap))
	var sum int64
	for r, e := range match {
		if e < 0 {
			continue
		}
		if e < g.rowStart[r] || e >= g.rowStart[r+1] {
			t.Fatalf("row %d matched to edge %d of another row", r, e)
		}
		used[g.col[e]]++
		sum += int64(g.w[e])
	}
	for j, u := range used {
		if u > g.cap[j] {
			t.Fatalf("column %d holds %d > cap %d", j, u, g.cap[j])
		}
	}
	if sum != total {
		t.Fatalf("reported total %d, edges sum to %d", total, sum)
	}
}

func TestSolveMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(42, 7))
	greedyWorse := 0
	for it := 0; it < 3000; it++ {
		rows, cols := 1+r.IntN(7), 1+r.IntN(5)
		g := randGraph(r, rows, cols, 1+r.IntN(3), 0.2+0.8*r.Float64(), []int32{3, 20, 10000}[r.IntN(3)])
		match, total := g.solve()
		checkMatching(t, &g, match, total)
		if want := bruteForce(&g); total != want {
			t.Fatalf("instance %d: solve = %d, brute force = %d\n%+v", it, total, want, g)
		}
		gm, gt := g.greedy()
		checkMatching(t, &g, gm, gt)
		if gt > total || 2*gt < total {
			t.Fatalf("instance %d: greedy %d vs optimum %d breaks ½ ≤ greedy/opt ≤ 1", it, gt, total)
		}
		if gt < total {
			greedyWorse++
		}
	}
	// The instances must be hard enough to tell an exact method from greedy.
	if greedyWorse < 100 {
		t.Fatalf("greedy was suboptimal in only %d instances; the test is too easy", greedyWorse)
	}
	t.Logf("greedy suboptimal in %d of 3000 instances", greedyWorse)
}

// Greedy is not optimal: a classic instance where taking the heaviest
// edge first blocks two others.
func TestSolveBeatsGreedy(t *testing.T) {
	// Row 0: col 0 (10), col 1 (9). Row 1: col 0 (9). One seat each.
	g := bgraph{rowStart: []int32{0, 2, 3}, col: []int32{0, 1, 0}, w: []int32{10, 9, 9}, cap: []int32{1, 1}}
	_, gt := g.greedy()
	m, total := g.solve()
	if gt != 10 {
		t.Fatalf("greedy = %d, want 10", gt)
	}
	if total != 18 || m[0] != 1 || m[1] != 2 {
		t.Fatalf("solve = %d %v, want 18 with row 0 → col 1, row 1 → col 0", total, m)
	}
}

// Larger random instances: feasibility, optimality against greedy, and
// agreement with itself under row order (the optimum is unique in value).
func TestSolveLargerInstances(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for it := 0; it < 30; it++ {
		g := randGraph(r, 200+r.IntN(200), 50+r.IntN(50), 4, 0.05+0.1*r.Float64(), 10000)
		m, total := g.solve()
		checkMatching(t, &g, m, total)
		_, gt := g.greedy()
		if total < gt {
			t.Fatalf("solve %d below greedy %d", total, gt)
		}
		// Reverse the rows: same optimum.
		rev := bgraph{rowStart: []int32{0}, cap: g.cap}
		for i := g.rows() - 1; i >= 0; i-- {
			rev.col = append(rev.col, g.col[g.rowStart[i]:g.rowStart[i+1]]...)
			rev.w = append(rev.w, g.w[g.rowStart[i]:g.rowStart[i+1]]...)
			rev.rowStart = append(rev.rowStart, int32(len(rev.col)))
		}
		if _, t2 := rev.solve(); t2 != total {
			t.Fatalf("row order changed the optimum: %d vs %d", total, t2)
		}
	}
}

func TestSolveEmpty(t *testing.T) {
	g := bgraph{rowStart: []int32{0, 0, 0}, cap: []int32{3}}
	m, total := g.solve()
	if total != 0 || m[0] != -1 || m[1] != -1 {
		t.Fatalf("got %v %d", m, total)
	}
	g = bgraph{rowStart: []int32{0}}
	if m, total := g.solve(); len(m) != 0 || total != 0 {
		t.Fatalf("got %v %d", m, total)
	}
}
