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

// Insight (GDPR art. 15): the citizen's access log shows who read or
// changed them, refused attempts included, and the export holds all their
// data; both only for staff of the citizen's jobcentre.
func TestCitizenInsightAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newPlWorld(e)
		pid := plNum(e.place(w, `, "note": "Mødes mandag"`)["id"])
		week := w.thisWeek.AddWeeks(-1)
		if r := e.do("consA", "PUT", fmt.Sprintf("/api/v1/placements/%d/hours/%s", pid, week), `{"worked": 5, "internal_note": "Syg"}`); r.status != 200 {
			t.Fatalf("hours: %d %s", r.status, r.body)
		}
		path := fmt.Sprintf("/api/v1/citizens/%d", w.citizen)
		if r := e.do("consB", "GET", path, ""); r.status != 404 {
			t.Fatalf("another jobcentre reads: %d", r.status)
		}
		for _, sub := range []string{"/access-log", "/export"} {
			for who, status := range map[string]int{"consB": 404, "employer": 403, "event": 403} {
				if r := e.do(who, "GET", path+sub, ""); r.status != status {
					t.Errorf("%s reads %s: %d %s", who, sub, r.status, r.body)
				}
			}
		}
		r := e.do("consA", "GET", path+"/access-log", "")
		if r.status != 200 {
			t.Fatalf("access log: %d %s", r.status, r.body)
		}
		var actions []string
		for _, it := range r.json["items"].([]any) {
			m := it.(map[string]any)
			actions = append(actions, m["action"].(string)+"/"+m["entity"].(string)+"/"+m["user_name"].(string))
		}
		joined := strings.Join(actions, " ")
		for _, want := range []string{"create/citizen/consA", "denied/citizen/consB", "create/placement/consA", "update/placement/consA"} {
			if !strings.Contains(joined, want) {
				t.Errorf("access log lacks %s: %s", want, joined)
			}
		}
		r = e.do("consA", "GET", path+"/export", "")
		if r.status != 200 || r.json["citizen"].(map[string]any)["name"] != "Borger 0101" || strings.Contains(r.body, "cpr_cipher") {
			t.Fatalf("export: %d %s", r.status, r.body)
		}
		pls := r.json["placements"].([]any)
		if len(pls) != 1 || pls[0].(map[string]any)["note"] != "Mødes mandag" || len(pls[0].(map[string]any)["hours"].([]any)) != 1 ||
			len(pls[0].(map[string]any)["revisions"].([]any)) != 1 || len(r.json["access_log"].([]any)) == 0 {
			t.Errorf("export lacks data: %s", r.body)
		}
	})
}
