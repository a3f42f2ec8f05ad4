package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"placering/models"
	"placering/store/storetest"
)

// badInput is one request that must be refused the same way on every
// database backend: the status, and the field the problem names ("" for a
// problem without field errors).
type badInput struct {
	name, who, method, path, body string
	status                        int
	field                         string
}

// badTexts are strings no one types into a form: PostgreSQL refuses the
// NUL byte (500 before these checks), SQLite stored it; the others show as
// nothing or steer the text around them.
var badTexts = []struct{ name, json string }{
	{"NUL", `"Lone\u0000Berg"`},
	{"bell", `"Lone\u0007Berg"`},
	{"escape", `"\u001b[31mLone"`},
	{"DEL", `"Lone\u007f"`},
	{"C1 control", `"Lone\u0085Berg"`},
	{"zero-width space only", `"\u200b"`},
	{"right-to-left override only", `"\u202e"`},
	{"white space and format characters only", `" \u200b\u2060\ufeff\u200d "`},
	{"Hangul filler only", `"\u3164"`},
}

// badTextInputs sends every bad text to every text field of every write,
// one field at a time. Multi-line fields take line breaks and tabs; the
// others do not.
func badTextInputs(e *env, ids map[string]int64, week string) []badInput {
	today := models.DateOf(time.Now()).String()
	type target struct {
		who, method, path, body, field string
		multiline                      bool
	}
	targets := []target{
		{"consA", "POST", "/api/v1/companies", `{"cvr":"24256790","name":%s,"branch":"butik_detail"}`, "name", false},
		{"consA", "POST", "/api/v1/companies", `{"cvr":"24256790","name":"X","branch":"butik_detail","address":%s}`, "address", false},
		{"consA", "POST", "/api/v1/companies", `{"cvr":"24256790","name":"X","branch":"butik_detail","notes":%s}`, "notes", true},
		{"consA", "POST", "/api/v1/companies", `{"cvr":"24256790","name":"X","branch":"butik_detail","contacts":[{"name":"Lone","title":%s}]}`, "contacts[0].title", false},
		{"consA", "PATCH", fmt.Sprintf("/api/v1/companies/%d", ids["companies"]), `{"town":%s}`, "town", false},
		{"consA", "PATCH", fmt.Sprintf("/api/v1/companies/%d", ids["companies"]), `{"contacts":[{"name":%s}]}`, "contacts[0].name", false},
		{"consA", "PATCH", fmt.Sprintf("/api/v1/companies/%d", ids["companies"]), `{"contacts":[{"name":"Lone","phone":%s}]}`, "contacts[0].phone", false},
		{"employer", "PATCH", fmt.Sprintf("/api/v1/companies/%d", ids["companies"]), `{"contacts":[{"name":"Lone","email":%s}]}`, "contacts[0].email", false},
		{"consA", "POST", "/api/v1/virksomhedscentre", fmt.Sprintf(`{"company_id":%d,"valid_from":%q,"seats":3,"target_groups":["gruppe2"],"notes":%%s}`, e.company.ID, today), "notes", true},
		{"consA", "PATCH", fmt.Sprintf("/api/v1/virksomhedscentre/%d", ids["virksomhedscentre"]), `{"mentors":[{"name":%s}]}`, "mentors[0].name", false},
		{"consA", "POST", "/api/v1/openings", fmt.Sprintf(`{"company_id":%d,"kind":"virksomhedspraktik","title":%%s,"hours_max":20,"seats":1}`, e.company.ID), "title", false},
		{"consA", "PATCH", fmt.Sprintf("/api/v1/openings/%d", ids["openings"]), `{"tasks":%s}`, "tasks", true},
		{"employer", "PATCH", fmt.Sprintf("/api/v1/openings/%d", ids["openings"]), `{"town":%s}`, "town", false},
		{"consA", "POST", "/api/v1/citizens", `{"cpr":"0202901234","name":%s,"target_group":"gruppe2"}`, "name", false},
		{"consA", "PATCH", fmt.Sprintf("/api/v1/citizens/%d", ids["citizens"]), `{"goal_title":%s}`, "goal_title", false},
		{"consA", "PATCH", fmt.Sprintf("/api/v1/citizens/%d", ids["citizens"]), `{"email":%s}`, "email", false},
		{"consA", "PATCH", fmt.Sprintf("/api/v1/citizens/%d", ids["citizens"]), `{"phone":%s}`, "phone", false},
		{"consA", "POST", "/api/v1/placements", fmt.Sprintf(`{"citizen_id":%d,"company_id":%d,"kind":"virksomhedspraktik","start_date":%q,"note":%%s}`, ids["citizens"], e.company.ID, today), "note", true},
		{"consA", "PATCH", fmt.Sprintf("/api/v1/placements/%d", ids["placements"]), `{"company_mentor":{"name":%s}}`, "company_mentor.name", false},
		{"consA", "PATCH", fmt.Sprintf("/api/v1/placements/%d", ids["placements"]), `{"evaluation":{"completion":"gennemfoert","assessment":%s}}`, "evaluation.assessment", true},
		{"consA", "PUT", fmt.Sprintf("/api/v1/placements/%d/hours/%s", ids["placements"], week), `{"worked":10,"note":%s}`, "note", true},
		{"consA", "POST", "/api/v1/hours/bulk", fmt.Sprintf(`{"items":[{"placement_id":%d,"iso_week":%q,"worked":10,"note":%%s}]}`, ids["placements"], week), "items[0].note", true},
		{"consA", "POST", "/api/v1/matches", fmt.Sprintf(`{"citizen_id":%d,"opening_id":%d,"note":%%s}`, ids["citizens"], ids["openings"]), "note", true},
		{"consA", "POST", fmt.Sprintf("/api/v1/matches/%d/transitions", ids["matches"]), `{"state":"kontaktet","note":%s}`, "note", true},
		{"consA", "POST", fmt.Sprintf("/api/v1/matches/%d/transitions", ids["matches"]), `{"state":"afvist","reason":%s}`, "reason", false},
		{"consA", "POST", "/api/v1/alerts/fravaer-1/ack", `{"note":%s}`, "note", true},
		{"admin", "POST", "/api/v1/users", `{"email":"ny@test.dk","name":%s,"password":"Korrekt-Hest-Batteri-9","role":"admin"}`, "name", false},
		{"admin", "POST", "/api/v1/users", `{"email":%s,"name":"Ny","password":"Korrekt-Hest-Batteri-9","role":"admin"}`, "email", false},
	}
	texts := badTexts
	var out []badInput
	for _, tg := range targets {
		cases := texts
		if !tg.multiline {
			cases = append(slices.Clip(cases), struct{ name, json string }{"line break in a one-line field", `"Lone\nBerg"`},
				struct{ name, json string }{"tab in a one-line field", `"Lone\tBerg"`})
		}
		for _, bt := range cases {
			out = append(out, badInput{
				name: fmt.Sprintf("%s %s %s: %s", tg.method, tg.path, tg.field, bt.name),
				who:  tg.who, method: tg.method, path: tg.path, body: fmt.Sprintf(tg.body, bt.json),
				status: 422, field: tg.field,
			})
		}
	}
	return out
}

// badBodies are JSON bodies the decoder must refuse: null, duplicate keys
// at any level, unknown keys inside nested objects.
func badBodies(e *env, ids map[string]int64) []badInput {
	company := fmt.Sprintf("/api/v1/companies/%d", ids["companies"])
	placement := fmt.Sprintf("/api/v1/placements/%d", ids["placements"])
	return []badInput{
		{"null body (POST)", "consA", "POST", "/api/v1/companies", `null`, 400, ""},
		{"null body (PATCH)", "consA", "PATCH", company, ` null `, 400, ""},
		{"a stray closing bracket after the object", "consA", "PATCH", company, `{"town":"Hellebæk"} }`, 400, ""},
		{"null body (PUT)", "admin", "PUT", "/api/v1/matching/settings", `null`, 400, ""},
		{"duplicate key", "consA", "POST", "/api/v1/companies", `{"cvr":"24256790","name":"A","name":"B","branch":"butik_detail"}`, 422, "name"},
		{"duplicate key (PATCH)", "consA", "PATCH", company, `{"town":"Helsingør","town":"Hellebæk"}`, 422, "town"},
		{"duplicate key in a list item", "consA", "PATCH", company, `{"contacts":[{"name":"A","name":"B"}]}`, 422, "contacts[0].name"},
		{"duplicate key of an ignored field", "consA", "PATCH", company, `{"id":1,"id":2}`, 422, "id"},
		{"unknown key in contacts[0]", "consA", "PATCH", company, `{"contacts":[{"name":"Lone","colour":"blå"}]}`, 422, "contacts[0].colour"},
		{"unknown key in plan[1]", "consA", "PATCH", placement, `{"plan":[{"from_week":1,"hours":10},{"from_week":3,"hours":15,"days":4}]}`, 422, "plan[1].days"},
		{"unknown key in a mentor", "consA", "PATCH", placement, `{"company_mentor":{"name":"Lone","age":40}}`, 422, "company_mentor.age"},
		{"unknown key in weights", "admin", "PUT", "/api/v1/matching/settings",
			fmt.Sprintf(`{"jobcentre_id":%d,"weights":{"goal":30,"luck":5},"stalled_after_days":14}`, e.jcA.ID), 422, "weights.luck"},
		{"unknown key in rule_params", "admin", "PUT", "/api/v1/matching/settings",
			fmt.Sprintf(`{"jobcentre_id":%d,"rule_params":{"igu_min_age":18,"max_age":99},"stalled_after_days":14}`, e.jcA.ID), 422, "rule_params.max_age"},
		{"duplicate key in weights", "admin", "PUT", "/api/v1/matching/settings",
			fmt.Sprintf(`{"jobcentre_id":%d,"weights":{"goal":30,"goal":0},"stalled_after_days":14}`, e.jcA.ID), 422, "weights.goal"},
		{"unknown key in a bulk item", "consA", "POST", "/api/v1/hours/bulk", `{"items":[{"placement_id":1,"iso_week":"2027-W03","worked":1,"x":1}]}`, 422, "items[0].x"},
		{"duplicate key in a bulk item", "consA", "POST", "/api/v1/hours/bulk", `{"items":[{"placement_id":1,"iso_week":"2027-W03","worked":1,"worked":2}]}`, 422, "items[0].worked"},
		{"NUL in the login e-mail", "", "POST", "/api/v1/auth/tokens", `{"email":"kons.a@test.dk\u0000","password":"x"}`, 401, ""},
	}
}

// badQueries are free-text and paging parameters every list must refuse
// with a 400 that names the parameter.
func badQueries() []badInput {
	long := strings.Repeat("lager ", 50000/6)
	var out []badInput
	add := func(name, path, field string) {
		out = append(out, badInput{name: name, who: "consA", method: "GET", path: path, status: 400, field: field})
	}
	for _, list := range []string{"/api/v1/companies", "/api/v1/openings", "/api/v1/citizens", "/api/v1/virksomhedscentre",
		"/api/v1/search/openings", "/api/v1/search/companies", "/api/v1/search/virksomhedscentre"} {
		add(list+" q with NUL", list+"?q=lager%00", "q")
		add(list+" q with a control character", list+"?q=lag%1Ber", "q")
		add(list+" q of a zero-width space", list+"?q=%E2%80%8B", "q")
		add(list+" q of a direction override", list+"?q=%E2%80%AE%E2%80%8F", "q")
		add(list+" q of 201 characters", list+"?q="+strings.Repeat("å", 201), "q")
		add(list+" q of 50,000 characters", list+"?q="+url.QueryEscape(long), "q")
		add(list+" q not UTF-8", list+"?q=%FF%FE", "q")
		add(list+" page beyond int", list+"?page=99999999999999999999", "page")
		add(list+" per_page beyond int", list+"?per_page=99999999999999999999", "per_page")
	}
	add("town with NUL", "/api/v1/companies?town=Helsing%00r", "town")
	add("town of 201 characters", "/api/v1/companies?town="+strings.Repeat("x", 201), "town")
	add("facet with NUL", "/api/v1/search/openings?facet=kind%00", "facet")
	add("page at the int64 limit", "/api/v1/companies?page=9223372036854775807", "page")
	add("page of a huge offset", "/api/v1/openings?page=92233720368547758&per_page=200", "page")
	add("placements page beyond int", "/api/v1/placements?page=99999999999999999999", "page")
	add("matches page beyond int", "/api/v1/matches?page=99999999999999999999", "page")
	add("alerts page beyond int", "/api/v1/alerts?page=99999999999999999999", "page")
	return out
}

// fingerprint is what a refused request must leave as it was: the number
// of rows of each kind and each fixture row as the API returns it.
func (e *env) fingerprint(ids map[string]int64, week string) string {
	e.t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, table := range []string{"companies", "openings", "citizens", "virksomhedscentre"} {
		fmt.Fprintf(&b, "%s=%d\n", table, e.count(table))
	}
	users, err := e.store.CountUsers(ctx)
	must(e.t, err)
	_, placements, err := e.store.ListPlacements(ctx, models.PlacementFilter{})
	must(e.t, err)
	fmt.Fprintf(&b, "users=%d matches=%d placements=%d\n", users, e.matchCount(), placements)
	for _, path := range []string{
		fmt.Sprintf("/api/v1/companies/%d", ids["companies"]),
		fmt.Sprintf("/api/v1/openings/%d", ids["openings"]),
		fmt.Sprintf("/api/v1/citizens/%d", ids["citizens"]),
		fmt.Sprintf("/api/v1/virksomhedscentre/%d", ids["virksomhedscentre"]),
		fmt.Sprintf("/api/v1/placements/%d", ids["placements"]),
		fmt.Sprintf("/api/v1/placements/%d/hours", ids["placements"]),
		fmt.Sprintf("/api/v1/matches/%d", ids["matches"]),
		fmt.Sprintf("/api/v1/matching/settings?jobcentre_id=%d", e.jcA.ID),
	} {
		r := e.do("admin", "GET", path, "")
		if r.status != 200 {
			e.t.Fatalf("GET %s: %d %s", path, r.status, r.body)
		}
		fmt.Fprintf(&b, "%s %s\n", path, r.body)
	}
	return b.String()
}

// outcome is what one backend answered to one bad input.
type outcome struct {
	status int
	fields []string
}

// TestBadInputOneAnswerOnEveryBackend sends text no one types, malformed
// JSON shapes and unbounded query parameters to every write and list that
// takes text, on each database backend: each is refused with the expected
// status and field, in Danish, the backends answer alike, and nothing is
// written.
func TestBadInputOneAnswerOnEveryBackend(t *testing.T) {
	answers := map[storetest.Backend]map[string]outcome{}
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			e := newEnv(t, b)
			ids := e.denialRows()
			week := models.ISOWeekOf(models.DateOf(time.Now())).String()
			var cases []badInput
			cases = append(cases, badTextInputs(e, ids, week)...)
			cases = append(cases, badBodies(e, ids)...)
			cases = append(cases, badQueries()...)
			before := e.fingerprint(ids, week)
			got := map[string]outcome{}
			for _, c := range cases {
				r := e.do(c.who, c.method, c.path, c.body)
				got[c.name] = outcome{r.status, r.fields()}
				if r.status != c.status {
					t.Errorf("%s: status %d, want %d: %.300s", c.name, r.status, c.status, r.body)
					continue
				}
				if !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
					t.Errorf("%s: content type %q, want problem+json", c.name, r.header.Get("Content-Type"))
				}
				if c.field != "" && !r.hasField(c.field) {
					t.Errorf("%s: errors do not name %q: %s", c.name, c.field, r.body)
				}
				if msg := danishMessages(r); msg != "" {
					t.Errorf("%s: %s", c.name, msg)
				}
			}
			if after := e.fingerprint(ids, week); after != before {
				t.Errorf("refused requests changed stored data:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			answers[b] = got
		})
	}
	if len(answers) < 2 {
		return
	}
	first := storetest.Backends[0]
	for _, b := range storetest.Backends[1:] {
		for name, want := range answers[first] {
			if got := answers[b][name]; got.status != want.status || !slices.Equal(got.fields, want.fields) {
				t.Errorf("%s: %s answered %d %v, %s answered %d %v", name, first, want.status, want.fields, b, got.status, got.fields)
			}
		}
	}
}

// danishMessages returns what is wrong with a problem's wording: an empty
// detail or message, or one in English.
func danishMessages(r response) string {
	var p struct {
		Detail string `json:"detail"`
		Errors []struct {
			Field, Message string
		} `json:"errors"`
	}
	if err := json.Unmarshal([]byte(r.body), &p); err != nil {
		return "not JSON: " + err.Error()
	}
	msgs := []string{p.Detail}
	for _, fe := range p.Errors {
		msgs = append(msgs, fe.Message)
	}
	for _, m := range msgs {
		if m == "" {
			return "a problem without a message: " + r.body
		}
		if danishOnly(m) != "" {
			return "not Danish: " + m
		}
	}
	return ""
}
