package matching

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"placering/models"
)

func eval(c Citizen, o Opening) Evaluation { return Evaluate(c, o, DefaultWeights(), testParams()) }

func factor(t *testing.T, ev Evaluation, name string) Factor {
	t.Helper()
	for _, f := range ev.Factors {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no factor %q in %+v", name, ev.Factors)
	return Factor{}
}

func TestFactorsSumToScore(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	w, p := DefaultWeights(), testParams()
	for i := 0; i < 20000; i++ {
		c := randCitizen(r, int64(i+1), northZealand, 20)
		o := randOpening(r, int64(i+1), northZealand, 1+r.IntN(3))
		if r.IntN(20) == 0 {
			c.Lat, c.Lon = 0, 0
		}
		if r.IntN(5) == 0 && len(c.History) > 0 {
			c.History[0].CompanyID, c.History[0].BrokeDown = o.CompanyID, true
		}
		ev := Evaluate(c, o, w, p)
		if len(ev.Factors) != nFactors {
			t.Fatalf("%d factors, want %d", len(ev.Factors), nFactors)
		}
		sum := 0.0
		for _, f := range ev.Factors {
			sum += f.Contribution
			if f.Reason == "" {
				t.Fatalf("factor %s has no reason", f.Name)
			}
		}
		if math.Abs(sum-ev.Score) > 1e-9 {
			t.Fatalf("factors sum to %v, score is %v: %+v", sum, ev.Score, ev.Factors)
		}
		if ev.Score < 0 || ev.Score > 100 {
			t.Fatalf("score %v outside 0..100", ev.Score)
		}
		if math.Abs(ev.Score*100-math.Round(ev.Score*100)) > 1e-6 {
			t.Fatalf("score %v is not in hundredths", ev.Score)
		}
	}
}

func TestGoalBranchMatchScoresHigher(t *testing.T) {
	o := baseOpening()
	match := baseCitizen()
	other := baseCitizen()
	other.GoalBranch, other.GoalTitle = "pleje_omsorg_frisoer", "Social- og sundhedshjælper"
	branchOnly := baseCitizen()
	branchOnly.GoalTitle = "Chauffør"
	em, eo, eb := eval(match, o), eval(other, o), eval(branchOnly, o)
	if !(em.Score > eb.Score && eb.Score > eo.Score) {
		t.Fatalf("want branch+title %v > branch %v > neither %v", em.Score, eb.Score, eo.Score)
	}
	if got := factor(t, em, FactorGoal); got.Contribution != 30 ||
		got.Reason != "Matcher jobmålet: Lagermedarbejder (samme branche, og titlen ligner)" {
		t.Fatalf("goal factor %+v", got)
	}
	if got := factor(t, eb, FactorGoal); got.Contribution != 18 || !strings.Contains(got.Reason, "(samme branche)") {
		t.Fatalf("goal factor %+v", got)
	}
	if got := factor(t, eo, FactorGoal); got.Contribution != 0 || !strings.HasPrefix(got.Reason, "Uden for jobmålet") {
		t.Fatalf("goal factor %+v", got)
	}
	// The title alone counts, in another branch.
	titleOnly := baseCitizen()
	titleOnly.GoalBranch = "industri_produktion"
	if got := factor(t, eval(titleOnly, o), FactorGoal); got.Contribution != 12 || !strings.HasPrefix(got.Reason, "Titlen ligner") {
		t.Fatalf("goal factor %+v", got)
	}
}

func TestRoomToGrowBeatsCapped(t *testing.T) {
	c := baseCitizen() // can do 15 hours
	grow, capped := baseOpening(), baseOpening()
	grow.HoursMin, grow.HoursMax = 15, 25
	capped.HoursMin, capped.HoursMax = 15, 15
	eg, ec := eval(c, grow), eval(c, capped)
	if eg.Score <= ec.Score {
		t.Fatalf("room to grow %v should beat capped %v", eg.Score, ec.Score)
	}
	if r := factor(t, ec, FactorHours).Reason; !strings.Contains(r, "ingen plads til at gå op") {
		t.Fatalf("capped reason %q", r)
	}
	// A small step up still scores, below a fit.
	step := baseOpening()
	step.HoursMin, step.HoursMax = 18, 25
	if es := eval(c, step); !(es.Score < eg.Score && es.Score > 0) {
		t.Fatalf("step up %v should be below fit %v", es.Score, eg.Score)
	} else if r := factor(t, es, FactorHours).Reason; r != "Kræver 3 t/uge mere end nu (18 mod 15 t), med plads til at gå op i timer" {
		t.Fatalf("step reason %q", r)
	}
}

func TestBrokenDownCompanyPenalised(t *testing.T) {
	o := baseOpening()
	clean := baseCitizen()
	broke := baseCitizen()
	broke.History = []PastPlacement{{CompanyID: o.CompanyID, Branch: "butik_detail", BrokeDown: true, Ended: testToday.AddDays(-100)}}
	elsewhere := baseCitizen()
	elsewhere.History = []PastPlacement{{CompanyID: o.CompanyID + 1, Branch: "butik_detail", BrokeDown: true}}
	ec, eb, ee := eval(clean, o), eval(broke, o), eval(elsewhere, o)
	if eb.Score >= ec.Score-20 {
		t.Fatalf("breakdown at the company: %v, clean %v; want a large penalty", eb.Score, ec.Score)
	}
	if h := factor(t, eb, FactorHistory); h.Contribution != -25 || !strings.Contains(h.Reason, "brød sammen (2026-08-15)") {
		t.Fatalf("history factor %+v", h)
	}
	if ee.Score != ec.Score {
		t.Fatalf("a breakdown at another company changed the score: %v vs %v", ee.Score, ec.Score)
	}
	// Rising hours in the branch are a bonus.
	rising := baseCitizen()
	rising.History = []PastPlacement{{CompanyID: 999, Branch: o.Branch, HoursRising: true}}
	if er := eval(rising, o); er.Score != ec.Score+5 {
		t.Fatalf("rising hours: %v, want %v", er.Score, ec.Score+5)
	}
	// The penalty never takes a score below zero.
	weak := broke
	weak.GoalBranch, weak.GoalTitle = "", ""
	weakO := o
	weakO.Lat, weakO.Lon = 0, 0
	weakO.StartDate = testToday.AddDays(200)
	if ew := eval(weak, weakO); ew.Score != 0 {
		t.Fatalf("score %v, want 0 (penalty capped)", ew.Score)
	}
}

func TestMentorVirksomhedscenterStartDistance(t *testing.T) {
	g3 := baseCitizen()
	g3.TargetGroup = models.Gruppe3
	with, without := baseOpening(), baseOpening()
	with.MentorAvailable = true
	if a, b := eval(g3, with), eval(g3, without); a.Score-b.Score != 10 {
		t.Fatalf("mentor for group 3: %v vs %v, want 10 apart", a.Score, b.Score)
	}
	g1 := baseCitizen()
	if a, b := eval(g1, with), eval(g1, without); a.Score-b.Score != 5 {
		t.Fatalf("mentor for group 1: %v vs %v, want 5 apart", a.Score, b.Score)
	}
	// Refugees need a mentor in their first year only.
	early, late := baseCitizen(), baseCitizen()
	early.TargetGroup, early.ArrivalDate = models.Flygtning, testToday.AddDays(-100)
	late.TargetGroup, late.ArrivalDate = models.Flygtning, testToday.AddDays(-800)
	if a, b := eval(early, without), eval(late, without); factor(t, a, FactorMentor).Contribution != 0 || factor(t, b, FactorMentor).Contribution != 5 {
		t.Fatalf("refugee mentor need: early %+v late %+v", a.Factors[fMentor], b.Factors[fMentor])
	}

	g2 := baseCitizen()
	g2.TargetGroup = models.Gruppe2
	vc := baseOpening()
	vc.VirksomhedscenterTargetGroups = []models.TargetGroup{models.Gruppe2, models.Gruppe3}
	if a, b := eval(g2, vc), eval(g2, baseOpening()); a.Score-b.Score != 10 {
		t.Fatalf("virksomhedscenter for group 2: %v vs %v", a.Score, b.Score)
	}
	if f := factor(t, eval(g1, vc), FactorVirksomhedscenter); f.Contribution != 0 || f.Reason != "Virksomhedscenter-aftalen omfatter ikke gruppe 1" {
		t.Fatalf("virksomhedscenter for group 1: %+v", f)
	}

	soon, later, running := baseOpening(), baseOpening(), baseOpening()
	soon.StartDate = testToday.AddDays(5)
	later.StartDate = testToday.AddDays(60)
	running.StartDate = testToday.AddDays(-20)
	es, el, er := eval(g1, soon), eval(g1, later), eval(g1, running)
	if !(es.Score > er.Score && er.Score > el.Score) {
		t.Fatalf("start: soon %v > running %v > later %v expected", es.Score, er.Score, el.Score)
	}
	if f := factor(t, es, FactorStart); f.Reason != "Starter om 5 dage (2026-11-28)" {
		t.Fatalf("start reason %q", f.Reason)
	}

	near, far := baseOpening(), baseOpening()
	far.Lat, far.Lon = 55.95, 12.45
	en, ef := eval(g1, near), eval(g1, far)
	if en.Score <= ef.Score {
		t.Fatalf("nearer %v should beat farther %v", en.Score, ef.Score)
	}
	if f := factor(t, en, FactorDistance); f.Reason != "3,3 km fra hjemmet (grænse 20 km)" {
		t.Fatalf("distance reason %q", f.Reason)
	}
}

func TestLoadSpreading(t *testing.T) {
	c := baseCitizen()
	fresh, busy := baseOpening(), baseOpening()
	fresh.ID, busy.ID = 2, 1
	busy.RecentProposals = 8
	ef, eb := eval(c, fresh), eval(c, busy)
	if d := ef.Score - eb.Score; d != 2 {
		t.Fatalf("load penalty %v, want the cap 2", d)
	}
	got := TopN(c, []Opening{busy, fresh}, DefaultWeights(), testParams(), 2)
	if got[0].OpeningID != fresh.ID {
		t.Fatalf("fresh opening should rank first among near-equals: %+v", got)
	}
	// A clearly better opening keeps its place despite its load.
	better := busy
	better.MentorAvailable = true // +5 for group 1
	got = TopN(c, []Opening{fresh, better}, DefaultWeights(), testParams(), 2)
	if got[0].OpeningID != better.ID {
		t.Fatalf("a clearly better but busy opening should still win: %+v", got)
	}
	// Equal scores: fewer recent proposals first, then lower ID.
	w := DefaultWeights()
	w.LoadPenaltyPerProposal = 0
	a, b := baseOpening(), baseOpening()
	a.ID, b.ID = 1, 2
	a.RecentProposals, b.RecentProposals = 3, 1
	got = TopN(c, []Opening{a, b}, w, testParams(), 2)
	if got[0].OpeningID != 2 || got[0].Score != got[1].Score {
		t.Fatalf("tie-break by recent proposals failed: %+v", got)
	}
}

func TestWeightsValidate(t *testing.T) {
	if err := DefaultWeights().Validate(); err != nil {
		t.Fatal(err)
	}
	if s := DefaultWeights().sum(); s != 100 {
		t.Fatalf("defaults sum to %v", s)
	}
	w := DefaultWeights()
	w.Goal = 40
	if err := w.Validate(); err == nil || !strings.Contains(err.Error(), "100") {
		t.Fatalf("sum 110 accepted: %v", err)
	}
	w = DefaultWeights()
	w.Distance, w.Goal = -5, 55
	if err := w.Validate(); err == nil {
		t.Fatal("negative weight accepted")
	}
	w = DefaultWeights()
	w.LoadPenaltyMax = 20
	if err := w.Validate(); err == nil {
		t.Fatal("load penalty 20 accepted")
	}
}

// The top-N searches skip pairs by upperBound, so it must never be below
// the real score, whatever the weights.
func TestUpperBoundHolds(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	p := testParams()
	cp := compile(p)
	tight := 0
	for i := 0; i < 50000; i++ {
		var w Weights
		parts := make([]float64, 7)
		sum := 0.0
		for k := range parts {
			parts[k] = r.Float64()
			sum += parts[k]
		}
		for k := range parts {
			parts[k] *= 100 / sum
		}
		w.Goal, w.Distance, w.Hours, w.Mentor, w.Virksomhedscenter, w.Start, w.History =
			parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]
		w.BreakdownPenalty, w.LoadPenaltyPerProposal, w.LoadPenaltyMax = r.Float64()*30, r.Float64(), r.Float64()*5
		if i%3 == 0 {
			w = DefaultWeights()
		}
		g := northZealand
		if i%5 == 0 {
			g = denmark // far pairs too, for the latitude-only floor
		}
		c := randCitizen(r, int64(i+1), g, 20+float64(i%3)*100)
		o := randOpening(r, int64(i+1), g, 1)
		if i%4 == 0 {
			o.Branch = c.GoalBranch
			o.Title = c.GoalTitle
		}
		var q citizenQ
		q.reset(&c, cp)
		m := makeMeta(&o)
		pr := pair{q: &q, o: &o, m: &m, cp: cp}
		s, _ := pr.score(&w, math.Inf(-1))
		ub := pr.upperBound(&w)
		if ub < s.total {
			t.Fatalf("upper bound %v below score %v (weights %+v)", ub, s.total, w)
		}
		if d, ok := pr.distance(); ok && pr.distanceFloor() > d {
			t.Fatalf("distance floor %v above distance %v", pr.distanceFloor(), d)
		}
		if ub-s.total < 1 {
			tight++
		}
	}
	// A bound of 100 everywhere would be safe and useless.
	if tight < 5000 {
		t.Fatalf("bound within 1 point of the score in only %d of 50000 pairs", tight)
	}
}

// The zero RuleParams is not meant for use, but must not produce NaN.
func TestZeroParamsNoNaN(t *testing.T) {
	c, o := baseCitizen(), baseOpening()
	c.MaxCommuteKm = 0
	o.Lat, o.Lon = c.Lat, c.Lon // 0 km over a 0 km limit
	ev := Evaluate(c, o, DefaultWeights(), RuleParams{AsOf: testToday})
	if math.IsNaN(ev.Score) || ev.Eligible {
		t.Fatalf("zero params: %+v", ev)
	}
}
