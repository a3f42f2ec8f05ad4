package models

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Date is a calendar date without time of day or zone, written "2006-01-02"
// in JSON and in forms. The zero Date means "not set" and marshals as null.
//
// It exists because start dates and virksomhedscenter periods are days, not instants:
// a time.Time would shift across midnight between UTC and Danish time.
type Date struct{ t time.Time }

const dateLayout = "2006-01-02"

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date { return NewDate(t.Year(), t.Month(), t.Day()) }

// The years every date the service accepts lies in. A date outside them
// is a typo (or an attack on date arithmetic), never a placement.
const (
	MinYear = 1900
	MaxYear = 2100
)

// ErrDateRange means a date lies outside MinYear–MaxYear.
var ErrDateRange = errors.New("datoen skal ligge mellem 1900-01-01 og 2100-12-31")

// ParseDate parses "2006-01-02" in the years MinYear–MaxYear. The empty
// string gives the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	if t.Year() < MinYear || t.Year() > MaxYear { // 0001-01-01 is time.Time's zero: refuse it too
		return Date{}, ErrDateRange
	}
	return Date{t}, nil
}

// InRange reports whether d is unset or lies in the years MinYear–MaxYear.
func InRange(d Date) bool {
	return d.IsZero() || d.t.Year() >= MinYear && d.t.Year() <= MaxYear
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time { return d.t }

// String formats the date as "2006-01-02", or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(dateLayout)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// MarshalJSON writes "2006-01-02" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "2006-01-02", "" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("dato skal skrives som ÅÅÅÅ-MM-DD")
	}
	v, err := ParseDate(s)
	if errors.Is(err, ErrDateRange) {
		return err
	}
	if err != nil {
		return fmt.Errorf("dato skal skrives som ÅÅÅÅ-MM-DD")
	}
	*d = v
	return nil
}

// Value stores the date as text "2006-01-02", which both PostgreSQL's DATE
// and SQLite's TEXT columns accept and which sorts correctly as text.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a DATE (time.Time from PostgreSQL) or TEXT (from SQLite).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		*d = DateOf(v)
		if !InRange(*d) {
			*d = Date{} // see scanString
		}
	case string:
		return d.scanString(v)
	case []byte:
		return d.scanString(string(v))
	default:
		return fmt.Errorf("scan date: unsupported type %T", src)
	}
	return nil
}

// scanString reads a stored date leniently: a row stored with a date that
// no longer parses (written before dates had a range) reads as unset
// rather than taking the page that lists it down.
func (d *Date) scanString(s string) error {
	if len(s) > 10 {
		s = s[:10] // SQLite may hand back "2006-01-02 00:00:00+00:00"
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil || !InRange(Date{t}) {
		*d = Date{}
		return nil
	}
	*d = Date{t}
	return nil
}
