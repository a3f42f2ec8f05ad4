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

// requireChromium skips the test when Chromium is missing, except under
// REQUIRE_BACKENDS or CI, where a missing browser must not pass unnoticed.
// Call it before building the test's environment.
func requireChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		msg := "browser test skipped: Chromium not found at " + chromiumPath + " (apt-get install -y chromium)"
		if os.Getenv("REQUIRE_BACKENDS") != "" || os.Getenv("CI") != "" {
			t.Fatal(msg + "; required because REQUIRE_BACKENDS/CI is set")
		}
		t.Skip(msg)
	}
}

// browserTab is one test's tab in headless Chromium with axe-core at hand
// and a recorder of Content-Security-Policy violations (which is how inline
// styles or scripts would show up) in every document it loads.
type browserTab struct {
	t   *testing.T
	ctx context.Context
	axe string
	// show lists CSS selectors whose content waitFor prints when its
	// condition never holds, so a failure shows what the page looked like.
	show []string
}

// newBrowserTab starts Chromium for the test, bounded to two minutes and
// stopped when the test ends.
func newBrowserTab(t *testing.T, show ...string) *browserTab {
	t.Helper()
	axe, err := os.ReadFile(filepath.Join("..", "..", "web", "testdata", "axe.min.js"))
	if err != nil {
		t.Fatalf("read axe-core: %v", err)
	}
	b := &browserTab{t: t, ctx: newBrowser(t), axe: string(axe), show: show}
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__csp = []; document.addEventListener("securitypolicyviolation",
			e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline")));`,
	}); err != nil {
		t.Fatalf("install CSP recorder: %v", err)
	}
	return b
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

// run performs the actions and fails the test, naming the step, if one fails.
func (b *browserTab) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// logIn opens url, which sends the browser to the login page, and signs in.
func (b *browserTab) logIn(url, email string, done chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	b.run("open login", chromedp.Navigate(url), chromedp.WaitVisible(chromedp.ID("f-email")))
	b.signIn(email, done)
}

// signIn fills in the login page already open and waits for done, the sign
// that the page behind the login has loaded.
func (b *browserTab) signIn(email string, done chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	b.run("log in",
		chromedp.SendKeys(chromedp.ID("f-email"), email),
		chromedp.SendKeys(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		done,
	)
}

// waitFor polls a condition in the page; on failure it shows the page's
// location, focus, CSP violations and the selectors in b.show.
// A page load that begins while polling ends the poll with "navigated or
// closed"; the poll then starts again in the new page.
func (b *browserTab) waitFor(what, cond string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			return
		}
		if !strings.Contains(err.Error(), "navigated or closed") || time.Now().After(deadline) {
			b.t.Fatalf("%s: %v\n%s", what, err, b.pageState())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (b *browserTab) pageState() string {
	show, err := json.Marshal(b.show)
	if err != nil || b.show == nil {
		show = []byte("[]")
	}
	state, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`JSON.stringify({htmx: typeof htmx, loc: location.href,
		active: document.activeElement && document.activeElement.id, csp: window.__csp,
		show: Object.fromEntries(`+string(show)+`.map(s => {
			const e = document.querySelector(s);
			return [s, e === null ? null : ("value" in e ? e.value : e.textContent)];
		}))})`))
	if err != nil {
		return "page state: " + err.Error()
	}
	return state
}

// markDocument leaves a marker in the current document; sameDocument fails
// the test when it is gone, that is when the page was loaded anew instead
// of updated in place.
func (b *browserTab) markDocument() {
	b.t.Helper()
	b.run("mark the document", chromedp.Evaluate[chromedp.Void](`window.__samePage = true`))
}

func (b *browserTab) sameDocument(what string) {
	b.t.Helper()
	if ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.__samePage === true`)); err != nil || !ok {
		b.t.Fatalf("%s: the page was reloaded (%v)", what, err)
	}
}

// checkPage runs axe-core on the current page and fails on any CSP
// violation recorded in it.
func (b *browserTab) checkPage(name string) {
	b.t.Helper()
	b.checkAxe(name)
	b.checkCSP(name)
}

func (b *browserTab) checkAxe(name string) {
	b.t.Helper()
	checkAxe(b.t, b.ctx, b.axe, name)
}

func (b *browserTab) checkCSP(name string) {
	b.t.Helper()
	csp, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`window.__csp || []`))
	if err != nil {
		b.t.Fatalf("%s: read CSP violations: %v", name, err)
	}
	if len(csp) > 0 {
		b.t.Errorf("%s: CSP violations: %v", name, strings.Join(csp, "; "))
	}
}

// screenshot keeps a full-page screenshot for a person to look at.
func (b *browserTab) screenshot(name string) {
	b.t.Helper()
	shot, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	writeScreenshot(b.t, name, shot)
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
