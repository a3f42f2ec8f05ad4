package memsearch

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTermLen caps a folded word in bytes. Longer words are cut, at index
// and at query time alike, so they still match each other; the cap keeps
// the edit-distance tables on the stack.
const maxTermLen = 48

// token is one word of a text: its byte range in the original text and its
// folded spellings.
type token struct {
	start, end int
	// forms[0] is the canonical fold: lower case, accents removed, æ→ae,
	// ø→oe, å→aa. forms[1] and forms[2] are the one-letter ASCII
	// spellings people type on keyboards without æøå (ø→o, å→a, and æ→a
	// or æ→e), or "" when the word has none of those letters. Documents
	// are indexed under every form, so "rengoring" and "rengoering" both
	// find "rengøring" as an exact match.
	forms [3]string
	runes int // length of the lower-cased word in characters
}

// tokenize splits text into words: runs of letters and digits. Everything
// else (spaces, punctuation, hyphens) separates words, so
// "social- og sundhedshjælper" is three words and "SOSU-hjælper" two.
func tokenize(text string, max int) []token { return tokenizeAppend(nil, text, max) }

// tokenizeAppend is tokenize appending to out, so that a caller can reuse
// one buffer for many texts.
func tokenizeAppend(out []token, text string, max int) []token {
	i := 0
	for i < len(text) && (max <= 0 || len(out) < max) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			i += size
		}
		out = append(out, foldWord(text[start:i], start, i))
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// foldWord folds one word (no separators inside) into its spellings.
func foldWord(w string, start, end int) token {
	t := token{start: start, end: end}
	if ascii(w) {
		t.forms[0] = clip(strings.ToLower(w))
		t.runes = len(w)
		return t
	}
	var long, shortA, shortE strings.Builder
	hasShort, hasAE := false, false
	for _, r := range w {
		t.runes++
		r = unicode.ToLower(r)
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent: drop it, as Meilisearch does
		}
		l, sa, se := foldRune(r)
		if sa != l {
			hasShort = true
		}
		if se != sa {
			hasAE = true
		}
		long.WriteString(l)
		shortA.WriteString(sa)
		shortE.WriteString(se)
	}
	t.forms[0] = clip(long.String())
	if hasShort {
		t.forms[1] = clip(shortA.String())
	}
	if hasAE {
		t.forms[2] = clip(shortE.String())
	}
	return t
}

// foldRune maps a lower-case letter to its canonical fold and its two
// one-letter ASCII spellings.
func foldRune(r rune) (long, shortA, shortE string) {
	switch r {
	case 'æ':
		return "ae", "a", "e"
	case 'ø', 'ö', 'œ':
		return "oe", "o", "o"
	case 'å':
		return "aa", "a", "a"
	case 'ä':
		return "ae", "a", "a"
	case 'ü':
		return "ue", "u", "u"
	case 'ß':
		return "ss", "ss", "ss"
	case 'é', 'è', 'ê', 'ë':
		return "e", "e", "e"
	case 'á', 'à', 'â', 'ã':
		return "a", "a", "a"
	case 'í', 'ì', 'î', 'ï':
		return "i", "i", "i"
	case 'ó', 'ò', 'ô', 'õ':
		return "o", "o", "o"
	case 'ú', 'ù', 'û':
		return "u", "u", "u"
	case 'ý', 'ÿ':
		return "y", "y", "y"
	case 'ç':
		return "c", "c", "c"
	case 'ñ':
		return "n", "n", "n"
	}
	s := string(r)
	return s, s, s
}

// fold returns the canonical fold of a single word.
func fold(w string) string { return foldWord(w, 0, len(w)).forms[0] }

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func clip(s string) string {
	if len(s) <= maxTermLen {
		return s
	}
	i := maxTermLen
	for i > 0 && !utf8.RuneStart(s[i]) {
		i-- // back off to a rune boundary
	}
	return s[:i]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// endsInWord reports whether text ends inside a word, which makes its last
// word a prefix still being typed.
func endsInWord(text string) bool {
	r, _ := utf8.DecodeLastRuneInString(text)
	return r != utf8.RuneError && isWordRune(r)
}
