package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserBoard drives /tavle in headless Chromium: a card moves with its
// button and with drag and drop, each time into the next column without a
// page load; and axe finds no WCAG 2.1 A/AA violations on the board (also
// with a rejection form open), the citizen's proposals and the opening's
// candidates.
func TestBrowserBoard(t *testing.T) {
	requireChromium(t)
	m := newMatchEnv(t)
	match := m.propose(m.peter.ID, m.opening.ID)
	card := "#match-" + itoa(match.ID)
	b := newBrowserTab(t, "#tavle-besked")

	b.logIn(m.srv.URL+"/tavle", m.consultant.Email, chromedp.WaitVisible(chromedp.CSS(card)))
	b.waitFor("board script ran", `document.querySelector("`+card+`").getAttribute("draggable") === "true"`)
	b.checkPage("board")

	// Move with the button: the card lands in the next column in place,
	// takes the focus, and the live region says what happened.
	b.markDocument()
	b.run("move with button", chromedp.Click(chromedp.CSS(card+` form[data-to="kontaktet"] button`)))
	b.waitFor("card in Kontaktet", `document.querySelector("#kolonne-kontaktet `+card+`") !== null`)
	b.sameDocument("move with button")
	msg, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.ID("tavle-besked")))
	if err != nil || !strings.Contains(msg, "Matchet er flyttet til Kontaktet.") {
		t.Errorf("live region after move = %q, %v", msg, err)
	}
	b.waitFor("moved card focused", `document.activeElement && document.activeElement.id === "`+card[1:]+`"`)
	b.checkPage("board after move")

	// Drag and drop onto Samtale submits the same form.
	b.run("drag to Samtale", chromedp.Evaluate[chromedp.Void](`(() => {
		const card = document.querySelector("`+card+`");
		const col = document.querySelector("#kolonne-samtale");
		const dt = new DataTransfer();
		card.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: dt}));
		col.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt}));
		col.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt}));
		card.dispatchEvent(new DragEvent("dragend", {bubbles: true, dataTransfer: dt}));
	})()`))
	b.waitFor("card in Samtale", `document.querySelector("#kolonne-samtale `+card+`") !== null`)
	b.sameDocument("drag and drop")

	// A drop the pipeline does not allow is explained and changes nothing.
	b.run("drag back to Foreslået", chromedp.Evaluate[chromedp.Void](`(() => {
		const card = document.querySelector("`+card+`");
		const col = document.querySelector("#kolonne-foreslaaet");
		const dt = new DataTransfer();
		card.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: dt}));
		col.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt}));
		card.dispatchEvent(new DragEvent("dragend", {bubbles: true, dataTransfer: dt}));
	})()`))
	b.waitFor("refused drop explained", `document.querySelector("#tavle-besked").textContent.includes("kan ikke flyttes fra Samtale til Foreslået")`)
	if ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.querySelector("#kolonne-samtale `+card+`") !== null`)); err != nil || !ok {
		t.Errorf("after a refused drop the card left Samtale (%v)", err)
	}

	// The rejection form, opened, passes axe too.
	b.run("open rejection form", chromedp.Click(chromedp.CSS(card+" details.reject summary")), chromedp.WaitVisible(chromedp.ID("m"+itoa(match.ID)+"-reason")))
	b.checkPage("board with rejection form")

	b.run("open proposals", chromedp.Navigate(m.srv.URL+"/borgere/"+itoa(m.sara.ID)+"/forslag?excluded=on"),
		chromedp.WaitVisible(chromedp.CSS(".proposal")))
	b.checkPage("citizen proposals")
	b.run("create match", chromedp.Click(chromedp.CSS(`#aabning-`+itoa(m.opening.ID)+` button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")))
	b.checkPage("citizen proposals after create")

	b.run("open candidates", chromedp.Navigate(m.srv.URL+"/aabninger/"+itoa(m.opening.ID)+"/kandidater"),
		chromedp.WaitVisible(chromedp.CSS(".proposal")))
	b.checkPage("opening candidates")

	b.run("open board", chromedp.Navigate(m.srv.URL+"/tavle"), chromedp.WaitVisible(chromedp.CSS(card)))
	b.screenshot("board.png")
}
