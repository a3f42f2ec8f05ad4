package ui_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"placering/models"
	"placering/server/app"
)

// testClock is a settable App.Now, installed before the first request.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// matchEnv adds to env what matching needs: two citizens who fit the
// company's praktik opening (only Peter consents to share his profile), and
// an opening that requires a driving licence neither has.
type matchEnv struct {
	*env
	clock          *testClock
	peter, sara    models.Citizen
	opening, truck models.Opening
}

func newMatchEnv(t *testing.T) *matchEnv {
	t.Helper()
	e := newEnv(t)
	m := &matchEnv{env: e, clock: &testClock{t: time.Now()}}
	e.app.Now = m.clock.now // no request has been served yet
	ctx := context.Background()
	citizen := func(cpr, name, goal string, consent bool) models.Citizen {
		t.Helper()
		in := app.CitizenInput{CPR: &cpr, CitizenFields: models.CitizenFields{
			Name: name, TargetGroup: models.Gruppe1, GoalBranch: "butik_detail", GoalTitle: goal,
			DanishLevel: models.DanishFluent, Lat: 56.035, Lon: 12.605, MaxCommuteKm: 20, HoursCapacity: 25, ConsentShare: consent}}
		if consent {
			in.ConsentKinds = []models.Kind{models.KindPraktik}
		}
		c, err := e.app.CreateCitizen(ctx, &e.consultant, in)
		if err != nil {
			t.Fatalf("create citizen %s: %v", name, err)
		}
		return c
	}
	m.peter = citizen("2011903456", "Peter Pedersen", "Butiksassistent", true)
	m.sara = citizen("1503884321", "Sara Sørensen", "Kasseekspedient", false)
	opening := func(title string, kind models.Kind, licence bool) models.Opening {
		t.Helper()
		o, err := e.app.CreateOpening(ctx, &e.consultant, models.OpeningFields{CompanyID: e.company.ID, Kind: kind, Title: title,
			HoursMin: 10, HoursMax: 25, Seats: 1, StartDate: models.DateOf(time.Now()).AddDays(14), DriversLicence: licence})
		if err != nil {
			t.Fatalf("create opening %s: %v", title, err)
		}
		return o
	}
	m.opening = opening("Butiksassistent i praktik", models.KindPraktik, false)
	m.truck = opening("Chauffør med varebil", models.KindPraktik, true)
	return m
}

func (m *matchEnv) propose(citizen, opening int64) models.Match {
	m.t.Helper()
	got, err := m.app.ProposeMatch(context.Background(), &m.consultant, app.ProposeInput{CitizenID: citizen, OpeningID: opening})
	if err != nil {
		m.t.Fatalf("propose %d/%d: %v", citizen, opening, err)
	}
	return got
}

var columnStart = regexp.MustCompile(`<section class="board-column" id="kolonne-(\w+)"`)

// columnOf says which board column holds the card, or "".
func columnOf(body string, matchID int64) string {
	card := strings.Index(body, `id="match-`+itoa(matchID)+`"`)
	if card < 0 {
		return ""
	}
	state := ""
	for _, loc := range columnStart.FindAllStringSubmatchIndex(body, -1) {
		if loc[0] > card {
			break
		}
		state = body[loc[2]:loc[3]]
	}
	return state
}

func wantColumn(t *testing.T, body string, matchID int64, want models.MatchState) {
	t.Helper()
	if got := columnOf(body, matchID); got != string(want) {
		t.Fatalf("match %d is in column %q, want %q", matchID, got, want)
	}
}

func TestBoardShowsAndMovesMatches(t *testing.T) {
	m := newMatchEnv(t)
	match := m.propose(m.peter.ID, m.opening.ID)
	c := m.client()
	c.login(m.consultant.Email)

	resp, body := c.get("/tavle")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "<title>Matchtavle – Placering</title>", `href="/tavle" aria-current="page"`,
		"Foreslået", "Kontaktet", "Samtale", "Aftalt", "Startet", "Afvist",
		"Peter Pedersen", "201190-XXXX", "Butiksassistent i praktik", "Bageriet Kronborg ApS", "Virksomhedspraktik", "Flyttet i dag")
	wantLacks(t, body, "2011903456", "Gået i stå")
	wantColumn(t, body, match.ID, models.MatchProposed)

	// Without JavaScript: POST, redirect back to the card, flash.
	resp, body = c.post("/tavle/"+itoa(match.ID)+"/flyt", url.Values{"state": {"kontaktet"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	if got := resp.Header.Get("Location"); got != "/tavle#match-"+itoa(match.ID) {
		t.Errorf("after move: Location %q", got)
	}
	_, body = c.get("/tavle")
	wantContains(t, body, "Matchet er flyttet.")
	wantColumn(t, body, match.ID, models.MatchContacted)

	// An illegal move: the board again with the reason in Danish, unchanged.
	resp, body = c.post("/tavle/"+itoa(match.ID)+"/flyt", url.Values{"state": {"startet"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "<title>Fejl: Matchtavle – Placering</title>", "Matchet blev ikke flyttet",
		"Et match kan ikke gå fra kontaktet til startet", `href="#match-`+itoa(match.ID)+`"`)
	wantColumn(t, body, match.ID, models.MatchContacted)

	// With htmx: the board alone comes back, the card in its new column,
	// focused, and the message goes to the live region out of band.
	resp, body = c.post("/tavle/"+itoa(match.ID)+"/flyt", url.Values{"state": {"samtale"}}, "HX-Request", "true")
	wantStatus(t, resp, body, http.StatusOK)
	wantLacks(t, body, "<html", "<h1>")
	wantContains(t, body, `id="tavle"`, `hx-swap-oob="innerHTML"`, "Peter Pedersen – Butiksassistent i praktik: Matchet er flyttet til Samtale.")
	wantColumn(t, body, match.ID, models.MatchInterview)
	if !regexp.MustCompile(`id="match-` + itoa(match.ID) + `"[^>]*autofocus`).MatchString(body) {
		t.Error("the moved card is not focused after the swap")
	}

	// A refused htmx move is a 200 (htmx swaps only those) with an alert.
	resp, body = c.post("/tavle/"+itoa(match.ID)+"/flyt", url.Values{"state": {"foreslaaet"}}, "HX-Request", "true")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `role="alert"`, "Et match kan ikke gå fra samtale til foreslået")
	wantColumn(t, body, match.ID, models.MatchInterview)

	// startet takes the opening's only seat; Sara's match, agreed while the
	// seat was free, then cannot start and says why.
	sara := m.propose(m.sara.ID, m.opening.ID)
	c.post("/tavle/"+itoa(sara.ID)+"/flyt", url.Values{"state": {"aftalt"}})
	c.post("/tavle/"+itoa(match.ID)+"/flyt", url.Values{"state": {"aftalt"}})
	resp, body = c.post("/tavle/"+itoa(match.ID)+"/flyt", url.Values{"state": {"startet"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = c.post("/tavle/"+itoa(sara.ID)+"/flyt", url.Values{"state": {"startet"}})
	wantStatus(t, resp, body, http.StatusConflict)
	wantContains(t, body, "Åbningen har ingen ledige pladser, så matchet kan ikke startes.")
	wantColumn(t, body, sara.ID, models.MatchAgreed)
	wantColumn(t, body, match.ID, models.MatchStarted)
}

func TestBoardRejectNeedsReason(t *testing.T) {
	m := newMatchEnv(t)
	match := m.propose(m.peter.ID, m.opening.ID)
	c := m.client()
	c.login(m.consultant.Email)
	c.get("/tavle")
	move := "/tavle/" + itoa(match.ID) + "/flyt"

	// No reason: refused, the rejection form open again with the note kept.
	resp, body := c.post(move, url.Values{"state": {"afvist"}, "note": {"Ringede to gange"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Vælg en årsag til afvisningen på listen.", `<details class="reject" data-to="afvist" open>`,
		">Ringede to gange</textarea>", `href="#m`+itoa(match.ID)+`-reason"`, `aria-invalid="true"`)
	wantColumn(t, body, match.ID, models.MatchProposed)

	// "Anden årsag" needs a note; the chosen reason stays chosen.
	resp, body = c.post(move, url.Values{"state": {"afvist"}, "reason": {"andet"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Skriv årsagen i noten", `<option value="andet" selected>`)

	// Every reason of the fixed list is offered, marked when it is not
	// shown to the citizen.
	for _, r := range models.RejectionReasons {
		wantContains(t, body, `<option value="`+r.Code+`"`)
	}
	wantContains(t, body, "Helbredsmæssige forhold (vises ikke for borgeren)")

	resp, body = c.post(move, url.Values{"state": {"afvist"}, "reason": {"borger_transport"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = c.get("/tavle")
	wantColumn(t, body, match.ID, models.MatchRejected)
	wantContains(t, body, "Årsag: Transporten er for lang eller besværlig")
	// A final card offers no moves.
	if strings.Contains(body, `action="/tavle/`+itoa(match.ID)+`/flyt"`) {
		t.Error("a rejected match still has move forms")
	}
}

func TestBoardStalledAndFilters(t *testing.T) {
	m := newMatchEnv(t)
	old := m.propose(m.peter.ID, m.opening.ID)
	m.clock.add(15 * 24 * time.Hour) // the default limit is 14 days
	fresh := m.propose(m.sara.ID, m.opening.ID)
	c := m.client()
	c.login(m.consultant.Email)

	_, body := c.get("/tavle")
	card := func(id int64) string {
		start := strings.Index(body, `id="match-`+itoa(id)+`"`)
		end := strings.Index(body[start:], "</li>")
		return body[start : start+end]
	}
	wantContains(t, card(old.ID), "Gået i stå", "15 dage siden sidste bevægelse")
	wantLacks(t, card(fresh.ID), "Gået i stå")

	_, body = c.get("/tavle?stalled=on")
	wantContains(t, body, `id="match-`+itoa(old.ID)+`"`)
	wantLacks(t, body, `id="match-`+itoa(fresh.ID)+`"`)

	// Kind and consultant filters; an unknown value is ignored, not an error.
	_, body = c.get("/tavle?kind=loentilskud")
	wantLacks(t, body, `id="match-`+itoa(old.ID)+`"`)
	resp, body := c.get("/tavle?kind=virksomhedspraktik&consultant_id=" + itoa(m.consultant.ID) + "&branch=ukendt")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `id="match-`+itoa(old.ID)+`"`, `id="match-`+itoa(fresh.ID)+`"`)
	_, body = c.get("/tavle?consultant_id=" + itoa(m.consultant.ID+1000))
	wantContains(t, body, `id="match-`+itoa(old.ID)+`"`)

	// The filter travels with the move and comes back in the redirect.
	resp, body = c.post("/tavle/"+itoa(old.ID)+"/flyt", url.Values{"state": {"kontaktet"},
		"filter": {"kind=virksomhedspraktik&next=https://evil.example"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	if got := resp.Header.Get("Location"); got != "/tavle?kind=virksomhedspraktik#match-"+itoa(old.ID) {
		t.Errorf("after filtered move: Location %q", got)
	}
}

func TestProposalsPage(t *testing.T) {
	m := newMatchEnv(t)
	c := m.client()
	c.login(m.consultant.Email)
	path := "/borgere/" + itoa(m.peter.ID) + "/forslag"

	_, body := c.get("/borgere/" + itoa(m.peter.ID))
	wantContains(t, body, `href="`+path+`"`)

	resp, body := c.get(path)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "<title>Forslag til Peter Pedersen – Placering</title>", "201190-XXXX",
		"Butiksassistent i praktik", "Jobmål", "Afstand", "Opret match")
	wantLacks(t, body, "Chauffør med varebil", "Udelukkede åbninger")
	// Every reason matching gave is on the page.
	list, err := m.app.CitizenMatches(context.Background(), &m.consultant, m.peter.ID, 25, false)
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("citizen matches: %+v, %v", list, err)
	}
	for _, f := range list.Items[0].Factors {
		wantContains(t, body, html.EscapeString(f.Reason))
	}

	// Including the excluded: the licence opening with its rule explained.
	resp, body = c.get(path + "?excluded=on")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Udelukkede åbninger", "Chauffør med varebil", "Kørekort kræves", "R10-koerekort-krav",
		"Åbningen kræver kørekort, og borgeren har ikke et.", `name="excluded" value="on" checked`)
	// htmx gets the results alone.
	_, frag := c.get(path+"?excluded=on", "HX-Request", "true")
	wantContains(t, frag, "Chauffør med varebil")
	wantLacks(t, frag, "<html")

	// Opret match: the record stands on the board under Foreslået.
	resp, body = c.post(path, url.Values{"opening_id": {itoa(m.opening.ID)}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	if got := resp.Header.Get("Location"); got != path {
		t.Errorf("after create: Location %q", got)
	}
	_, body = c.get(path)
	wantContains(t, body, "Matchet er oprettet og står på tavlen under Foreslået.", "På tavlen:")
	res, err := m.app.ListMatches(context.Background(), &m.consultant, models.MatchFilter{CitizenID: m.peter.ID}, false)
	if err != nil || res.Total != 1 || res.Items[0].State != models.MatchProposed || res.Items[0].OpeningID != m.opening.ID {
		t.Fatalf("after create: %+v, %v", res, err)
	}
	_, board := c.get("/tavle")
	wantColumn(t, board, res.Items[0].ID, models.MatchProposed)

	// Twice is a conflict; an excluded pair is refused naming the rule.
	resp, body = c.post(path, url.Values{"opening_id": {itoa(m.opening.ID)}})
	wantStatus(t, resp, body, http.StatusConflict)
	wantContains(t, body, "Matchet blev ikke oprettet", "Borgeren har allerede et åbent match med denne åbning.")
	resp, body = c.post(path, url.Values{"opening_id": {itoa(m.truck.ID)}, "excluded": {"on"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Reglerne udelukker parret: Kørekort kræves")
}

func TestCandidatesPage(t *testing.T) {
	m := newMatchEnv(t)
	path := "/aabninger/" + itoa(m.opening.ID) + "/kandidater"
	cpr := regexp.MustCompile(`\d{6}-?(\d{4}|XXXX)`)

	staff := m.client()
	staff.login(m.consultant.Email)
	_, body := staff.get("/aabninger/" + itoa(m.opening.ID))
	wantContains(t, body, `href="`+path+`"`)
	resp, body := staff.get(path)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Kandidater til Butiksassistent i praktik", "Peter Pedersen", "Sara Sørensen", "Jobmål", "Opret match")
	wantLacks(t, body, "201190", "150388")
	resp, body = staff.post(path, url.Values{"citizen_id": {itoa(m.sara.ID)}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = staff.get(path)
	wantContains(t, body, "På tavlen:")

	// The employer sees only citizens who consented for praktik, by a
	// reference, with bands instead of distance and points.
	emp := m.client()
	emp.login(m.employer.Email)
	_, body = emp.get("/aabninger/" + itoa(m.opening.ID))
	wantContains(t, body, `href="`+path+`"`)
	resp, body = emp.get(path)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Kandidat 1", "Passer", "Reference", "Under 5 km", "Jobmålet er i samme branche")
	wantLacks(t, body, "Butiksassistent</dd>", "Kasseekspedient", "Kandidat 2", "Peter", "Sara", "Opret match", "Målgruppe", "point", "/borgere/")
	if cpr.MatchString(body) {
		t.Errorf("employer's candidate page shows a CPR-like number: %q", cpr.FindString(body))
	}
	// Nor may the employer create a match.
	resp, body = emp.post(path, url.Values{"citizen_id": {itoa(m.peter.ID)}})
	wantStatus(t, resp, body, http.StatusForbidden)
}

func TestMatchingPagesDenied(t *testing.T) {
	m := newMatchEnv(t)
	match := m.propose(m.peter.ID, m.opening.ID)

	ev := m.client()
	ev.login(m.ev.Email)
	_, body := ev.get("/aabninger")
	wantLacks(t, body, `href="/tavle"`)
	for _, p := range []string{"/tavle", "/borgere/" + itoa(m.peter.ID) + "/forslag", "/aabninger/" + itoa(m.opening.ID) + "/kandidater"} {
		resp, body := ev.get(p)
		wantStatus(t, resp, body, http.StatusForbidden)
	}
	resp, body := ev.post("/tavle/"+itoa(match.ID)+"/flyt", url.Values{"state": {"kontaktet"}})
	wantStatus(t, resp, body, http.StatusForbidden)
	resp, body = ev.post("/borgere/"+itoa(m.peter.ID)+"/forslag", url.Values{"opening_id": {itoa(m.truck.ID)}})
	wantStatus(t, resp, body, http.StatusForbidden)

	emp := m.client()
	emp.login(m.employer.Email)
	resp, body = emp.get("/tavle")
	wantStatus(t, resp, body, http.StatusForbidden)
	wantLacks(t, body, `href="/tavle"`)

	// Another jobcentre's consultant does not see the match at all.
	jc := models.Jobcentre{MunicipalityNo: "151", Name: "Jobcenter Ballerup"}
	if err := m.store.CreateJobcentre(context.Background(), &jc); err != nil {
		t.Fatal(err)
	}
	stranger := m.user(app.UserInput{Email: "anden@example.dk", Name: "Anders Anden", Role: models.RoleConsultant, JobcentreID: &jc.ID})
	sc := m.client()
	sc.login(stranger.Email)
	_, body = sc.get("/tavle")
	wantLacks(t, body, `id="match-`+itoa(match.ID)+`"`, "Peter Pedersen")
	resp, body = sc.post("/tavle/"+itoa(match.ID)+"/flyt", url.Values{"state": {"kontaktet"}})
	wantStatus(t, resp, body, http.StatusNotFound)
	resp, body = sc.get("/borgere/" + itoa(m.peter.ID) + "/forslag")
	wantStatus(t, resp, body, http.StatusNotFound)
}
