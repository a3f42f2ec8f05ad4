package memsearch

import (
	"slices"
	"strings"
	"testing"

	"placering/search"
)

func TestTokenizeFolds(t *testing.T) {
	toks := tokenize("Rengøring, SOSU-hjælper & Århus Café Ærø", 0)
	var got []string
	for _, tk := range toks {
		got = append(got, strings.TrimRight(strings.Join(tk.forms[:], "|"), "|"))
	}
	want := []string{
		"rengoering|rengoring",
		"sosu",
		"hjaelper|hjalper|hjelper",
		"aarhus|arhus",
		"cafe",
		"aeroe|aro|ero",
	}
	if !slices.Equal(got, want) {
		t.Errorf("forms = %q\nwant   %q", got, want)
	}
	// Byte ranges point into the original text, for highlighting.
	if s := "Rengøring, SOSU"; s[toks[0].start:toks[0].end] != "Rengøring" {
		t.Errorf("range of first token = %d..%d", toks[0].start, toks[0].end)
	}
	if toks[0].runes != 9 {
		t.Errorf("runes = %d, want 9 (the typo budget counts characters as typed)", toks[0].runes)
	}
}

func TestTokenizeCombiningAccentAndLimits(t *testing.T) {
	// "é" written as e + combining acute accent folds like "é".
	if got := fold("cafe\u0301"); got != "cafe" {
		t.Errorf("fold(decomposed café) = %q", got)
	}
	long := strings.Repeat("ø", 40) // 80 bytes folded
	if got := fold(long); len(got) > maxTermLen || !strings.HasPrefix(got, "oeoe") {
		t.Errorf("long word folded to %d bytes: %q", len(got), got)
	}
	if n := len(tokenize("a b c d e", 3)); n != 3 {
		t.Errorf("tokenize with max 3 gave %d tokens", n)
	}
	if endsInWord("lager ") || !endsInWord("lag") || endsInWord("") {
		t.Error("endsInWord")
	}
}

func TestStem(t *testing.T) {
	for w, want := range map[string]string{
		"lager":     "lag",
		"lageret":   "lag",
		"lagere":    "lag",
		"butikken":  "butik",
		"hotellet":  "hotel",
		"pleje":     "plej",
		"hus":       "hus", // too short to touch
		"12345678":  "12345678",
		"rengoring": "rengoring",
	} {
		if got := stem(w); got != want {
			t.Errorf("stem(%q) = %q, want %q", w, got, want)
		}
	}
	for w, want := range map[string]string{
		"lageret":   "lager",
		"koekkenet": "koekken",
		"butikken":  "butik",
		"bagerne":   "bager",
		"lager":     "lager",
		"huset":     "huset", // "hus" is shorter than a head may be
	} {
		if got := bare(w); got != want {
			t.Errorf("bare(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestTypos(t *testing.T) {
	cases := []struct {
		q, t   string
		k      int
		prefix bool
		want   int
	}{
		{"restaurnt", "restaurant", 2, false, 1},
		{"restuarant", "restaurant", 2, false, 1}, // a swap is one typo
		{"servce", "service", 1, false, 1},
		{"vigiar", "vigier", 1, false, 1},
		{"vigile", "vigier", 1, false, 2},     // two edits: over budget
		{"caturday", "saturday", 1, false, 2}, // first letter costs two
		{"xestaurant", "restaurant", 2, false, 2},
		{"restaurn", "restaurant", 1, true, 1}, // a typo inside a prefix
		{"restaur", "restaurant", 1, false, 2}, // not a prefix match without prefix
		{"abc", "abc", 0, false, 0},
	}
	for _, c := range cases {
		if got := typos(c.q, c.t, c.k, c.prefix); got != c.want {
			t.Errorf("typos(%q, %q, %d, %v) = %d, want %d", c.q, c.t, c.k, c.prefix, got, c.want)
		}
	}
	for n, want := range map[int]int{1: 0, 4: 0, 5: 1, 8: 1, 9: 2, 20: 2} {
		if got := typoBudget(n); got != want {
			t.Errorf("typoBudget(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestPlan(t *testing.T) {
	syn := compileSynonyms(search.Synonyms{
		"sosu":                       {"social- og sundhedshjælper"},
		"social- og sundhedshjælper": {"sosu"},
		"køkken":                     {"kantine"},
	})
	for q, want := range map[string]string{
		"lager hill":  "(lager) AND (hill*)",
		"lager hill ": "(lager) AND (hill)",
		"sosu":        "(sosu* | social og sundhedshjaelper)",
		"social- og sundhedshjælper i helsingør": "(social og sundhedshjaelper | sosu) AND (i) AND (helsingoer*)",
		"kokken":   "(kokken* | kantine)", // ASCII spelling meets the synonym
		"12345678": "(12345678*)",
	} {
		if got := makePlan(q, syn).String(); got != want {
			t.Errorf("plan(%q) = %s, want %s", q, got, want)
		}
	}
	if makePlan(" ,- ", syn) != nil {
		t.Error("a query of separators should have no plan")
	}
	eleven := strings.Repeat("ord ", 11) + "sidste"
	p := makePlan(eleven, syn)
	if len(p.groups) != search.MaxQueryWords || p.groups[len(p.groups)-1].alts[0].words[0].prefix {
		t.Errorf("long query: %d groups, last prefix %v", len(p.groups), p.groups[len(p.groups)-1].alts[0].words[0].prefix)
	}
}

// TestCompanyNameTypoIsFieldRule shows why "vigiar" does not find VIGIER:
// the word does match the term with one typo, and only the field rule
// keeps it out of the company name. If it did not match at all, the
// contract case would prove nothing.
func TestCompanyNameTypoIsFieldRule(t *testing.T) {
	s := newStore()
	enc, err := encode([]search.Document{
		{"id": "1", "company_name": "VIGIER Service ApS", "title": "Vagt"},
		{"id": "2", "title": "Vigier i titlen"},
	})
	if err != nil {
		t.Fatal(err)
	}
	s.upsert(enc)
	hits := s.expand(wordSpec{text: "vigiar", runes: 6, typos: true})
	if len(hits) != 1 || s.terms[hits[0].id].text != "vigier" || hits[0].typos != 1 || hits[0].strict {
		t.Fatalf("expand(vigiar) = %+v", hits)
	}
	res := s.search(mustNormalize(t, search.Query{Q: "vigiar"}), makePlan("vigiar", compileSynonyms(nil)))
	if len(res.Hits) != 1 || res.Hits[0].ID() != "2" {
		t.Errorf("vigiar: hits %v, want only the title match 2", res.Hits)
	}
}

func mustNormalize(t *testing.T, q search.Query) search.Query {
	t.Helper()
	q, err := q.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	return q
}
