package ui_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// TestBrowser drives the real UI in headless Chromium: log in, create a
// company (first with a bad CVR), find it with the live search, and check
// the login page, the company form and the company list with axe-core for
// WCAG 2.1 A/AA violations. It also fails on any Content-Security-Policy
// violation, which is how inline styles or scripts would show up.
func TestBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		msg := "browser test skipped: Chromium not found at " + chromiumPath + " (apt-get install -y chromium)"
		if os.Getenv("REQUIRE_BACKENDS") != "" || os.Getenv("CI") != "" {
			t.Fatal(msg + "; required because REQUIRE_BACKENDS/CI is set")
		}
		t.Skip(msg)
	}
	axe, err := os.ReadFile(filepath.Join("..", "..", "web", "testdata", "axe.min.js"))
	if err != nil {
		t.Fatalf("read axe-core: %v", err)
	}
	e := newEnv(t)
	ctx := newBrowser(t)
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	// Record CSP violations in every document the tab loads.
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

	// A page behind login sends the browser to the login page.
	run("open login", chromedp.Navigate(e.srv.URL+"/virksomheder"), chromedp.WaitVisible(chromedp.ID("f-email")))
	checkPage("login page")
	run("log in",
		chromedp.SendKeys(chromedp.ID("f-email"), e.consultant.Email),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/virksomheder/ny"]`)),
	)
	checkPage("company list")

	run("open form", chromedp.Click(chromedp.CSS(`a[href="/virksomheder/ny"]`)), chromedp.WaitVisible(chromedp.ID("f-cvr")))
	checkPage("company form")
	run("submit bad CVR",
		chromedp.SendKeys(chromedp.ID("f-cvr"), "12345678"),
		chromedp.SendKeys(chromedp.ID("f-name"), "Testbageriet Øresund ApS"),
		chromedp.SetValue(chromedp.ID("f-branch"), "butik_detail"),
		chromedp.SendKeys(chromedp.ID("f-postcode"), "3000"),
		chromedp.SendKeys(chromedp.ID("f-town"), "Helsingør"),
		chromedp.SendKeys(chromedp.ID("f-contacts-0-name"), "Hanne Hansen"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.ID("f-cvr-error")),
	)
	checkPage("company form with errors")
	if name, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("f-name"))); err != nil || name != "Testbageriet Øresund ApS" {
		t.Errorf("name after error = %q, %v; want it kept", name, err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	writeScreenshot(t, "company-form-errors.png", shot)

	run("fix CVR and save",
		chromedp.Clear(chromedp.ID("f-cvr")),
		chromedp.SendKeys(chromedp.ID("f-cvr"), "29403473"),
		chromedp.Click(chromedp.CSS("main button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1"))); err != nil || h1 != "Testbageriet Øresund ApS" {
		t.Errorf("after save, h1 = %q, %v", h1, err)
	}

	// Live search: typing updates the results without a page load.
	run("search",
		chromedp.Navigate(e.srv.URL+"/virksomheder"),
		chromedp.WaitVisible(chromedp.ID("f-q")),
		chromedp.SendKeys(chromedp.ID("f-q"), "testbager"),
	)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`document.querySelector("#antal").textContent.includes("1 virksomhed fundet")`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		dbg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({htmx: typeof htmx, q: document.querySelector("#f-q").value, antal: document.querySelector("#antal").textContent, loc: location.href, csp: window.__csp})`))
		t.Fatalf("live search did not narrow the list: %v\n%s", err, dbg)
	}
	results, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("resultater")))
	if err != nil || !strings.Contains(results, "Testbageriet Øresund ApS") || strings.Contains(results, "Bageriet Kronborg") {
		t.Errorf("search results = %q, %v", results, err)
	}
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err != nil || !strings.Contains(loc, "q=") {
		t.Errorf("search did not push its URL: %q, %v", loc, err)
	}
	checkPage("company list after search")
}

func newBrowser(t *testing.T) context.Context {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	// Start the browser without a deadline (a deadline on the first call
	// would bind the browser's life to it), then bound the whole test.
	if err := chromedp.Do(ctx); err != nil {
		cancelCtx()
		cancelAlloc()
		t.Fatalf("start chromium: %v", err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelT(); cancelCtx(); cancelAlloc() })
	return tctx
}

// checkAxe runs axe-core in the page for WCAG 2.0/2.1 A and AA and fails
// the test with every violation it reports.
func checkAxe(t *testing.T, ctx context.Context, axe, name string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("%s: inject axe-core: %v", name, err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
		resultTypes: ["violations", "passes"]
	}).then(r => JSON.stringify({
		passes: r.passes.length,
		violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.map(n => n.target.join(" ") + " – " + n.failureSummary)}))
	}))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: run axe-core: %v", name, err)
	}
	var res struct {
		Passes     int
		Violations []struct {
			ID, Impact, Help string
			Nodes            []string
		}
	}
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		t.Fatalf("%s: decode axe result: %v", name, err)
	}
	for _, v := range res.Violations {
		t.Errorf("%s: axe %s (%s): %s\n  %s", name, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
	}
	if res.Passes == 0 {
		t.Errorf("%s: axe-core passed no rules; did it run?", name)
	}
	t.Logf("%s: axe-core: %d WCAG 2.1 A/AA rules passed, %d violated", name, res.Passes, len(res.Violations))
}

// writeScreenshot keeps the PNG in a temporary directory that outlives the
// test, so a person can look at it; the path is logged.
func writeScreenshot(t *testing.T, name string, png []byte) {
	t.Helper()
	dir := filepath.Join(os.TempDir(), "placering-ui-screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshot dir: %v", err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatalf("write screenshot: %v", err)
	}
	t.Logf("screenshot: %s", p)
}
