package models

import (
	"strings"
	"time"
)

// ValidCVR reports whether s is a valid Danish company (CVR) number: eight
// digits, no leading zero, whose modulus-11 weighted sum (weights 2,7,6,5,4,3,2,1)
// is divisible by 11.
func ValidCVR(s string) bool {
	if len(s) != 8 || s[0] == '0' {
		return false
	}
	weights := [8]int{2, 7, 6, 5, 4, 3, 2, 1}
	sum := 0
	for i := 0; i < 8; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c-'0') * weights[i]
	}
	return sum%11 == 0
}

// NormalizeCPR strips the optional dash and surrounding space from a CPR
// number, returning the ten digits or "" when the shape is wrong.
func NormalizeCPR(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 11 && s[6] == '-' {
		s = s[:6] + s[7:]
	}
	if len(s) != 10 {
		return ""
	}
	for i := 0; i < 10; i++ {
		if s[i] < '0' || s[i] > '9' {
			return ""
		}
	}
	return s
}

// ValidCPR reports whether s (with or without the dash) is a possible Danish
// CPR number: ten digits whose first six are a real date of birth, given the
// century the seventh digit implies.
//
// The modulus-11 check is deliberately not applied: since 2007 CPR numbers
// are issued that do not satisfy it, and rejecting a real person's number is
// worse than accepting a mistyped one that the date check lets through.
func ValidCPR(s string) bool {
	_, ok := CPRBirthDate(s)
	return ok
}

// CPRBirthDate returns the date of birth encoded in a CPR number.
func CPRBirthDate(s string) (time.Time, bool) {
	n := NormalizeCPR(s)
	if n == "" {
		return time.Time{}, false
	}
	d := atoi2(n[0:2])
	m := atoi2(n[2:4])
	yy := atoi2(n[4:6])
	seventh := int(n[6] - '0')
	year := cprCentury(seventh, yy) + yy
	t := time.Date(year, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m || t.Year() != year {
		return time.Time{}, false
	}
	return t, true
}

// cprCentury implements CPR-kontoret's table of which century the seventh
// digit and the two-digit year together mean.
func cprCentury(seventh, yy int) int {
	switch {
	case seventh <= 3:
		return 1900
	case seventh == 4 || seventh == 9:
		if yy <= 36 {
			return 2000
		}
		return 1900
	default: // 5–8
		if yy <= 57 {
			return 2000
		}
		return 1800
	}
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// MaskCPR shows only the date part of a CPR number: "DDMMYY-XXXX". It
// returns "" for an invalid number so that nothing unvalidated is displayed.
func MaskCPR(s string) string {
	n := NormalizeCPR(s)
	if n == "" {
		return ""
	}
	return n[:6] + "-XXXX"
}
