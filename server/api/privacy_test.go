package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"placering/models"
)

// Erasure (GDPR art. 17): staff of the citizen's jobcentre erase with a
// reason; the citizen is then not found anywhere, their notes are gone,
// the anonymous counts stay and the erasure is in the audit log.
func TestEraseCitizenAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newPlWorld(e)
		pl := e.place(w, `, "note": "Mentor ved om angsten"`)
		pid := plNum(pl["id"])
		week := w.thisWeek.AddWeeks(-1)
		if r := e.do("consA", "PUT", fmt.Sprintf("/api/v1/placements/%d/hours/%s", pid, week),
			`{"worked": 5, "note": "Mødte til tiden", "internal_note": "Indlagt psykiatrisk afd."}`); r.status != 200 {
			t.Fatalf("hours: %d %s", r.status, r.body)
		}
		path := fmt.Sprintf("/api/v1/citizens/%d", w.citizen)
		erase := path + "/erase"
		for _, c := range []struct {
			who, body string
			status    int
		}{
			{"consB", `{"reason":"Borgerens anmodning"}`, 404},
			{"employer", `{"reason":"Borgerens anmodning"}`, 403},
			{"event", `{"reason":"Borgerens anmodning"}`, 403},
			{"consA", `{"reason":"   "}`, 422},
			{"consA", `{}`, 422},
		} {
			if r := e.do(c.who, "POST", erase, c.body); r.status != c.status {
				t.Errorf("%s erases with %s: %d %s", c.who, c.body, r.status, r.body)
			}
		}
		if r := e.do("consA", "GET", path, ""); r.status != 200 {
			t.Fatalf("refused erasures erased: %d", r.status)
		}
		if r := e.do("consA", "POST", erase, `{"reason":"Borgerens anmodning af 3. marts"}`); r.status != 204 {
			t.Fatalf("erase: %d %s", r.status, r.body)
		}
		for _, c := range []struct{ method, path, body string }{
			{"GET", path, ""}, {"PATCH", path, `{"name":"X"}`}, {"DELETE", path, ""}, {"POST", erase, `{"reason":"igen"}`},
			{"GET", path + "/matches", ""},
		} {
			if r := e.do("consA", c.method, c.path, c.body); r.status != 404 {
				t.Errorf("%s %s after the erasure: %d %s", c.method, c.path, r.status, r.body)
			}
		}
		if r := e.do("consA", "GET", "/api/v1/citizens?include_archived=true", ""); strings.Contains(r.body, fmt.Sprintf(`"id":%d,`, w.citizen)) {
			t.Errorf("the erased citizen is listed: %s", r.body)
		}
		// The placement and its hours stay, anonymous and without notes.
		r := e.do("consA", "GET", fmt.Sprintf("/api/v1/placements/%d", pid), "")
		if r.status != 200 || strings.Contains(r.body, "angst") || strings.Contains(r.body, "Borger 0101") {
			t.Errorf("placement after the erasure: %d %s", r.status, r.body)
		}
		r = e.do("consA", "GET", fmt.Sprintf("/api/v1/placements/%d/hours/%s", pid, week), "")
		if r.status != 200 || strings.Contains(r.body, "Indlagt") || strings.Contains(r.body, "Mødte") || r.json["hours"].(map[string]any)["worked"].(float64) != 5 {
			t.Errorf("hours after the erasure: %d %s", r.status, r.body)
		}
		entries, _, err := e.store.ListAudit(context.Background(), models.AuditFilter{Entity: "citizen", EntityID: w.citizen})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, en := range entries {
			found = found || en.Action == "erase" && en.Reason == "Borgerens anmodning af 3. marts" && strings.Contains(en.Route, "erase")
		}
		if !found {
			t.Errorf("the erasure is not audited: %+v", entries)
		}
	})
}
