package ui

import (
	"testing"

	"github.com/labstack/echo/v4"
)

// The route table is what echo serves: every entry mounted once, and
// nothing mounted beside it.
func TestRouteTableIsWhatIsMounted(t *testing.T) {
	e := echo.New()
	h := &Handler{}
	Register(e, h)
	want := map[string]bool{}
	for _, r := range h.routes() {
		k := r.method + " " + r.path
		if want[k] {
			t.Errorf("%s listed twice", k)
		}
		want[k] = true
	}
	got := map[string]bool{}
	for _, r := range e.Routes() {
		got[r.Method+" "+r.Path] = true
	}
	for k := range want {
		if !got[k] {
			t.Errorf("%s is in the table but not mounted", k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("%s is mounted but not in the table", k)
		}
	}
}
