package memsearch

import (
	"slices"
	"strings"

	"placering/search"
)

// A query's text becomes a plan: a list of groups that must all match (the
// words typed, AND). A group is a list of alternatives of which one must
// match (OR): the word itself, or its synonyms. An alternative is one or
// more words that must all occur in the document ("social og
// sundhedshjaelper" as a synonym of "sosu").
type plan struct {
	groups []group
}

type group struct {
	alts []alternative
}

type alternative struct {
	words   []wordSpec
	synonym bool // ranks as non-exact
}

// wordSpec is one word to look up and how it may match.
type wordSpec struct {
	text   string // canonical fold
	runes  int    // length as typed, for the typo budget
	prefix bool   // last word still being typed: match as a prefix
	typos  bool   // typo tolerance applies (not for synonyms)
	// parts: the word may match documents with only its first part
	// (match.go rule 5). Not for synonyms: a curated synonym such as
	// "servicemedarbejder" should not widen to every "service".
	parts bool
}

// synonymSet is the synonym list compiled for matching query words.
type synonymSet struct {
	rules []synRule
}

type synRule struct {
	from []synWord
	to   [][]wordSpec
}

// synWord is a word of a synonym's left-hand side with every spelling a
// query word may match it by.
type synWord struct {
	forms []string
	stem  string
}

func compileSynonyms(syn search.Synonyms) *synonymSet {
	set := &synonymSet{}
	keys := make([]string, 0, len(syn))
	for k := range syn {
		keys = append(keys, k)
	}
	slices.Sort(keys) // a stable order makes plans reproducible
	for _, from := range keys {
		tos := syn[from]
		var r synRule
		for _, tok := range tokenize(from, 0) {
			w := synWord{stem: stem(tok.forms[0])}
			for _, f := range tok.forms {
				if f != "" {
					w.forms = append(w.forms, f)
				}
			}
			r.from = append(r.from, w)
		}
		if len(r.from) == 0 {
			continue
		}
		for _, to := range tos {
			var words []wordSpec
			for _, tok := range tokenize(to, 0) {
				words = append(words, wordSpec{text: tok.forms[0], runes: tok.runes})
			}
			if len(words) > 0 {
				r.to = append(r.to, words)
			}
		}
		if len(r.to) > 0 {
			set.rules = append(set.rules, r)
		}
	}
	return set
}

// matches reports whether the query words qs start with the rule's
// left-hand side.
func (r *synRule) matches(qs []token) bool {
	if len(qs) < len(r.from) {
		return false
	}
	for i, w := range r.from {
		q := qs[i].forms[0]
		ok := stem(q) == w.stem
		for _, f := range w.forms {
			ok = ok || f == q
		}
		if !ok {
			return false
		}
	}
	return true
}

// makePlan turns the query text into a plan; nil when it has no words.
func makePlan(text string, syn *synonymSet) *plan {
	toks := tokenize(text, search.MaxQueryWords)
	if len(toks) == 0 {
		return nil
	}
	lastIsPrefix := endsInWord(text) && len(tokenize(text, search.MaxQueryWords+1)) <= search.MaxQueryWords
	literal := func(i int) wordSpec {
		t := toks[i]
		return wordSpec{
			text:   t.forms[0],
			runes:  t.runes,
			prefix: lastIsPrefix && i == len(toks)-1,
			typos:  !allDigits(t.forms[0]),
			parts:  true,
		}
	}
	p := &plan{}
	for i := 0; i < len(toks); {
		// The longest synonym left-hand side that starts here wins.
		var best []*synRule
		n := 0
		for ri := range syn.rules {
			r := &syn.rules[ri]
			if r.matches(toks[i:]) {
				switch {
				case len(r.from) > n:
					best, n = []*synRule{r}, len(r.from)
				case len(r.from) == n:
					best = append(best, r)
				}
			}
		}
		if n == 0 {
			p.groups = append(p.groups, group{alts: []alternative{{words: []wordSpec{literal(i)}}}})
			i++
			continue
		}
		g := group{}
		lit := alternative{}
		for j := i; j < i+n; j++ {
			lit.words = append(lit.words, literal(j))
		}
		g.alts = append(g.alts, lit)
		for _, r := range best {
			for _, to := range r.to {
				g.alts = append(g.alts, alternative{words: to, synonym: true})
			}
		}
		p.groups = append(p.groups, g)
		i += n
	}
	return p
}

// String renders the plan for tests and debugging.
func (p *plan) String() string {
	var b strings.Builder
	for gi, g := range p.groups {
		if gi > 0 {
			b.WriteString(" AND ")
		}
		b.WriteString("(")
		for ai, a := range g.alts {
			if ai > 0 {
				b.WriteString(" | ")
			}
			for wi, w := range a.words {
				if wi > 0 {
					b.WriteString(" ")
				}
				b.WriteString(w.text)
				if w.prefix {
					b.WriteString("*")
				}
			}
		}
		b.WriteString(")")
	}
	return b.String()
}
