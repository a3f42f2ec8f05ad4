package matching

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"placering/models"
)

// Factor indexes, in the order factors are listed.
const (
	fGoal = iota
	fDistance
	fHours
	fMentor
	fVC
	fStart
	fHistory
	fLoad
	nFactors
)

// Factor names are stable codes for API clients and the UI.
const (
	FactorGoal              = "jobmaal"
	FactorDistance          = "afstand"
	FactorHours             = "timer"
	FactorMentor            = "mentor"
	FactorVirksomhedscenter = "virksomhedscenter"
	FactorStart             = "opstart"
	FactorHistory           = "historik"
	FactorLoad              = "belastning"
)

func factorName(i int) string {
	return [nFactors]string{FactorGoal, FactorDistance, FactorHours, FactorMentor,
		FactorVirksomhedscenter, FactorStart, FactorHistory, FactorLoad}[i]
}

// Shape of the factors. They are constants, not weights, because they
// say what a factor measures; the weights say how much it matters.
const (
	// The goal factor: same branch gives 60 %, title word overlap 40 %.
	goalBranchShare = 0.6
	goalTitleShare  = 0.4
	// The hours factor: fitting now gives 60 %, room to grow 40 %. Room to
	// grow is full when the opening's maximum is growthHours above what the
	// citizen can do now, so a capped opening loses to one that lets the
	// citizen progress (DOMAIN.md §5).
	hoursFitShare    = 0.6
	hoursGrowthShare = 0.4
	growthHours      = 5
	// The start factor: full within soonDays, falling to lateValue at
	// lateDays; a running course that still has a seat gets runningValue,
	// since joining late is fine but a little behind a fresh start.
	soonDays     = 14
	lateDays     = 90
	lateValue    = 0.2
	runningValue = 0.8
	// A citizen who does not need a mentor still gains a little from one
	// (group 1 gets "mentor during the placement", DOMAIN.md §3.1).
	mentorNotNeededWithout = 0.5
)

// scoreVals is a computed score: the factor contributions (rounded to
// hundredths, so they sum exactly to the score as shown) and what the
// reasons need to know.
type scoreVals struct {
	v           [nFactors]float64
	total       float64
	branchMatch bool
	titleShare  float64
	rising      bool
	brokeDown   models.Date
	broke       bool
}

func r2(x float64) float64 { return math.Round(x*100) / 100 }

// points is the score in hundredths, the integer the assignment uses so
// that its optimum is exact.
func (s *scoreVals) points() int32 { return int32(math.Round(s.total * 100)) }

// score computes the pair's score. When the score certainly stays below
// floor (an upper bound is checked before the costly title comparison) it
// returns false early and the caller skips the pair; pass math.Inf(-1) to
// always score. A true result may still be below floor.
func (pr *pair) score(w *Weights, floor float64) (s scoreVals, ok bool) {
	c, o, m := pr.q.c, pr.o, pr.m

	// Distance.
	// maxKm > 0 unless RuleParams is the zero value; guard against 0/0.
	if d, known := pr.distance(); known && pr.q.maxKm > 0 {
		s.v[fDistance] = r2(w.Distance * clamp01(1-d/pr.q.maxKm))
	}

	// Hours.
	s.v[fHours] = r2(w.Hours * hoursValue(c.HoursCapacity, m.hoursMin, m.hoursMax, pr.cp.p.StepUpHours))

	// Mentor.
	mentor := 1.0
	if m.flags&flagMentor == 0 {
		mentor = mentorNotNeededWithout
		if pr.q.farFromJob {
			mentor = 0
		}
	}
	s.v[fMentor] = r2(w.Mentor * mentor)

	// Virksomhedscenter.
	if m.vcMask&pr.q.gbit != 0 {
		s.v[fVC] = w.Virksomhedscenter
	}

	// Start date.
	s.v[fStart] = r2(w.Start * startValue(m.startDay, pr.cp.asOfDay))

	// History: a bonus for a branch where hours rose, a penalty (below) for
	// a company where a placement broke down.
	for i := range c.History {
		h := &c.History[i]
		if h.BrokeDown && h.CompanyID == o.CompanyID && o.CompanyID != 0 {
			if !s.broke || s.brokeDown.Before(h.Ended) {
				s.brokeDown = h.Ended
			}
			s.broke = true
		}
		if h.HoursRising && h.Branch == o.Branch && o.Branch != "" {
			s.rising = true
		}
	}
	bonus := 0.0
	if s.rising {
		bonus = w.History
	}

	// Goal branch first; the title comparison is the costliest step, so
	// check whether the pair can still reach floor before doing it.
	s.branchMatch = c.GoalBranch != "" && c.GoalBranch == o.Branch
	if s.branchMatch {
		s.v[fGoal] = r2(w.Goal * goalBranchShare)
	}
	pos := s.v[fGoal] + s.v[fDistance] + s.v[fHours] + s.v[fMentor] + s.v[fVC] + s.v[fStart] + bonus
	if c.GoalTitle != "" {
		if pos+r2(w.Goal*goalTitleShare) < floor-1e-6 {
			return s, false
		}
		s.titleShare = pr.q.goalWords().overlap(o.Title)
		t := r2(w.Goal * goalTitleShare * s.titleShare)
		s.v[fGoal] = r2(s.v[fGoal] + t)
		pos += t
	} else if pos < floor-1e-6 {
		return s, false
	}

	// Penalties never take the score below zero, so the factors always sum
	// to the score shown.
	pen := 0.0
	if s.broke {
		pen = min(w.BreakdownPenalty, pos)
	}
	s.v[fHistory] = r2(bonus - pen)
	load := min(w.LoadPenaltyPerProposal*float64(m.recent), w.LoadPenaltyMax)
	load = r2(min(load, pos-pen))
	if load > 0 {
		s.v[fLoad] = -load
	}
	sum := 0.0
	for _, v := range s.v {
		sum += v
	}
	s.total = r2(sum)
	return s, true
}

// boundSlack covers the rounding of each contribution to hundredths.
const boundSlack = 0.05

// upperBound is a cheap ceiling on the pair's score, from the fields at
// hand: no rules, no haversine, no title words. A top-N search skips a pair
// whose ceiling is below the worst score it keeps, which in a dense city
// skips most pairs before any real work (most openings are in another
// branch than the citizen's goal, which alone costs 18 of 100 points).
func (pr *pair) upperBound(w *Weights) float64 {
	c, m := pr.q.c, pr.m
	ub := boundSlack
	if pr.q.located && m.flags&flagLocated != 0 && pr.q.maxKm > 0 {
		ub += w.Distance * clamp01(1-pr.distanceFloor()/pr.q.maxKm)
	}
	if c.GoalBranch != "" && c.GoalBranch == pr.o.Branch {
		ub += w.Goal * goalBranchShare
	}
	if pr.q.hasTitle {
		ub += w.Goal * goalTitleShare
	}
	ub += w.Hours * hoursValue(c.HoursCapacity, m.hoursMin, m.hoursMax, pr.cp.p.StepUpHours)
	switch {
	case m.flags&flagMentor != 0:
		ub += w.Mentor
	case !pr.q.farFromJob:
		ub += w.Mentor * mentorNotNeededWithout
	}
	if m.vcMask&pr.q.gbit != 0 {
		ub += w.Virksomhedscenter
	}
	ub += w.Start * startValue(m.startDay, pr.cp.asOfDay)
	if pr.q.anyRising {
		ub += w.History
	}
	// The score is max(0, positives − breakdown − load) and positives ≤ ub.
	return max(0, ub-min(w.LoadPenaltyPerProposal*float64(m.recent), w.LoadPenaltyMax))
}

func clamp01(x float64) float64 { return max(0, min(1, x)) }

// hoursValue is the hours factor in 0..1. An unassessed capacity gives the
// middle value: nothing is known either way.
func hoursValue(capH, minH, maxH, step float64) float64 {
	if capH <= 0 {
		return 0.5
	}
	maxH = max(maxH, minH)
	fit := 1.0
	if minH > capH {
		fit = clamp01(1 - 0.5*(minH-capH)/max(step, 1))
	}
	growth := clamp01((maxH - capH) / growthHours)
	return hoursFitShare*fit + hoursGrowthShare*growth
}

// startValue is the start-date factor in 0..1.
func startValue(startDay, today int32) float64 {
	if startDay == noDay {
		return 1 // rolling start
	}
	days := startDay - today
	switch {
	case days < 0:
		return runningValue
	case days <= soonDays:
		return 1
	case days >= lateDays:
		return lateValue
	}
	return 1 - (1-lateValue)*float64(days-soonDays)/float64(lateDays-soonDays)
}

// factors turns a computed score into the factor list with Danish reasons.
// It runs only for the pairs that are shown, so it may allocate.
func (pr *pair) factors(s *scoreVals) []Factor {
	out := make([]Factor, nFactors)
	for i := range out {
		out[i] = Factor{Name: factorName(i), Contribution: s.v[i]}
	}
	out[fGoal].Reason = pr.goalReason(s)
	out[fDistance].Reason = pr.distanceReason()
	out[fHours].Reason = pr.hoursReason()
	out[fMentor].Reason = pr.mentorReason()
	out[fVC].Reason = pr.vcReason()
	out[fStart].Reason = pr.startReason()
	out[fHistory].Reason = historyReason(s)
	out[fLoad].Reason = loadReason(int(pr.m.recent))
	return out
}

func (pr *pair) goalReason(s *scoreVals) string {
	c, o := pr.q.c, pr.o
	if c.GoalBranch == "" && c.GoalTitle == "" {
		return "Intet jobmål registreret"
	}
	goal := c.GoalTitle
	if goal == "" {
		goal = strings.ToLower(models.BranchLabel(c.GoalBranch))
	}
	similar := s.titleShare > 0
	switch {
	case s.branchMatch && similar:
		return fmt.Sprintf("Matcher jobmålet: %s (samme branche, og titlen ligner)", goal)
	case s.branchMatch:
		return fmt.Sprintf("Matcher jobmålet: %s (samme branche)", goal)
	case similar:
		return fmt.Sprintf("Titlen ligner jobmålet: %s (men branchen er %s)", goal, strings.ToLower(models.BranchLabel(o.Branch)))
	}
	return fmt.Sprintf("Uden for jobmålet: %s (branchen er %s)", goal, strings.ToLower(models.BranchLabel(o.Branch)))
}

func (pr *pair) distanceReason() string {
	d, known := pr.distance()
	if !known {
		return "Afstand ukendt (adresse mangler)"
	}
	return fmt.Sprintf("%s km fra hjemmet (grænse %s km)", formatKm(d), formatKm(pr.q.maxKm))
}

func (pr *pair) hoursReason() string {
	capH := pr.q.c.HoursCapacity
	minH, maxH := pr.o.HoursMin, max(pr.o.HoursMax, pr.o.HoursMin)
	span := formatHours(minH)
	if maxH > minH {
		span += "–" + formatHours(maxH)
	}
	if capH <= 0 {
		return fmt.Sprintf("Timekapacitet ikke vurderet; åbningen er %s t/uge", span)
	}
	var sb strings.Builder
	if minH > capH {
		fmt.Fprintf(&sb, "Kræver %s t/uge mere end nu (%s mod %s t)", formatHours(minH-capH), formatHours(minH), formatHours(capH))
	} else {
		fmt.Fprintf(&sb, "%s t/uge passer (kan nu %s t)", span, formatHours(capH))
	}
	if maxH > capH {
		sb.WriteString(", med plads til at gå op i timer")
	} else {
		sb.WriteString(", men ingen plads til at gå op i timer")
	}
	return sb.String()
}

func (pr *pair) mentorReason() string {
	g := shortGroupLabel(pr.q.c.TargetGroup)
	has := pr.m.flags&flagMentor != 0
	switch {
	case has && pr.q.farFromJob:
		return fmt.Sprintf("Mentorstøtte på arbejdspladsen (%s har brug for støtte)", g)
	case pr.q.farFromJob:
		return fmt.Sprintf("Ingen mentor, men borgeren (%s) har brug for støtte", g)
	case has:
		return "Mentor til rådighed"
	}
	return fmt.Sprintf("Ingen mentor (ikke afgørende for %s)", g)
}

func (pr *pair) vcReason() string {
	g := shortGroupLabel(pr.q.c.TargetGroup)
	switch {
	case pr.m.vcMask&pr.q.gbit != 0:
		return fmt.Sprintf("Virksomhedscenter med fast aftale for %s", g)
	case len(pr.o.VirksomhedscenterTargetGroups) > 0:
		return fmt.Sprintf("Virksomhedscenter-aftalen omfatter ikke %s", g)
	}
	return "Ingen virksomhedscenter-aftale"
}

func (pr *pair) startReason() string {
	if pr.m.startDay == noDay {
		return "Løbende opstart"
	}
	days := int(pr.m.startDay - pr.cp.asOfDay)
	date := pr.o.StartDate.String()
	switch {
	case days < 0:
		return fmt.Sprintf("Startede %s, men har stadig ledig plads", date)
	case days == 0:
		return "Starter i dag"
	case days == 1:
		return fmt.Sprintf("Starter i morgen (%s)", date)
	}
	return fmt.Sprintf("Starter om %d dage (%s)", days, date)
}

func historyReason(s *scoreVals) string {
	broke := "et tidligere forløb hos virksomheden brød sammen"
	if !s.brokeDown.IsZero() {
		broke += " (" + s.brokeDown.String() + ")"
	}
	switch {
	case s.rising && s.broke:
		return "Timerne steg i et tidligere forløb i branchen, men " + broke
	case s.rising:
		return "Timerne steg i et tidligere forløb i samme branche"
	case s.broke:
		return strings.ToUpper(broke[:1]) + broke[1:]
	}
	return "Ingen relevant historik"
}

func loadReason(recent int) string {
	switch {
	case recent <= 0:
		return "Ingen nylige forslag til arbejdsgiveren"
	case recent == 1:
		return "1 nyligt forslag til arbejdsgiveren (spreder belastningen)"
	}
	return fmt.Sprintf("%d nylige forslag til arbejdsgiveren (spreder belastningen)", recent)
}

// formatKm writes a distance the Danish way, with one decimal: "7,2",
// but "20" rather than "20,0".
func formatKm(km float64) string {
	s := strconv.FormatFloat(km, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1)
}

// formatHours writes hours without needless decimals: "15", "7,5".
func formatHours(h float64) string {
	return strings.Replace(strconv.FormatFloat(h, 'f', -1, 64), ".", ",", 1)
}
