package matching

import (
	"cmp"
	"slices"
)

// bgraph is a bipartite graph of rows (citizens) and columns (openings)
// with positive integer edge weights, in compressed sparse row form. int32
// everywhere: 5,000 × 50 edges take 2 MB, not 10.
type bgraph struct {
	rowStart []int32 // edges of row r are rowStart[r]..rowStart[r+1]
	col      []int32 // edge → column
	w        []int32 // edge → weight, > 0
	cap      []int32 // column → seats
}

func (g *bgraph) rows() int { return len(g.rowStart) - 1 }

// solve finds a maximum-weight b-matching: each row gets at most one edge,
// each column at most cap edges, and the total weight is as large as
// possible. It returns the chosen edge per row (-1 for none) and the total.
//
// Method: min-cost flow by successive shortest paths with potentials, one
// row at a time (the Hungarian method for rectangular problems). The flow
// network is rows → columns (cost M−w) → sink (cap seats, cost 0), plus a
// bypass from each row straight to the sink at cost M, which stands for
// "unassigned". Every row then carries one unit, and the cost,
// rows·M − Σ w(chosen), is least exactly when the chosen weight is most. The
// bypass is what makes this a maximum-weight matching rather than a
// maximum-cardinality one: a row is only assigned when that pays.
//
// Row r is added by a Dijkstra search from r in the residual graph under
// reduced costs c(u,v) + π(u) − π(v) ≥ 0, stopped as soon as the sink is
// settled at distance D. Settled nodes get π += d − D and the rest keep
// theirs, which keeps every reduced cost non-negative (min(d,D) is a
// feasible potential) while touching only the explored nodes. Before the
// search π(r) is set so r's own edges have non-negative reduced cost; no
// residual edge enters r yet. Each stage leaves an optimal flow for the
// rows added so far, so the final one is optimal: exact, in integers.
//
// A search only explores nodes closer than the sink, which with free seats
// nearby is a handful; the worst case is O(E log V) per row.
func (g *bgraph) solve() (match []int32, total int64) {
	nr, nc := g.rows(), len(g.cap)
	sink := int32(nr + nc)
	nn := nr + nc + 1

	var bigM int64 = 1
	for _, w := range g.w {
		bigM = max(bigM, int64(w))
	}

	// A column never holds more rows than have an edge to it, so slots are
	// bounded by min(cap, in-degree) and stay small for generous caps.
	indeg := make([]int32, nc)
	for _, c := range g.col {
		indeg[c]++
	}
	slotStart := make([]int32, nc+1)
	for j := 0; j < nc; j++ {
		slotStart[j+1] = slotStart[j] + max(0, min(g.cap[j], indeg[j]))
	}
	slots := make([]int32, slotStart[nc]) // rows assigned to each column
	used := make([]int32, nc)
	slotPos := make([]int32, nr) // where a row sits in its column's slots

	match = make([]int32, nr)
	for i := range match {
		match[i] = -1
	}
	pi := make([]int64, nn)
	dist := make([]int64, nn)
	seen := make([]int32, nn) // stamp: dist valid in this search
	done := make([]int32, nn) // stamp: settled in this search
	parent := make([]int32, nn)
	pedge := make([]int32, nn)
	var h distHeap
	var settled []int32

	for r := 0; r < nr; r++ {
		lo, hi := g.rowStart[r], g.rowStart[r+1]
		if lo == hi {
			continue
		}
		stamp := int32(r + 1)
		ru := int32(r)

		// π(r) makes r's edges (and its bypass) non-negative.
		p := pi[sink] - bigM
		for e := lo; e < hi; e++ {
			p = max(p, pi[int32(nr)+g.col[e]]-(bigM-int64(g.w[e])))
		}
		pi[r] = p

		relax := func(v int32, nd int64, u, e int32) {
			if seen[v] != stamp || nd < dist[v] {
				seen[v], dist[v], parent[v], pedge[v] = stamp, nd, u, e
				h.push(nd, v)
			}
		}
		h.reset()
		settled = settled[:0]
		seen[ru], dist[ru] = stamp, 0
		h.push(0, ru)
		for h.len() > 0 {
			d, u := h.pop()
			if done[u] == stamp || d > dist[u] {
				continue
			}
			done[u] = stamp
			if u == sink {
				break
			}
			settled = append(settled, u)
			if u < int32(nr) { // a row: forward edges and the bypass
				for e := g.rowStart[u]; e < g.rowStart[u+1]; e++ {
					if e == match[u] {
						continue // saturated
					}
					v := int32(nr) + g.col[e]
					relax(v, d+bigM-int64(g.w[e])+pi[u]-pi[v], u, e)
				}
				relax(sink, d+bigM+pi[u]-pi[sink], u, -1)
				continue
			}
			// A column: a free seat, or push one of its rows elsewhere.
			j := u - int32(nr)
			if used[j] < slotStart[j+1]-slotStart[j] {
				relax(sink, d+pi[u]-pi[sink], u, -1)
			}
			for s := slotStart[j]; s < slotStart[j]+used[j]; s++ {
				i := slots[s]
				e := match[i]
				relax(i, d-(bigM-int64(g.w[e]))+pi[u]-pi[i], u, e)
			}
		}
		dD := dist[sink]
		for _, v := range settled {
			pi[v] += dist[v] - dD
		}

		// Augment along the path, from the sink back to r. Each row on it
		// moves to the column after it (or to the bypass); each column
		// keeps its count except the last, which fills a free seat.
		var j, pos int32
		if u := parent[sink]; u < int32(nr) {
			if u == ru {
				continue // r stays unassigned
			}
			pos = slotPos[u]
			match[u] = -1
			j = parent[u] - int32(nr)
		} else {
			j = u - int32(nr)
			pos = slotStart[j] + used[j]
			used[j]++
		}
		for {
			node := int32(nr) + j
			i, e := parent[node], pedge[node]
			old := slotPos[i]
			slots[pos], slotPos[i], match[i] = i, pos, e
			if i == ru {
				break
			}
			j, pos = parent[i]-int32(nr), old
		}
	}
	for _, e := range match {
		if e >= 0 {
			total += int64(g.w[e])
		}
	}
	return match, total
}

// greedy is the baseline: edges by falling weight, taken while the row is
// free and the column has a seat. It is a ½-approximation for b-matching.
func (g *bgraph) greedy() (match []int32, total int64) {
	nr := g.rows()
	edgeRow := make([]int32, len(g.col))
	for r := 0; r < nr; r++ {
		for e := g.rowStart[r]; e < g.rowStart[r+1]; e++ {
			edgeRow[e] = int32(r)
		}
	}
	order := make([]int32, len(g.col))
	for e := range order {
		order[e] = int32(e)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(g.w[b], g.w[a]) })
	match = make([]int32, nr)
	for i := range match {
		match[i] = -1
	}
	left := slices.Clone(g.cap)
	for _, e := range order {
		r, c := edgeRow[e], g.col[e]
		if match[r] < 0 && left[c] > 0 {
			match[r] = e
			left[c]--
			total += int64(g.w[e])
		}
	}
	return match, total
}

// distHeap is a binary min-heap of (distance, node) with lazy deletion.
type distHeap struct {
	d []int64
	v []int32
}

func (h *distHeap) reset()   { h.d, h.v = h.d[:0], h.v[:0] }
func (h *distHeap) len() int { return len(h.d) }

func (h *distHeap) push(d int64, v int32) {
	h.d, h.v = append(h.d, d), append(h.v, v)
	for i := len(h.d) - 1; i > 0; {
		p := (i - 1) / 2
		if h.d[p] <= h.d[i] {
			break
		}
		h.d[p], h.d[i] = h.d[i], h.d[p]
		h.v[p], h.v[i] = h.v[i], h.v[p]
		i = p
	}
}

func (h *distHeap) pop() (int64, int32) {
	d, v := h.d[0], h.v[0]
	n := len(h.d) - 1
	h.d[0], h.v[0] = h.d[n], h.v[n]
	h.d, h.v = h.d[:n], h.v[:n]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < n && h.d[l] < h.d[m] {
			m = l
		}
		if r < n && h.d[r] < h.d[m] {
			m = r
		}
		if m == i {
			break
		}
		h.d[m], h.d[i] = h.d[i], h.d[m]
		h.v[m], h.v[i] = h.v[i], h.v[m]
		i = m
	}
	return d, v
}
