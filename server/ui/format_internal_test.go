package ui

import "testing"

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
