package memsearch

// Typo tolerance follows Meilisearch: the number of typos allowed depends on
// the length of the query word (0 below 5 characters, 1 from 5, 2 from 9),
// typos are Damerau-Levenshtein edits (a swap of two neighbours is one
// typo), and an edit of the first letter counts as two, because people
// rarely get the first letter wrong and a different first letter is usually
// a different word.
const (
	oneTypoLen  = 5
	twoTyposLen = 9
)

// typoBudget returns how many typos a query word of n characters may have.
func typoBudget(n int) int {
	switch {
	case n >= twoTyposLen:
		return 2
	case n >= oneTypoLen:
		return 1
	}
	return 0
}

// typos returns the number of typos between query word q and term t,
// counting a first-letter edit as two, or k+1 when it is more than k. With
// prefix set, t matches when a prefix of it is within k typos of q (the
// last word of a query is still being typed).
func typos(q, t string, k int, prefix bool) int {
	if q == "" || t == "" {
		return k + 1
	}
	extra := 0
	if q[0] != t[0] {
		extra = 1
	}
	if k-extra < 0 {
		return k + 1
	}
	d := editDistance(q, t, k, prefix) + extra
	if d > k {
		return k + 1
	}
	return d
}

// editDistance is the optimal-string-alignment distance between a and b,
// or k+1 as soon as it must exceed k. With prefix set it is the distance
// between a and the closest prefix of b. It works on bytes; words are
// folded to ASCII almost always, and maxTermLen bounds them.
func editDistance(a, b string, k int, prefix bool) int {
	la, lb := len(a), len(b)
	if prefix {
		if lb > la+k {
			lb = la + k
			b = b[:lb]
		}
		if lb < la-k {
			return k + 1
		}
	} else if la-lb > k || lb-la > k {
		return k + 1
	}
	if la > maxTermLen || lb > maxTermLen {
		return k + 1
	}
	var rows [3][maxTermLen + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j-1] + cost
			if x := prev[j] + 1; x < v {
				v = x
			}
			if x := cur[j-1] + 1; x < v {
				v = x
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				if x := prev2[j-2] + 1; x < v {
					v = x
				}
			}
			cur[j] = v
			if v < rowMin {
				rowMin = v
			}
		}
		if rowMin > k {
			return k + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	// prev now holds the last row.
	if !prefix {
		return min(prev[lb], k+1)
	}
	best := k + 1
	for j := 0; j <= lb; j++ {
		if prev[j] < best {
			best = prev[j]
		}
	}
	return best
}
