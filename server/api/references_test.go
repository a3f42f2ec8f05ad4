package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"placering/models"
)

const validReference = `{"tasks_solved": ["Varemodtagelse", "  Pluk og pak  ", "Oprydning på lageret"],
	"competences": {"fremmoede": 5, "samarbejde": 4, "tempo": 3, "kvalitet": 4, "selvstaendighed": 3, "dansk_paa_arbejdspladsen": null},
	"comment": "Mødte stabilt og var god til at spørge."}`

// TestReferenceAPI: the employer of the placement's company writes the
// reference once the placement has begun and corrects it with the
// revision read; the jobcentre's consultant reads it and is notified
// without the citizen's name; another company's employer, another
// jobcentre's consultant and event staff get nothing; a consultant cannot
// write it; every problem is named per field in Danish.
func TestReferenceAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		w := newPlWorld(e)
		id := plNum(e.place(w, "")["id"])
		path := fmt.Sprintf("/api/v1/placements/%d/reference", id)

		if r := e.do("consA", "GET", path, ""); r.status != 404 || !strings.Contains(r.body, "endnu ikke skrevet en udtalelse") {
			t.Fatalf("before it is written: %d %s", r.status, r.body)
		}
		// Validation: Danish messages naming each field.
		for _, c := range []struct{ body, field string }{
			{`{"tasks_solved": [], "competences": {"fremmoede":1,"samarbejde":1,"tempo":1,"kvalitet":1,"selvstaendighed":1}}`, "tasks_solved"},
			{`{"tasks_solved": ["Pluk", "   "], "competences": {"fremmoede":1,"samarbejde":1,"tempo":1,"kvalitet":1,"selvstaendighed":1}}`, "tasks_solved[1]"},
			{`{"tasks_solved": ["` + strings.Repeat("x", 201) + `"], "competences": {"fremmoede":1,"samarbejde":1,"tempo":1,"kvalitet":1,"selvstaendighed":1}}`, "tasks_solved[0]"},
			{`{"tasks_solved": ["Pluk"], "competences": {"fremmoede":6,"samarbejde":1,"tempo":1,"kvalitet":1,"selvstaendighed":1}}`, "competences.fremmoede"},
			{`{"tasks_solved": ["Pluk"], "competences": {"fremmoede":1,"tempo":1,"kvalitet":1,"selvstaendighed":1}}`, "competences.samarbejde"},
			{`{"tasks_solved": ["Pluk"], "competences": {"fremmoede":1,"samarbejde":1,"tempo":1,"kvalitet":1,"selvstaendighed":0}}`, "competences.selvstaendighed"},
			{`{"tasks_solved": ["Pluk"], "competences": {"fremmoede":1,"samarbejde":1,"tempo":1,"kvalitet":1,"selvstaendighed":1,"humoer":5}}`, "competences.humoer"},
			{`{"tasks_solved": ["Pluk"], "competences": {"fremmoede":1,"samarbejde":1,"tempo":1,"kvalitet":1,"selvstaendighed":1}, "comment": "` + strings.Repeat("y", 2001) + `"}`, "comment"},
		} {
			r := e.do("employer", "PUT", path, c.body)
			if r.status != 422 || !r.hasField(c.field) {
				t.Errorf("PUT %.80s: %d %s, want 422 naming %s", c.body, r.status, r.body, c.field)
			}
			if strings.Contains(r.body, "must") || strings.Contains(r.body, "required") {
				t.Errorf("English in the problem: %s", r.body)
			}
		}
		r := e.do("employer", "PUT", path, `{"tasks_solved": ["Pluk"], "competences": {"fremmoede": 1}}`)
		if !strings.Contains(r.body, "Vurdér samarbejde fra 1 til 5.") {
			t.Errorf("a missing competence's message: %s", r.body)
		}
		if r := e.do("consA", "GET", path, ""); r.status != 404 {
			t.Fatalf("a refused write stored something: %d %s", r.status, r.body)
		}

		// Who may not write it.
		for who, want := range map[string]int{"consA": 403, "admin": 403, "event": 403, "consB": 404} {
			if r := e.do(who, "PUT", path, validReference); r.status != want {
				t.Errorf("%s wrote the reference: %d %s, want %d", who, r.status, r.body, want)
			}
		}

		// The employer writes it: 200 with revision 1, the tasks trimmed.
		r = e.do("employer", "PUT", path, validReference)
		if r.status != 200 || plNum(r.json["revision"]) != 1 || r.json["written_by"] != "employer" || r.json["updated_by"] != "employer" ||
			r.json["written_at"] == nil || r.json["updated_at"] == nil {
			t.Fatalf("write: %d %s", r.status, r.body)
		}
		if tasks := r.json["tasks_solved"].([]any); len(tasks) != 3 || tasks[1] != "Pluk og pak" {
			t.Errorf("tasks as stored: %v", tasks)
		}
		comp := r.json["competences"].(map[string]any)
		if plNum(comp["fremmoede"]) != 5 || comp["dansk_paa_arbejdspladsen"] != nil {
			t.Errorf("competences as stored: %v", comp)
		}

		// The consultant reads it; another jobcentre, another company and
		// event staff do not.
		r = e.do("consA", "GET", path, "")
		if r.status != 200 || r.json["comment"] != "Mødte stabilt og var god til at spørge." || plNum(r.json["placement_id"]) != id {
			t.Fatalf("consultant reads: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "GET", path, ""); r.status != 200 {
			t.Errorf("employer reads own: %d %s", r.status, r.body)
		}
		if r := e.do("consB", "GET", path, ""); r.status != 404 {
			t.Errorf("another jobcentre's consultant: %d %s", r.status, r.body)
		}
		if r := e.do("event", "GET", path, ""); r.status != 403 {
			t.Errorf("event staff: %d %s", r.status, r.body)
		}
		e.otherCompanyEmployer()
		for _, m := range []string{"GET", "PUT"} {
			body := ""
			if m == "PUT" {
				body = validReference
			}
			if r := e.do("other", m, path, body); r.status != 404 || strings.Contains(r.body, "Mødte stabilt") {
				t.Errorf("another company's employer %s: %d %s", m, r.status, r.body)
			}
		}

		// The consultant is told in the app and by mail, without the name.
		me := e.do("consA", "GET", "/api/v1/me", "")
		ns, _, err := e.store.Notifications(context.Background(), plNum(me.json["id"]), false, 10)
		if err != nil || len(ns) != 1 || ns[0].Kind != models.NotifyReferenceWritten || ns[0].Link != fmt.Sprintf("/placeringer/%d/udtalelse", id) ||
			!strings.Contains(ns[0].Text, "Kronborg Lager ApS har skrevet udtalelsen") || strings.Contains(ns[0].Text, "Borger") {
			t.Fatalf("notifications: %v %+v", err, ns)
		}
		mails, _, err := e.store.Mails(context.Background(), 20, 0)
		found := false
		for _, m := range mails {
			if m.To == "kons.a@test.dk" && m.Subject == "Udtalelse fra virksomhed" {
				found = true
				if strings.Contains(m.Text+m.HTML, "Borger 0101") || strings.Contains(m.Text+m.HTML, "0101901111") {
					t.Errorf("the mail names the citizen: %s", m.Text)
				}
			}
		}
		if err != nil || !found {
			t.Errorf("no mail to the consultant: %v %+v", err, mails)
		}

		// A correction needs the revision read: none 428, an old one 409.
		fixed := strings.Replace(validReference, `"tempo": 3`, `"tempo": 4`, 1)
		if r := e.do("employer", "PUT", path, fixed); r.status != 428 || !r.hasField("revision") {
			t.Errorf("correction without revision: %d %s", r.status, r.body)
		}
		withRev := func(rev int) string {
			return strings.Replace(fixed, `"comment"`, fmt.Sprintf(`"revision": %d, "comment"`, rev), 1)
		}
		if r := e.do("employer", "PUT", path, withRev(1)); r.status != 200 || plNum(r.json["revision"]) != 2 ||
			plNum(r.json["competences"].(map[string]any)["tempo"]) != 4 {
			t.Fatalf("correction: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "PUT", path, withRev(1)); r.status != 409 || r.json["code"] != "stale" {
			t.Errorf("correction over a newer revision: %d %s", r.status, r.body)
		}

		// The citizen's insight export carries it; an erasure deletes it.
		cpath := fmt.Sprintf("/api/v1/citizens/%d", w.citizen)
		r = e.do("consA", "GET", cpath+"/export", "")
		if r.status != 200 || !strings.Contains(r.body, `"reference":{`) || !strings.Contains(r.body, "Mødte stabilt") {
			t.Errorf("export without the reference: %d %.300s", r.status, r.body)
		}
		if r := e.do("consA", "POST", cpath+"/erase", `{"reason":"Borgerens anmodning"}`); r.status != 204 {
			t.Fatalf("erase: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "GET", path, ""); r.status != 404 || strings.Contains(r.body, "Mødte stabilt") {
			t.Errorf("the reference outlived the erasure: %d %s", r.status, r.body)
		}

		// A planned placement (not begun) takes no reference yet: 409.
		c2 := e.plCitizen("consA", "0202902222", "gruppe2", w.start.AddDays(-300).String())
		r = e.do("consA", "POST", "/api/v1/placements", fmt.Sprintf(`{"citizen_id": %d, "opening_id": %d, "start_date": %q}`,
			c2, w.opening, w.thisWeek.AddWeeks(3).Monday()))
		if r.status != 201 || r.json["status"] != "planlagt" {
			t.Fatalf("planned placement: %d %s", r.status, r.body)
		}
		planned := fmt.Sprintf("/api/v1/placements/%d/reference", plNum(r.json["id"]))
		if r := e.do("employer", "PUT", planned, validReference); r.status != 409 || !strings.Contains(r.body, "først skrives, når placeringen er begyndt") {
			t.Errorf("reference before the start: %d %s", r.status, r.body)
		}
	})
}

// otherCompanyEmployer adds "other", an employer of another company.
func (e *env) otherCompanyEmployer() {
	e.t.Helper()
	r := e.do("consA", "POST", "/api/v1/companies", `{"cvr":"29403473","name":"Lageret Nord A/S","branch":"transport_lager_logistik"}`)
	if r.status != 201 {
		e.t.Fatalf("other company: %d %s", r.status, r.body)
	}
	r = e.do("admin", "POST", "/api/v1/users", fmt.Sprintf(
		`{"email":"chef@lageretnord.dk","name":"Nils Nord","password":"admins-valgte-kode-41","role":"employer","company_id":%d}`, plNum(r.json["id"])))
	if r.status != 201 {
		e.t.Fatalf("other employer: %d %s", r.status, r.body)
	}
	e.tokens["other"] = e.newToken("chef@lageretnord.dk", "admins-valgte-kode-41", "test")
	if r := e.do("other", "PUT", "/api/v1/me/password", `{"current_password":"admins-valgte-kode-41","new_password":"nils-egen-kode-2027"}`); r.status != 204 {
		e.t.Fatalf("other employer's password: %d %s", r.status, r.body)
	}
}
