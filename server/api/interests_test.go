package api_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"placering/models"
	"placering/server/app"
)

// An employer's interest in candidates, the contact quota and the pause
// for enough referrals, through the API as the employer (and as an
// attacker with another company's account).

// interestKeys are the only fields an employer's interest carries.
var interestKeys = []string{"candidate_ref", "created_at", "id", "message", "state"}

func (e *env) interest(who string, opening int64, ref, message string) response {
	e.t.Helper()
	body := fmt.Sprintf(`{"candidate_ref":%q}`, ref)
	if message != "" {
		body = fmt.Sprintf(`{"candidate_ref":%q,"message":%q}`, ref, message)
	}
	return e.do(who, "POST", fmt.Sprintf("/api/v1/openings/%d/interest", opening), body)
}

// praktikCitizen makes a located citizen of jobcentre A who consented to
// be shown for virksomhedspraktik.
func (e *env) praktikCitizen(n int, name string) int64 {
	e.t.Helper()
	return e.mkCitizen("consA", fmt.Sprintf(`{"cpr":%q,"name":%q,"target_group":"gruppe1","goal_branch":"transport_lager_logistik",
		"goal_title":"Lagermedarbejder","danish_level":"flydende","lat":56.03,"lon":12.60,"max_commute_km":30,"hours_capacity":25,
		"consent_kinds":["virksomhedspraktik"]}`, cpr(n, 91), name))
}

// otherEmployer is an employer user of another company of jobcentre A.
func (e *env) otherEmployer() {
	e.t.Helper()
	ctx := context.Background()
	other := models.Company{JobcentreID: e.jcA.ID, CompanyFields: models.CompanyFields{CVR: "24256790", Name: "Andet Firma", Branch: "butik_detail"}}
	must(e.t, e.store.CreateCompany(ctx, &other))
	a := app.New(app.Deps{Store: e.store, Vault: oracle(e.t)})
	if _, err := a.CreateUser(ctx, nil, app.UserInput{Email: "chef@andetfirma.dk", Name: "Anden chef", Password: "hemmelig-kode-123",
		Role: models.RoleEmployer, CompanyID: &other.ID}); err != nil {
		e.t.Fatal(err)
	}
	r := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"chef@andetfirma.dk","password":"hemmelig-kode-123"}`)
	if r.status != 201 {
		e.t.Fatalf("token: %d %s", r.status, r.body)
	}
	e.tokens["employer2"] = r.json["token"].(string)
}

func TestEmployerShowsInterest(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		lone := e.praktikCitizen(1, "Lone Kandidat")
		// Consented, but without a home: the commute rule cannot be
		// checked, so no employer sees them (no "ukendt" band).
		homeless := e.mkCitizen("consA", `{"cpr":"0202911234","name":"Uden Bopæl","target_group":"gruppe1","goal_branch":"transport_lager_logistik",
			"danish_level":"flydende","max_commute_km":30,"hours_capacity":25,"consent_kinds":["virksomhedspraktik"]}`)
		o1 := e.mkOpening("virksomhedspraktik", "Lagermedarbejder", 10, 25, 2, "")
		o2 := e.mkOpening("virksomhedspraktik", "Pakkeassistent", 10, 25, 2, "")
		v := oracle(t)
		list := employerList(t, e, o1)
		if len(list) != 1 || list[0]["candidate_ref"] != v.CandidateRef(o1, lone) || refOf(list, v.CandidateRef(o1, homeless)) != nil {
			t.Fatalf("the list must hold the located citizen only: %v", list)
		}
		ref := list[0]["candidate_ref"].(string)

		r := e.interest("employer", o1, ref, "Vi vil gerne møde kandidaten til en snak.")
		if r.status != 201 || !slices.Equal(keysOf(r.json), interestKeys) || r.json["state"] != "interesse_sendt" ||
			r.json["candidate_ref"] != ref || r.json["message"] != "Vi vil gerne møde kandidaten til en snak." {
			t.Fatalf("interest: %d %s", r.status, r.body)
		}
		id := num(r.json["id"])
		// Again: the same interest, not a second one.
		if again := e.interest("employer", o1, ref, ""); again.status != 201 || num(again.json["id"]) != id {
			t.Fatalf("second interest must return the first: %d %s", again.status, again.body)
		}

		// The consultants' board has the match, marked as the employer's.
		b := e.do("consA", "GET", fmt.Sprintf("/api/v1/matches?opening_id=%d", o1), "")
		m := itemFor(b.items(), "id", id)
		if b.status != 200 || len(b.items()) != 1 || m == nil || num(m["citizen_id"]) != lone || m["state"] != "foreslaaet" ||
			m["source"] != "arbejdsgiver" || m["interest_message"] != "Vi vil gerne møde kandidaten til en snak." || m["interest_at"] == nil {
			t.Fatalf("board: %d %s", b.status, b.body)
		}
		// The consultants were told, without the citizen.
		cons, _, err := e.store.Notifications(ctx, e.userID("kons.a@test.dk"), false, 100)
		must(t, err)
		if len(cons) != 1 || cons[0].Kind != models.NotifyInterest || !strings.Contains(cons[0].Text, "Kronborg Lager ApS") ||
			!strings.Contains(cons[0].Text, "Lagermedarbejder") || strings.Contains(cons[0].Text, "Lone") {
			t.Fatalf("consultant's notifications: %+v", cons)
		}
		if other, _, _ := e.store.Notifications(ctx, e.userID("kons.b@test.dk"), false, 100); len(other) != 0 {
			t.Fatalf("another jobcentre's consultant was told: %+v", other)
		}

		// The candidate list shows where the interest stands.
		if l := employerList(t, e, o1); l[0]["interest_state"] != "interesse_sendt" {
			t.Fatalf("candidate list lacks the interest state: %v", l)
		}

		// Forged references, and a reference of another opening, name nobody.
		for _, bad := range []string{"kaaaaaaaaaaaaaaaaaaaaaaaaaa", v.CandidateRef(o2, lone), v.CandidateRef(o1, homeless), fmt.Sprint(lone)} {
			if r := e.interest("employer", o1, bad, ""); r.status != 404 || !strings.Contains(r.body, "Kandidaten findes ikke") {
				t.Fatalf("reference %q: %d %s", bad, r.status, r.body)
			}
		}
		if r := e.interest("employer", o2, ref, ""); r.status != 404 {
			t.Fatalf("o1's reference on o2: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "POST", fmt.Sprintf("/api/v1/openings/%d/interest", o1), `{}`); r.status != 422 || !r.hasField("candidate_ref") {
			t.Fatalf("no reference: %d %s", r.status, r.body)
		}

		// Another company's employer, and the staff, cannot.
		e.otherEmployer()
		if r := e.interest("employer2", o1, ref, ""); r.status != 404 {
			t.Fatalf("another company's employer shows interest: %d %s", r.status, r.body)
		}
		if r := e.do("employer2", "GET", fmt.Sprintf("/api/v1/openings/%d/interests", o1), ""); r.status != 404 {
			t.Fatalf("another company's employer reads interests: %d %s", r.status, r.body)
		}
		for _, who := range []string{"consA", "admin", "event"} {
			if r := e.interest(who, o1, ref, ""); r.status != 403 {
				t.Fatalf("%s shows interest: %d %s", who, r.status, r.body)
			}
		}

		// The employer follows the state; a rejection is "afsluttet" and
		// its reason stays with the jobcentre.
		if r := e.move("consA", id, `{"state":"kontaktet"}`); r.status != 200 {
			t.Fatalf("contacted: %d %s", r.status, r.body)
		}
		in := e.do("employer", "GET", fmt.Sprintf("/api/v1/openings/%d/interests", o1), "")
		if in.status != 200 || len(in.list()) != 1 || in.list()[0]["state"] != "kontaktet" {
			t.Fatalf("interests: %d %s", in.status, in.body)
		}
		if r := e.move("consA", id, `{"state":"afvist","reason":"borger_helbred","note":"Lone har ondt i ryggen"}`); r.status != 200 {
			t.Fatalf("reject: %d %s", r.status, r.body)
		}
		in = e.do("employer", "GET", fmt.Sprintf("/api/v1/openings/%d/interests", o1), "")
		got := in.list()
		if in.status != 200 || len(got) != 1 || got[0]["state"] != "afsluttet" || !slices.Equal(keysOf(got[0]), interestKeys) {
			t.Fatalf("interests after rejection: %d %s", in.status, in.body)
		}
		for _, leak := range []string{"borger_helbred", "rejection_reason", "ryggen", "Lone", "citizen"} {
			if strings.Contains(in.body, leak) {
				t.Fatalf("the employer's view leaks %q: %s", leak, in.body)
			}
		}
		if l := employerList(t, e, o1); l[0]["interest_state"] != "afsluttet" {
			t.Fatalf("candidate list after rejection: %v", l)
		}
	})
}

// list is the body as a JSON array of objects.
func (r response) list() []map[string]any {
	var out []map[string]any
	_ = jsonUnmarshal(r.body, &out)
	return out
}

func TestContactQuota(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		if r := e.do("admin", "PUT", "/api/v1/contact-quota/settings", fmt.Sprintf(`{"jobcentre_id":%d,"interests_per_company_month":2}`, e.jcA.ID)); r.status != 200 {
			t.Fatalf("quota: %d %s", r.status, r.body)
		}
		for i := range 6 {
			e.praktikCitizen(10+i, fmt.Sprintf("Kandidat %d", i))
		}
		o := e.mkOpening("virksomhedspraktik", "Lagermedarbejder", 10, 25, 3, "")
		list := employerList(t, e, o)
		if len(list) != 6 {
			t.Fatalf("six candidates: %v", list)
		}
		// Five at once: at most two get through, whatever the timing.
		var (
			wg    sync.WaitGroup
			mu    sync.Mutex
			codes []int
		)
		for i := range 5 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := e.interest("employer", o, list[i]["candidate_ref"].(string), "")
				mu.Lock()
				codes = append(codes, r.status)
				mu.Unlock()
			}()
		}
		wg.Wait()
		slices.Sort(codes)
		if !slices.Equal(codes, []int{201, 201, 429, 429, 429}) {
			t.Fatalf("five concurrent interests with a quota of 2: %v", codes)
		}
		in := e.do("employer", "GET", fmt.Sprintf("/api/v1/openings/%d/interests", o), "")
		if len(in.list()) != 2 {
			t.Fatalf("two interests stored: %s", in.body)
		}
		// The next one is refused in Danish, saying when it resets.
		now := time.Now().In(copenhagen(t))
		next := now.AddDate(0, 1, 1-now.Day())
		months := []string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}
		want := fmt.Sprintf("Virksomheden har brugt sine 2 henvendelser i %s. Der kan vises interesse igen fra 1. %s %d.",
			months[now.Month()-1], months[next.Month()-1], next.Year())
		r := e.interest("employer", o, list[5]["candidate_ref"].(string), "")
		if r.status != 429 || r.json["code"] != "too_many_requests" || !strings.Contains(r.body, want) {
			t.Fatalf("over the quota: %d %s (want %q)", r.status, r.body, want)
		}
		// An interest shown before is no new one: it answers as before.
		first := in.list()[0]["candidate_ref"].(string)
		if r := e.interest("employer", o, first, ""); r.status != 201 {
			t.Fatalf("repeating a shown interest at the quota: %d %s", r.status, r.body)
		}
		// A month later the quota is fresh.
		e.shift.Store(int64(32 * 24 * time.Hour))
		tok := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"chef@kronborglager.dk","password":"hemmelig-kode-123"}`)
		e.tokens["employer"] = tok.json["token"].(string)
		if r := e.interest("employer", o, list[5]["candidate_ref"].(string), ""); r.status != 201 {
			t.Fatalf("next month: %d %s", r.status, r.body)
		}
	})
}

func copenhagen(t *testing.T) *time.Location {
	l, err := time.LoadLocation("Europe/Copenhagen")
	must(t, err)
	return l
}

func TestEnoughReferralsPausesOpening(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		lone := e.praktikCitizen(20, "Lone Kandidat")
		bo := e.praktikCitizen(21, "Bo Kandidat")
		if r := e.do("employer", "POST", "/api/v1/openings", `{"kind":"ordinaere_timer","title":"Truckfører","hours_min":5,"hours_max":15,"seats":1,"max_referrals":0}`); r.status != 422 || !r.hasField("max_referrals") {
			t.Fatalf("max_referrals 0: %d %s", r.status, r.body)
		}
		o := e.mkOpening("virksomhedspraktik", "Lagermedarbejder", 10, 25, 2, `,"max_referrals":1`)
		if r := e.do("employer", "GET", fmt.Sprintf("/api/v1/openings/%d", o), ""); num(r.json["max_referrals"]) != 1 || r.json["status"] != "open" {
			t.Fatalf("opening: %s", r.body)
		}
		v := oracle(t)
		r := e.interest("employer", o, v.CandidateRef(o, lone), "")
		if r.status != 201 {
			t.Fatalf("interest: %d %s", r.status, r.body)
		}
		m := e.do("consA", "POST", "/api/v1/matches", fmt.Sprintf(`{"citizen_id":%d,"opening_id":%d}`, bo, o))
		if m.status != 201 || m.json["source"] != "jobcenter" {
			t.Fatalf("consultant's own match: %d %s", m.status, m.body)
		}
		// The first match to reach kontaktet is enough.
		if r := e.move("consA", num(r.json["id"]), `{"state":"kontaktet"}`); r.status != 200 {
			t.Fatalf("contacted: %d %s", r.status, r.body)
		}
		g := e.do("employer", "GET", fmt.Sprintf("/api/v1/openings/%d", o), "")
		if g.json["status"] != "pauset" {
			t.Fatalf("opening after one referral: %s", g.body)
		}
		emp, _, err := e.store.Notifications(ctx, e.userID("chef@kronborglager.dk"), false, 100)
		must(t, err)
		if len(emp) != 1 || emp[0].Kind != models.NotifyOpeningPaused || emp[0].TextEN == "" || strings.Contains(emp[0].Text, "Lone") {
			t.Fatalf("employer's notifications: %+v", emp)
		}
		cons, _, _ := e.store.Notifications(ctx, e.userID("kons.a@test.dk"), false, 100)
		if !slices.ContainsFunc(cons, func(n models.Notification) bool { return n.Kind == models.NotifyOpeningPaused }) {
			t.Fatalf("consultant not told of the pause: %+v", cons)
		}
		// Paused: out of matching and of the open openings in search, and
		// no new interest.
		if r := e.do("consA", "GET", fmt.Sprintf("/api/v1/citizens/%d/matches?limit=50", bo), ""); itemFor(r.items(), "opening_id", o) != nil {
			t.Fatalf("a paused opening is still proposed: %s", r.body)
		}
		e.drain()
		if r := e.do("consA", "GET", "/api/v1/search/openings?status=open&q=Lagermedarbejder", ""); strings.Contains(r.body, fmt.Sprintf(`"id":%d,`, o)) {
			t.Fatalf("a paused opening is found among the open: %s", r.body)
		}
		if r := e.interest("employer", o, v.CandidateRef(o, bo), ""); r.status != 409 || !strings.Contains(r.body, "pause") {
			t.Fatalf("interest on a paused opening: %d %s", r.status, r.body)
		}
		// Another company's employer cannot reopen it; the employer can.
		e.otherEmployer()
		if r := e.do("employer2", "POST", fmt.Sprintf("/api/v1/openings/%d/reopen", o), ""); r.status != 404 {
			t.Fatalf("another company reopens: %d %s", r.status, r.body)
		}
		if r := e.do("consB", "POST", fmt.Sprintf("/api/v1/openings/%d/reopen", o), ""); r.status != 403 {
			t.Fatalf("another jobcentre reopens: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "POST", fmt.Sprintf("/api/v1/openings/%d/reopen", o), ""); r.status != 200 || r.json["status"] != "open" {
			t.Fatalf("reopen: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "POST", fmt.Sprintf("/api/v1/openings/%d/reopen", o), ""); r.status != 409 {
			t.Fatalf("reopen an open opening: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "GET", fmt.Sprintf("/api/v1/citizens/%d/matches?limit=50", bo), ""); itemFor(r.items(), "opening_id", o) == nil {
			t.Fatalf("a reopened opening is not proposed: %s", r.body)
		}
		// Raising the limit keeps it open when the next match is contacted.
		if r := e.do("employer", "PATCH", fmt.Sprintf("/api/v1/openings/%d", o), `{"max_referrals":3}`); r.status != 200 || num(r.json["max_referrals"]) != 3 {
			t.Fatalf("raise max_referrals: %d %s", r.status, r.body)
		}
		if r := e.move("consA", num(m.json["id"]), `{"state":"samtale"}`); r.status != 200 {
			t.Fatalf("interview: %d %s", r.status, r.body)
		}
		if g := e.do("consA", "GET", fmt.Sprintf("/api/v1/openings/%d", o), ""); g.json["status"] != "open" {
			t.Fatalf("two referrals of three pause it: %s", g.body)
		}
	})
}
