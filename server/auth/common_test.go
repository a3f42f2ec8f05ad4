package auth

import (
	"strings"
	"testing"
)

func TestCheckNewPassword(t *testing.T) {
	const email = "karen.hansen@jobcenter.dk"
	for _, pw := range []string{
		"password12", "aaaaaaaaaa", "1234567890", "qwertyuiop", "Password2024!", "ababababab",
		"abcdefghij", "9876543210", "karen.hansen@jobcenter.dk", "karen.hansen-1", "kort", strings.Repeat("x", 201),
	} {
		if err := CheckNewPassword(pw, email); err == nil {
			t.Errorf("%q accepted", pw)
		}
	}
	for _, pw := range []string{"hemmelig-kode-123", "Rødgrød med fløde 7", "korrekt hest batteri hæfteklamme"} {
		if err := CheckNewPassword(pw, email); err != nil {
			t.Errorf("%q refused: %v", pw, err)
		}
	}
	if len(common()) < 9000 {
		t.Fatalf("only %d common passwords loaded", len(common()))
	}
}
