package ui

import (
	"math"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func TestDecimalKeepsWholeNumbers(t *testing.T) {
	for _, c := range []struct {
		f    float64
		prec int
		want string
	}{{20, 0, "20"}, {20, 1, "20"}, {12.5, 1, "12,5"}, {0, 0, "0"}, {-3.25, 2, "-3,25"}, {7.10, 2, "7,1"}} {
		if got := decimal(c.f, c.prec); got != c.want {
			t.Errorf("decimal(%v, %d) = %q, want %q", c.f, c.prec, got, c.want)
		}
	}
}

// FuzzDecimal: the Danish number formats use a decimal comma, never show
// "-0", and read back: decimal to its places, numStr exactly through the
// form reader.
// Run with go test -run '^$' -fuzz '^FuzzDecimal$' -fuzztime 10s ./server/ui
func FuzzDecimal(f *testing.F) {
	for _, v := range []float64{0, 37.5, -0.04, -0.0, 1e21, 1e-7, 12.25, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		f.Add(v, 1)
	}
	f.Fuzz(func(t *testing.T, v float64, prec int) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		prec = ((prec % 4) + 4) % 4
		s := decimal(v, prec)
		if strings.Contains(s, ".") || strings.Count(s, ",") > 1 {
			t.Fatalf("decimal(%v, %d) = %q", v, prec, s)
		}
		if s == "-0" || strings.HasPrefix(s, "-0,") && strings.Trim(s[3:], "0") == "" {
			t.Fatalf("decimal(%v, %d) = %q, a negative zero", v, prec, s)
		}
		back, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		if err != nil {
			t.Fatalf("decimal(%v, %d) = %q does not parse: %v", v, prec, s, err)
		}
		if math.Abs(back-v) > 0.5*math.Pow(10, -float64(prec))+math.Abs(v)*1e-15 {
			t.Fatalf("decimal(%v, %d) = %q", v, prec, s)
		}
		// What a form shows, the form reads back to the same number.
		n := numStr(v)
		r := reader{v: url.Values{"x": {n}}}
		if got := r.number("x"); got != v || r.errs.Has("x") {
			t.Fatalf("numStr(%v) = %q reads back as %v (%v)", v, n, got, r.errs)
		}
	})
}
