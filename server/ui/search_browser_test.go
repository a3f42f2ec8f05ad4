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

// TestBrowserSearch drives /soeg in headless Chromium: typing updates the
// results and the facet counts in place (no page load), a ticked facet
// narrows them, an unknown place is explained next to its field, and axe
// finds no WCAG 2.1 A/AA violations in any of those states.
func TestBrowserSearch(t *testing.T) {
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
	s := newSearchEnv(t)
	ctx := newBrowser(t)
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// waitFor polls a condition in the page; on failure it shows what the
	// page looked like.
	waitFor := func(what, cond string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			dbg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({htmx: typeof htmx, antal: (document.querySelector("#antal")||{}).textContent, loc: location.href})`))
			t.Fatalf("%s: %v\n%s", what, err, dbg)
		}
	}
	// The marker lives in the document: a page load would drop it.
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
	run("log in",
		chromedp.Navigate(s.srv.URL+"/soeg"),
		chromedp.WaitVisible(chromedp.ID("f-email")),
		chromedp.SendKeys(chromedp.ID("f-email"), s.consultant.Email),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.ID("f-q")),
	)
	waitFor("htmx loaded", `typeof htmx === "object"`)
	checkAxe(t, ctx, string(axe), "search page")
	run("mark the document", chromedp.Evaluate[chromedp.Void](`window.__samePage = true`))

	run("type", chromedp.SendKeys(chromedp.ID("f-q"), "lager"))
	waitFor("results follow the typing", `document.querySelector("#antal").textContent.includes("2 åbninger fundet")`)
	sameDocument("typing")
	results, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("soeg-resultat")))
	if err != nil || !strings.Contains(results, "Lagermedarbejder") || strings.Contains(results, "Bagerlærling") {
		t.Errorf("results after typing = %q, %v", results, err)
	}
	// The facet counts came along out of band.
	waitFor("facet counts follow the typing", `document.querySelector("label[for=f-kind-fleksjob]").textContent.includes("(1)")`)
	if label, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("label[for=f-kind-virksomhedspraktik]"))); err != nil || !strings.Contains(label, "(0)") {
		t.Errorf("virksomhedspraktik facet = %q, %v; want (0) for q=lager", label, err)
	}
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err != nil || !strings.HasSuffix(loc, "/soeg?q=lager") {
		t.Errorf("pushed URL = %q, %v", loc, err)
	}
	checkAxe(t, ctx, string(axe), "search page after typing")

	run("tick a kind", chromedp.Click(chromedp.ID("f-kind-fleksjob")))
	waitFor("the facet narrows the results", `document.querySelector("#antal").textContent.includes("1 åbning fundet")`)
	sameDocument("ticking a facet")
	waitFor("the box stays ticked", `document.querySelector("#f-kind-fleksjob").checked`)
	if label, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("label[for=f-kind-igu]"))); err != nil || !strings.Contains(label, "(1)") {
		t.Errorf("igu facet after ticking fleksjob = %q, %v; want (1): ticking adds (OR)", label, err)
	}

	run("type an unknown place",
		chromedp.SendKeys(chromedp.ID("f-place"), "Atlantis"),
		chromedp.KeyEvent("\t"),
	)
	waitFor("the place is explained", `(document.querySelector("#f-place-error")||{textContent:""}).textContent.includes("Vi kender ikke stedet")`)
	sameDocument("an unknown place")
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("f-q"))); err != nil || v != "lager" {
		t.Errorf("search box after a filter change = %q, %v", v, err)
	}
	checkAxe(t, ctx, string(axe), "search page with an unknown place")

	run("fix the place",
		chromedp.Clear(chromedp.ID("f-place")),
		chromedp.SendKeys(chromedp.ID("f-place"), "2750"),
		chromedp.KeyEvent("\t"),
	)
	waitFor("distances show", `document.querySelector("#soeg-indhold").textContent.includes("Afstand måles fra 2750 Ballerup")`)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	writeScreenshot(t, "search.png", shot)

	csp, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp || []`))
	if err != nil {
		t.Fatalf("read CSP violations: %v", err)
	}
	if len(csp) > 0 {
		t.Errorf("CSP violations: %v", csp)
	}
}
