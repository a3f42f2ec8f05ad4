package search

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

//go:embed synonyms.txt
var synonymsFile string

// Synonyms maps an expression to the expressions it also finds, in the
// shape of Meilisearch's synonyms setting. Keys and values are lower case
// and trimmed; a value may have several words.
type Synonyms map[string][]string

// DefaultSynonyms returns the synonym list kept in the repository
// (search/synonyms.txt). It returns a new map on each call.
func DefaultSynonyms() Synonyms {
	s, err := ParseSynonyms(synonymsFile)
	if err != nil {
		// The file is embedded and checked by a test, so this is a
		// programming error caught before any release.
		panic(err)
	}
	return s
}

// ParseSynonyms reads the synonyms file format: one group per line, "a, b,
// c" for expressions that all find each other, "a => b, c" for a one-way
// rule, "#" starts a comment line.
func ParseSynonyms(text string) (Synonyms, error) {
	out := Synonyms{}
	add := func(from, to string) {
		if from != to && !slices.Contains(out[from], to) {
			out[from] = append(out[from], to)
		}
	}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if left, right, ok := strings.Cut(line, "=>"); ok {
			from := splitTerms(left)
			to := splitTerms(right)
			if len(from) == 0 || len(to) == 0 {
				return nil, fmt.Errorf("synonyms line %d: %q needs terms on both sides of =>", n+1, line)
			}
			for _, f := range from {
				for _, t := range to {
					add(f, t)
				}
			}
			continue
		}
		terms := splitTerms(line)
		if len(terms) < 2 {
			return nil, fmt.Errorf("synonyms line %d: %q needs at least two terms", n+1, line)
		}
		for _, f := range terms {
			for _, t := range terms {
				add(f, t)
			}
		}
	}
	return out, nil
}

func splitTerms(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		t = strings.Join(strings.Fields(strings.ToLower(t)), " ")
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}
