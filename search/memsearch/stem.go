package memsearch

import "strings"

// inflections are Danish noun and verb endings, longest first: definite
// forms (-en, -et, -eret), plurals (-er, -e, -ene, -erne) and their
// genitives. Stripping one of them is a light stemmer in the spirit of the
// Snowball Danish stemmer's first step, enough to make "lageret",
// "lagere" and "lager" meet. Matching also uses prefixes (see match.go),
// which covers compounds and what this stemmer gets wrong.
var inflections = []string{
	"erets", "ernes", "erens",
	"eret", "erne", "enes", "eren",
	"ene", "ens", "ere", "ers", "ets",
	"er", "et", "en", "es",
	"e",
}

// minStemInput is the shortest word the stemmer touches; shorter words are
// too often whole words that merely end like an inflection ("hus", "bus").
const (
	minStemInput = 5
	minStem      = 3
)

// stem returns w (a folded word) without its inflection ending, with a
// doubled final consonant undoubled ("butikken" → "butik", "hotellet" →
// "hotel"). Numbers and short words are returned unchanged.
func stem(w string) string {
	if len(w) < minStemInput || allDigits(w) {
		return w
	}
	for _, suf := range inflections {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= minStem {
			s := w[:len(w)-len(suf)]
			if n := len(s); n > minStem && s[n-1] == s[n-2] && isConsonant(s[n-1]) {
				s = s[:n-1]
			}
			return s
		}
	}
	return w
}

func isConsonant(c byte) bool {
	if c < 'a' || c > 'z' {
		return false
	}
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return false
	}
	return true
}

// definiteEndings are the endings of the definite article, which Danish
// glues onto the noun: "lageret" (the warehouse), "køkkenet", "butikken",
// "bagerne". Without them a word is the bare noun, which also starts its
// compounds ("lager" → "lagerarbejde").
var definiteEndings = []string{"erne", "ene", "ets", "ens", "et", "en"}

// bare returns w without a definite ending, undoubling a final consonant
// ("butikken" → "butik"), or w when it has none or would become shorter
// than minHeadLen. "-erne" keeps its "er" ("bagerne" → "bager").
func bare(w string) string {
	if len(w) < minStemInput || allDigits(w) {
		return w
	}
	for _, suf := range definiteEndings {
		if !strings.HasSuffix(w, suf) {
			continue
		}
		s := w[:len(w)-len(suf)]
		if suf == "erne" {
			s += "er"
		}
		if n := len(s); n > minHeadLen && s[n-1] == s[n-2] && isConsonant(s[n-1]) {
			s = s[:n-1]
		}
		if len(s) >= minHeadLen {
			return s
		}
		return w
	}
	return w
}
