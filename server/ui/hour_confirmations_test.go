package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"

	"placering/models"
	"placering/server/app"
)

// TestEmployerConfirmsHoursInTheBrowser: the employer's page lists the
// weeks to confirm at their company only; a dispute without a comment
// comes back with the error at the field; a confirmation and a dispute
// leave the list; the consultant sees each week's state and the confirmed
// total on the placement page and the hours sheet; the internal note never
// reaches the employer; other users cannot use the page.
func TestEmployerConfirmsHoursInTheBrowser(t *testing.T) {
	p := newPlacementEnv(t)
	ctx := context.Background()
	peter := itoa(p.pPeter.ID)
	// An internal note on week 7 that the employer must never see.
	w7 := 16.0
	rev := 1
	if _, err := p.app.SaveWeek(ctx, &p.consultant, p.pPeter.ID, "2027-W07", models.HoursInput{Worked: &w7, InternalNote: "Fortroligt: misbrugsbehandling", Revision: &rev}); err != nil {
		t.Fatal(err)
	}

	emp := p.client()
	emp.login(p.employer.Email)
	resp, body := emp.get("/timer/bekraeft")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Peter Pedersen", `id="uge-`+peter+`-2027-W09"`, `id="uge-`+peter+`-2027-W05"`, "Bekræft timerne", "Bestrid timerne")
	wantLacks(t, body, "Sara Sørensen", "misbrug")

	answer := func(action, week, comment string) (*http.Response, string) {
		t.Helper()
		return emp.post("/timer/bekraeft", url.Values{"placement_id": {peter}, "week": {week}, "action": {action}, "comment": {comment}, "only": {"0"}})
	}
	resp, body = answer("bestrid", "2027-W08", "")
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="comment-`+peter+`-2027-W08-fejl"`, "Skriv en kommentar", `aria-invalid="true"`, "<details open>")
	resp, body = answer("bekraeft", "2027-W09", "")
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = answer("bestrid", "2027-W08", "Kun 10 timer, gik tidligt")
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = emp.get("/timer/bekraeft")
	wantContains(t, body, "Timerne er bestridt.", `id="uge-`+peter+`-2027-W07"`)
	wantLacks(t, body, `id="uge-`+peter+`-2027-W09"`, `id="uge-`+peter+`-2027-W08"`, "misbrug")
	resp, body = answer("bekraeft", "2027-W09", "")
	wantStatus(t, resp, body, http.StatusConflict)
	wantContains(t, body, "allerede bekræftet")
	// Another company's placement is not there for this employer.
	resp, body = emp.get(placementPath(p.pSara.ID) + "/timer/bekraeft")
	wantStatus(t, resp, body, http.StatusNotFound)
	resp, body = emp.post("/timer/bekraeft", url.Values{"placement_id": {itoa(p.pSara.ID)}, "week": {"2027-W10"}, "action": {"bekraeft"}})
	wantStatus(t, resp, body, http.StatusNotFound)

	// The consultant sees the states and the confirmed total.
	cons := p.client()
	cons.login(p.consultant.Email)
	resp, body = cons.get(placementPath(p.pPeter.ID))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Bekræftet af arbejdsgiver</span> Birthe Bager", "Bestridt</span>: Kun 10 timer, gik tidligt", "Ikke bekræftet",
		"heraf bekræftet af arbejdsgiveren: <strong>20 timer</strong>")
	resp, body = cons.get("/timer?uge=2027-W08")
	wantContains(t, body, "Bestridt</span>: Kun 10 timer, gik tidligt")
	resp, body = cons.get(placementPath(p.pPeter.ID) + "/uger/2027-W09")
	wantContains(t, body, "Arbejdsgiverens bekræftelse: <span class=\"tag confirmation-bekraeftet\">")
	resp, body = cons.get("/timer/bekraeft")
	wantStatus(t, resp, body, http.StatusForbidden)
	ns, _, err := p.app.Notifications(ctx, &p.consultant, true)
	if err != nil || len(ns) != 1 || ns[0].Kind != models.NotifyHoursDisputed {
		t.Errorf("the consultant's notice of the dispute: %v %+v", err, ns)
	}

	// The consultant corrects week 9: the employer is asked again.
	w9, rev9 := 21.0, 1
	if _, err := p.app.SaveWeek(ctx, &p.consultant, p.pPeter.ID, "2027-W09", models.HoursInput{Worked: &w9, Revision: &rev9}); err != nil {
		t.Fatal(err)
	}
	resp, body = emp.get("/timer/bekraeft")
	wantContains(t, body, `id="uge-`+peter+`-2027-W09"`, "21")
	// In English, as an employer may choose.
	resp, body = emp.post("/sprog", url.Values{"lang": {"en"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = emp.get("/timer/bekraeft")
	wantContains(t, body, "Confirm recorded hours", "Week 9, 2027", "Confirm the hours", "Dispute the hours", "Hours worked in the week")
	wantLacks(t, body, "Bekræft timerne", "Arbejdede timer i ugen")
	weeks, err := p.app.WeeksToConfirm(ctx, &p.employer)
	if err != nil || len(weeks) != 4 || weeks[0].Week.String() != "2027-W09" || weeks[0].Revision != 2 {
		t.Errorf("weeks to confirm after the correction: %v %+v", err, weeks)
	}
}

func placementPath(id int64) string { return "/placeringer/" + itoa(id) }

// TestBrowserEmployerConfirmsHoursOnAPhone: the employer's confirm page at
// 390 px passes axe and fits, also with a dispute's error open, and a
// dispute and a confirmation made by tapping go through.
func TestBrowserEmployerConfirmsHoursOnAPhone(t *testing.T) {
	requireChromium(t)
	p := newPlacementEnv(t)
	peter := itoa(p.pPeter.ID)
	card := func(week string) string { return "#uge-" + peter + "-" + week }
	b := newBrowserTab(t, "h1", ".flash", ".error-summary", ".error-message")
	b.run("phone viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	b.logIn(p.srv.URL+"/timer/bekraeft", p.employer.Email, chromedp.WaitVisible(chromedp.CSS(card("2027-W09"))))
	b.checkPage("confirm hours on a phone")
	b.checkFits("confirm hours")
	b.screenshot("phone-confirm-hours.png")

	b.run("open the dispute and send it empty",
		chromedp.Click(chromedp.CSS(card("2027-W08")+" summary")),
		chromedp.WaitVisible(chromedp.CSS(card("2027-W08")+" textarea")),
		chromedp.Click(chromedp.CSS(card("2027-W08")+" details button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("comment-"+peter+"-2027-W08-fejl")))
	b.checkPage("confirm hours with an error")
	b.checkFits("confirm hours with an error")
	b.run("dispute with a comment",
		chromedp.SendKeys(chromedp.ID("comment-"+peter+"-2027-W08"), "Kun 10 timer"),
		chromedp.SendKeys(chromedp.ID("claimed-"+peter+"-2027-W08"), "10"),
		chromedp.Click(chromedp.CSS(card("2027-W08")+" details button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")))
	b.run("reload without the flash", chromedp.Navigate(p.srv.URL+"/timer/bekraeft"), chromedp.WaitVisible(chromedp.CSS(card("2027-W09"))))
	b.run("confirm week 9", chromedp.Click(chromedp.CSS(card("2027-W09")+" button.primary")), chromedp.WaitVisible(chromedp.CSS(".flash")))
	b.waitFor("weeks 8 and 9 leave the list", `!document.querySelector("`+card("2027-W09")+`") && !document.querySelector("`+card("2027-W08")+`") && !!document.querySelector("`+card("2027-W07")+`")`)
	b.checkPage("confirm hours after answering")

	v, err := p.app.HoursOfPlacement(context.Background(), &p.consultant, p.pPeter.ID)
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]app.WeekConfirmation{}
	for _, w := range v.Weeks {
		if w.Confirmation != nil {
			states[w.Week.String()] = *w.Confirmation
		}
	}
	if s := states["2027-W09"]; s.State != models.ConfirmationConfirmed || s.By != "Birthe Bager" {
		t.Errorf("week 9: %+v", s)
	}
	if s := states["2027-W08"]; s.State != models.ConfirmationDisputed || s.Comment != "Kun 10 timer" || s.ClaimedHours() != 10 {
		t.Errorf("week 8: %+v", s)
	}
	if v.Summary.ConfirmedHours != 20 || v.Summary.DisputedWeeks != 1 || v.Summary.UnconfirmedWeeks != 3 {
		t.Errorf("summary: %+v", v.Summary)
	}
}
