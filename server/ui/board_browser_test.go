package ui_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestBrowserBoard drives /tavle in headless Chromium: a card moves with its
// button and with drag and drop, each time into the next column without a
// page load; and axe finds no WCAG 2.1 A/AA violations on the board (also
// with a rejection form open), the citizen's proposals and the opening's
// candidates.
func TestBrowserBoard(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		msg := "browser test skipped: Chromium not found at " + chromiumPath
		if os.Getenv("REQUIRE_BACKENDS") != "" || os.Getenv("CI") != "" {
			t.Fatal(msg + "; required because REQUIRE_BACKENDS/CI is set")
		}
		t.Skip(msg)
	}
	axe, err := os.ReadFile(filepath.Join("..", "..", "web", "testdata", "axe.min.js"))
	if err != nil {
		t.Fatalf("read axe-core: %v", err)
	}
	m := newMatchEnv(t)
	match := m.propose(m.peter.ID, m.opening.ID)
	card := "#match-" + itoa(match.ID)
	ctx := newBrowser(t)
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	waitFor := func(what, cond string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			dbg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({htmx: typeof htmx, loc: location.href,
				besked: (document.querySelector("#tavle-besked")||{}).textContent, csp: window.__csp})`))
			t.Fatalf("%s: %v\n%s", what, err, dbg)
		}
	}
	sameDocument := func(what string) {
		t.Helper()
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__samePage === true`)); err != nil || !ok {
			t.Fatalf("%s: the page was reloaded (%v)", what, err)
		}
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__csp = []; document.addEventListener("securitypolicyviolation",
			e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline")));`,
	}); err != nil {
		t.Fatalf("install CSP recorder: %v", err)
	}
	checkPage := func(name string) {
		t.Helper()
		checkAxe(t, ctx, string(axe), name)
		csp, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp || []`))
		if err != nil {
			t.Fatalf("%s: read CSP violations: %v", name, err)
		}
		if len(csp) > 0 {
			t.Errorf("%s: CSP violations: %v", name, csp)
		}
	}

	run("log in",
		chromedp.Navigate(m.srv.URL+"/tavle"),
		chromedp.WaitVisible(chromedp.ID("f-email")),
		chromedp.SendKeys(chromedp.ID("f-email"), m.consultant.Email),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(card)),
	)
	waitFor("board script ran", `document.querySelector("`+card+`").getAttribute("draggable") === "true"`)
	checkPage("board")

	// Move with the button: the card lands in the next column in place,
	// takes the focus, and the live region says what happened.
	run("mark document", chromedp.Evaluate[chromedp.Void](`window.__samePage = true`))
	run("move with button", chromedp.Click(chromedp.CSS(card+` form[data-to="kontaktet"] button`)))
	waitFor("card in Kontaktet", `document.querySelector("#kolonne-kontaktet `+card+`") !== null`)
	sameDocument("move with button")
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("tavle-besked")))
	if err != nil || !strings.Contains(msg, "Matchet er flyttet til Kontaktet.") {
		t.Errorf("live region after move = %q, %v", msg, err)
	}
	waitFor("moved card focused", `document.activeElement && document.activeElement.id === "`+card[1:]+`"`)
	checkPage("board after move")

	// Drag and drop onto Samtale submits the same form.
	run("drag to Samtale", chromedp.Evaluate[chromedp.Void](`(() => {
		const card = document.querySelector("`+card+`");
		const col = document.querySelector("#kolonne-samtale");
		const dt = new DataTransfer();
		card.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: dt}));
		col.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt}));
		col.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt}));
		card.dispatchEvent(new DragEvent("dragend", {bubbles: true, dataTransfer: dt}));
	})()`))
	waitFor("card in Samtale", `document.querySelector("#kolonne-samtale `+card+`") !== null`)
	sameDocument("drag and drop")

	// A drop the pipeline does not allow is explained and changes nothing.
	run("drag back to Foreslået", chromedp.Evaluate[chromedp.Void](`(() => {
		const card = document.querySelector("`+card+`");
		const col = document.querySelector("#kolonne-foreslaaet");
		const dt = new DataTransfer();
		card.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: dt}));
		col.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt}));
		card.dispatchEvent(new DragEvent("dragend", {bubbles: true, dataTransfer: dt}));
	})()`))
	waitFor("refused drop explained", `document.querySelector("#tavle-besked").textContent.includes("kan ikke flyttes fra Samtale til Foreslået")`)
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#kolonne-samtale `+card+`") !== null`)); err != nil || !ok {
		t.Errorf("after a refused drop the card left Samtale (%v)", err)
	}

	// The rejection form, opened, passes axe too.
	run("open rejection form", chromedp.Click(chromedp.CSS(card+" details.reject summary")), chromedp.WaitVisible(chromedp.ID("m"+itoa(match.ID)+"-reason")))
	checkPage("board with rejection form")

	run("open proposals", chromedp.Navigate(m.srv.URL+"/borgere/"+itoa(m.sara.ID)+"/forslag?excluded=on"),
		chromedp.WaitVisible(chromedp.CSS(".proposal")))
	checkPage("citizen proposals")
	run("create match", chromedp.Click(chromedp.CSS(`#aabning-`+itoa(m.opening.ID)+` button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")))
	checkPage("citizen proposals after create")

	run("open candidates", chromedp.Navigate(m.srv.URL+"/aabninger/"+itoa(m.opening.ID)+"/kandidater"),
		chromedp.WaitVisible(chromedp.CSS(".proposal")))
	checkPage("opening candidates")

	run("open board", chromedp.Navigate(m.srv.URL+"/tavle"), chromedp.WaitVisible(chromedp.CSS(card)))
	if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		writeScreenshot(t, "board.png", shot)
	}
}
