package models_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"placering/models"
)

// Fuzz tests for the parsers that take what a person typed. Run one with
// go test -run '^$' -fuzz '^FuzzCPR$' -fuzztime 10s ./models

func FuzzCVR(f *testing.F) {
	for _, s := range []string{"10150817", "24256790", "12345678", "0", "", "1015081７", "01508170", " 10150817"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !models.ValidCVR(s) {
			return
		}
		// Valid means eight ASCII digits, no leading zero, modulus 11.
		if len(s) != 8 || s[0] == '0' || strings.Trim(s, "0123456789") != "" {
			t.Fatalf("ValidCVR(%q) is true for a malformed number", s)
		}
		sum := 0
		for i, w := range []int{2, 7, 6, 5, 4, 3, 2, 1} {
			sum += int(s[i]-'0') * w
		}
		if sum%11 != 0 {
			t.Fatalf("ValidCVR(%q) is true but the weighted sum %d is not divisible by 11", s, sum)
		}
	})
}

func FuzzCPR(f *testing.F) {
	for _, s := range []string{"010190-1234", "0101901234", "310290-1234", "290200-4000", "290200-1000", " 150385-1234 ", "", "01019o-1234", "0101901234\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := models.NormalizeCPR(s)
		if n != "" {
			if len(n) != 10 || strings.Trim(n, "0123456789") != "" {
				t.Fatalf("NormalizeCPR(%q) = %q, not ten digits", s, n)
			}
			if models.NormalizeCPR(n) != n {
				t.Fatalf("NormalizeCPR is not idempotent on %q", n)
			}
			if dashed := n[:6] + "-" + n[6:]; models.NormalizeCPR(dashed) != n {
				t.Fatalf("NormalizeCPR(%q) != %q", dashed, n)
			}
		}
		birth, ok := models.CPRBirthDate(s)
		if ok != models.ValidCPR(s) {
			t.Fatalf("CPRBirthDate and ValidCPR disagree on %q", s)
		}
		if !ok {
			return
		}
		if n == "" {
			t.Fatalf("ValidCPR(%q) without a normal form", s)
		}
		// The date of birth is the first six digits, DDMMYY.
		if got := birth.Format("020106"); got != n[:6] {
			t.Fatalf("CPRBirthDate(%q) = %s, which is not %s", s, birth.Format("2006-01-02"), n[:6])
		}
		if birth.Year() < 1858 || birth.Year() > 2057 {
			t.Fatalf("CPRBirthDate(%q) = %d, outside the centuries CPR numbers encode", s, birth.Year())
		}
		masked := models.MaskCPR(n)
		if !strings.HasPrefix(masked, n[:6]+"-") || strings.ContainsAny(masked[7:], "0123456789") {
			t.Fatalf("MaskCPR(%q) = %q shows the last four digits", n, masked)
		}
	})
}

func FuzzParseISOWeek(f *testing.F) {
	for _, s := range []string{"2027-W03", "2026-W53", "2020-W53", "2027-W00", "1899-W01", "2027-w03", "2027-W3", "", "9999-W52"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := models.ParseISOWeek(s)
		if err != nil {
			return
		}
		// Round trip: the only accepted form is the one String writes.
		if w.String() != s {
			t.Fatalf("ParseISOWeek(%q) = %v, written %q", s, w, w.String())
		}
		if w.Week < 1 || w.Week > models.WeeksInYear(w.Year) {
			t.Fatalf("ParseISOWeek(%q): week %d does not exist in %d", s, w.Week, w.Year)
		}
		// Its Monday lies in the week, and the week of that Monday is w.
		if got := models.ISOWeekOf(w.Monday()); got != w {
			t.Fatalf("ISOWeekOf(%v.Monday()) = %v", w, got)
		}
		if got := models.ISOWeekOf(w.Sunday()); got != w {
			t.Fatalf("ISOWeekOf(%v.Sunday()) = %v", w, got)
		}
		b, err := w.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back models.ISOWeek
		if err := back.UnmarshalJSON(b); err != nil || back != w {
			t.Fatalf("JSON round trip of %v: %s → %v, %v", w, b, back, err)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2027-01-15", "2024-02-29", "2023-02-29", "", "15-01-2027", "0000-01-01", "9999-12-31", "2027-1-5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := models.ParseDate(s)
		if err != nil {
			return
		}
		if s == "" {
			if !d.IsZero() {
				t.Fatal("ParseDate(\"\") is not the zero date")
			}
			return
		}
		// A date that parses is set and lies in the service's years (the
		// fuzzer found 0001-01-01 parsing to the unset date before dates
		// had a range).
		if d.IsZero() || !models.InRange(d) {
			t.Fatalf("ParseDate(%q) = %v: unset or out of range", s, d)
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q) written back as %q", s, d.String())
		}
		back, err := models.ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("round trip of %q: %v, %v", s, back, err)
		}
		b, err := d.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var j models.Date
		if err := j.UnmarshalJSON(b); err != nil || j != d {
			t.Fatalf("JSON round trip of %q: %s → %v, %v", s, b, j, err)
		}
	})
}

// FuzzTextProblem holds the text check to its promise: accepted text is
// valid UTF-8 with no NUL, no control characters beyond line breaks and
// tabs in multi-line text, and something visible; the entities'
// validation agrees with it.
func FuzzTextProblem(f *testing.F) {
	for _, s := range []string{"Lone Berg", "", "\x00", "a\nb", "a\r\nb", "a\rb", "\u200b", "\u202e", " \u200b ", "\xff", "Søren Ærø", "e\u0301"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		if models.TextProblem(s, multiline) != "" {
			if !multiline && models.TextProblem(s, true) == "" && !strings.ContainsAny(s, "\n\t\r") {
				t.Fatalf("%q is refused on one line but not in multi-line text, without a line break or tab", s)
			}
			return
		}
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			t.Fatalf("TextProblem accepted %q", s)
		}
		visible := false
		for i, r := range s {
			if r < 0x20 || r >= 0x7f && r < 0xa0 {
				ok := multiline && (r == '\n' || r == '\t' || r == '\r' && i+1 < len(s) && s[i+1] == '\n')
				if !ok {
					t.Fatalf("TextProblem(%q, %v) accepted the control character %U", s, multiline, r)
				}
			}
			if !models.Invisible(r) {
				visible = true
			}
		}
		if s != "" && !visible {
			t.Fatalf("TextProblem accepted %q, which shows as nothing", s)
		}
		// The company's validation agrees on its name (a one-line field)
		// and its notes (multi-line).
		c := models.CompanyFields{CVR: "10150817", Name: "Navn", Branch: "butik_detail"}
		if multiline {
			c.Notes = s
		} else {
			c.Name = "Navn " + s
		}
		if utf8.RuneCountInString(c.Name) > models.MaxShortText || utf8.RuneCountInString(c.Notes) > models.MaxLongText {
			return
		}
		if errs := c.Validate(); errs.Has("notes") || errs.Has("name") {
			t.Fatalf("Validate refused %q that TextProblem accepts: %v", s, errs)
		}
	})
}
