package ui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSearch drives /soeg in headless Chromium: typing updates the
// results and the facet counts in place (no page load), a ticked facet
// narrows them, an unknown place is explained next to its field, and axe
// finds no WCAG 2.1 A/AA violations in any of those states.
func TestBrowserSearch(t *testing.T) {
	requireChromium(t)
	s := newSearchEnv(t)
	b := newBrowserTab(t, "#antal")

	b.logIn(s.srv.URL+"/soeg", s.consultant.Email, chromedp.WaitVisible(chromedp.ID("f-q")))
	b.waitFor("htmx loaded", `typeof htmx === "object"`)
	b.checkAxe("search page")
	b.markDocument()

	b.run("type", chromedp.SendKeys(chromedp.ID("f-q"), "lager"))
	b.waitFor("results follow the typing", `document.querySelector("#antal").textContent.includes("2 åbninger fundet")`)
	b.sameDocument("typing")
	results, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.ID("soeg-resultat")))
	if err != nil || !strings.Contains(results, "Lagermedarbejder") || strings.Contains(results, "Bagerlærling") {
		t.Errorf("results after typing = %q, %v", results, err)
	}
	// The facet counts came along out of band.
	b.waitFor("facet counts follow the typing", `document.querySelector("label[for=f-kind-fleksjob]").textContent.includes("(1)")`)
	if label, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("label[for=f-kind-virksomhedspraktik]"))); err != nil || !strings.Contains(label, "(0)") {
		t.Errorf("virksomhedspraktik facet = %q, %v; want (0) for q=lager", label, err)
	}
	if loc, err := chromedp.Run(b.ctx, chromedp.Location()); err != nil || !strings.HasSuffix(loc, "/soeg?q=lager") {
		t.Errorf("pushed URL = %q, %v", loc, err)
	}
	b.checkAxe("search page after typing")

	b.run("tick a kind", chromedp.Click(chromedp.ID("f-kind-fleksjob")))
	b.waitFor("the facet narrows the results", `document.querySelector("#antal").textContent.includes("1 åbning fundet")`)
	b.sameDocument("ticking a facet")
	b.waitFor("the box stays ticked", `document.querySelector("#f-kind-fleksjob").checked`)
	if label, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("label[for=f-kind-igu]"))); err != nil || !strings.Contains(label, "(1)") {
		t.Errorf("igu facet after ticking fleksjob = %q, %v; want (1): ticking adds (OR)", label, err)
	}

	b.run("type an unknown place",
		chromedp.SendKeys(chromedp.ID("f-place"), "Atlantis"),
		chromedp.KeyEvent("\t"),
	)
	b.waitFor("the place is explained", `(document.querySelector("#f-place-error")||{textContent:""}).textContent.includes("Vi kender ikke stedet")`)
	b.sameDocument("an unknown place")
	if v, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.ID("f-q"))); err != nil || v != "lager" {
		t.Errorf("search box after a filter change = %q, %v", v, err)
	}
	b.checkAxe("search page with an unknown place")

	b.run("fix the place",
		chromedp.Clear(chromedp.ID("f-place")),
		chromedp.SendKeys(chromedp.ID("f-place"), "2750"),
		chromedp.KeyEvent("\t"),
	)
	b.waitFor("distances show", `document.querySelector("#soeg-indhold").textContent.includes("Afstand måles fra 2750 Ballerup")`)
	b.screenshot("search.png")

	// Distance from a citizen: typing a name fetches the matching
	// citizens into the select; choosing one measures from their home.
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`(() => { const p = document.querySelector("#f-place");
		p.value = ""; p.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)); err != nil {
		t.Fatalf("clear the place: %v", err)
	}
	b.waitFor("the place is gone", `!document.querySelector("#soeg-indhold").textContent.includes("Afstand måles fra 2750")`)
	b.run("type a citizen's name", chromedp.SendKeys(chromedp.ID("borger-soeg"), "ball"))
	b.waitFor("the citizen is offered", `[...document.querySelectorAll("#f-citizen_id option")].some(o => o.textContent.includes("Bo Ballerup (050585-XXXX)"))`)
	b.sameDocument("typing a citizen's name")
	b.checkAxe("search page with citizens offered")
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`(() => { const s = document.querySelector("#f-citizen_id");
		s.value = "`+itoa(s.citizenBallerup.ID)+`"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)); err != nil {
		t.Fatalf("choose the citizen: %v", err)
	}
	b.waitFor("distances from the citizen", `document.querySelector("#soeg-indhold").textContent.includes("Afstand måles fra borgerens bopæl")`)
	b.waitFor("the citizen stays chosen", `document.querySelector("#f-citizen_id").value === "`+itoa(s.citizenBallerup.ID)+`"`)
	b.sameDocument("choosing a citizen")
	b.checkAxe("search page measuring from a citizen")
	// The whole test stays in one document, so this sees every violation.
	b.checkCSP("search page")
}
