package api_test

import (
	"encoding/json"
	"fmt"
	"testing"
)

// The contact quota: the default until an administrator changes it; only
// administrators may; bad values are refused at the field.
func TestContactQuotaAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		r := e.do("consA", "GET", "/api/v1/contact-quota/settings", "")
		if r.status != 200 || r.json["default"] != true || num(r.json["jobcentre_id"]) != e.jcA.ID || num(r.json["interests_per_company_month"]) != 20 {
			t.Fatalf("defaults: %d %s", r.status, r.body)
		}
		path := fmt.Sprintf("/api/v1/contact-quota/settings?jobcentre_id=%d", e.jcA.ID)
		for _, c := range []struct {
			name, who, body string
			status          int
			field           string
		}{
			{"zero", "admin", `{"interests_per_company_month":0}`, 422, "interests_per_company_month"},
			{"too many", "admin", `{"interests_per_company_month":201}`, 422, "interests_per_company_month"},
			{"consultant", "consA", `{"interests_per_company_month":5}`, 403, ""},
			{"employer", "employer", `{"interests_per_company_month":5}`, 403, ""},
		} {
			r := e.do(c.who, "PUT", path, c.body)
			if r.status != c.status {
				t.Errorf("%s: %d, want %d: %s", c.name, r.status, c.status, r.body)
			} else if c.field != "" && !r.hasField(c.field) {
				t.Errorf("%s: errors do not name %q: %v", c.name, c.field, r.fields())
			}
		}
		r = e.do("admin", "PUT", path, `{"interests_per_company_month":6}`)
		if r.status != 200 || r.json["default"] != false || num(r.json["interests_per_company_month"]) != 6 {
			t.Fatalf("save: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "GET", "/api/v1/contact-quota/settings", ""); num(r.json["interests_per_company_month"]) != 6 {
			t.Fatalf("read back: %d %s", r.status, r.body)
		}
		if r := e.do("consB", "GET", path, ""); r.status != 403 {
			t.Fatalf("another jobcentre's consultant read the quota: %d %s", r.status, r.body)
		}
	})
}

// Every settings save, whichever section and whichever route, is
// recorded field by field with who made it; a refused save records
// nothing; only the jobcentre's staff read the history.
func TestSettingsHistoryAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		q := fmt.Sprintf("?jobcentre_id=%d", e.jcA.ID)
		history := func(who string) ([]map[string]any, response) {
			r := e.do(who, "GET", "/api/v1/settings/history"+q, "")
			var out []map[string]any
			if r.status == 200 {
				if err := json.Unmarshal([]byte(r.body), &out); err != nil {
					t.Fatalf("history: %v %s", err, r.body)
				}
			}
			return out, r
		}
		if h, r := history("admin"); r.status != 200 || len(h) != 0 {
			t.Fatalf("empty history: %d %s", r.status, r.body)
		}
		// Refused and invalid saves leave no trace.
		e.do("consA", "PUT", "/api/v1/contact-quota/settings"+q, `{"interests_per_company_month":5}`)
		e.do("admin", "PUT", "/api/v1/retention/settings"+q, `{"audit_years":11}`)
		if h, _ := history("admin"); len(h) != 0 {
			t.Fatalf("refused saves were recorded: %v", h)
		}

		steps := []struct{ path, body string }{
			{"/api/v1/contact-quota/settings" + q, `{"interests_per_company_month":7}`},
			{"/api/v1/retention/settings" + q, `{"archived_citizen_years":3}`},
			{"/api/v1/progression/settings", fmt.Sprintf(`{"jobcentre_id":%d,"stagnation_weeks":6}`, e.jcA.ID)},
		}
		for _, s := range steps {
			if r := e.do("admin", "PUT", s.path, s.body); r.status != 200 {
				t.Fatalf("PUT %s: %d %s", s.path, r.status, r.body)
			}
		}
		r := e.do("admin", "GET", "/api/v1/matching/settings"+q, "")
		var ms map[string]any
		_ = json.Unmarshal([]byte(r.body), &ms)
		w := ms["weights"].(map[string]any)
		w["goal"], w["distance"] = num(w["goal"])-5, num(w["distance"])+5
		ms["stalled_after_days"] = 21
		b, _ := json.Marshal(ms)
		if r := e.do("admin", "PUT", "/api/v1/matching/settings", string(b)); r.status != 200 {
			t.Fatalf("PUT matching: %d %s", r.status, r.body)
		}
		// The same values again change nothing and record nothing.
		if r := e.do("admin", "PUT", "/api/v1/contact-quota/settings"+q, `{"interests_per_company_month":7}`); r.status != 200 {
			t.Fatalf("PUT again: %d %s", r.status, r.body)
		}

		h, r := history("consA")
		if r.status != 200 {
			t.Fatalf("consultant reads own history: %d %s", r.status, r.body)
		}
		got := map[string]map[string]any{}
		for _, c := range h {
			got[c["section"].(string)+"."+c["field"].(string)] = c
			if num(c["changed_by"]) == 0 || c["changed_by_name"] == "" || c["changed_at"] == "" || c["label"] == "" {
				t.Errorf("change without who, when or label: %v", c)
			}
		}
		want := map[string][2]string{
			"contact_quota.interests_per_company_month": {"20", "7"},
			"retention.archived_citizen_years":          {"5", "3"},
			"progression.stagnation_weeks":              {"", "6"},
			"matching.weights.goal":                     {"", ""},
			"matching.weights.distance":                 {"", ""},
			"matching.stalled_after_days":               {"14", "21"},
		}
		if len(h) != len(want) {
			t.Errorf("history has %d changes, want %d: %v", len(h), len(want), got)
		}
		for k, v := range want {
			c, ok := got[k]
			if !ok {
				t.Errorf("history lacks %s: %v", k, got)
				continue
			}
			if v[0] != "" && (c["old_value"] != v[0] || c["new_value"] != v[1]) {
				t.Errorf("%s: %v → %v, want %s → %s", k, c["old_value"], c["new_value"], v[0], v[1])
			}
		}
		if c := got["contact_quota.interests_per_company_month"]; c != nil && c["label"] != "Interesser pr. virksomhed pr. måned" {
			t.Errorf("label %v", c["label"])
		}
		if _, r := history("consB"); r.status != 403 {
			t.Errorf("another jobcentre's consultant read the history: %d %s", r.status, r.body)
		}
		if _, r := history("employer"); r.status != 403 {
			t.Errorf("employer read the history: %d %s", r.status, r.body)
		}
	})
}
