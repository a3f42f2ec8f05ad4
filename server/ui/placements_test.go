package ui_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"placering/models"
	"placering/server/app"
)

// placementEnv adds to env, on a fixed clock (Wednesday 10 March 2027,
// ISO week 2027-W10):
//   - Peter (gruppe 1) in praktik at the employer's company since week 5,
//     with a ladder 10 → 15 → 20 hours and five weeks of hours entered;
//   - Sara (gruppe 1) in løntilskud at another company since 1 March;
//   - Ole (gruppe 1 for 20 weeks, never placed), whose 13-week deadline
//     has passed: an alert.
type placementEnv struct {
	*env
	other            models.Company
	peter, sara, ole models.Citizen
	pPeter, pSara    app.PlacementView
}

var placementNow = time.Date(2027, 3, 10, 12, 0, 0, 0, time.UTC)

func newPlacementEnv(t *testing.T) *placementEnv {
	t.Helper()
	e := newEnv(t)
	e.app.Now = func() time.Time { return placementNow } // before any request
	p := &placementEnv{env: e}
	ctx := context.Background()
	citizen := func(cpr, name string, entered models.Date) models.Citizen {
		t.Helper()
		c, err := e.app.CreateCitizen(ctx, &e.consultant, app.CitizenInput{CPR: &cpr, CitizenFields: models.CitizenFields{
			Name: name, TargetGroup: models.Gruppe1, GroupEnteredOn: entered, GoalBranch: "butik_detail", GoalTitle: "Butiksassistent",
			DanishLevel: models.DanishFluent, Lat: 56.035, Lon: 12.605, MaxCommuteKm: 20, HoursCapacity: 25}})
		if err != nil {
			t.Fatalf("create citizen %s: %v", name, err)
		}
		return c
	}
	day := func(y int, m time.Month, d int) models.Date {
		return models.DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
	}
	p.peter = citizen("2011903456", "Peter Pedersen", day(2027, 1, 4))
	p.sara = citizen("1503884321", "Sara Sørensen", day(2027, 1, 4))
	p.ole = citizen("0107852229", "Ole Olsen", day(2026, 10, 19))
	p.other = e.createCompanyIn("29403473", "Lageret Nord A/S", "Helsingør", "transport_lager_logistik")
	place := func(c models.Citizen, co models.Company, kind models.Kind, start models.Date, plan []models.PlanStep) app.PlacementView {
		t.Helper()
		v, err := e.app.CreatePlacement(ctx, &e.consultant, models.PlacementFields{CitizenID: c.ID, CompanyID: co.ID, Kind: kind,
			StartDate: start, PlacementDetails: models.PlacementDetails{Plan: plan}})
		if err != nil {
			t.Fatalf("create placement for %s: %v", c.Name, err)
		}
		return v
	}
	p.pPeter = place(p.peter, e.company, models.KindPraktik, day(2027, 2, 1),
		[]models.PlanStep{{FromWeek: 1, Hours: 10}, {FromWeek: 3, Hours: 15}, {FromWeek: 5, Hours: 20}})
	p.pSara = place(p.sara, p.other, models.KindLoentilskud, day(2027, 3, 1), []models.PlanStep{{FromWeek: 1, Hours: 25}})
	// Weeks 5–9: 10, 12, 16, 12 (+3 ill), 20 hours.
	worked := []float64{10, 12, 16, 12, 20}
	var in app.BulkHoursInput
	for i := range worked {
		it := app.BulkHoursItem{PlacementID: p.pPeter.ID, ISOWeek: models.ISOWeek{Year: 2027, Week: 5 + i}.String()}
		it.Worked = &worked[i]
		if i == 3 {
			it.Absent, it.AbsenceReason = 3, models.AbsenceIllness
		}
		in.Items = append(in.Items, it)
	}
	if _, err := e.app.SaveHoursBulk(ctx, &e.consultant, in); err != nil {
		t.Fatalf("save Peter's hours: %v", err)
	}
	return p
}

func (p *placementEnv) week(placementID int64, week string) app.WeekView {
	p.t.Helper()
	v, err := p.app.HoursOfWeek(context.Background(), &p.admin, placementID, week)
	if err != nil {
		p.t.Fatalf("hours of %d %s: %v", placementID, week, err)
	}
	return v
}

func TestPlacementCreateThroughForm(t *testing.T) {
	p := newPlacementEnv(t)
	c := p.client()
	c.login(p.consultant.Email)

	resp, body := c.get("/placeringer/ny?citizen_id=" + itoa(p.ole.ID))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `<option value="`+itoa(p.ole.ID)+`" selected>Ole Olsen (010785-XXXX)</option>`,
		`name="plan[0].from_week"`, "praktik 13 uger", `<a href="/borgere/`+itoa(p.ole.ID)+`">Annullér</a>`)

	// A bad round first: no company or opening, a plan step that is not a
	// number. Everything typed comes back.
	form := url.Values{"citizen_id": {itoa(p.ole.ID)}, "kind": {"virksomhedspraktik"}, "start_date": {"15-03-2027"},
		"plan[0].from_week": {"1"}, "plan[0].hours": {"ti"}, "plan[1].from_week": {"3"}, "plan[1].hours": {"15"},
		"company_mentor.name": {"Mona Mentor"}}
	resp, body = c.post("/placeringer", form)
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "<title>Fejl: Opret placering", `id="f-plan-0-hours-error"`, "Skriv et tal", `value="ti"`,
		`id="f-company_id-error"`, `value="Mona Mentor"`, `value="2027-03-15"`, `href="#f-plan-0-hours"`)
	// The chosen citizen stays chosen.
	wantContains(t, body, `<option value="`+itoa(p.ole.ID)+`" selected>Ole Olsen (010785-XXXX)</option>`)

	// Without JavaScript, the typed name is sent with the form and the
	// matches come back to choose from; a view without typing lists (and
	// reads) no citizen.
	reads := auditCount(t, p.env, p.consultant.ID)
	resp, body = c.get("/placeringer/ny")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `id="borger-soeg"`, `<option value="">Vælg borger</option>`)
	wantLacks(t, body, "Ole Olsen")
	if n := auditCount(t, p.env, p.consultant.ID); n != reads {
		t.Errorf("the form without typing recorded %d citizen reads", n-reads)
	}
	typed := url.Values{"borger_soeg": {"ole"}, "start_date": {"15-03-2027"}, "company_id": {itoa(p.company.ID)}}
	resp, body = c.post("/placeringer", typed)
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `<option value="`+itoa(p.ole.ID)+`">Ole Olsen (010785-XXXX)</option>`, `value="ole"`, `id="f-citizen_id-error"`)

	form.Set("plan[0].hours", "10")
	form.Set("company_id", itoa(p.company.ID))
	resp, body = c.post("/placeringer", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	loc := resp.Header.Get("Location")
	id := regexpFind(`^/placeringer/(\d+)$`, loc)
	if id == "" {
		t.Fatalf("created placement: Location %q", loc)
	}
	resp, body = c.get(loc)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Placeringen er oprettet.", "Placering: Ole Olsen hos Bageriet Kronborg ApS", "Planlagt",
		"Mona Mentor", "13. jun. 2027", "Markér som startet")

	var pid int64
	for _, ch := range id {
		pid = pid*10 + int64(ch-'0')
	}
	got, err := p.app.GetPlacement(context.Background(), &p.admin, pid)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != models.PlacementPlanned || got.CitizenID != p.ole.ID || got.Kind != models.KindPraktik ||
		len(got.Plan) != 2 || got.Plan[1] != (models.PlanStep{FromWeek: 3, Hours: 15}) || got.EndDate.String() != "2027-06-13" ||
		got.CompanyMentor == nil || got.CompanyMentor.Name != "Mona Mentor" {
		t.Errorf("stored placement = %+v", got)
	}

	// The list shows it, and the consultant filter narrows to that
	// consultant's citizens (all three are Karen's).
	resp, body = c.get("/placeringer?status=planlagt")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Ole Olsen", "1 placering fundet")
	wantLacks(t, body, "Peter Pedersen")
	resp, body = c.get("/placeringer?consultant_id=" + itoa(p.consultant.ID))
	wantContains(t, body, "3 placeringer fundet")
}

func TestPlacementStartEndAndEvaluate(t *testing.T) {
	p := newPlacementEnv(t)
	c := p.client()
	c.login(p.consultant.Email)
	path := "/placeringer/" + itoa(p.pPeter.ID)

	resp, body := c.get(path)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Afslut og evaluér", "Uge 9, 2027", "Uge 3", `href="/borgere/`+itoa(p.peter.ID)+`/progression"`)

	resp, body = c.get(path + "/afslut?status=afsluttet")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Afslut placering", `value="Mødestabilitet"`, `name="competences[0].rating"`)

	// Completed needs an outcome; a rated competence needs a name.
	form := url.Values{"status": {"afsluttet"}, "ended_on": {"2027-03-09"}, "completion": {"gennemfoert"},
		"competences[0].name": {"Mødestabilitet"}, "competences[0].rating": {"4"},
		"competences[7].name": {""}, "competences[7].rating": {"2"},
		"tasks_solved": {"Opfyldning og kasse"}, "citizen_view": {"Godt at komme ud"}}
	resp, body = c.post(path+"/afslut", form)
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-outcome-error"`, `id="f-competences-7-name-error"`, "Opfyldning og kasse")

	form.Set("outcome", "loentilskud")
	form.Del("competences[7].rating")
	resp, body = c.post(path+"/afslut", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	resp, body = c.get(path)
	wantContains(t, body, "Placeringen er afsluttet.", "Afsluttet", "Løntilskud", "Gennemført", "Opfyldning og kasse",
		"<th scope=\"row\">Mødestabilitet</th><td class=\"num\">4</td>", "Ret udfald og evaluering")
	wantLacks(t, body, "Afslut og evaluér")
	got, _ := p.app.GetPlacement(context.Background(), &p.admin, p.pPeter.ID)
	if got.Status != models.PlacementCompleted || got.EndedOn.String() != "2027-03-09" || got.Evaluation == nil ||
		len(got.Evaluation.Competences) != 1 || got.Evaluation.EvaluatedOn.String() != "2027-03-10" {
		t.Errorf("ended placement = %+v, evaluation %+v", got.Placement, got.Evaluation)
	}
}

var hiddenRow = regexp.MustCompile(`name="rows\[(\d+)\]\.(was|revision)" value="([^"]*)"`)

// sheetForm reads the hidden fields of the bulk page, as a browser sends
// them back.
func sheetForm(body string) url.Values {
	v := url.Values{}
	for _, m := range hiddenRow.FindAllStringSubmatch(body, -1) {
		v.Set("rows["+m[1]+"]."+m[2], html.UnescapeString(m[3]))
	}
	return v
}

func TestHoursBulkSave(t *testing.T) {
	p := newPlacementEnv(t)
	c := p.client()
	c.login(p.consultant.Email)
	peter, sara := "rows["+itoa(p.pPeter.ID)+"].", "rows["+itoa(p.pSara.ID)+"]."

	resp, body := c.get("/timer")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Timer for uge 10, 2027", "Peter Pedersen", "Sara Sørensen", "uge 6 i placeringen",
		`name="`+peter+`worked"`, `inputmode="decimal"`, "Plan: 20", "Plan: 25", `href="/timer?uge=2027-W09"`)
	wantLacks(t, body, "Ole Olsen")

	// Two rows in one request.
	form := sheetForm(body)
	form.Set("uge", "2027-W10")
	form.Set(peter+"worked", "18")
	form.Set(sara+"worked", "7,5")
	form.Set(sara+"absent", "2")
	form.Set(sara+"absence_reason", "sygdom")
	form.Set("source", "konsulent")
	resp, body = c.post("/timer", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	if w := p.week(p.pPeter.ID, "2027-W10"); w.Hours == nil || w.Hours.Worked != 18 || w.Hours.Revision != 1 {
		t.Fatalf("Peter's week 10 = %+v", w.Hours)
	}
	if w := p.week(p.pSara.ID, "2027-W10"); w.Hours == nil || w.Hours.Worked != 7.5 || w.Hours.Absent != 2 || w.Hours.AbsenceReason != models.AbsenceIllness {
		t.Fatalf("Sara's week 10 = %+v", w.Hours)
	}
	resp, body = c.get(resp.Header.Get("Location"))
	wantContains(t, body, "Timerne er gemt.", `value="18"`, `value="7,5"`, "Karen Konsulent")

	// A correction of Peter's week and a bad row for Sara: absence
	// without a reason. Nothing is saved, the error stands at Sara's field,
	// and what was typed is kept.
	form = sheetForm(body)
	form.Set("uge", "2027-W10")
	form.Set(peter+"worked", "19")
	form.Set(sara+"worked", "7,5")
	form.Set(sara+"absent", "5")
	form.Set(sara+"absence_reason", "")
	resp, body = c.post("/timer", form)
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "<title>Fejl: Timer for uge 10, 2027", `id="f-rows-`+itoa(p.pSara.ID)+`-absence_reason-error"`,
		"Angiv årsagen til fraværet", `href="#f-rows-`+itoa(p.pSara.ID)+`-absence_reason"`, "Sara Sørensen hos Lageret Nord A/S: årsag til fravær",
		`id="f-rows-`+itoa(p.pPeter.ID)+`-worked" name="`+peter+`worked" type="text" value="19"`, `value="5"`)
	if w := p.week(p.pPeter.ID, "2027-W10"); w.Hours.Worked != 18 || w.Hours.Revision != 1 {
		t.Fatalf("after the refused save, Peter's week 10 = %+v; want it untouched", w.Hours)
	}

	// The fixed form saves both; the correction is a new revision and the
	// page says the week was corrected.
	form.Set(sara+"absence_reason", "andet")
	resp, body = c.post("/timer", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	w := p.week(p.pPeter.ID, "2027-W10")
	if w.Hours.Worked != 19 || w.Hours.Revision != 2 || len(w.History) != 2 || w.History[0].Worked != 18 {
		t.Fatalf("corrected week = %+v, history %+v", w.Hours, w.History)
	}
	resp, body = c.get("/timer?uge=2027-W10")
	wantContains(t, body, `<span class="tag corrected">Rettet</span>`, "Se rettelser")
	resp, body = c.get("/placeringer/" + itoa(p.pPeter.ID) + "/uger/2027-W10")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Rettet senere", "Gældende", "Karen Konsulent")

	// Sending the page back untouched saves nothing and clashes with
	// nobody.
	resp, body = c.get("/timer?uge=2027-W10")
	form = sheetForm(body)
	form.Set("uge", "2027-W10")
	form.Set(peter+"worked", "19")
	form.Set(sara+"worked", "7,5")
	form.Set(sara+"absent", "5")
	form.Set(sara+"absence_reason", "andet")
	resp, body = c.post("/timer", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = c.get(resp.Header.Get("Location"))
	wantContains(t, body, "Der var ingen ændringer at gemme.")

	// Someone else corrects Peter's week after the page was read: the
	// page's own correction of that week is refused as a clash, at the row.
	_, body = c.get("/timer?uge=2027-W10")
	form = sheetForm(body)
	form.Set("uge", "2027-W10")
	form.Set(peter+"worked", "21")
	form.Set(sara+"worked", "7,5")
	form.Set(sara+"absent", "5")
	form.Set(sara+"absence_reason", "andet")
	other, seen := 20.0, p.week(p.pPeter.ID, "2027-W10").Hours.Revision
	if _, err := p.app.SaveWeek(context.Background(), &p.employer, p.pPeter.ID, "2027-W10", models.HoursInput{Worked: &other, Revision: &seen}); err != nil {
		t.Fatal(err)
	}
	resp, body = c.post("/timer", form)
	wantStatus(t, resp, body, http.StatusConflict)
	wantContains(t, body, `id="f-rows-`+itoa(p.pPeter.ID)+`-revision"`, "Ugen er gemt af en anden", `value="21"`)
	if w := p.week(p.pPeter.ID, "2027-W10"); w.Hours.Worked != 20 || w.Hours.Revision != 3 {
		t.Errorf("after the clash, Peter's week = %+v", w.Hours)
	}

	// A consultant sees their own caseload unless they ask for the whole
	// jobcentre: Ida is another consultant's citizen.
	karl := p.user(app.UserInput{Email: "karl@example.dk", Name: "Karl Kollega", Role: models.RoleConsultant, JobcentreID: &p.jc.ID})
	cpr := "0505905678"
	ida, err := p.app.CreateCitizen(context.Background(), &karl, app.CitizenInput{CPR: &cpr, CitizenFields: models.CitizenFields{
		Name: "Ida Iversen", TargetGroup: models.Gruppe2, DanishLevel: models.DanishFluent}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.app.CreatePlacement(context.Background(), &karl, models.PlacementFields{CitizenID: ida.ID, CompanyID: p.company.ID,
		Kind: models.KindPraktik, StartDate: models.DateOf(placementNow)}); err != nil {
		t.Fatal(err)
	}
	_, body = c.get("/timer?uge=2027-W10")
	wantContains(t, body, "Peter Pedersen", "Sara Sørensen", `<option value="mine" selected>`)
	wantLacks(t, body, "Ida Iversen")
	_, body = c.get("/timer?uge=2027-W10&vis=alle")
	wantContains(t, body, "Peter Pedersen", "Ida Iversen", `<option value="alle" selected>`, `<input type="hidden" name="vis" value="alle">`)
}

func TestProgressionPage(t *testing.T) {
	p := newPlacementEnv(t)
	c := p.client()
	c.login(p.consultant.Email)

	resp, body := c.get("/borgere/" + itoa(p.peter.ID))
	wantContains(t, body, `href="/borgere/`+itoa(p.peter.ID)+`/progression"`, `href="/placeringer/ny?citizen_id=`+itoa(p.peter.ID)+`"`)

	resp, body = c.get("/borgere/" + itoa(p.peter.ID) + "/progression")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body,
		`<svg role="img" aria-labelledby="graf-titel graf-beskrivelse"`,
		`<title id="graf-titel">Timer pr. uge for Peter Pedersen</title>`,
		"Seneste indberettede uge er uge 9 med 20 arbejdede timer mod 20 planlagte.", "Målet er 20 timer pr. uge.", "Der er fravær i 1 uge.",
		`class="chart-absent"`, `class="chart-plan"`, `class="chart-goal"`, "Mål 20",
		`text-anchor="end">20</text>`, `text-anchor="end">10</text>`, `text-anchor="middle">u9</text>`,
		// Bars in proportion: the plot is 244 units high and tops at 20 hours.
		`height="122" class="chart-worked"`, `height="244" class="chart-worked"`, `height="36.6" class="chart-absent"`,
		`<caption id="tabel-titel">Timer pr. uge, uge 5, 2027 til uge 10, 2027</caption>`,
		"Sygdom", "Bageriet Kronborg ApS",
	)
	row := func(week string) string {
		return regexpFind(`(?s)<th scope="row" class="nowrap">`+week+`</th>(.*?)</tr>`, body)
	}
	compact := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if got := compact(row("uge 9, 2027")); got != `<tdclass="num">20</td><tdclass="num">20</td><tdclass="num">0</td><td></td><tdclass="num">0</td><tdclass="num">100%</td>` {
		t.Errorf("week 9 row = %s", got)
	}
	if got := compact(row("uge 8, 2027")); got != `<tdclass="num">15</td><tdclass="num">12</td><tdclass="num">3</td><td>Sygdom</td><tdclass="num">0</td><tdclass="num">80%</td>` {
		t.Errorf("week 8 row = %s", got)
	}
	metric := func(name string) string { return regexpFind(`<dt>`+regexp.QuoteMeta(name)+`</dt><dd>([^<]*)`, body) }
	for name, want := range map[string]string{
		"Timer seneste indtastede uge":     "20 (uge 9, 2027)",
		"Gennemsnit de seneste 4 uger":     "15",
		"Andel af planen opfyldt (4 uger)": "100 %", // 60 of 10+15+15+20 planned
		"Planlagt denne uge":               "20",
		"Mål for timer pr. uge":            "20 – nået 75 % (gennemsnit mod mål)",
		"Uger siden sidste stigning":       "0 (sidste stigning i uge 9, 2027)",
		"Udvikling (trend)":                "+2 timer pr. uge over 5 uger", // 10, 12, 16, 12, 20
	} {
		if got := html.UnescapeString(strings.TrimSpace(metric(name))); got != want {
			t.Errorf("metric %q = %q, want %q", name, got, want)
		}
	}
	wantContains(t, body, "225-timersreglen")
}

func TestAlertsDashboard(t *testing.T) {
	p := newPlacementEnv(t)
	ctx := context.Background()
	all, err := p.app.Alerts(ctx, &p.consultant, app.AlertFilter{CitizenID: p.ole.ID})
	if err != nil || len(all.Items) == 0 {
		t.Fatalf("Ole's alerts = %+v, %v; want at least the 13-week deadline", all, err)
	}
	first := all.Items[0]
	c := p.client()
	c.login(p.consultant.Email)

	// Home is the dashboard.
	resp, body := c.get("/")
	wantStatus(t, resp, body, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/advarsler" {
		t.Errorf("consultant home → %q", loc)
	}
	resp, body = c.get("/advarsler")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, html.EscapeString(first.Message), first.KindLabel, "Ole Olsen", "010785-XXXX", `name="key" value="`+first.Key+`"`,
		`hx-target="closest li"`, `aria-current="page"`, "Sådan beregnes advarslerne (standardindstillinger)", "Under 75 % af de planlagte timer 2 uger i træk")
	// Sorted by due date.
	if i, j := strings.Index(body, "Overskredet"), strings.Index(body, "Til orientering"); j >= 0 && i > j {
		t.Errorf("an info alert comes before an overdue one")
	}

	// The dashboard is the consultant's own citizens' unless they ask for
	// the whole jobcentre's: Ida, overdue too, is a colleague's citizen.
	karl := p.user(app.UserInput{Email: "karl@example.dk", Name: "Karl Kollega", Role: models.RoleConsultant, JobcentreID: &p.jc.ID})
	cpr := "0505905678"
	if _, err := p.app.CreateCitizen(ctx, &karl, app.CitizenInput{CPR: &cpr, CitizenFields: models.CitizenFields{
		Name: "Ida Iversen", TargetGroup: models.Gruppe1, GroupEnteredOn: p.ole.GroupEnteredOn, DanishLevel: models.DanishFluent}}); err != nil {
		t.Fatal(err)
	}
	wantLacks(t, body, "Ida Iversen")
	_, body = c.get("/advarsler?vis=alle")
	wantContains(t, body, "Ida Iversen", "Ole Olsen", `<option value="alle" selected>`)

	// Acknowledge with htmx: the answer empties the row and says so in the
	// status line.
	resp, body = c.post("/advarsler/kvitter", url.Values{"key": {first.Key}, "note": {"CV og mål er på plads"}}, "HX-Request", "true")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `<div id="advarsel-besked" hx-swap-oob="innerHTML">`, "er kvitteret")
	wantLacks(t, body, "<li")
	_, body = c.get("/advarsler")
	wantLacks(t, body, `value="`+first.Key+`"`)
	acked, _ := p.app.Alerts(ctx, &p.consultant, app.AlertFilter{CitizenID: p.ole.ID, Acknowledged: "true"})
	if len(acked.Items) != 1 || acked.Items[0].Acknowledged.Note != "CV og mål er på plads" {
		t.Errorf("acknowledged = %+v", acked.Items)
	}

	// Without JavaScript the form posts and the page comes back.
	if len(all.Items) > 1 {
		second := all.Items[1]
		resp, body = c.post("/advarsler/kvitter", url.Values{"key": {second.Key}})
		wantStatus(t, resp, body, http.StatusSeeOther)
		_, body = c.get(resp.Header.Get("Location"))
		wantContains(t, body, "Advarslen er kvitteret og fjernet fra listen.")
		wantLacks(t, body, `value="`+second.Key+`"`)
	}
	// Acknowledging again is harmless: the alert is already gone.
	resp, body = c.post("/advarsler/kvitter", url.Values{"key": {first.Key}}, "HX-Request", "true")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "allerede behandlet")
}

func TestReportPage(t *testing.T) {
	p := newPlacementEnv(t)
	c := p.client()
	c.login(p.consultant.Email)

	resp, body := c.get("/rapporter")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `value="2026-10"`, `value="2027-03"`, "Oktober 2026", "Marts 2027")

	resp, body = c.get("/rapporter?from=2027-01&to=2027-03")
	wantStatus(t, resp, body, http.StatusOK)
	march := body[strings.Index(body, `id="m-2027-03"`):]
	// All three citizens; Peter and Sara placed; Sara's løntilskud started.
	total := regexpFind(`(?s)<th scope="row">Alle målgrupper</th>(.*?)</tr>`, march)
	if got := strings.Join(strings.Fields(total), ""); !strings.HasPrefix(got,
		`<tdclass="num">3</td><tdclass="num">2</td><tdclass="num">0</td><tdclass="num">2</td><tdclass="num">66,7%</td><tdclass="num">1</td><tdclass="num">0</td>`) {
		t.Errorf("March total row = %s", got)
	}
	wantContains(t, march, "Løntilskud", "Transport, lager og logistik")
	csvURL := html.UnescapeString(regexpFind(`href="(/rapporter/csv\?[^"]+)"`, body))
	if csvURL == "" {
		t.Fatal("no CSV link")
	}
	resp, body = c.get(csvURL)
	wantStatus(t, resp, body, http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("CSV Content-Type %q", ct)
	}
	if !strings.HasPrefix(body, "\ufeffMåned;Målgruppe;Nøgletal;Ordning;Branche;Udfald;Værdi") {
		t.Errorf("CSV starts %q", body[:min(len(body), 80)])
	}
	wantContains(t, body, "2027-03;Alle målgrupper;I placering;;;;2")

	resp, body = c.get("/rapporter?from=2027-05&to=2027-01")
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Slutmåneden ligger før startmåneden.", `id="f-to-error"`)
}

func TestPlacementPagesRoles(t *testing.T) {
	p := newPlacementEnv(t)

	// Event staff see none of it.
	ev := p.client()
	ev.login(p.ev.Email)
	for _, path := range []string{"/placeringer", "/placeringer/" + itoa(p.pPeter.ID), "/placeringer/ny", "/timer",
		"/borgere/" + itoa(p.peter.ID) + "/progression", "/advarsler", "/rapporter", "/rapporter/csv"} {
		resp, body := ev.get(path)
		wantStatus(t, resp, body, http.StatusForbidden)
	}
	_, body := ev.get("/aabninger")
	wantLacks(t, body, `href="/placeringer"`, `href="/timer"`, `href="/advarsler"`)

	// A consultant of another jobcentre sees none of this jobcentre's.
	jc2 := models.Jobcentre{MunicipalityNo: "219", Name: "Jobcenter Hillerød"}
	if err := p.store.CreateJobcentre(context.Background(), &jc2); err != nil {
		t.Fatal(err)
	}
	stranger := p.user(app.UserInput{Email: "hans@hillerod.dk", Name: "Hans Hillerød", Role: models.RoleConsultant, JobcentreID: &jc2.ID})
	sc := p.client()
	sc.login(stranger.Email)
	for _, path := range []string{"/placeringer/" + itoa(p.pPeter.ID), "/borgere/" + itoa(p.peter.ID) + "/progression",
		"/placeringer/" + itoa(p.pPeter.ID) + "/uger/2027-W09"} {
		resp, body := sc.get(path)
		wantStatus(t, resp, body, http.StatusNotFound)
	}
	for _, path := range []string{"/placeringer?consultant_id=" + itoa(p.consultant.ID), "/timer?uge=2027-W09", "/advarsler"} {
		resp, body := sc.get(path)
		wantStatus(t, resp, body, http.StatusOK)
		wantLacks(t, body, "Peter Pedersen", "Sara Sørensen", "Ole Olsen")
	}

	// The employer sees their company's placement (Peter's), not Sara's at
	// the other company, and enters hours only for it.
	em := p.client()
	em.login(p.employer.Email)
	resp, body := em.get("/placeringer")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Peter Pedersen", "1 placering fundet", `href="/timer"`)
	wantLacks(t, body, "Sara Sørensen", "Opret placering", `href="/advarsler"`)
	resp, body = em.get("/placeringer/" + itoa(p.pSara.ID))
	wantStatus(t, resp, body, http.StatusNotFound)
	resp, body = em.get("/placeringer/" + itoa(p.pPeter.ID))
	wantStatus(t, resp, body, http.StatusOK)
	wantLacks(t, body, "Afslut og evaluér", "Redigér plan")
	for _, path := range []string{"/placeringer/ny", "/advarsler", "/rapporter", "/borgere/" + itoa(p.peter.ID) + "/progression"} {
		resp, body := em.get(path)
		wantStatus(t, resp, body, http.StatusForbidden)
	}
	resp, body = em.get("/timer?uge=2027-W10")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Peter Pedersen", "Arbejdsgiveren")
	wantLacks(t, body, "Sara Sørensen", "Vis placeringer for")

	// A forged row for Sara's placement is refused, and nothing is saved.
	form := sheetForm(body)
	form.Set("uge", "2027-W10")
	form.Set("rows["+itoa(p.pPeter.ID)+"].worked", "17")
	form.Set("rows["+itoa(p.pSara.ID)+"].worked", "9")
	form.Set("rows["+itoa(p.pSara.ID)+"].was", "||||")
	resp, body = em.post("/timer", form)
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Placeringen findes ikke, eller du har ikke adgang til den.")
	if w := p.week(p.pSara.ID, "2027-W10"); w.Hours != nil {
		t.Errorf("the employer saved hours for another company's placement: %+v", w.Hours)
	}
	if w := p.week(p.pPeter.ID, "2027-W10"); w.Hours != nil {
		t.Errorf("a refused bulk save half-wrote: %+v", w.Hours)
	}
	form.Del("rows[" + itoa(p.pSara.ID) + "].worked")
	form.Del("rows[" + itoa(p.pSara.ID) + "].was")
	resp, body = em.post("/timer", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	if w := p.week(p.pPeter.ID, "2027-W10"); w.Hours == nil || w.Hours.Worked != 17 || w.Hours.Source != models.SourceEmployer {
		t.Errorf("employer's week = %+v", w.Hours)
	}
}

func TestPlacementWeekCorrection(t *testing.T) {
	p := newPlacementEnv(t)
	c := p.client()
	c.login(p.consultant.Email)
	path := "/placeringer/" + itoa(p.pPeter.ID) + "/uger/2027-W08"

	resp, body := c.get("/placeringer/" + itoa(p.pPeter.ID))
	wantContains(t, body, `href="`+path+`">Se og ret`)
	resp, body = c.get(path)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Ret ugens timer", `id="f-worked" name="worked" type="text" value="12"`, `id="f-absent" name="absent" type="text" value="3"`,
		`<option value="sygdom" selected>`, `name="revision" value="1"`, "Tom: ugen følger planen (15 timer).")

	// Not a number: shown at the field, nothing saved.
	form := url.Values{"worked": {"tolv"}, "absent": {"3"}, "absence_reason": {"sygdom"}, "revision": {"1"}, "source": {"konsulent"}}
	resp, body = c.post(path, form)
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-worked-error"`, `value="tolv"`)

	form.Set("worked", "13,5")
	form.Set("note", "Rettet efter timeseddel")
	form.Set("source", "virksomhedsmentor")
	resp, body = c.post(path, form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	w := p.week(p.pPeter.ID, "2027-W08")
	if w.Hours.Worked != 13.5 || w.Hours.Revision != 2 || w.Hours.Note != "Rettet efter timeseddel" || w.Hours.Source != models.SourceMentor || len(w.History) != 2 {
		t.Fatalf("corrected week = %+v", w.Hours)
	}
	_, body = c.get(path)
	wantContains(t, body, "Rettet senere", "Gældende", "Rettet efter timeseddel", "Mentor på arbejdspladsen", `name="revision" value="2"`)

	// The same form sent again (it showed revision 1) clashes.
	form.Set("worked", "14")
	resp, body = c.post(path, form)
	wantStatus(t, resp, body, http.StatusConflict)
	wantContains(t, body, `id="f-revision"`, "Ugen er gemt af en anden", `href="#f-revision"`)

	// Staff write two notes: one the employer sees, and an internal one
	// that never reaches the employer's page.
	form.Set("worked", "14")
	form.Set("revision", "2")
	form.Set("note", "Mødetid kl. 8")
	form.Set("internal_note", "Indlagt psykiatrisk afd.")
	resp, body = c.post(path, form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = c.get(path)
	wantContains(t, body, "Intern note (kun jobcentret)", `name="internal_note" type="text" value="Indlagt psykiatrisk afd."`, "Mødetid kl. 8")

	// The employer may correct their own placement's weeks, not others',
	// and sees one note field: the shared one.
	em := p.client()
	em.login(p.employer.Email)
	resp, body = em.get(path)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Gem ugen", "Mødetid kl. 8", `name="note"`)
	wantLacks(t, body, "Indlagt", "psykiatrisk", "internal_note", "Intern note")
	resp, body = em.post(path, url.Values{"worked": {"14"}, "revision": {"3"}, "note": {"Kom til tiden"}, "source": {"arbejdsgiver"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	if w := p.week(p.pPeter.ID, "2027-W08"); w.Hours.InternalNote != "Indlagt psykiatrisk afd." || w.Hours.Note != "Kom til tiden" {
		t.Errorf("after the employer's save the notes are %q / %q; the internal note must stay", w.Hours.Note, w.Hours.InternalNote)
	}
	_, body = em.get("/timer?uge=2027-W08")
	wantContains(t, body, "Kom til tiden")
	wantLacks(t, body, "Indlagt", "internal_note")
	resp, body = em.get("/placeringer/" + itoa(p.pSara.ID) + "/uger/2027-W10")
	wantStatus(t, resp, body, http.StatusNotFound)
	resp, body = em.post("/placeringer/"+itoa(p.pSara.ID)+"/uger/2027-W10", url.Values{"worked": {"5"}})
	wantStatus(t, resp, body, http.StatusNotFound)
}
