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

// Retention periods per jobcentre: the defaults until an administrator
// changes them; only administrators may; other jobcentres' are refused.
func TestRetentionSettingsAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		r := e.do("consA", "GET", "/api/v1/retention/settings", "")
		if r.status != 200 || r.json["default"] != true || num(r.json["jobcentre_id"]) != e.jcA.ID ||
			num(r.json["archived_citizen_years"]) != 5 || num(r.json["audit_years"]) != 10 {
			t.Fatalf("defaults: %d %s", r.status, r.body)
		}
		path := fmt.Sprintf("/api/v1/retention/settings?jobcentre_id=%d", e.jcA.ID)
		for _, c := range []struct {
			name, who, path, body string
			status                int
			fields                []string
		}{
			{"zero years", "admin", path, `{"archived_citizen_years":0,"audit_years":101}`, 422, []string{"archived_citizen_years", "audit_years"}},
			{"no jobcentre", "admin", "/api/v1/retention/settings", `{"audit_years":3}`, 422, []string{"jobcentre_id"}},
			{"unknown jobcentre", "admin", "/api/v1/retention/settings?jobcentre_id=999999", `{"audit_years":3}`, 422, []string{"jobcentre_id"}},
			{"consultant", "consA", path, `{"audit_years":3}`, 403, nil},
			{"employer", "employer", path, `{"audit_years":3}`, 403, nil},
		} {
			r := e.do(c.who, "PUT", c.path, c.body)
			if r.status != c.status {
				t.Errorf("%s: %d, want %d: %s", c.name, r.status, c.status, r.body)
				continue
			}
			for _, f := range c.fields {
				if !r.hasField(f) {
					t.Errorf("%s: errors do not name %q: %v", c.name, f, r.fields())
				}
			}
		}
		r = e.do("admin", "PUT", path, `{"archived_citizen_years":3}`)
		if r.status != 200 || r.json["default"] != false || num(r.json["archived_citizen_years"]) != 3 || num(r.json["audit_years"]) != 10 {
			t.Fatalf("save: %d %s", r.status, r.body)
		}
		r = e.do("admin", "GET", path, "")
		if r.status != 200 || num(r.json["archived_citizen_years"]) != 3 {
			t.Fatalf("read back: %d %s", r.status, r.body)
		}
		if r := e.do("consB", "GET", path, ""); r.status != 403 {
			t.Fatalf("another jobcentre's consultant read the periods: %d %s", r.status, r.body)
		}
		if r := e.do("consB", "GET", "/api/v1/retention/settings", ""); r.status != 200 || r.json["default"] != true {
			t.Fatalf("Ballerup's own periods: %d %s", r.status, r.body)
		}
	})
}
