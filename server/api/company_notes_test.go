package api_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestEmployerNeverSeesTheJobcentresNotes: the consultants' notes about a
// company and its virksomhedscentre are theirs. The company's own employer
// reads neither (API list, item), cannot overwrite them, and a save of the
// company without notes keeps them.
func TestEmployerNeverSeesTheJobcentresNotes(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		const secret = "HEMMELIG-NOTE: svær at få fat i"
		co := fmt.Sprintf("/api/v1/companies/%d", e.company.ID)
		if r := e.do("consA", "PATCH", co, fmt.Sprintf(`{"notes":%q}`, secret)); r.status != 200 {
			t.Fatalf("consultant writes notes: %d %s", r.status, r.body)
		}
		for _, path := range []string{co, "/api/v1/companies"} {
			if r := e.do("employer", "GET", path, ""); r.status != 200 || strings.Contains(r.body, "HEMMELIG") {
				t.Errorf("employer GET %s: %d %s", path, r.status, r.body)
			}
		}
		if r := e.do("employer", "PATCH", co, `{"notes":"overskrevet af arbejdsgiver"}`); r.status != 422 || !strings.Contains(r.body, "jobcentrets egne") {
			t.Errorf("employer overwrites the notes: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "PATCH", co, `{"name":"Havnens Lager ApS"}`); r.status != 200 || strings.Contains(r.body, "HEMMELIG") {
			t.Errorf("employer renames the company: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "GET", co, ""); !strings.Contains(r.body, secret) {
			t.Errorf("the employer's save lost the consultant's notes: %s", r.body)
		}
	})
}
