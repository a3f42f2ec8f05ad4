package models

import (
	"fmt"
	"strings"
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

// checker wraps FieldErrors with the checks the entities share.
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

func (c *checker) short(field, v string, required bool) {
	if required && !c.required(field, v) {
		return
	}
	c.maxLen(field, v, MaxShortText)
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
	c.maxLen(field, v, MaxShortText)
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
