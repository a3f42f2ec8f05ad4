package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"placering/models"
	"placering/server/app"
)

// otherHostEmployer adds a company of jobcentre A with its own employer user
// ("employer2"), logged in through the API.
func (e *env) otherHostEmployer() {
	e.t.Helper()
	ctx := context.Background()
	co := models.Company{JobcentreID: e.jcA.ID, CompanyFields: models.CompanyFields{CVR: "29403473", Name: "Øresund Rengøring A/S",
		Branch: "transport_lager_logistik", Address: "Havnegade 2", Postcode: "3000", Town: "Helsingør", Lat: 56.03, Lon: 12.61}}
	must(e.t, e.store.CreateCompany(ctx, &co))
	in := app.UserInput{Email: "chef@oresund.dk", Name: "employer2", Role: models.RoleEmployer, CompanyID: &co.ID, Password: "hemmelig-kode-123"}
	if _, err := app.New(app.Deps{Store: e.store}).CreateUser(ctx, nil, in); err != nil {
		e.t.Fatal(err)
	}
	e.tokens["employer2"] = e.newToken("chef@oresund.dk", "hemmelig-kode-123", "test")
}

func weekOf(t *testing.T, r response, week models.ISOWeek) map[string]any {
	t.Helper()
	weeks, _ := r.json["weeks"].([]any)
	for _, w := range weeks {
		if m := w.(map[string]any); m["iso_week"] == week.String() {
			return m
		}
	}
	t.Fatalf("week %s not in %s", week, r.body)
	return nil
}

func confirmationState(t *testing.T, r response, week models.ISOWeek) map[string]any {
	t.Helper()
	c, _ := weekOf(t, r, week)["confirmation"].(map[string]any)
	if c == nil {
		t.Fatalf("week %s has no confirmation: %s", week, r.body)
	}
	return c
}

// TestEmployerConfirmsAndDisputesHours: the employer of the hosting
// company confirms a week (201 with who and when) or disputes it with a
// comment (the consultant is notified); nobody else can, not even the
// consultant; a week without hours and a changed week are refused; a
// correction by the consultant makes the week unconfirmed again; the
// placement's summary says which hours are confirmed; and the internal
// note never reaches the employer.
func TestEmployerConfirmsAndDisputesHours(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.otherHostEmployer()
		w := newPlWorld(e)
		id := plNum(e.place(w, "")["id"])
		w1, w2, w3, w4 := w.thisWeek.AddWeeks(-1), w.thisWeek.AddWeeks(-2), w.thisWeek.AddWeeks(-3), w.thisWeek.AddWeeks(-4)
		week := func(wk models.ISOWeek) string { return fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, wk) }
		for wk, body := range map[models.ISOWeek]string{
			w1: `{"worked": 10, "internal_note": "Fortroligt: angst og misbrug"}`,
			w2: `{"worked": 12}`,
			w3: `{"worked": 8}`,
		} {
			if r := e.do("consA", "PUT", week(wk), body); r.status != 200 {
				t.Fatalf("hours %s: %d %s", wk, r.status, r.body)
			}
		}

		// Confirm without a body: 201 with who and when.
		r := e.do("employer", "POST", week(w1)+"/confirmation", "")
		if r.status != http.StatusCreated || r.json["state"] != "bekraeftet" || r.json["confirmed_by"] != "employer" ||
			r.json["worked"] != 10.0 || r.json["week"] != w1.String() || r.json["confirmed_at"] == "" || strings.Contains(r.body, "angst") {
			t.Fatalf("confirm: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "POST", week(w1)+"/confirmation", "{}"); r.status != http.StatusConflict || !strings.Contains(r.body, "allerede bekræftet") {
			t.Errorf("confirming twice: %d %s", r.status, r.body)
		}

		// Nobody but the hosting employer: the consultant is refused, the
		// other jobcentre and the other company do not see the placement.
		for who, want := range map[string]int{"consA": 403, "admin": 403, "consB": 404, "employer2": 404, "event": 403} {
			for p, body := range map[string]string{week(w3) + "/confirmation": `{}`, week(w3) + "/dispute": `{"comment": "Forkert"}`} {
				r := e.do(who, "POST", p, body)
				if r.status != want || strings.Contains(r.body, "Borger") {
					t.Errorf("%s posts %s: %d %s", who, p, r.status, r.body)
				}
			}
		}
		if r := e.do("employer2", "GET", fmt.Sprintf("/api/v1/placements/%d/hours", id), ""); r.status != 404 {
			t.Errorf("another company's employer reads the hours: %d %s", r.status, r.body)
		}

		// A week without hours, and a figure that is no longer current.
		if r := e.do("employer", "POST", week(w4)+"/confirmation", "{}"); r.status != http.StatusConflict || !strings.Contains(r.body, "ikke registreret timer") {
			t.Errorf("a week without hours: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "POST", week(w3)+"/confirmation", `{"worked": 9}`); r.status != http.StatusConflict || r.json["code"] != "stale" {
			t.Errorf("a changed figure: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "POST", week(w3)+"/confirmation", `{"worked": 8, "revision": 1}`); r.status != http.StatusCreated {
			t.Errorf("confirm the figure seen: %d %s", r.status, r.body)
		}

		// A dispute needs a comment (Danish), then notifies the consultant.
		if r := e.do("employer", "POST", week(w2)+"/dispute", `{"worked": 6}`); r.status != 422 || !r.hasField("comment") || !strings.Contains(r.body, "kommentar") {
			t.Errorf("dispute without a comment: %d %s", r.status, r.body)
		}
		r = e.do("employer", "POST", week(w2)+"/dispute", `{"comment": "Kun 6 timer, gik tidligt tirsdag", "worked": 6}`)
		if r.status != http.StatusCreated || r.json["state"] != "bestridt" || r.json["claimed_worked"] != 6.0 || r.json["worked"] != 12.0 {
			t.Fatalf("dispute: %d %s", r.status, r.body)
		}
		ns, _, err := e.store.Notifications(ctx, e.userID("kons.a@test.dk"), true, 10)
		if err != nil || len(ns) != 1 || ns[0].Kind != models.NotifyHoursDisputed || !strings.Contains(ns[0].Link, w2.String()) || strings.Contains(ns[0].Text, "Borger") {
			t.Errorf("the consultant's notice: %v %+v", err, ns)
		}

		// The consultant sees each week's state and the confirmed totals.
		hours := fmt.Sprintf("/api/v1/placements/%d/hours", id)
		r = e.do("consA", "GET", hours, "")
		if c := confirmationState(t, r, w1); c["state"] != "bekraeftet" || c["by"] != "employer" || c["at"] == nil {
			t.Errorf("week 1 for the consultant: %v", c)
		}
		if c := confirmationState(t, r, w2); c["state"] != "bestridt" || c["comment"] != "Kun 6 timer, gik tidligt tirsdag" {
			t.Errorf("week 2 for the consultant: %v", c)
		}
		sum, _ := r.json["summary"].(map[string]any)
		if sum["worked_hours"] != 30.0 || sum["confirmed_hours"] != 18.0 || sum["disputed_weeks"] != 1.0 || sum["confirmed_weeks"] != 2.0 {
			t.Errorf("summary: %v", sum)
		}
		if c := weekOf(t, r, w4)["confirmation"]; c != nil {
			t.Errorf("a week without hours has a confirmation: %v", c)
		}

		// The consultant corrects week 1: it is unconfirmed again, and the
		// employer confirms the new figure.
		if r := e.do("consA", "PUT", week(w1), `{"worked": 11, "internal_note": "Fortroligt: angst og misbrug", "revision": 1}`); r.status != 200 {
			t.Fatalf("correction: %d %s", r.status, r.body)
		}
		r = e.do("consA", "GET", week(w1), "")
		if c, _ := r.json["confirmation"].(map[string]any); c["state"] != "ikke_bekraeftet" || c["at"] != nil {
			t.Errorf("after the correction: %s", r.body)
		}
		r = e.do("consA", "GET", hours, "")
		if sum, _ := r.json["summary"].(map[string]any); sum["confirmed_hours"] != 8.0 || sum["unconfirmed_weeks"] != 1.0 {
			t.Errorf("summary after the correction: %v", sum)
		}
		if r := e.do("employer", "POST", week(w1)+"/confirmation", `{"worked": 11}`); r.status != http.StatusCreated || r.json["worked"] != 11.0 {
			t.Errorf("confirm the corrected week: %d %s", r.status, r.body)
		}

		// The citizen's progression says how many hours are confirmed.
		r = e.do("consA", "GET", fmt.Sprintf("/api/v1/citizens/%d/progression", w.citizen), "")
		if c, _ := r.json["confirmation"].(map[string]any); r.status != 200 || c["confirmed_hours"] != 19.0 || c["worked_hours"] != 31.0 || c["disputed_weeks"] != 1.0 {
			t.Errorf("progression: %d %v", r.status, r.json["confirmation"])
		}

		// Nothing the employer reads carries the internal note.
		for _, p := range []string{hours, week(w1), week(w2)} {
			if r := e.do("employer", "GET", p, ""); r.status != 200 || strings.Contains(r.body, "angst") {
				t.Errorf("employer reads %s: %d %s", p, r.status, r.body)
			}
		}
	})
}

// TestWeeksToConfirm: an employer's list holds their company's
// unconfirmed weeks with hours, newest first, and nothing for other
// companies or roles.
func TestWeeksToConfirm(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.otherHostEmployer()
		w := newPlWorld(e)
		id := plNum(e.place(w, "")["id"])
		w1, w2 := w.thisWeek.AddWeeks(-1), w.thisWeek.AddWeeks(-2)
		for _, wk := range []models.ISOWeek{w1, w2} {
			if r := e.do("consA", "PUT", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, wk), `{"worked": 7.5}`); r.status != 200 {
				t.Fatalf("hours: %d %s", r.status, r.body)
			}
		}
		if r := e.do("employer", "POST", fmt.Sprintf("/api/v1/placements/%d/hours/%s/confirmation", id, w2), ""); r.status != 201 {
			t.Fatalf("confirm: %d %s", r.status, r.body)
		}
		a := app.New(app.Deps{Store: e.store})
		user := func(email string) *models.User {
			u, err := e.store.UserByEmail(ctx, email)
			must(t, err)
			return &u
		}
		got, err := a.WeeksToConfirm(ctx, user("chef@kronborglager.dk"))
		if err != nil || len(got) != 1 || got[0].PlacementID != id || got[0].Week != w1 || got[0].Worked != 7.5 || got[0].CitizenName != "Borger 0101" {
			t.Errorf("employer's weeks: %v %+v", err, got)
		}
		for _, email := range []string{"chef@oresund.dk", "kons.a@test.dk"} {
			if got, err := a.WeeksToConfirm(ctx, user(email)); err != nil || len(got) != 0 {
				t.Errorf("%s: %v %+v", email, err, got)
			}
		}
	})
}
