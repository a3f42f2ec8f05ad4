package ui_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"placering/models"
	"placering/server/app"
	"placering/server/cprvault"
	"placering/store/storetest"
)

// The settings page: an administrator saves each section through the
// form; a bad value comes back at its field, in Danish, with everything
// typed kept; the history names who changed what; consultants see the
// values but cannot save.
func TestSettingsPage(t *testing.T) {
	e := newEnv(t)
	admin := e.client()
	admin.login(e.admin.Email)
	page := fmt.Sprintf("/indstillinger?jobcentre_id=%d", e.jc.ID)
	resp, body := admin.get(page)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Matchingens vægte og regler", "Tærskler for advarsler", "Kontaktkvote", "Opbevaringsfrister",
		`id="f-weights-goal"`, `name="interests_per_company_month"`, `value="20"`, "Ingen har ændret", `href="/indstillinger"`)

	jc := fmt.Sprint(e.jc.ID)
	resp, body = admin.post("/indstillinger/kontaktkvote", url.Values{"jobcentre_id": {jc}, "interests_per_company_month": {"7"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = admin.get(resp.Header.Get("Location"))
	wantContains(t, body, "Indstillingerne er gemt.", `value="7"`)
	resp, body = admin.post("/indstillinger/opbevaring", url.Values{"jobcentre_id": {jc}, "archived_citizen_years": {"11"}, "audit_years": {"abc"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-audit_years-error"`, "Skriv et helt tal", `value="11"`, `value="abc"`)
	resp, body = admin.post("/indstillinger/opbevaring", url.Values{"jobcentre_id": {jc}, "archived_citizen_years": {"11"}, "audit_years": {"8"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-archived_citizen_years-error"`, "mellem 1 og 10", `value="11"`, `value="8"`)

	// The matching form keeps the lists the page does not show.
	vals := url.Values{"jobcentre_id": {jc}}
	for k, v := range map[string]string{"weights.goal": "25", "weights.distance": "25", "weights.hours": "15", "weights.mentor": "10",
		"weights.virksomhedscenter": "10", "weights.start": "10", "weights.history": "5", "weights.breakdown_penalty": "15",
		"weights.load_penalty_per_proposal": "0,5", "weights.load_penalty_max": "3", "rule_params.igu_min_age": "18",
		"rule_params.igu_max_age": "40", "rule_params.igu_max_years_since_arrival": "5", "rule_params.step_up_hours": "5",
		"rule_params.default_max_commute_km": "30", "stalled_after_days": "14"} {
		vals.Set(k, v)
	}
	cur, err := e.app.MatchingSettings(t.Context(), &e.admin, e.jc.ID)
	if err != nil {
		t.Fatal(err)
	}
	vals.Set("weights.load_penalty_per_proposal", strings.Replace(fmt.Sprint(cur.Weights.LoadPenaltyPerProposal), ".", ",", 1))
	vals.Set("weights.load_penalty_max", fmt.Sprint(cur.Weights.LoadPenaltyMax))
	vals.Set("weights.breakdown_penalty", fmt.Sprint(cur.Weights.BreakdownPenalty))
	vals.Set("weights.history", fmt.Sprint(cur.Weights.History))
	vals.Set("weights.goal", fmt.Sprint(cur.Weights.Goal+5))
	vals.Set("weights.distance", fmt.Sprint(cur.Weights.Distance-5))
	for k, v := range map[string]float64{"weights.hours": cur.Weights.Hours, "weights.mentor": cur.Weights.Mentor,
		"weights.virksomhedscenter": cur.Weights.Virksomhedscenter, "weights.start": cur.Weights.Start} {
		vals.Set(k, fmt.Sprint(v))
	}
	resp, body = admin.post("/indstillinger/matching", vals)
	wantStatus(t, resp, body, http.StatusSeeOther)
	after, err := e.app.MatchingSettings(t.Context(), &e.admin, e.jc.ID)
	if err != nil || after.Weights.Goal != cur.Weights.Goal+5 || len(after.RuleParams.AllowedGroups) != len(cur.RuleParams.AllowedGroups) {
		t.Fatalf("matching after save: %+v %v", after, err)
	}
	vals.Set("weights.goal", "99")
	resp, body = admin.post("/indstillinger/matching", vals)
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-weights-weights"`, "tilsammen give 100", `value="99"`)

	resp, body = admin.get(page)
	wantContains(t, body, "Ændret af Ada Admin den", "Interesser pr. virksomhed pr. måned fra 20 til 7",
		"Vægt: jobmål fra", `value="7"`)

	cons := e.client()
	cons.login(e.consultant.Email)
	resp, body = cons.get("/indstillinger")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Kun administratorer kan ændre", "<fieldset disabled>", "Interesser pr. virksomhed pr. måned fra 20 til 7")
	resp, body = cons.post("/indstillinger/kontaktkvote", url.Values{"jobcentre_id": {jc}, "interests_per_company_month": {"3"}})
	wantStatus(t, resp, body, http.StatusForbidden)
	emp := e.client()
	emp.login(e.employer.Email)
	resp, body = emp.get("/indstillinger")
	wantStatus(t, resp, body, http.StatusForbidden)
}

// TestBrowserSettings edits the contact quota in Chromium: an invalid
// value shows the Danish message at the field and keeps what was typed; a
// valid one is saved and shows in the history; axe is clean throughout.
func TestBrowserSettings(t *testing.T) {
	requireChromium(t)
	e := newEnv(t)
	b := newBrowserTab(t, "#f-interests_per_company_month-error")
	b.logIn(e.srv.URL+"/indstillinger", e.admin.Email, chromedp.WaitVisible(chromedp.ID("f-interests_per_company_month")))
	b.checkPage("settings page")

	quota := chromedp.ID("f-interests_per_company_month")
	b.run("type a bad quota",
		chromedp.Clear(quota),
		chromedp.SendKeys(quota, "500"),
		chromedp.Click(chromedp.CSS(`form[action="/indstillinger/kontaktkvote"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("f-interests_per_company_month-error")),
	)
	b.waitFor("the error is at the field", `(document.querySelector("#f-interests_per_company_month-error")||{textContent:""}).textContent.includes("mellem 1 og 200")`)
	if v, err := chromedp.Run(b.ctx, chromedp.Value(quota)); err != nil || v != "500" {
		t.Errorf("typed value after the error = %q, %v", v, err)
	}
	b.waitFor("the summary links to the field", `document.querySelector(".error-summary a[href='#f-interests_per_company_month']") !== null`)
	b.checkPage("settings page with an error")

	b.run("type a good quota",
		chromedp.Clear(quota),
		chromedp.SendKeys(quota, "6"),
		chromedp.Click(chromedp.CSS(`form[action="/indstillinger/kontaktkvote"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".settings-history")),
	)
	b.waitFor("the change is in the history", `document.querySelector(".settings-history") !== null &&
		document.querySelector(".settings-history").textContent.includes("Ændret af Ada Admin") &&
		document.querySelector(".settings-history").textContent.includes("Interesser pr. virksomhed pr. måned fra 20 til 6")`)
	b.waitFor("the saved value is shown", `document.querySelector("#f-interests_per_company_month").value === "6"`)
	b.checkPage("settings page with history")
	b.screenshot("settings.png")
}

// Before any jobcentre exists the page says so instead of drawing forms.
func TestSettingsPageWithoutJobcentres(t *testing.T) {
	st := storetest.Open(t, storetest.SQLite)
	vault, err := cprvault.New(bytes.Repeat([]byte{1}, 32))
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, app: app.New(app.Deps{Store: st, Vault: vault, Now: time.Now}), store: st}
	e.admin = e.user(app.UserInput{Email: "admin@example.dk", Name: "Ada Admin", Role: models.RoleAdmin})
	e.srv = serveWith(t, e, "", false)
	c := e.client()
	c.login(e.admin.Email)
	resp, body := c.get("/indstillinger")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Der er endnu ingen jobcentre")
	wantLacks(t, body, `action="/indstillinger/`)
}
