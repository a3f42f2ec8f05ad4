package ui_test

import (
	"context"
	"placering/models"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserPlacements drives the pages of issue 5 in headless Chromium:
// a week of hours entered on the bulk page with the keyboard alone (Tab
// between fields, arrow keys in the select, Enter to save), a bad value
// shown at its field, an alert acknowledged with htmx, and axe-core with
// no WCAG 2.1 A/AA violations on the bulk page (also with errors), the
// citizen's progression, the alerts, the report and the placement pages.
func TestBrowserPlacements(t *testing.T) {
	requireChromium(t)
	p := newPlacementEnv(t)
	b := newBrowserTab(t, ".flash", "#advarsel-besked")
	focused := func(what, id string) {
		t.Helper()
		got, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.activeElement.id`))
		if err != nil || got != id {
			t.Fatalf("%s: focus is on %q (%v), want %q", what, got, err, id)
		}
	}
	peter, sara := "f-rows-"+itoa(p.pPeter.ID)+"-", "f-rows-"+itoa(p.pSara.ID)+"-"

	b.logIn(p.srv.URL+"/timer?uge=2027-W10", p.consultant.Email, chromedp.WaitVisible(chromedp.ID(peter+"worked")))
	b.checkPage("bulk hours page")

	// Peter's row, then on to Sara's, by keyboard only.
	b.run("type Peter's week", chromedp.Focus(chromedp.ID(peter+"planned")), chromedp.KeyEvent(kb.Tab))
	focused("Tab from planned", peter+"worked")
	b.run("type Peter's hours", chromedp.KeyEvent("18"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab),
		chromedp.KeyEvent(kb.Tab))
	focused("Tab past absence and its reason", peter+"ordinary")
	b.run("on to the notes", chromedp.KeyEvent(kb.Tab))
	focused("Tab from ordinary hours", peter+"note")
	b.run("on to Sara's row", chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
	focused("Tab past the internal note, the next row's link and planned hours", sara+"worked")
	b.run("type Sara's hours", chromedp.KeyEvent("7,5"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("2"),
		chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Tab))
	focused("Tab to ordinary hours", sara+"ordinary")
	if reason, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.ID(sara+"absence_reason"))); err != nil || reason != "sygdom" {
		t.Fatalf("absence reason chosen with the arrow key = %q, %v", reason, err)
	}
	b.run("save with Enter", chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS(".flash")))
	if flash, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(".flash"))); err != nil || flash != "Timerne er gemt." {
		t.Fatalf("after Enter: flash %q, %v", flash, err)
	}
	if w := p.week(p.pPeter.ID, "2027-W10"); w.Hours == nil || w.Hours.Worked != 18 {
		t.Errorf("Peter's week after the keyboard save = %+v", w.Hours)
	}
	if w := p.week(p.pSara.ID, "2027-W10"); w.Hours == nil || w.Hours.Worked != 7.5 || w.Hours.Absent != 2 || w.Hours.AbsenceReason != "sygdom" {
		t.Errorf("Sara's week after the keyboard save = %+v", w.Hours)
	}

	// A value that is not a number comes back at its field, kept.
	b.run("type a bad value",
		chromedp.Focus(chromedp.ID(peter+"worked")),
		chromedp.KeyEvent(kb.End), chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent("atten"),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.ID(peter+"worked-error")),
	)
	if v, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.ID(peter+"worked"))); err != nil || v != "atten" {
		t.Errorf("bad value after the error = %q, %v; want it kept", v, err)
	}
	b.checkPage("bulk hours page with an error")
	b.screenshot("hours-sheet-error.png")

	b.run("open progression", chromedp.Navigate(p.srv.URL+"/borgere/"+itoa(p.peter.ID)+"/progression"),
		chromedp.WaitVisible(chromedp.CSS("svg.hour-chart")))
	b.checkPage("citizen progression")
	b.screenshot("progression.png")

	// The alert list; an acknowledgement removes the alert in place.
	b.run("open alerts", chromedp.Navigate(p.srv.URL+"/advarsler"), chromedp.WaitVisible(chromedp.CSS(".alert-item")))
	b.checkPage("alerts dashboard")
	before, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll(".alert-item").length`))
	if err != nil || before == 0 {
		t.Fatalf("alerts on the page: %d, %v", before, err)
	}
	b.run("acknowledge the first alert",
		chromedp.Evaluate[chromedp.Void](`window.__samePage = true`),
		chromedp.Click(chromedp.CSS(".alert-item summary")),
		chromedp.WaitVisible(chromedp.CSS(".alert-item textarea")),
	)
	b.checkPage("alerts dashboard with the acknowledgement form open")
	b.screenshot("alerts.png")
	b.run("send the acknowledgement",
		chromedp.SendKeys(chromedp.CSS(".alert-item textarea"), "Ringet til borgeren"),
		chromedp.Click(chromedp.CSS(".alert-item form button")),
	)
	b.waitFor("alert removed", `document.querySelectorAll(".alert-item").length === `+itoa(int64(before-1))+
		` && document.querySelector("#advarsel-besked").textContent.includes("kvitteret")`)
	if same, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.__samePage === true`)); err != nil || !same {
		t.Errorf("acknowledging reloaded the page (%v)", err)
	}

	b.run("open report", chromedp.Navigate(p.srv.URL+"/rapporter?from=2027-01&to=2027-03"), chromedp.WaitVisible(chromedp.CSS("table.report")))
	b.checkPage("monthly report")
	b.screenshot("report.png")

	for name, path := range map[string]string{
		"placement list":   "/placeringer",
		"placement page":   "/placeringer/" + itoa(p.pPeter.ID),
		"placement form":   "/placeringer/ny",
		"end of placement": "/placeringer/" + itoa(p.pPeter.ID) + "/afslut?status=afsluttet",
		"week history":     "/placeringer/" + itoa(p.pPeter.ID) + "/uger/2027-W10",
	} {
		b.run("open "+name, chromedp.Navigate(p.srv.URL+path), chromedp.WaitVisible(chromedp.CSS("h1")))
		b.checkPage(name)
		b.screenshot(strings.ReplaceAll(name, " ", "-") + ".png")
	}

	// The new placement's citizen: typing fetches the matches.
	b.run("open the form", chromedp.Navigate(p.srv.URL+"/placeringer/ny"), chromedp.WaitVisible(chromedp.ID("borger-soeg")))
	b.waitFor("htmx loaded", `typeof htmx === "object"`)
	b.markDocument()
	b.run("type a citizen's name", chromedp.SendKeys(chromedp.ID("borger-soeg"), "ole"))
	b.waitFor("the citizen is offered", `[...document.querySelectorAll("#f-citizen_id option")].some(o => o.textContent.includes("Ole Olsen"))`)
	b.sameDocument("typing a citizen's name")
	b.checkAxe("placement form with citizens offered")
}

// Saving a placement's edit form unchanged changes nothing: the chooser
// shows the placement's opening (even when the opening is no longer open
// or would not be among the first choices), so the link and the seat it
// takes stay. The chooser searches as you type.
func TestBrowserEditPlacementUnchangedKeepsOpeningAndSeat(t *testing.T) {
	requireChromium(t)
	p := newPlacementEnv(t)
	ctx := context.Background()
	o, err := p.app.CreateOpening(ctx, &p.consultant, models.OpeningFields{CompanyID: p.company.ID, Kind: models.KindPraktik,
		Title: "Zz sidst i alfabetet", HoursMin: 5, HoursMax: 20, Seats: 1, StartDate: models.DateOf(placementNow)})
	if err != nil {
		t.Fatal(err)
	}
	pl, err := p.app.CreatePlacement(ctx, &p.consultant, models.PlacementFields{CitizenID: p.ole.ID, OpeningID: &o.ID,
		StartDate: models.DateOf(placementNow)})
	if err != nil {
		t.Fatal(err)
	}
	// The opening is now full and the consultant closes it: it leaves the
	// list of open openings.
	if _, err := p.app.UpdateOpening(ctx, &p.consultant, o.ID, func(f *models.OpeningFields) error {
		f.Status = models.StatusClosed
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	before, err := p.store.GetPlacement(ctx, pl.ID)
	if err != nil {
		t.Fatal(err)
	}
	taken := func() int {
		t.Helper()
		n, err := p.store.SeatsTaken(ctx, []int64{o.ID})
		if err != nil {
			t.Fatal(err)
		}
		return n[o.ID]
	}
	if taken() != 1 {
		t.Fatalf("seats taken before: %d", taken())
	}

	b := newBrowserTab(t, ".flash")
	b.logIn(p.srv.URL+"/placeringer/"+itoa(pl.ID)+"/rediger", p.consultant.Email, chromedp.WaitVisible(chromedp.ID("f-opening_id")))
	chosen, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.ID("f-opening_id")))
	if err != nil || chosen != itoa(o.ID) {
		t.Fatalf("the edit form does not show the placement's opening: %q, %v", chosen, err)
	}
	b.checkPage("placement edit form")

	// Search as you type keeps the chosen opening and finds others.
	b.run("search the openings", chromedp.SendKeys(chromedp.ID("aabning-soeg"), "lager"))
	b.waitFor("options replaced", `document.querySelectorAll("#f-opening_id option").length >= 2 && `+
		`document.querySelector("#f-opening_id").value === "`+itoa(o.ID)+`"`)

	b.run("save unchanged", chromedp.Click(chromedp.CSS(`form.stacked button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
	after, err := p.store.GetPlacement(ctx, pl.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.OpeningID == nil || *after.OpeningID != o.ID {
		t.Errorf("saving the unchanged form unlinked the opening: %v", after.OpeningID)
	}
	if !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Errorf("saving the unchanged form wrote the row (updated %v → %v)", before.UpdatedAt, after.UpdatedAt)
	}
	if taken() != 1 {
		t.Errorf("seats taken after saving unchanged: %d, want 1", taken())
	}
}
