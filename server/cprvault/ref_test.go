package cprvault

import (
	"bytes"
	"strings"
	"testing"
)

// TestCandidateRef: stable for a pair, different for another opening or
// another citizen, different under another key, and free of the ids.
func TestCandidateRef(t *testing.T) {
	v, _ := New(bytes.Repeat([]byte{1}, KeySize))
	w, _ := New(bytes.Repeat([]byte{2}, KeySize))
	a := v.CandidateRef(17, 4242)
	if a != v.CandidateRef(17, 4242) || len(a) != 27 || !strings.HasPrefix(a, "k") || strings.ToLower(a) != a {
		t.Fatalf("reference %q not stable or not in its form", a)
	}
	for _, other := range []string{v.CandidateRef(18, 4242), v.CandidateRef(17, 4243), v.CandidateRef(174, 242), w.CandidateRef(17, 4242)} {
		if other == a {
			t.Fatalf("two different pairs or keys give the same reference %q", a)
		}
	}
	if strings.Contains(a, "4242") || strings.Contains(a, "17") {
		t.Fatalf("reference %q shows an id", a)
	}
}
