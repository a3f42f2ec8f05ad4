package ui_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
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
	if _, err := os.Stat(chromiumPath); err != nil {
		msg := "browser test skipped: Chromium not found at " + chromiumPath
		if os.Getenv("REQUIRE_BACKENDS") != "" || os.Getenv("CI") != "" {
			t.Fatal(msg + "; required because REQUIRE_BACKENDS/CI is set")
		}
		t.Skip(msg)
	}
	p := newPlacementEnv(t)
	ctx := newBrowser(t)
	checkPage := pageChecker(t, ctx)
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	waitFor := func(what, cond string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			dbg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({loc: location.href, active: document.activeElement && document.activeElement.id,
				flash: (document.querySelector(".flash")||{}).textContent, msg: (document.querySelector("#advarsel-besked")||{}).textContent, csp: window.__csp})`))
			t.Fatalf("%s: %v\n%s", what, err, dbg)
		}
	}
	focused := func(what, id string) {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
		if err != nil || got != id {
			t.Fatalf("%s: focus is on %q (%v), want %q", what, got, err, id)
		}
	}
	peter, sara := "f-rows-"+itoa(p.pPeter.ID)+"-", "f-rows-"+itoa(p.pSara.ID)+"-"

	run("log in to the bulk page",
		chromedp.Navigate(p.srv.URL+"/timer?uge=2027-W10"),
		chromedp.WaitVisible(chromedp.ID("f-email")),
		chromedp.SendKeys(chromedp.ID("f-email"), p.consultant.Email),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID(peter+"worked")),
	)
	checkPage("bulk hours page")

	// Peter's row, then on to Sara's, by keyboard only.
	run("type Peter's week", chromedp.Focus(chromedp.ID(peter+"planned")), chromedp.KeyEvent(kb.Tab))
	focused("Tab from planned", peter+"worked")
	run("type Peter's hours", chromedp.KeyEvent("18"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab),
		chromedp.KeyEvent(kb.Tab))
	focused("Tab past absence and its reason", peter+"ordinary")
	run("on to Sara's row", chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
	focused("Tab past the next row's link and planned hours", sara+"worked")
	run("type Sara's hours", chromedp.KeyEvent("7,5"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("2"),
		chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Tab))
	focused("Tab to ordinary hours", sara+"ordinary")
	if reason, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID(sara+"absence_reason"))); err != nil || reason != "sygdom" {
		t.Fatalf("absence reason chosen with the arrow key = %q, %v", reason, err)
	}
	run("save with Enter", chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.CSS(".flash")))
	if flash, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".flash"))); err != nil || flash != "Timerne er gemt." {
		t.Fatalf("after Enter: flash %q, %v", flash, err)
	}
	if w := p.week(p.pPeter.ID, "2027-W10"); w.Hours == nil || w.Hours.Worked != 18 {
		t.Errorf("Peter's week after the keyboard save = %+v", w.Hours)
	}
	if w := p.week(p.pSara.ID, "2027-W10"); w.Hours == nil || w.Hours.Worked != 7.5 || w.Hours.Absent != 2 || w.Hours.AbsenceReason != "sygdom" {
		t.Errorf("Sara's week after the keyboard save = %+v", w.Hours)
	}

	// A value that is not a number comes back at its field, kept.
	run("type a bad value",
		chromedp.Focus(chromedp.ID(peter+"worked")),
		chromedp.KeyEvent(kb.End), chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent("atten"),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.ID(peter+"worked-error")),
	)
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID(peter+"worked"))); err != nil || v != "atten" {
		t.Errorf("bad value after the error = %q, %v; want it kept", v, err)
	}
	checkPage("bulk hours page with an error")
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	writeScreenshot(t, "hours-sheet-error.png", shot)

	run("open progression", chromedp.Navigate(p.srv.URL+"/borgere/"+itoa(p.peter.ID)+"/progression"),
		chromedp.WaitVisible(chromedp.CSS("svg.hour-chart")))
	checkPage("citizen progression")
	if shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		writeScreenshot(t, "progression.png", shot)
	}

	// The alert list; an acknowledgement removes the alert in place.
	run("open alerts", chromedp.Navigate(p.srv.URL+"/advarsler"), chromedp.WaitVisible(chromedp.CSS(".alert-item")))
	checkPage("alerts dashboard")
	before, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".alert-item").length`))
	if err != nil || before == 0 {
		t.Fatalf("alerts on the page: %d, %v", before, err)
	}
	run("acknowledge the first alert",
		chromedp.Evaluate[chromedp.Void](`window.__samePage = true`),
		chromedp.Click(chromedp.CSS(".alert-item summary")),
		chromedp.WaitVisible(chromedp.CSS(".alert-item textarea")),
	)
	checkPage("alerts dashboard with the acknowledgement form open")
	if shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		writeScreenshot(t, "alerts.png", shot)
	}
	run("send the acknowledgement",
		chromedp.SendKeys(chromedp.CSS(".alert-item textarea"), "Ringet til borgeren"),
		chromedp.Click(chromedp.CSS(".alert-item form button")),
	)
	waitFor("alert removed", `document.querySelectorAll(".alert-item").length === `+itoa(int64(before-1))+
		` && document.querySelector("#advarsel-besked").textContent.includes("kvitteret")`)
	if same, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__samePage === true`)); err != nil || !same {
		t.Errorf("acknowledging reloaded the page (%v)", err)
	}

	run("open report", chromedp.Navigate(p.srv.URL+"/rapporter?from=2027-01&to=2027-03"), chromedp.WaitVisible(chromedp.CSS("table.report")))
	checkPage("monthly report")
	if shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		writeScreenshot(t, "report.png", shot)
	}

	for name, path := range map[string]string{
		"placement list":   "/placeringer",
		"placement page":   "/placeringer/" + itoa(p.pPeter.ID),
		"placement form":   "/placeringer/ny",
		"end of placement": "/placeringer/" + itoa(p.pPeter.ID) + "/afslut?status=afsluttet",
		"week history":     "/placeringer/" + itoa(p.pPeter.ID) + "/uger/2027-W10",
	} {
		run("open "+name, chromedp.Navigate(p.srv.URL+path), chromedp.WaitVisible(chromedp.CSS("h1")))
		checkPage(name)
		if shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
			writeScreenshot(t, strings.ReplaceAll(name, " ", "-")+".png", shot)
		}
	}
}

// pageChecker installs a recorder of Content-Security-Policy violations in
// every document the tab loads and returns a check that runs axe-core on
// the current page and fails on any recorded violation.
func pageChecker(t *testing.T, ctx context.Context) func(name string) {
	t.Helper()
	axe, err := os.ReadFile(filepath.Join("..", "..", "web", "testdata", "axe.min.js"))
	if err != nil {
		t.Fatalf("read axe-core: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__csp = []; document.addEventListener("securitypolicyviolation",
			e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline")));`,
	}); err != nil {
		t.Fatalf("install CSP recorder: %v", err)
	}
	return func(name string) {
		t.Helper()
		checkAxe(t, ctx, string(axe), name)
		csp, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp || []`))
		if err != nil {
			t.Fatalf("%s: read CSP violations: %v", name, err)
		}
		if len(csp) > 0 {
			t.Errorf("%s: CSP violations: %v", name, strings.Join(csp, "; "))
		}
	}
}
