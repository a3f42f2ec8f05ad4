package models

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// ISOWeek is a week as ISO 8601 numbers it, written "2027-W03": Monday to
// Sunday, week 1 being the week with the year's first Thursday. Danish
// workplaces count weeks this way (uge 3), so weekly hours are keyed by it.
// The zero ISOWeek means "not set".
type ISOWeek struct {
	Year int
	Week int
}

// ErrISOWeek explains the ISO week format in Danish.
var ErrISOWeek = fmt.Errorf("ugen skal skrives som ÅÅÅÅ-Wuu, fx 2027-W03, med en uge, der findes i året")

// ParseISOWeek parses "2027-W03". Only that exact form is accepted, and
// week 53 only in years that have one.
func ParseISOWeek(s string) (ISOWeek, error) {
	if len(s) != 8 || s[4] != '-' || s[5] != 'W' {
		return ISOWeek{}, ErrISOWeek
	}
	year, ok1 := digits(s[:4])
	week, ok2 := digits(s[6:])
	if !ok1 || !ok2 || year < MinYear || year > MaxYear || week < 1 || week > WeeksInYear(year) {
		return ISOWeek{}, ErrISOWeek
	}
	return ISOWeek{year, week}, nil
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// WeeksInYear returns 52 or 53: 28 December always lies in the last week.
func WeeksInYear(year int) int {
	_, w := time.Date(year, time.December, 28, 0, 0, 0, 0, time.UTC).ISOWeek()
	return w
}

// ISOWeekOf returns the ISO week a date falls in.
func ISOWeekOf(d Date) ISOWeek {
	y, w := d.Time().ISOWeek()
	return ISOWeek{y, w}
}

// IsZero reports whether the week is unset.
func (w ISOWeek) IsZero() bool { return w.Year == 0 }

// Monday is the first day of the week.
func (w ISOWeek) Monday() Date {
	jan4 := time.Date(w.Year, time.January, 4, 0, 0, 0, 0, time.UTC)
	back := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return DateOf(jan4.AddDate(0, 0, 7*(w.Week-1)-back))
}

// Sunday is the last day of the week.
func (w ISOWeek) Sunday() Date { return w.Monday().AddDays(6) }

// AddWeeks returns the week n weeks later (earlier for negative n).
func (w ISOWeek) AddWeeks(n int) ISOWeek { return ISOWeekOf(w.Monday().AddDays(7 * n)) }

// WeeksSince returns how many weeks w lies after v (negative when before).
func (w ISOWeek) WeeksSince(v ISOWeek) int {
	// Mondays are UTC midnights, so the difference is whole weeks exactly.
	return int(w.Monday().Time().Sub(v.Monday().Time()) / (7 * 24 * time.Hour))
}

// Before reports whether w is an earlier week than v.
func (w ISOWeek) Before(v ISOWeek) bool {
	return w.Year < v.Year || (w.Year == v.Year && w.Week < v.Week)
}

// String formats the week as "2027-W03", or "" when unset.
func (w ISOWeek) String() string {
	if w.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-W%02d", w.Year, w.Week)
}

// MarshalJSON writes "2027-W03" or null.
func (w ISOWeek) MarshalJSON() ([]byte, error) {
	if w.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(w.String())
}

// UnmarshalJSON reads "2027-W03" or null.
func (w *ISOWeek) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*w = ISOWeek{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return ErrISOWeek
	}
	v, err := ParseISOWeek(s)
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// Value stores the week as its text form, which sorts correctly.
func (w ISOWeek) Value() (driver.Value, error) {
	if w.IsZero() {
		return nil, nil
	}
	return w.String(), nil
}

// Scan reads the text form.
func (w *ISOWeek) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*w = ISOWeek{}
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("scan iso week: unsupported type %T", src)
	}
	v, err := ParseISOWeek(s)
	if err != nil {
		// A week stored before weeks had a range reads as unset rather
		// than taking the page that lists it down.
		*w = ISOWeek{}
		return nil
	}
	*w = v
	return nil
}
