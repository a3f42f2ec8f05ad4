package models

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FieldError is one problem with one input field, worded in Danish for the
// person who typed it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// FieldErrors collects every problem with an input so that a form or an API
// client can fix them all in one go. The zero value is an empty, usable list.
type FieldErrors []FieldError

// Add records a problem with field.
func (e *FieldErrors) Add(field, format string, args ...any) {
	*e = append(*e, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Has reports whether field already has a problem recorded.
func (e FieldErrors) Has(field string) bool { return e.For(field) != "" }

// For returns the first message for field, or "".
func (e FieldErrors) For(field string) string {
	for _, fe := range e {
		if fe.Field == field {
			return fe.Message
		}
	}
	return ""
}

// Err returns e as an error, or nil when there are no problems.
func (e FieldErrors) Err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

func (e FieldErrors) Error() string {
	parts := make([]string, len(e))
	for i, fe := range e {
		parts[i] = fe.Field + ": " + fe.Message
	}
	return "ugyldige felter: " + strings.Join(parts, "; ")
}

// Text-length limits. They protect the database and the UI from pasted
// novels, and are generous for real use.
const (
	MaxShortText = 200
	MaxLongText  = 5000
)

// checker wraps FieldErrors with the checks the entities share. Every
// text field of every write goes through text (by way of short, long or
// email), so no field stores a NUL byte, a control character or text that
// shows as nothing.
type checker struct{ errs FieldErrors }

func (c *checker) required(field, v string) bool {
	if strings.TrimSpace(v) == "" {
		c.errs.Add(field, "Feltet skal udfyldes.")
		return false
	}
	return true
}

func (c *checker) maxLen(field, v string, n int) {
	if utf8.RuneCountInString(v) > n {
		c.errs.Add(field, "Teksten må højst være %d tegn (den er %d).", n, utf8.RuneCountInString(v))
	}
}

// text checks the characters of v (see TextProblem) and its length.
func (c *checker) text(field, v string, n int, multiline bool) {
	if msg := TextProblem(v, multiline); msg != "" {
		c.errs.Add(field, "%s", msg)
		return
	}
	c.maxLen(field, v, n)
}

// short checks a one-line text of at most MaxShortText characters.
func (c *checker) short(field, v string, required bool) {
	if required && !c.required(field, v) {
		return
	}
	c.text(field, v, MaxShortText, false)
}

// long checks a free text of at most MaxLongText characters, which may
// span lines and hold tabs.
func (c *checker) long(field, v string) { c.text(field, v, MaxLongText, true) }

// CheckText checks a free-text field the way every entity's validation
// does, for inputs validated outside this package (a match note, a user's
// name): its characters (TextProblem), that it is there when required, and
// its length, at most max characters. Multi-line text may hold line
// breaks and tabs.
func CheckText(errs *FieldErrors, field, v string, max int, required, multiline bool) {
	c := checker{errs: *errs}
	if !required || c.required(field, v) {
		c.text(field, v, max, multiline)
	}
	*errs = c.errs
}

// TextProblem says in Danish what is wrong with the characters of a text a
// person typed, or "" when nothing is: it must be valid UTF-8, hold no
// control characters (multi-line text may hold line breaks and tabs; a
// browser's CRLF line ending counts as a line break), and, when not empty,
// hold something visible: text of only spaces, zero-width or direction
// characters looks empty but is not. PostgreSQL refuses NUL bytes, and a
// name that shows as nothing cannot be told apart in a list.
func TextProblem(v string, multiline bool) string {
	if !utf8.ValidString(v) {
		return "Teksten indeholder ugyldige tegn (ikke gyldig UTF-8)."
	}
	visible := false
	for i, r := range v {
		switch {
		case r == 0:
			return "Teksten indeholder et nul-tegn (NUL), som ikke er tilladt."
		case multiline && (r == '\n' || r == '\t'):
		case multiline && r == '\r' && i+1 < len(v) && v[i+1] == '\n':
		case unicode.IsControl(r):
			if r == '\n' || r == '\t' || r == '\r' {
				return "Teksten skal stå på én linje (uden linjeskift og tabulatorer)."
			}
			return fmt.Sprintf("Teksten indeholder et usynligt styretegn (U+%04X), som ikke er tilladt.", r)
		case !Invisible(r):
			visible = true
		}
	}
	if v != "" && !visible {
		return "Teksten består kun af usynlige tegn (mellemrum, nulbredde- eller retningstegn)."
	}
	return ""
}

// Invisible reports whether r shows as nothing on its own: white space,
// format characters (zero-width space and joiners, direction marks and
// overrides, the byte order mark), combining marks with nothing to sit on,
// variation selectors and the blank letters some scripts have.
func Invisible(r rune) bool {
	switch r {
	case '\u115F', '\u1160', '\u3164', '\uFFA0', '\u2800', '\u034F':
		return true
	}
	return unicode.IsSpace(r) || unicode.IsControl(r) ||
		unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me, unicode.Zs, unicode.Zl, unicode.Zp, unicode.Variation_Selector)
}

func (c *checker) coords(lat, lon float64, required bool) {
	if lat == 0 && lon == 0 {
		if required {
			c.errs.Add("lat", "Placeringen mangler (breddegrad og længdegrad).")
		}
		return
	}
	if lat < MinLat || lat > MaxLat {
		c.errs.Add("lat", "Breddegraden %.4f ligger uden for Danmark (%.1f–%.1f).", lat, MinLat, MaxLat)
	}
	if lon < MinLon || lon > MaxLon {
		c.errs.Add("lon", "Længdegraden %.4f ligger uden for Danmark (%.1f–%.1f).", lon, MinLon, MaxLon)
	}
}

func (c *checker) postcode(v string) {
	if v == "" {
		return
	}
	if len(v) != 4 || strings.Trim(v, "0123456789") != "" || v < "0800" {
		c.errs.Add("postcode", "Postnummeret skal være fire cifre (0800–9999).")
	}
}

func (c *checker) branch(field, v string, required bool) {
	if v == "" {
		if required {
			c.errs.Add(field, "Vælg en branche.")
		}
		return
	}
	if !ValidBranch(v) {
		c.errs.Add(field, "Ukendt branche %q. Se listen under /api/v1/branches.", v)
	}
}

func (c *checker) email(field, v string) {
	if v == "" {
		return
	}
	c.text(field, v, MaxShortText, false)
	if c.errs.Has(field) {
		return
	}
	at := strings.IndexByte(v, '@')
	if at < 1 || at == len(v)-1 || strings.ContainsAny(v, " \t\n") {
		c.errs.Add(field, "E-mailadressen ser ikke gyldig ud.")
	}
}

func trim(ps ...*string) {
	for _, p := range ps {
		*p = strings.TrimSpace(*p)
	}
}
