package main

import (
	"encoding/json"
	"fmt"
	mrand "math/rand/v2"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"placering/cache/cachetest"
	"placering/models"
	"placering/store/storetest"
)

// TestEmployerSideEndToEnd is issue 11's "done when", walked through the
// started service in Chromium (the employer on a 390 px phone, axe on
// every page) and through the API: an employer posts a fleksjob opening,
// it awaits approval and is invisible to others, a consultant approves it
// with the scheme's checklist, the employer sees only citizens who
// consented for fleksjob (per-opening references, distance bands), shows
// interest, the match appears on the board, the contact quota and enough
// referrals pause work, a placement starts, the employer confirms a
// week's hours and writes the reference, and the consultant prints it.
func TestEmployerSideEndToEnd(t *testing.T) {
	e2eRequireChromium(t)
	br := newE2EBrowser(t)
	for _, backend := range []string{"embedded", "postgres+redis"} {
		t.Run(backend, func(t *testing.T) {
			env := map[string]string{"DATA_DIR": filepath.Join(t.TempDir(), "data"), "TRUSTED_PROXIES": "127.0.0.1/32,::1/128"}
			if backend != "embedded" {
				env["DATABASE_URL"] = storetest.Config(t, storetest.Postgres).DatabaseURL
				env["REDIS_URL"] = cachetest.RedisURL(t)
				env["CPR_KEY"] = randomHex(32)
			}
			newEmployerWalk(t, br, env).run()
		})
	}
}

// employerWalk is one run of the employer's story.
type employerWalk struct {
	t   *testing.T
	svc *e2eService
	br  *e2eBrowser
	api *e2eAPI
	ip  string

	admin, cons, emp, emp2 string // tokens
	jc, company, company2  int64
	fleksOK                []int64 // citizens who consented for fleksjob
	opening                int64
	match, placement       int64
	empTab, consTab        *e2eTab
}

const (
	e2eConsultant = "konsulent@helsingor.test"
	e2eEmployer   = "chef@havnenslager.test"
	e2eEmpPass    = "havnens-egen-kode-2027"
	e2eConsPass   = "tavlens-egen-kode-2027"
)

func newEmployerWalk(t *testing.T, br *e2eBrowser, env map[string]string) *employerWalk {
	svc := startService(t, env)
	ip := fmt.Sprintf("198.51.100.%d", 1+mrand.IntN(254))
	return &employerWalk{t: t, svc: svc, br: br, api: &e2eAPI{t: t, base: svc.base, ip: ip}, ip: ip}
}

func (w *employerWalk) run() {
	start := time.Now()
	for _, step := range []struct {
		name string
		run  func()
	}{
		{"set-up through the API", w.setUp},
		{"1 employer posts a fleksjob opening (phone)", w.post},
		{"2 invisible to others until approved", w.invisible},
		{"3 consultant approves with the checklist", w.approve},
		{"4 candidates: fleksjob consent only, bands, per-opening references", w.candidates},
		{"5 interest, on the board", w.interest},
		{"6 quota and enough referrals", w.quotaAndPause},
		{"7 placement starts, employer confirms a week", w.hours},
		{"8 reference written and printed", w.reference},
	} {
		if w.t.Failed() {
			return
		}
		step.run()
		w.t.Logf("%s: done at %.1f s", step.name, time.Since(start).Seconds())
	}
}

// ownPassword logs email in with the password an administrator chose and
// replaces it, as the service requires, and returns a token.
func (w *employerWalk) ownPassword(email, given, own string) string {
	tok := w.api.token(email, given, "")
	w.api.expect(http.StatusNoContent, "PUT", "/me/password", tok, map[string]string{"current_password": given, "new_password": own}, nil)
	return w.api.token(email, own, "e2e")
}

func (w *employerWalk) id(method, path, token string, body any) int64 {
	w.t.Helper()
	var out struct{ ID int64 }
	w.api.expect(http.StatusCreated, method, path, token, body, &out)
	return out.ID
}

func (w *employerWalk) setUp() {
	email, generated := w.svc.generatedAdmin(w.t)
	w.admin = w.ownPassword(email, generated, "kommunens-egen-kode-2027")
	w.jc = w.id("POST", "/jobcentres", w.admin, map[string]any{"municipality_no": "217", "name": "Jobcenter Helsingør"})
	w.id("POST", "/users", w.admin, map[string]any{"email": e2eConsultant, "name": "Kirsten Konsulent", "password": "admin-valgt-kode-01",
		"role": "consultant", "jobcentre_id": w.jc})
	w.cons = w.ownPassword(e2eConsultant, "admin-valgt-kode-01", e2eConsPass)
	company := func(cvr, name string) int64 {
		return w.id("POST", "/companies", w.cons, map[string]any{"cvr": cvr, "name": name, "branch": "transport_lager_logistik",
			"address": "Havnegade 2", "postcode": "3000", "town": "Helsingør", "lat": 56.036, "lon": 12.612})
	}
	w.company, w.company2 = company("29403473", "Havnens Lager ApS"), company("24256790", "Nordkystens Transport A/S")
	w.id("POST", "/users", w.admin, map[string]any{"email": e2eEmployer, "name": "Erik Lagerchef", "password": "admin-valgt-kode-02",
		"role": "employer", "company_id": w.company})
	w.emp = w.ownPassword(e2eEmployer, "admin-valgt-kode-02", e2eEmpPass)
	w.id("POST", "/users", w.admin, map[string]any{"email": "chef@nordkysten.test", "name": "Nina Nord", "password": "admin-valgt-kode-03",
		"role": "employer", "company_id": w.company2})
	w.emp2 = w.ownPassword("chef@nordkysten.test", "admin-valgt-kode-03", "ninas-egen-kode-2027")

	// Citizens 1–12 km from the company: four consented for fleksjob, one
	// only in general, one only for virksomhedspraktik.
	homes := [][2]float64{{56.045, 12.600}, {56.020, 12.640}, {56.000, 12.580}, {56.070, 12.530}, {56.030, 12.600}, {56.040, 12.620}}
	consents := []string{`["fleksjob"]`, `["fleksjob"]`, `["fleksjob","virksomhedspraktik"]`, `["fleksjob"]`, `[]`, `["virksomhedspraktik"]`}
	for i, h := range homes {
		var body map[string]any
		if err := json.Unmarshal([]byte(fmt.Sprintf(`{"cpr":"%02d0385%04d","name":"Borger %d","target_group":"ledig_fleksjobvisiteret",
			"goal_branch":"transport_lager_logistik","goal_title":"Lagermedarbejder","danish_level":"flydende","lat":%g,"lon":%g,
			"max_commute_km":25,"hours_capacity":15,"consent_share":true,"consent_kinds":%s}`, 10+i, 2100+i, i+1, h[0], h[1], consents[i])), &body); err != nil {
			w.t.Fatal(err)
		}
		id := w.id("POST", "/citizens", w.cons, body)
		if strings.Contains(consents[i], "fleksjob") {
			w.fleksOK = append(w.fleksOK, id)
		}
	}
}

// 1. The employer posts a fleksjob opening on a phone; it awaits approval.
func (w *employerWalk) post() {
	t := w.t
	e := w.br.tab(t, "arbejdsgiver", w.ip)
	w.empTab = e
	e.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait), chromedp.Navigate(w.svc.base+"/login"))
	e.logIn(e2eEmployer, e2eEmpPass, chromedp.WaitVisible(chromedp.CSS(".user-name")))
	e.checkPage("employer home")
	e.do("new opening", chromedp.Navigate(w.svc.base+"/aabninger/ny"), chromedp.WaitVisible(chromedp.ID("f-kind")))
	e.do("post a fleksjob opening",
		fill(map[string]string{"kind": "fleksjob", "title": "Lagermedarbejder på fleksjob", "hours_min": "10", "hours_max": "20", "seats": "2"}),
		chromedp.Click(chromedp.CSS("main button.primary")),
	)
	e.waitFor("the opening's page", `/^\/aabninger\/\d+$/.test(location.pathname) && document.querySelector("#afventer")`)
	e.checkPage("opening awaiting approval")
	fmt.Sscanf(e.path(), "/aabninger/%d", &w.opening)
	var o struct{ Status string }
	w.api.expect(http.StatusOK, "GET", fmt.Sprintf("/openings/%d", w.opening), w.emp, nil, &o)
	if o.Status != string(models.StatusToReview) {
		t.Fatalf("the employer's fleksjob opening is %q, want til_godkendelse", o.Status)
	}
	noScroll(e, "phone, opening page")
	// No route lets the employer approve it.
	if status, _ := w.api.call("POST", fmt.Sprintf("/openings/%d/approve", w.opening), w.emp, map[string]any{}); status != http.StatusForbidden {
		t.Errorf("the employer approving its own opening: %d, want 403", status)
	}
	// Setting the status by PATCH leaves it awaiting review.
	if status, b := w.api.call("PATCH", fmt.Sprintf("/openings/%d", w.opening), w.emp, map[string]any{"status": "open"}); status < 400 && !strings.Contains(string(b), `"status":"til_godkendelse"`) {
		t.Errorf("the employer setting status open: %d %s, want a refusal or the opening still awaiting review", status, b)
	}
}

// 2. Another employer cannot find it; matching does not propose it.
func (w *employerWalk) invisible() {
	t := w.t
	if status, _ := w.api.call("GET", fmt.Sprintf("/openings/%d", w.opening), w.emp2, nil); status != http.StatusNotFound {
		t.Errorf("another company's employer reads the awaiting opening: %d, want 404", status)
	}
	for _, who := range []string{w.emp2, w.cons} {
		_, b := w.api.call("GET", "/search/openings?q=fleksjob", who, nil)
		if who == w.emp2 && strings.Contains(string(b), "Lagermedarbejder på fleksjob") {
			t.Errorf("search shows the awaiting opening to another company: %s", b)
		}
	}
	_, b := w.api.call("GET", fmt.Sprintf("/citizens/%d/matches", w.fleksOK[0]), w.cons, nil)
	if strings.Contains(string(b), fmt.Sprintf(`"opening_id":%d`, w.opening)) {
		t.Errorf("matching proposes the awaiting opening: %s", b)
	}
}

// 3. The consultant finds it in the review queue and approves it with
// the checklist ticked; the checklist is kept with the opening.
func (w *employerWalk) approve() {
	t := w.t
	c := w.br.tab(t, "konsulent", w.ip)
	w.consTab = c
	c.do("log in", chromedp.Navigate(w.svc.base+"/login"))
	c.logIn(e2eConsultant, e2eConsPass, chromedp.WaitVisible(chromedp.CSS(".user-name")))
	c.do("review queue", chromedp.Navigate(w.svc.base+"/aabninger/til-godkendelse"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	c.checkPage("review queue")
	c.do("open the opening", chromedp.Click(chromedp.CSS(fmt.Sprintf(`main a[href="/aabninger/%d"]`, w.opening))),
		chromedp.WaitVisible(chromedp.CSS(`button[value="godkend"]`)))
	c.checkPage("review form")
	boxes := eval[int](c, "tick the checklist", `(() => { const b = [...document.querySelectorAll('input[name="checklist"]')]; b.forEach(x => x.checked = true); return b.length })()`)
	if boxes == 0 {
		t.Fatalf("the review form has no checklist for fleksjob")
	}
	c.do("approve", chromedp.Click(chromedp.CSS(`button[value="godkend"]`)))
	c.waitFor("approved", `!document.querySelector('button[value="godkend"]')`)
	var o struct {
		Status string
		Review *struct{ Checklist map[string]bool }
	}
	w.api.expect(http.StatusOK, "GET", fmt.Sprintf("/openings/%d", w.opening), w.emp, nil, &o)
	if o.Status != "open" || o.Review == nil || len(o.Review.Checklist) != boxes {
		t.Fatalf("after approval: %+v, want open with the %d ticked items kept", o, boxes)
	}
	for k, v := range o.Review.Checklist {
		if !v {
			t.Errorf("checklist item %s was ticked but kept as %v", k, v)
		}
	}
	var n struct{ Items []struct{ Kind, Text string } }
	w.api.expect(http.StatusOK, "GET", "/notifications", w.emp, nil, &n)
	if len(n.Items) == 0 || n.Items[0].Kind != string(models.NotifyOpeningApproved) {
		t.Errorf("the employer's notifications after approval: %+v", n.Items)
	}
}

// 4. The employer sees only the four fleksjob-consenting citizens, each
// with a band and a reference that differs on another opening.
func (w *employerWalk) candidates() {
	t, e := w.t, w.empTab
	e.do("candidates", chromedp.Navigate(fmt.Sprintf("%s/aabninger/%d/kandidater", w.svc.base, w.opening)), chromedp.WaitVisible(chromedp.CSS(".proposal")))
	e.checkPage("employer candidates (phone)")
	noScroll(e, "phone, candidates")
	if n := eval[int](e, "count", `document.querySelectorAll("li.proposal").length`); n != len(w.fleksOK) {
		t.Errorf("the candidates page shows %d, want the %d who consented for fleksjob", n, len(w.fleksOK))
	}
	if txt := e.text("main"); strings.Contains(txt, "Borger") || strings.Contains(txt, " km ") || strings.Contains(txt, "fleksjobvisiteret") {
		t.Errorf("the employer's page shows a name, km or target group: %q", txt)
	}
	list := w.employerList(w.opening)
	bands := map[string]bool{"under_5_km": true, "5_10_km": true, "10_20_km": true, "over_20_km": true}
	for _, it := range list {
		if !bands[fmt.Sprint(it["distance_band"])] {
			t.Errorf("distance_band %v", it["distance_band"])
		}
		for _, k := range []string{"citizen_id", "distance_km", "score", "name", "target_group", "factors"} {
			if _, ok := it[k]; ok {
				t.Errorf("employer candidate carries %s: %v", k, it)
			}
		}
	}
	// The consultant's own fleksjob opening at the same company, open at
	// once: the same citizens, other references.
	other := w.id("POST", "/openings", w.cons, map[string]any{"company_id": w.company, "kind": "fleksjob", "title": "Pakkeassistent på fleksjob",
		"hours_min": 10, "hours_max": 20, "seats": 1, "status": "open"})
	seen := map[string]bool{}
	for _, it := range list {
		seen[fmt.Sprint(it["candidate_ref"])] = true
	}
	second := w.employerList(other)
	if len(second) != len(list) {
		t.Fatalf("second opening: %d candidates, want %d", len(second), len(list))
	}
	for _, it := range second {
		if seen[fmt.Sprint(it["candidate_ref"])] {
			t.Errorf("reference %v is the same on two openings", it["candidate_ref"])
		}
	}
}

func (w *employerWalk) employerList(opening int64) []map[string]any {
	var l struct{ Items []map[string]any }
	w.api.expect(http.StatusOK, "GET", fmt.Sprintf("/openings/%d/candidates", opening), w.emp, nil, &l)
	return l.Items
}

// 5. The employer shows interest in the first candidate; the consultant
// finds the match on the board, marked as the employer's.
func (w *employerWalk) interest() {
	t, e := w.t, w.empTab
	e.do("show interest",
		chromedp.SetValue(chromedp.CSS("li.proposal textarea"), "Vi vil gerne møde kandidaten en formiddag."),
		chromedp.Click(chromedp.CSS("li.proposal .interest-form button")),
	)
	e.waitFor("the interest is shown", `document.querySelector(".interest-state")`)
	e.checkPage("candidates after interest (phone)")
	var ms struct {
		Items []struct {
			ID              int64
			State           string
			Source          string
			InterestMessage string `json:"interest_message"`
		}
	}
	w.api.expect(http.StatusOK, "GET", fmt.Sprintf("/matches?opening_id=%d", w.opening), w.cons, nil, &ms)
	if len(ms.Items) != 1 || ms.Items[0].Source != "arbejdsgiver" || !strings.Contains(ms.Items[0].InterestMessage, "formiddag") {
		t.Fatalf("the board's matches for the opening: %+v, want one from the employer with the message", ms.Items)
	}
	w.match = ms.Items[0].ID
	c := w.consTab
	c.do("the board", chromedp.Navigate(w.svc.base+"/tavle"), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#match-%d", w.match))))
	if txt := c.text(fmt.Sprintf("#match-%d", w.match)); !strings.Contains(txt, "Arbejdsgiveren har vist interesse") {
		t.Errorf("the board card does not say the employer showed interest: %q", txt)
	}
	var n struct{ Items []struct{ Kind string } }
	w.api.expect(http.StatusOK, "GET", "/notifications", w.cons, nil, &n)
	if len(n.Items) == 0 || n.Items[0].Kind != string(models.NotifyInterest) {
		t.Errorf("the consultant's notifications: %+v", n.Items)
	}
}

// 6. With a quota of two interests a month the third is refused with the
// reset date; with max_referrals 1 a contacted match pauses the opening,
// which leaves matching until reopened.
func (w *employerWalk) quotaAndPause() {
	t := w.t
	w.api.expect(http.StatusOK, "PUT", "/contact-quota/settings", w.admin, map[string]any{"jobcentre_id": w.jc, "interests_per_company_month": 2}, nil)
	list := w.employerList(w.opening)
	var refs []string
	for _, it := range list {
		if it["interest_state"] == nil {
			refs = append(refs, fmt.Sprint(it["candidate_ref"]))
		}
	}
	if len(refs) < 2 {
		t.Fatalf("want two candidates without interest, have %v", list)
	}
	w.api.expect(http.StatusCreated, "POST", fmt.Sprintf("/openings/%d/interest", w.opening), w.emp, map[string]any{"candidate_ref": refs[0]}, nil)
	status, b := w.api.call("POST", fmt.Sprintf("/openings/%d/interest", w.opening), w.emp, map[string]any{"candidate_ref": refs[1]})
	if status != http.StatusTooManyRequests || !strings.Contains(string(b), "Der kan vises interesse igen fra 1.") {
		t.Errorf("the third interest this month: %d %s, want 429 saying when it resets", status, b)
	}

	w.api.expect(http.StatusOK, "PATCH", fmt.Sprintf("/openings/%d", w.opening), w.emp, map[string]any{"max_referrals": 1}, nil)
	w.move("kontaktet")
	var o struct{ Status string }
	w.api.expect(http.StatusOK, "GET", fmt.Sprintf("/openings/%d", w.opening), w.emp, nil, &o)
	if o.Status != string(models.StatusPaused) {
		t.Fatalf("after one referral with max_referrals 1 the opening is %q, want pauset", o.Status)
	}
	_, b = w.api.call("GET", fmt.Sprintf("/citizens/%d/matches", w.fleksOK[1]), w.cons, nil)
	if strings.Contains(string(b), fmt.Sprintf(`"opening_id":%d`, w.opening)) {
		t.Errorf("matching proposes the paused opening")
	}
	if status, _ := w.api.call("POST", fmt.Sprintf("/openings/%d/interest", w.opening), w.emp, map[string]any{"candidate_ref": refs[1]}); status != http.StatusConflict && status != http.StatusTooManyRequests {
		t.Errorf("interest in a paused opening: %d", status)
	}
	w.api.expect(http.StatusOK, "PATCH", fmt.Sprintf("/openings/%d", w.opening), w.emp, map[string]any{"max_referrals": 5}, nil)
	w.api.expect(http.StatusOK, "POST", fmt.Sprintf("/openings/%d/reopen", w.opening), w.emp, nil, &o)
	if o.Status != "open" {
		t.Errorf("reopened: %q", o.Status)
	}
}

func (w *employerWalk) move(state string) {
	w.t.Helper()
	w.api.expect(http.StatusOK, "POST", fmt.Sprintf("/matches/%d/transitions", w.match), w.cons, map[string]any{"state": state}, nil)
}

// 7. The match goes on to startet, which makes the placement; the
// consultant records this week's hours and the employer confirms them on
// the phone.
func (w *employerWalk) hours() {
	t := w.t
	for _, s := range []string{"samtale", "aftalt", "startet"} {
		w.move(s)
	}
	var pl struct {
		Items []struct {
			ID     int64
			Status string
		}
	}
	w.api.expect(http.StatusOK, "GET", fmt.Sprintf("/placements?company_id=%d", w.company), w.cons, nil, &pl)
	if len(pl.Items) != 1 {
		t.Fatalf("placements at the company after startet: %+v", pl.Items)
	}
	w.placement = pl.Items[0].ID
	today := time.Now().Format("2006-01-02")
	w.api.expect(http.StatusOK, "PATCH", fmt.Sprintf("/placements/%d", w.placement), w.cons, map[string]any{"status": "aktiv", "start_date": today}, nil)
	week := models.ISOWeekOf(models.DateOf(time.Now())).String()
	w.api.expect(http.StatusOK, "PUT", fmt.Sprintf("/placements/%d/hours/%s", w.placement, week), w.cons, map[string]any{"worked": 12.5}, nil)

	e := w.empTab
	e.do("hours to confirm", chromedp.Navigate(w.svc.base+"/timer/bekraeft"), chromedp.WaitVisible(chromedp.CSS(`form:has(input[value="bekraeft"]) button`)))
	e.checkPage("confirm hours (phone)")
	noScroll(e, "phone, confirm hours")
	e.do("confirm", chromedp.Click(chromedp.CSS(`form:has(input[value="bekraeft"]) button`)))
	e.waitFor("confirmed", `document.querySelector(".flash") && document.querySelector(".flash").textContent.includes("bekræftet")`)
	var wk struct {
		Confirmation *struct {
			State string
			By    string `json:"by"`
		}
	}
	w.api.expect(http.StatusOK, "GET", fmt.Sprintf("/placements/%d/hours/%s", w.placement, week), w.cons, nil, &wk)
	if wk.Confirmation == nil || wk.Confirmation.State != "bekraeftet" {
		t.Errorf("the consultant sees the week as %+v, want bekraeftet", wk.Confirmation)
	}
}

// 8. The employer writes the reference on the phone; the consultant
// opens the printable page, which prints without menu or buttons.
func (w *employerWalk) reference() {
	t, e := w.t, w.empTab
	e.do("reference form", chromedp.Navigate(fmt.Sprintf("%s/placeringer/%d/udtalelse", w.svc.base, w.placement)), chromedp.WaitVisible(chromedp.ID("f-tasks_solved")))
	e.checkPage("reference form (phone)")
	noScroll(e, "phone, reference form")
	e.do("write it",
		chromedp.SetValue(chromedp.ID("f-tasks_solved"), "Varemodtagelse\nPluk og pak af ordrer"),
		chromedp.SetValue(chromedp.ID("f-comment"), "Stabil og venlig kollega."),
		chromedp.Evaluate[chromedp.Void](`["fremmoede","samarbejde","tempo","kvalitet","selvstaendighed","dansk_paa_arbejdspladsen"].forEach(k =>
			document.querySelector('input[name="competences.' + k + '"][value="4"]').checked = true)`),
		chromedp.Click(chromedp.CSS("form.reference-form button.primary")),
	)
	e.waitFor("saved", `document.querySelector(".flash") && document.querySelector(".flash").textContent.includes("Udtalelsen er gemt")`)
	var ref struct {
		TasksSolved []string       `json:"tasks_solved"`
		Competences map[string]int `json:"competences"`
	}
	w.api.expect(http.StatusOK, "GET", fmt.Sprintf("/placements/%d/reference", w.placement), w.cons, nil, &ref)
	if len(ref.TasksSolved) != 2 || ref.Competences["tempo"] != 4 {
		t.Errorf("the consultant reads the reference as %+v", ref)
	}
	c := w.consTab
	c.do("print page", chromedp.Navigate(fmt.Sprintf("%s/placeringer/%d/udtalelse/print", w.svc.base, w.placement)), chromedp.WaitVisible(chromedp.CSS(".reference-doc")))
	c.checkPage("reference print page")
	if txt := c.text(".reference-doc"); !strings.Contains(txt, "Pluk og pak af ordrer") || !strings.Contains(txt, "Havnens Lager ApS") {
		t.Errorf("the printable reference lacks the tasks or the company: %q", txt)
	}
	hidden := eval[bool](c, "print media", `(() => { for (const s of document.styleSheets) for (const r of s.cssRules) if (r.media && r.media.mediaText.includes("print") && r.cssText.includes("site-header")) return true; return false })()`)
	if !hidden {
		t.Errorf("the print stylesheet does not hide the site header")
	}
}

// noScroll fails when the page scrolls sideways at its width.
func noScroll(e *e2eTab, what string) {
	e.t.Helper()
	if over := eval[bool](e, what, `document.documentElement.scrollWidth > window.innerWidth`); over {
		e.t.Errorf("%s: the page scrolls sideways (%v px wide)", what, eval[int](e, "width", `document.documentElement.scrollWidth`))
	}
}
