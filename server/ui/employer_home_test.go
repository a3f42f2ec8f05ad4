package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"placering/models"
)

// notify stores notifications for u and returns their ids.
func (e *env) notify(u models.User, texts ...string) []int64 {
	e.t.Helper()
	var ns []models.Notification
	for _, s := range texts {
		ns = append(ns, models.Notification{UserID: u.ID, Kind: models.NotifyOpeningApproved, Text: s, TextEN: "EN " + s, Link: "/aabninger"})
	}
	if err := e.store.AddNotifications(context.Background(), ns); err != nil {
		e.t.Fatal(err)
	}
	ids := make([]int64, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	return ids
}

func (e *env) unread(u models.User) int64 {
	e.t.Helper()
	n, err := e.store.UnreadNotifications(context.Background(), u.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// TestEmployerHomePage: an employer lands on their home, which shows the
// company without the jobcentre's notes, the openings with their status,
// the placeholders for hours and references, and in English once chosen;
// other roles have no employer home.
func TestEmployerHomePage(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if _, err := e.app.UpdateCompany(ctx, &e.consultant, e.company.ID, func(f *models.CompanyFields) error {
		f.Notes = "Intern note: ejeren er svær"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.app.CreateOpening(ctx, &e.consultant, models.OpeningFields{CompanyID: e.company.ID, Kind: models.KindPraktik,
		Title: "Bagerlærling", HoursMin: 10, HoursMax: 20, Seats: 1, Status: models.StatusOpen}); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login(e.employer.Email)
	resp, body := c.get("/")
	wantStatus(t, resp, body, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/arbejdsgiver" {
		t.Fatalf("employer home → %q", loc)
	}
	resp, body = c.get("/arbejdsgiver")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "<h1>Bageriet Kronborg ApS</h1>", "Bagerlærling", "Åben", "0 henvisninger", "Timer at bekræfte",
		"Udtalelser at skrive", "Kandidater at overveje", `href="/aabninger/`, `aria-current="page">Forside`, `href="/beskeder"`)
	wantLacks(t, body, "Intern note", "0 kandidater")
	wantContains(t, body, `hx-get="/arbejdsgiver/kandidater"`, "Se kandidaterne")
	// The counts come after, as a fragment (htmx), or in the whole page.
	resp, body = c.get("/arbejdsgiver/kandidater", "HX-Request", "true")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `id="kandidater"`, "0 kandidater", "Bagerlærling")
	wantLacks(t, body, "<html", "hx-get")
	_, body = c.get("/arbejdsgiver/kandidater")
	wantContains(t, body, "<html", "<h1>Bageriet Kronborg ApS</h1>", "0 kandidater")

	c.get("/arbejdsgiver")
	resp, body = c.post("/sprog", url.Values{"lang": {"en"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = c.get("/arbejdsgiver")
	wantContains(t, body, `<html lang="en">`, "Hours to confirm", "Your openings", "Open", "0 referrals", ">Home</a>", ">Messages")

	for _, u := range []models.User{e.consultant, e.admin, e.ev} {
		o := e.client()
		o.login(u.Email)
		resp, body := o.get("/arbejdsgiver")
		wantStatus(t, resp, body, http.StatusForbidden)
		resp, body = o.get("/arbejdsgiver/kandidater", "HX-Request", "true")
		wantStatus(t, resp, body, http.StatusForbidden)
	}
}

// TestNotificationsPage: each user sees only their own notifications,
// newest first and unread marked; the menu counts the unread; marking
// read (one, or all) touches only one's own rows, also when another
// user's id is posted.
func TestNotificationsPage(t *testing.T) {
	e := newEnv(t)
	mine := e.notify(e.employer, "Åbningen Bagerlærling er godkendt", "Åbningen Kagebager er sendt tilbage")
	theirs := e.notify(e.consultant, "Bageriet har vist interesse")

	c := e.client()
	c.login(e.employer.Email)
	resp, body := c.get("/beskeder")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Åbningen Bagerlærling er godkendt", "Åbningen Kagebager er sendt tilbage", "Beskeder (2", "Markér alle som læst")
	wantLacks(t, body, "Bageriet har vist interesse")
	if i, j := strings.Index(body, "Kagebager"), strings.Index(body, "Bagerlærling er"); i > j {
		t.Error("not newest first")
	}
	// Another user's id marks nothing.
	resp, body = c.post("/beskeder/laest", url.Values{"id": {itoa(theirs[0])}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	if n := e.unread(e.consultant); n != 1 {
		t.Errorf("the employer marked the consultant's notification: %d unread", n)
	}
	c.get("/beskeder")
	c.post("/beskeder/laest", url.Values{"id": {itoa(mine[0])}})
	if n := e.unread(e.employer); n != 1 {
		t.Errorf("after marking one: %d unread", n)
	}
	_, body = c.get("/aabninger")
	wantContains(t, body, "Beskeder (1")
	c.post("/beskeder/laest", url.Values{})
	if n, m := e.unread(e.employer), e.unread(e.consultant); n != 0 || m != 1 {
		t.Errorf("after marking all: employer %d, consultant %d unread", n, m)
	}
	_, body = c.get("/beskeder")
	wantContains(t, body, "Ingen ulæste beskeder.")
	wantLacks(t, body, "Beskeder (")

	// English for an employer who chose it.
	c.post("/sprog", url.Values{"lang": {"en"}})
	_, body = c.get("/beskeder")
	wantContains(t, body, "EN Åbningen Bagerlærling er godkendt", "No unread messages.")

	// The consultant sees their own, in Danish whatever the cookie says.
	k := e.client()
	k.login(e.consultant.Email)
	_, body = k.get("/beskeder")
	wantContains(t, body, "Bageriet har vist interesse", "Beskeder (1")
	wantLacks(t, body, "Bagerlærling", "EN ")
	if _, _, err := e.app.Notifications(context.Background(), nil, false); models.ErrorCode(err) != models.EUnauthenticated {
		t.Errorf("no user: %v", err)
	}
}
