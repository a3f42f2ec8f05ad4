package ui_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"placering/server/app"
)

// phoneWidth is a small phone's viewport (iPhone SE/mini class).
const phoneWidth = 375

// TestBrowserAdminPagesOnAPhone walks every administration page of issue
// 10 as an administrator on a 375 px wide viewport: each passes axe and
// nothing, the header and its menu least of all, is wider than the screen.
// Screenshots of each are kept for a person to look at.
func TestBrowserAdminPagesOnAPhone(t *testing.T) {
	requireChromium(t)
	e := newEnv(t)
	e.app.PublicURL = e.srv.URL
	if _, err := e.app.CreateInvitation(context.Background(), &e.admin, app.InvitationInput{Email: "ny@kommune.dk",
		Role: "consultant", JobcentreID: &e.jc.ID}); err != nil {
		t.Fatal(err)
	}
	b := newBrowserTab(t, "h1", ".error-summary")
	b.run("phone viewport", chromedp.EmulateViewport(phoneWidth, 800, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	b.run("login page", chromedp.Navigate(e.srv.URL+"/login"), chromedp.WaitVisible(chromedp.ID("f-email")))
	b.checkFits("login")
	b.screenshot("phone-login.png")
	b.signIn(e.admin.Email, chromedp.WaitVisible(chromedp.CSS("h1")))
	jc := itoa(e.jc.ID)
	for _, p := range []struct{ name, path string }{
		{"jobcentres", "/jobcentre"},
		{"new jobcentre", "/jobcentre/ny"},
		{"edit jobcentre", "/jobcentre/" + jc + "/rediger"},
		{"archive jobcentre", "/jobcentre/" + jc + "/arkiver"},
		{"oidc settings", "/jobcentre/" + jc + "/login"},
		{"users", "/brugere"},
		{"edit user", "/brugere/" + itoa(e.ev.ID) + "/rediger"},
		{"invitations", "/invitationer"},
		{"new invitation", "/invitationer/ny"},
		{"mailbox", "/postkasse"},
		{"settings", "/indstillinger"},
		{"password", "/adgangskode"},
	} {
		b.run(p.name, chromedp.Navigate(e.srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS("h1")))
		b.checkPage(p.name + " on a phone")
		b.checkFits(p.name)
		b.screenshot("phone-" + strings.ReplaceAll(p.path[1:], "/", "-") + ".png")
	}
}

// checkFits fails when the page is wider than the viewport, or the header
// or its menu sticks out past the right edge.
func (b *browserTab) checkFits(name string) {
	b.t.Helper()
	over, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(() => {
		const w = document.documentElement.clientWidth, out = [];
		if (document.documentElement.scrollWidth > w) out.push("page " + document.documentElement.scrollWidth + "px");
		for (const el of document.querySelectorAll(".site-header *, .site-nav *")) {
			const r = el.getBoundingClientRect();
			if (r.right > w + 0.5) out.push((el.className || el.tagName) + " ends at " + Math.round(r.right) + "px");
		}
		return out.join("; ");
	})()`))
	if err != nil {
		b.t.Fatalf("%s: measure: %v", name, err)
	}
	if over != "" {
		b.t.Errorf("%s: wider than %d px: %s", name, phoneWidth, over)
	}
}
