package matching

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Title overlap compares the words of a citizen's goal title with an
// opening's title without allocating: words are lower-cased and hashed
// rune by rune as the title is read.
//
// Danish builds job titles as compounds ("lagermedarbejder",
// "butiksassistent"), so a goal word also matches a title word it is a
// prefix of ("lager" ~ "lagerchef") and vice versa ("plejehjem" ~ "pleje"),
// when the shorter one has at least minPrefixRunes letters.

const (
	maxGoalWords    = 8
	maxGoalPrefixes = 96
	minWordRunes    = 3 // shorter words are noise ("i", "og")
	minPrefixRunes  = 4
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// goalWords is a tokenised goal title.
type goalWords struct {
	n        int
	full     [maxGoalWords]uint64 // hash of each goal word
	np       int
	pre      [maxGoalPrefixes]uint64 // proper prefixes of goal words, ≥ minPrefixRunes runes
	preOwner [maxGoalPrefixes]uint8  // which goal word each prefix belongs to
}

func foldRune(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		return rune(c), 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.ToLower(r), size
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// set tokenises a goal title, dropping stop words and repeats.
func (g *goalWords) set(title string) {
	*g = goalWords{}
	var buf [64]byte // the lower-cased word, for the stop-word test
	var pre [64]uint64
	h, k, nb := uint64(fnvOffset), 0, 0
	flush := func() {
		if k >= minWordRunes && g.n < maxGoalWords && nb <= len(buf) && !isStopword(buf[:nb]) {
			for j := 0; j < g.n; j++ {
				if g.full[j] == h {
					return
				}
			}
			for j := minPrefixRunes; j < k && j <= len(pre) && g.np < maxGoalPrefixes; j++ {
				g.pre[g.np] = pre[j-1]
				g.preOwner[g.np] = uint8(g.n)
				g.np++
			}
			g.full[g.n] = h
			g.n++
		}
	}
	for i := 0; i < len(title); {
		r, size := foldRune(title, i)
		i += size
		if isWordRune(r) {
			h = (h ^ uint64(r)) * fnvPrime
			if k < len(pre) {
				pre[k] = h
			}
			k++
			if nb+utf8.RuneLen(r) <= len(buf) {
				nb += utf8.EncodeRune(buf[nb:], r)
			} else {
				nb = len(buf) + 1 // too long to be a stop word
			}
			continue
		}
		flush()
		h, k, nb = fnvOffset, 0, 0
	}
	flush()
}

// match returns a bit per goal word found in title.
func (g *goalWords) match(title string) uint8 {
	if g.n == 0 {
		return 0
	}
	var mask uint8
	h, k := uint64(fnvOffset), 0
	end := func() {
		switch {
		case k >= minPrefixRunes:
			// The title word may be a prefix of a longer goal word.
			for j := 0; j < g.np; j++ {
				if g.pre[j] == h {
					mask |= 1 << g.preOwner[j]
				}
			}
		case k >= minWordRunes:
			for j := 0; j < g.n; j++ {
				if g.full[j] == h {
					mask |= 1 << j
				}
			}
		}
	}
	for i := 0; i < len(title); {
		r, size := foldRune(title, i)
		i += size
		if isWordRune(r) {
			h = (h ^ uint64(r)) * fnvPrime
			k++
			if k >= minPrefixRunes {
				// A goal word equal to the title word so far: equal words
				// and goal words that prefix the title word.
				for j := 0; j < g.n; j++ {
					if g.full[j] == h {
						mask |= 1 << j
					}
				}
			}
			continue
		}
		end()
		h, k = fnvOffset, 0
	}
	end()
	return mask
}

// overlap is the share of goal words found in title, 0..1.
func (g *goalWords) overlap(title string) float64 {
	if g.n == 0 {
		return 0
	}
	return float64(bits.OnesCount8(g.match(title))) / float64(g.n)
}

// isStopword lists words that say nothing about the job: Danish function
// words and generic job-title words that would otherwise make every
// "…medarbejder" look like every other.
func isStopword(w []byte) bool {
	switch string(w) {
	case "og", "til", "med", "for", "den", "det", "der", "som", "hos", "ved", "fra",
		"eller", "inden", "under", "over", "efter", "samt", "alle", "nye", "ny",
		"medarbejder", "medarbejdere", "assistent", "hjælper", "medhjælper",
		"job", "jobs", "stilling", "arbejde", "praktik", "praktikant",
		"elev", "fleksjob", "løntilskud", "timer", "deltid", "fuldtid", "småjob",
		"and", "the", "with":
		return true
	}
	return false
}
