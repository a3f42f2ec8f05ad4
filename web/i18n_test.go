package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestEveryTrHasEnglish reads every template and fails for a text wrapped
// in tr that the English catalogue lacks, so an employer who chose English
// never meets a stray Danish sentence that was meant to be translated.
func TestEveryTrHasEnglish(t *testing.T) {
	lit := regexp.MustCompile(`\btr \$?\.Lang "((?:[^"\\]|\\.)*)"`)
	seen := 0
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := fs.ReadFile(templateFS, p)
		if err != nil {
			return err
		}
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			seen++
			if _, ok := english[m[1]]; !ok {
				t.Errorf("%s: %q has no English in web/i18n.go", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 5 {
		t.Fatalf("found only %d tr texts; the pattern no longer matches the templates", seen)
	}
}

func TestTranslate(t *testing.T) {
	if got := Translate(English, "Log ud"); got != "Log out" {
		t.Errorf("English: %q", got)
	}
	if got := Translate(Danish, "Log ud"); got != "Log ud" {
		t.Errorf("Danish: %q", got)
	}
	if got := Translate(English, "ukendt tekst"); got != "ukendt tekst" {
		t.Errorf("fallback: %q", got)
	}
	if LangOf("fr") != Danish || LangOf("en") != English {
		t.Error("LangOf accepts only da and en")
	}
}
