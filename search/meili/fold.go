package meili

import (
	"slices"
	"strings"
	"unicode"
)

// Hidden searchable fields with the ASCII spellings of the words that have
// æ, ø or å (and ä, ö, ü). Meilisearch normalizes "æ" to "ae" and "å" to
// "a" but leaves "ø" alone, so without these "oresund" would not find
// "Øresund" in the company name, where typos are off, and "bog" would not
// find "bøg", too short for a typo. The embedded engine indexes the same
// spellings (memsearch/text.go); here they go into extra fields, one with
// typo tolerance like the text fields and one without like the exact
// fields. They are listed last in searchableAttributes, so a match there
// ranks below one in the field itself, and are removed from hits.
const (
	fieldFoldedText  = "folded_text"
	fieldFoldedExact = "folded_exact"
)

// foldLetter gives a lower-case letter's long spelling (ø → oe) and its two
// one-letter spellings (ø → o; æ → a or e), as memsearch folds them.
func foldLetter(r rune) (long, shortA, shortE string, ok bool) {
	switch r {
	case 'æ':
		return "ae", "a", "e", true
	case 'ø', 'ö':
		return "oe", "o", "o", true
	case 'å':
		return "aa", "a", "a", true
	case 'ä':
		return "ae", "a", "a", true
	case 'ü':
		return "ue", "u", "u", true
	}
	return "", "", "", false
}

// spellings returns the ASCII spellings of s (lower-cased), or nil when s
// has no letter to fold.
func spellings(s string) []string {
	s = strings.ToLower(s)
	if !strings.ContainsAny(s, "æøåäöü") {
		return nil
	}
	var long, shortA, shortE strings.Builder
	for _, r := range s {
		l, a, e, ok := foldLetter(r)
		if !ok {
			long.WriteRune(r)
			shortA.WriteRune(r)
			shortE.WriteRune(r)
			continue
		}
		long.WriteString(l)
		shortA.WriteString(a)
		shortE.WriteString(e)
	}
	out := []string{long.String()}
	for _, v := range []string{shortA.String(), shortE.String()} {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// foldedWords returns the ASCII spellings of the words of texts that have
// foldable letters, space-separated, or "" when there are none.
func foldedWords(texts ...string) string {
	var out []string
	for _, text := range texts {
		words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		for _, w := range words {
			for _, v := range spellings(w) {
				if !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
		}
	}
	return strings.Join(out, " ")
}
