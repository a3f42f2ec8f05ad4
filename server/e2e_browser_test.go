package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The browser side of the end-to-end walk: one headless Chromium, and a
// tab per person in a browser context of its own (own cookies, as if on
// their own machine), with axe-core at hand. It mirrors the helpers in
// server/ui's browser tests, which live in another package.

const e2eChromium = "/usr/bin/chromium"

// e2eRequireChromium skips the test when Chromium is missing, except under
// REQUIRE_BACKENDS or CI, where a missing browser must not pass unnoticed.
func e2eRequireChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(e2eChromium); err != nil {
		msg := "browser test skipped: Chromium not found at " + e2eChromium + " (apt-get install -y chromium)"
		if os.Getenv("REQUIRE_BACKENDS") != "" || os.Getenv("CI") != "" {
			t.Fatal(msg + "; required because REQUIRE_BACKENDS/CI is set")
		}
		t.Skip(msg)
	}
}

// e2eBrowser is one Chromium for a test and its subtests; its tabs are
// people.
type e2eBrowser struct {
	ctx context.Context
	axe string
	// seen lists the pages already checked with axe: the pages are the
	// same on every backend, so each is checked once per test.
	seen map[string]bool
}

// newE2EBrowser starts Chromium, bounded to five minutes and stopped when
// the test ends.
func newE2EBrowser(t *testing.T) *e2eBrowser {
	t.Helper()
	axe, err := os.ReadFile(filepath.Join("..", "web", "testdata", "axe.min.js"))
	if err != nil {
		t.Fatalf("read axe-core: %v", err)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(e2eChromium),
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
	if err := chromedp.Do(ctx); err != nil { // no deadline on the first call
		cancelCtx()
		cancelAlloc()
		t.Fatalf("start chromium: %v", err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(func() { cancelT(); cancelCtx(); cancelAlloc() })
	return &e2eBrowser{ctx: tctx, axe: string(axe), seen: map[string]bool{}}
}

// e2eTab is one person's browser window.
type e2eTab struct {
	t   *testing.T
	ctx context.Context
	br  *e2eBrowser
	who string
}

// tab opens a window with cookies of its own. Its requests say they come
// from clientIP through the trusted proxy (the test's own address): login
// and mail limits live in a shared Redis across test runs, so each run
// counts against an address of its own, as the replica test does.
func (b *e2eBrowser) tab(t *testing.T, who, clientIP string) *e2eTab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
		Headers: network.Headers{"X-Forwarded-For": clientIP},
	}); err != nil {
		t.Fatalf("%s: set headers: %v", who, err)
	}
	return &e2eTab{t: t, ctx: ctx, br: b, who: who}
}

// do performs the actions, failing the test with the step's name and the
// page's state if one fails.
func (w *e2eTab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(w.ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		w.t.Fatalf("%s: %s: %v\n%s", w.who, what, err, w.state())
	}
}

// waitFor polls a JavaScript condition in the page, across page loads (a
// form's answer may still be loading when the wait begins).
func (w *e2eTab) waitFor(what, cond string) {
	w.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(w.ctx, chromedp.Evaluate[bool](`(() => { try { return !!(`+cond+`) } catch (e) { return false } })()`))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("%s: %s: not so after 10 s (%v)\n%s", w.who, what, err, w.state())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// eval returns the value of a JavaScript expression in the page.
func eval[T any](w *e2eTab, what, expr string) T {
	w.t.Helper()
	v, err := chromedp.Run(w.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		w.t.Fatalf("%s: %s: %v\n%s", w.who, what, err, w.state())
	}
	return v
}

// text is the trimmed text of the first element matching the CSS
// selector, or "" when there is none.
func (w *e2eTab) text(sel string) string {
	w.t.Helper()
	b, _ := json.Marshal(sel)
	return strings.TrimSpace(eval[string](w, "read "+sel, `(document.querySelector(`+string(b)+`) || {textContent: ""}).textContent`))
}

// path is the path (and query) of the page shown.
func (w *e2eTab) path() string {
	w.t.Helper()
	return eval[string](w, "location", `location.pathname + location.search`)
}

func (w *e2eTab) state() string {
	s, err := chromedp.Run(w.ctx, chromedp.Evaluate[string](`JSON.stringify({loc: location.href,
		h1: (document.querySelector("h1") || {}).textContent,
		errors: [...document.querySelectorAll(".error-summary, .error-message, .flash")].map(e => e.textContent.trim())})`))
	if err != nil {
		return "page state: " + err.Error()
	}
	return s
}

// checkPage runs axe-core (WCAG 2.1 A/AA) on the page shown, once per
// name in the test, and fails the test with every violation.
func (w *e2eTab) checkPage(name string) {
	w.t.Helper()
	if w.br.seen[name] {
		return
	}
	w.br.seen[name] = true
	if err := chromedp.Do(w.ctx, chromedp.Evaluate[chromedp.Void](w.br.axe)); err != nil {
		w.t.Fatalf("%s: inject axe-core: %v", name, err)
	}
	raw, err := chromedp.Run(w.ctx, chromedp.Evaluate[string](`axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
		resultTypes: ["violations", "passes"]
	}).then(r => JSON.stringify({
		passes: r.passes.length,
		violations: r.violations.map(v => ({id: v.id, help: v.help,
			nodes: v.nodes.map(n => n.target.join(" ") + " – " + n.failureSummary)}))
	}))`, chromedp.EvalAwaitPromise))
	if err != nil {
		w.t.Fatalf("%s: run axe-core: %v", name, err)
	}
	var res struct {
		Passes     int
		Violations []struct {
			ID, Help string
			Nodes    []string
		}
	}
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		w.t.Fatalf("%s: decode axe result: %v", name, err)
	}
	for _, v := range res.Violations {
		w.t.Errorf("%s (%s): axe %s: %s\n  %s", name, w.path(), v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
	}
	if res.Passes == 0 {
		w.t.Errorf("%s: axe-core passed no rules; did it run?", name)
	}
}

// logIn fills in the login page that is showing and waits for done.
func (w *e2eTab) logIn(email, password string, done chromedp.Action[chromedp.Void]) {
	w.t.Helper()
	w.do("log in as "+email,
		chromedp.WaitVisible(chromedp.ID("f-email")),
		chromedp.SetValue(chromedp.ID("f-email"), email),
		chromedp.SetValue(chromedp.ID("f-password"), password),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		done,
	)
}

// fill types into text fields and picks options of selects, by field name
// (the pages' ids are "f-" + name).
func fill(fields map[string]string) chromedp.Action[chromedp.Void] {
	var steps []chromedp.Action[chromedp.Void]
	for name, v := range fields {
		id := chromedp.ID("f-" + name)
		steps = append(steps, chromedp.WaitVisible(id), chromedp.SetValue(id, v))
	}
	return chromedp.Steps(steps...)
}
