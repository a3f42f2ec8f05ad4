package ui_test

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserReference: on a 390 px phone the employer fills in the
// reference form (first sent empty: the problems show at their fields),
// with axe-core clean on the form, the form with errors, the form in
// English and on a desktop; then the consultant opens the printable page,
// which is axe-clean on screen and, in print media, shows the reference
// without the header, menu, footer or buttons.
func TestBrowserReference(t *testing.T) {
	requireChromium(t)
	p := newPlacementEnv(t)
	path := p.srv.URL + "/placeringer/" + itoa(p.pPeter.ID) + "/udtalelse"
	b := newBrowserTab(t, "h1", ".error-summary", ".flash")
	b.run("phone viewport", chromedp.EmulateViewport(390, 800, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	b.logIn(path, p.employer.Email, chromedp.WaitVisible(chromedp.ID("f-tasks_solved")))
	b.checkPage("reference form on a phone")
	b.checkFits("reference form")

	b.run("send it empty", chromedp.Click(chromedp.CSS(".reference-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".error-summary")))
	b.waitFor("errors at the fields", `document.querySelector("#f-tasks_solved-error") !== null &&
		document.querySelector("#f-competences-fremmoede-error") !== null &&
		document.querySelector("#f-competences-dansk_paa_arbejdspladsen-error") === null`)
	b.checkPage("reference form with errors on a phone")
	b.screenshot("reference-form-errors-phone.png")

	b.run("fill it in",
		chromedp.SendKeys(chromedp.ID("f-tasks_solved"), "Bagning af rundstykker\nOpvask"),
		chromedp.Click(chromedp.ID("f-competences-fremmoede-5")),
		chromedp.Click(chromedp.ID("f-competences-samarbejde-4")),
		chromedp.Click(chromedp.ID("f-competences-tempo-3")),
		chromedp.Click(chromedp.ID("f-competences-kvalitet-4")),
		chromedp.Click(chromedp.ID("f-competences-selvstaendighed-2")),
		chromedp.Click(chromedp.ID("f-competences-dansk_paa_arbejdspladsen-0")),
		chromedp.SendKeys(chromedp.ID("f-comment"), "Glad og stabil."),
		chromedp.Click(chromedp.CSS(".reference-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	ref, err := p.app.GetReference(context.Background(), &p.consultant, p.pPeter.ID)
	if err != nil || len(ref.TasksSolved) != 2 || *ref.Competences.Selvstaendighed != 2 || ref.Competences.DanskPaaArbejdspladsen != nil ||
		ref.Comment != "Glad og stabil." {
		t.Fatalf("stored reference: %+v, %v", ref, err)
	}
	b.checkPage("reference form after saving")

	b.run("English", chromedp.Click(chromedp.CSS(`.lang-switch button[value=en]`)), chromedp.WaitVisible(chromedp.ID("f-tasks_solved")))
	b.waitFor("the form in English", `document.querySelector("h1").textContent === "Reference for the placement" &&
		document.querySelector("label[for=f-competences-fremmoede-5]").textContent.includes("Very satisfactory")`)
	b.checkPage("reference form in English")
	b.screenshot("reference-form-en-phone.png")

	b.run("desktop viewport", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(path), chromedp.WaitVisible(chromedp.ID("f-tasks_solved")))
	b.checkPage("reference form on a desktop")
	b.run("log out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.ID("f-email")))

	b.logIn(path+"/print", p.consultant.Email, chromedp.WaitVisible(chromedp.CSS("article.reference-doc")))
	b.checkPage("printable reference")
	b.screenshot("reference-print-screen.png")
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatalf("print media: %v", err)
	}
	b.waitFor("print hides the header, menu and buttons", `(() => {
		const hidden = s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === "none");
		const doc = document.querySelector("article.reference-doc");
		return hidden(".site-header") && hidden(".site-footer") && hidden(".no-print") &&
			getComputedStyle(doc).display !== "none" && doc.textContent.includes("Peter Pedersen") &&
			doc.textContent.includes("Bagning af rundstykker") && doc.textContent.includes("2 – Mindre tilfredsstillende");
	})()`)
	b.screenshot("reference-print-media.png")
}
