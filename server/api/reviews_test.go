package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"placering/models"
)

// otherJobcentreEmployer registers a company in jobcentre B with an employer user
// (through an invitation) and logs the employer in as "employer2".
func (e *env) otherJobcentreEmployer() models.Company {
	e.t.Helper()
	shop := models.Company{JobcentreID: e.jcB.ID, CompanyFields: models.CompanyFields{CVR: "24256790", Name: "Ballerup Byg ApS",
		Branch: "bygge_anlaeg", Postcode: "2750", Town: "Ballerup", Lat: 55.73, Lon: 12.36}}
	must(e.t, e.store.CreateCompany(context.Background(), &shop))
	inv := e.invite("admin", fmt.Sprintf(`{"email":"chef@byg.dk","role":"employer","company_id":%d}`, shop.ID))
	if inv.status != 201 {
		e.t.Fatalf("invite: %d %s", inv.status, inv.body)
	}
	if r := e.do("", "POST", "/api/v1/invitations/"+tokenOf(e.t, inv)+"/accept", `{"name":"Bo Byg","password":"`+newPassword+`"}`); r.status != 201 {
		e.t.Fatalf("accept: %d %s", r.status, r.body)
	}
	e.tokens["employer2"] = e.newToken("chef@byg.dk", newPassword, "test")
	return shop
}

// notices returns the kinds and texts of a user's notifications.
func (e *env) notices(email string) ([]models.NotificationKind, string) {
	e.t.Helper()
	ns, _, err := e.store.Notifications(context.Background(), e.userID(email), false, 100)
	must(e.t, err)
	var kinds []models.NotificationKind
	var texts []string
	for _, n := range ns {
		kinds = append(kinds, n.Kind)
		texts = append(texts, n.Text+" | "+n.TextEN)
	}
	return kinds, strings.Join(texts, "\n")
}

func countKind(kinds []models.NotificationKind, k models.NotificationKind) int {
	n := 0
	for _, x := range kinds {
		if x == k {
			n++
		}
	}
	return n
}

func hasOpening(r response, id int64, key string) bool {
	for _, it := range r.items() {
		if v, _ := it[key].(float64); int64(v) == id {
			return true
		}
	}
	return false
}

const employerFleksjob = `{"kind":"fleksjob","title":"Lagermedarbejder på fleksjob","tasks":"Pluk og pak","hours_min":10,"hours_max":20,
	"seats":1,"start_date":"2027-02-01","duration_weeks":26,"status":"open"}`

// An employer's fleksjob opening awaits the jobcentre: no one else sees
// it, matching leaves it out, the employer cannot publish it by any
// route; a consultant of its jobcentre approves it with the checklist or
// sends it back with a comment, and both sides are told.
func TestOpeningReview(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		e.otherJobcentreEmployer()
		r := e.do("employer", "POST", "/api/v1/openings", employerFleksjob)
		if r.status != 201 || r.json["status"] != "til_godkendelse" || r.json["review"] != nil {
			t.Fatalf("employer posts fleksjob asking for open: %d %s", r.status, r.body)
		}
		id := int64(r.json["id"].(float64))
		path := fmt.Sprintf("/api/v1/openings/%d", id)

		// The consultants of the company's jobcentre are told, with a mail.
		kinds, text := e.notices("kons.a@test.dk")
		if countKind(kinds, models.NotifyOpeningToReview) != 1 || !strings.Contains(text, "Ny åbning afventer godkendelse: Lagermedarbejder på fleksjob hos Kronborg Lager ApS") {
			t.Fatalf("consultant A's notices: %v %s", kinds, text)
		}
		if kinds, _ := e.notices("kons.b@test.dk"); len(kinds) != 0 {
			t.Fatalf("another jobcentre's consultant was told: %v", kinds)
		}
		if ms := e.mails("kons.a@test.dk"); len(ms) != 1 || !strings.Contains(ms[0].Subject, "afventer godkendelse") {
			t.Fatalf("mails to consultant A: %+v", ms)
		}

		// Invisible to all but its company and its jobcentre's staff.
		e.drain()
		for _, who := range []string{"employer2", "consB", "event"} {
			if r := e.do(who, "GET", path, ""); r.status != 404 {
				t.Errorf("%s reads the opening awaiting review: %d %s", who, r.status, r.body)
			}
			if r := e.do(who, "GET", "/api/v1/openings?per_page=100", ""); hasOpening(r, id, "id") {
				t.Errorf("%s lists the opening awaiting review", who)
			}
			if r := e.do(who, "GET", "/api/v1/openings?status=til_godkendelse", ""); r.status == 200 && r.json["total"].(float64) != 0 {
				t.Errorf("%s lists openings awaiting review: %s", who, r.body)
			}
			if r := e.do(who, "GET", "/api/v1/search/openings?q=fleksjob", ""); strings.Contains(r.body, fmt.Sprintf(`"id":"%d"`, id)) {
				t.Errorf("%s finds the opening awaiting review: %s", who, r.body)
			}
		}
		for _, who := range []string{"employer", "consA", "admin"} {
			if r := e.do(who, "GET", path, ""); r.status != 200 || r.json["status"] != "til_godkendelse" {
				t.Errorf("%s cannot read the opening awaiting review: %d %s", who, r.status, r.body)
			}
			if r := e.do(who, "GET", "/api/v1/openings?per_page=100", ""); !hasOpening(r, id, "id") {
				t.Errorf("%s does not list the opening awaiting review: %s", who, r.body)
			}
		}
		e.engine.down.Store(true) // the database fallback hides it too
		if r := e.do("consB", "GET", "/api/v1/search/openings", ""); r.json["degraded"] != true || strings.Contains(r.body, fmt.Sprintf(`"id":"%d"`, id)) {
			t.Errorf("database search shows the opening awaiting review: %s", r.body)
		}
		e.engine.down.Store(false)

		// Not in matching.
		citizen := e.mkCitizen("consA", `{"cpr":"1503851234","name":"Lone Fleks","target_group":"ledig_fleksjobvisiteret",
			"goal_branch":"transport_lager_logistik","goal_title":"Lagermedarbejder","danish_level":"flydende",
			"lat":56.03,"lon":12.60,"max_commute_km":20,"hours_capacity":15,"consent_share":true,"consent_kinds":["fleksjob"]}`)
		matches := fmt.Sprintf("/api/v1/citizens/%d/matches?include=excluded", citizen)
		if r := e.do("consA", "GET", matches, ""); r.status != 200 || hasOpening(r, id, "opening_id") {
			t.Fatalf("the opening awaiting review is among the citizen's matches: %d %s", r.status, r.body)
		}

		// The employer cannot publish it, nor approve it.
		for _, body := range []string{`{"status":"open"}`, `{"status":"pauset"}`, `{"status":"open","seats":2}`, `{"status":"draft"}`} {
			if r := e.do("employer", "PATCH", path, body); r.status != 200 || r.json["status"] != "til_godkendelse" {
				t.Fatalf("employer PATCH %s: %d %s", body, r.status, r.body)
			}
		}
		if r := e.do("employer", "POST", path+"/approve", `{}`); r.status != 403 {
			t.Fatalf("employer approves own opening: %d %s", r.status, r.body)
		}
		for _, who := range []string{"consB", "employer2", "event"} {
			if r := e.do(who, "POST", path+"/approve", ""); r.status != 404 {
				t.Fatalf("%s approves: %d %s", who, r.status, r.body)
			}
		}
		if r := e.do("consA", "POST", path+"/approve", `{"checklist":{"rimelighedskrav":true}}`); r.status != 422 || !r.hasField("checklist.rimelighedskrav") {
			t.Fatalf("a key of another scheme's checklist: %d %s", r.status, r.body)
		}

		// The consultant approves with the checklist.
		r = e.do("consA", "POST", path+"/approve", `{"checklist":{"fleksloen":true}}`)
		review, _ := r.json["review"].(map[string]any)
		if r.status != 200 || r.json["status"] != "open" || review == nil || review["decision"] != "godkendt" ||
			review["reviewed_by"].(float64) != float64(e.userID("kons.a@test.dk")) {
			t.Fatalf("approve: %d %s", r.status, r.body)
		}
		if cl := review["checklist"].(map[string]any); cl["fleksloen"] != true || cl["skaanehensyn"] != false || len(cl) != 2 {
			t.Fatalf("checklist kept: %v", cl)
		}
		if r := e.do("employer", "GET", path, ""); r.json["review"].(map[string]any)["checklist"].(map[string]any)["fleksloen"] != true {
			t.Fatalf("the employer's read lacks the review: %s", r.body)
		}
		if r := e.do("consA", "POST", path+"/approve", ""); r.status != 409 || danishOnly(r.json["detail"].(string)) != "" {
			t.Fatalf("approve twice: %d %s", r.status, r.body)
		}
		if kinds, text := e.notices("chef@kronborglager.dk"); countKind(kinds, models.NotifyOpeningApproved) != 1 ||
			!strings.Contains(text, "godkendt") || !strings.Contains(text, "approved") {
			t.Fatalf("employer's notices after approval: %v %s", kinds, text)
		}
		if ms := e.mails("chef@kronborglager.dk"); len(ms) != 1 || !strings.Contains(ms[0].Subject, "godkendt") {
			t.Fatalf("mails to the employer: %+v", ms)
		}
		if r := e.do("consA", "GET", strings.TrimSuffix(matches, "?include=excluded"), ""); !hasOpening(r, id, "opening_id") {
			t.Fatalf("the approved opening is not among the citizen's matches: %s", r.body)
		}
		e.drain()
		if r := e.do("consB", "GET", "/api/v1/search/openings?q=fleksjob", ""); !strings.Contains(r.body, fmt.Sprintf(`"id":"%d"`, id)) {
			t.Errorf("the approved opening is not found: %s", r.body)
		}

		// Only a status change between open and pauset keeps it live; a
		// change of its content goes back to review.
		if r := e.do("employer", "PATCH", path, `{"status":"pauset"}`); r.json["status"] != "pauset" {
			t.Fatalf("employer pauses: %s", r.body)
		}
		if r := e.do("employer", "PATCH", path, `{"status":"open"}`); r.json["status"] != "open" {
			t.Fatalf("employer reopens: %s", r.body)
		}
		if r := e.do("employer", "PATCH", path, `{"hours_max":30}`); r.json["status"] != "til_godkendelse" {
			t.Fatalf("employer's change of an approved opening: %s", r.body)
		}

		// Sent back with a comment, which the employer reads; saving it
		// again submits it again.
		if r := e.do("consA", "POST", path+"/return", `{"comment":"  "}`); r.status != 422 || !r.hasField("comment") {
			t.Fatalf("return without comment: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "POST", path+"/return", `{"comment":"Nej"}`); r.status != 403 {
			t.Fatalf("employer returns: %d %s", r.status, r.body)
		}
		r = e.do("consA", "POST", path+"/return", `{"comment":"Angiv skånehensyn i opgaverne."}`)
		if r.status != 200 || r.json["status"] != "draft" {
			t.Fatalf("return: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "GET", path, ""); r.json["review"].(map[string]any)["comment"] != "Angiv skånehensyn i opgaverne." ||
			r.json["review"].(map[string]any)["decision"] != "sendt_tilbage" {
			t.Fatalf("employer reads the comment: %s", r.body)
		}
		if kinds, text := e.notices("chef@kronborglager.dk"); countKind(kinds, models.NotifyOpeningReturned) != 1 || !strings.Contains(text, "Angiv skånehensyn") {
			t.Fatalf("employer's notices after return: %v %s", kinds, text)
		}
		if r := e.do("consA", "POST", path+"/return", `{"comment":"Igen"}`); r.status != 409 {
			t.Fatalf("return a draft: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "PATCH", path, `{"tasks":"Pluk og pak; skånehensyn: ingen tunge løft"}`); r.json["status"] != "til_godkendelse" {
			t.Fatalf("employer resubmits: %s", r.body)
		}
		if kinds, _ := e.notices("kons.a@test.dk"); countKind(kinds, models.NotifyOpeningToReview) != 3 {
			t.Fatalf("consultant told of each submission: %v", kinds)
		}

		// Ordinary hours go live at once; consultants publish as before.
		if r := e.do("employer", "POST", "/api/v1/openings", `{"kind":"ordinaere_timer","title":"Truckfører","hours_min":5,"hours_max":15,"seats":1}`); r.json["status"] != "open" {
			t.Fatalf("employer's ordinary hours: %s", r.body)
		}
		if r := e.do("consA", "POST", "/api/v1/openings", fmt.Sprintf(validOpening, e.company.ID)); r.json["status"] != "open" {
			t.Fatalf("consultant's praktik: %s", r.body)
		}
		if r := e.do("", "GET", "/api/v1/vocabulary/review-checklists", ""); r.status != 200 || !strings.Contains(r.body, "Merbeskæftigelseskravet") {
			t.Fatalf("checklists: %d %s", r.status, r.body)
		}
	})
}

// TestReviewOnlyByApproval: a consultant cannot take an opening out of
// review with a plain PATCH of its status (that would skip the checklist
// and the employer's notice); withdrawing it is allowed, and approval
// opens it.
func TestReviewOnlyByApproval(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		r := e.do("employer", "POST", "/api/v1/openings", employerFleksjob)
		if r.status != 201 || r.json["status"] != "til_godkendelse" {
			t.Fatalf("employer posts fleksjob: %d %s", r.status, r.body)
		}
		path := fmt.Sprintf("/api/v1/openings/%d", int64(r.json["id"].(float64)))
		if r := e.do("consA", "PATCH", path, `{"status":"open"}`); r.status != 422 || !strings.Contains(r.body, "Godkend den eller send den tilbage") {
			t.Fatalf("consultant PATCH status open on an opening awaiting review: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "GET", path, ""); r.json["status"] != "til_godkendelse" {
			t.Fatalf("after the refused PATCH: %s", r.body)
		}
		if r := e.do("consA", "POST", path+"/approve", `{}`); r.status != 200 || r.json["status"] != "open" {
			t.Fatalf("approve: %d %s", r.status, r.body)
		}
	})
}
