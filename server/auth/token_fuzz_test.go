package auth

import (
	"encoding/base64"
	"testing"
)

// FuzzValidToken: whatever a link's path carries, ValidToken never
// panics, accepts exactly the 43-character base64url strings (which decode
// to 32 bytes), and accepts every token NewToken makes.
func FuzzValidToken(f *testing.F) {
	tok, _, err := NewToken()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{tok, "", "5", "A", "%2e%2e%2f", "../../etc/passwd", tok + "=", tok[:42] + "+",
		tok[:42] + "/", tok[:42] + "\x00", tok[:41] + "æ", "ÆØÅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ok := ValidToken(s)
		if !ok {
			return
		}
		b, err := base64.RawURLEncoding.DecodeString(s)
		if len(s) != TokenLen || err != nil && len(b) == 0 {
			t.Fatalf("ValidToken(%q) = true, but it is no token (%v)", s, err)
		}
		if HashToken(s) == "" {
			t.Fatalf("no hash for %q", s)
		}
	})
}

func TestNewTokensAreValid(t *testing.T) {
	for range 100 {
		tok, _, err := NewToken()
		if err != nil || !ValidToken(tok) {
			t.Fatalf("NewToken made %q (%v), which ValidToken refuses", tok, err)
		}
	}
}
