package progression

import (
	"time"

	"placering/models"
)

// WindowWeeks is how far back metrics and alerts look: the week computed
// as of and the 52 before it, a rolling year, which is also the 225-hour
// rule's period. Older weeks stay in the series but move no number.
const WindowWeeks = 52

// recentWeeks is how old the last reported week may be for signals that
// read the latest hours (stagnation, shortfall, absence, plan reached):
// hours are often entered a week late, and older figures say nothing
// about now.
const recentWeeks = 2

// earlyWeeks: the first weeks under the 225-hour rule raise no alert;
// a pace measured over a few weeks is noise.
const earlyWeeks = 13

// Metrics sum up the series as of one day. A nil pointer means the figure
// cannot be computed (no reported weeks, no plan).
type Metrics struct {
	AsOfWeek models.ISOWeek `json:"as_of_week"`
	// LastReportedWeek is the latest week with hours in the window.
	LastReportedWeek models.ISOWeek `json:"last_reported_week"`
	ReportedWeeks    int            `json:"reported_weeks"`
	// CurrentHours is the hours worked in LastReportedWeek.
	CurrentHours *float64 `json:"current_hours"`
	// Average4Weeks is the mean hours worked over the reported weeks among
	// the four ending with LastReportedWeek.
	Average4Weeks *float64 `json:"average_4_weeks"`
	// TrendPerWeek is the least-squares slope of hours worked against the
	// week, in hours per week, over the reported weeks among the
	// Settings.TrendWeeks ending with LastReportedWeek (at least two).
	TrendPerWeek *float64 `json:"trend_hours_per_week"`
	TrendPoints  int      `json:"trend_points"`
	// LastIncreaseWeek is the last week whose hours beat every earlier
	// week's in the window by Settings.MinIncreaseHours (the first week
	// with hours counts); WeeksSinceIncrease runs from it, or from the
	// first reported week when hours never rose, to LastReportedWeek.
	LastIncreaseWeek   models.ISOWeek `json:"last_increase_week"`
	WeeksSinceIncrease *int           `json:"weeks_since_increase"`
	// PlanMetShare is worked / planned over the reported weeks with a plan
	// among the four ending with LastReportedWeek.
	PlanMetShare *float64 `json:"plan_met_share"`
	// PlannedHours is the plan for the week computed as of.
	PlannedHours float64 `json:"planned_hours"`
	// TargetHours is where the current (else the latest) placement leads;
	// TargetProgress is Average4Weeks / TargetHours.
	TargetHours    float64  `json:"target_hours"`
	TargetProgress *float64 `json:"target_progress"`
	Rule225        Rule225  `json:"rule_225"`
}

// Rule225 is the 225-hour rule's status (DOMAIN.md §5.6): ordinary hours
// over the rolling 12 months against what the rule requires.
type Rule225 struct {
	Applies bool `json:"applies"`
	// From is the first day of the 12 months counted.
	From          models.Date `json:"from"`
	OrdinaryHours float64     `json:"ordinary_hours"`
	Required      float64     `json:"required"`
	Remaining     float64     `json:"remaining"`
	// ExpectedByNow is the required hours pro rata for the weeks the
	// citizen has been under the rule (at most 12 months); OnTrack says
	// OrdinaryHours reaches it.
	ExpectedByNow float64 `json:"expected_by_now"`
	OnTrack       bool    `json:"on_track"`
}

// Mode says how much series Analyse returns.
type Mode int

const (
	// WindowOnly returns the metrics' window of the series: enough for
	// alerts, and all a jobcentre-wide run should load.
	WindowOnly Mode = iota
	// FullSeries returns every week from the first placement on.
	FullSeries
)

// Result is the analysis of one citizen.
type Result struct {
	Series  []Point `json:"series"`
	Metrics Metrics `json:"metrics"`
	Alerts  []Alert `json:"alerts"`
}

// Analyse computes a citizen's series, metrics and alerts as of day asOf.
func Analyse(c Citizen, s Settings, asOf models.Date, mode Mode) Result {
	now := models.ISOWeekOf(asOf)
	start := now.AddWeeks(-WindowWeeks)
	first := start
	if mode == FullSeries {
		if f := c.firstWeek(); !f.IsZero() && f.Before(first) {
			first = f
		}
	}
	series := Series(c.Placements, c.Hours, first, now)
	window := series[start.WeeksSince(first):]
	m := metrics(c, s, asOf, window)
	r := Result{Series: series, Metrics: m, Alerts: alerts(c, s, asOf, window, m)}
	if mode == FullSeries {
		r.Series = trimLeadingEmpty(series)
	}
	return r
}

// trimLeadingEmpty drops the weeks before anything happened.
func trimLeadingEmpty(ps []Point) []Point {
	for i, p := range ps {
		if p.Reported || len(p.Placements) > 0 {
			return ps[i:]
		}
	}
	return []Point{}
}

func metrics(c Citizen, s Settings, asOf models.Date, w []Point) Metrics {
	now := models.ISOWeekOf(asOf)
	m := Metrics{AsOfWeek: now, PlannedHours: w[len(w)-1].Planned}
	last := -1
	for i, p := range w {
		if p.Reported {
			last = i
			m.ReportedWeeks++
		}
	}
	if p, ok := c.current(asOf); ok {
		m.TargetHours = p.TargetWeeklyHours()
	} else if p, ok := c.latest(); ok {
		m.TargetHours = p.TargetWeeklyHours()
	}
	m.Rule225 = rule225(c, s, asOf, w)
	if last < 0 {
		return m
	}
	m.LastReportedWeek = w[last].Week
	m.CurrentHours = ptr(w[last].Worked)

	var sum, planned, worked float64
	n := 0
	for i := max(0, last-3); i <= last; i++ {
		if !w[i].Reported {
			continue
		}
		sum += w[i].Worked
		n++
		if w[i].Planned > 0 {
			planned += w[i].Planned
			worked += w[i].Worked
		}
	}
	m.Average4Weeks = ptr(sum / float64(n))
	if planned > 0 {
		m.PlanMetShare = ptr(worked / planned)
	}
	if m.TargetHours > 0 {
		m.TargetProgress = ptr(*m.Average4Weeks / m.TargetHours)
	}

	var xs, ys []float64
	for i := max(0, last-s.TrendWeeks+1); i <= last; i++ {
		if w[i].Reported {
			xs = append(xs, float64(i))
			ys = append(ys, w[i].Worked)
		}
	}
	m.TrendPoints = len(xs)
	if slope, ok := leastSquares(xs, ys); ok {
		m.TrendPerWeek = ptr(slope)
	}

	firstReported, increase := -1, -1
	best := 0.0
	for i := 0; i <= last; i++ {
		p := w[i]
		if !p.Reported {
			continue
		}
		if firstReported < 0 {
			firstReported = i
			if p.Worked > 0 {
				increase = i
			}
		} else if p.Worked >= best+s.MinIncreaseHours {
			increase = i
		}
		best = max(best, p.Worked)
	}
	since := last - firstReported
	if increase >= 0 {
		m.LastIncreaseWeek = w[increase].Week
		since = last - increase
	}
	m.WeeksSinceIncrease = &since
	return m
}

// leastSquares fits y = a + b·x and returns b. It needs two distinct xs.
func leastSquares(xs, ys []float64) (float64, bool) {
	n := float64(len(xs))
	if len(xs) < 2 {
		return 0, false
	}
	var sx, sy float64
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
	}
	mx, my := sx/n, sy/n
	var sxx, sxy float64
	for i := range xs {
		sxx += (xs[i] - mx) * (xs[i] - mx)
		sxy += (xs[i] - mx) * (ys[i] - my)
	}
	if sxx == 0 {
		return 0, false
	}
	return sxy / sxx, true
}

func rule225(c Citizen, s Settings, asOf models.Date, w []Point) Rule225 {
	r := Rule225{Applies: s.covers225(c.TargetGroup) && s.Rule225Hours > 0, Required: s.Rule225Hours}
	yearAgo := models.DateOf(asOf.Time().AddDate(-1, 0, 0))
	r.From = yearAgo.AddDays(1)
	for _, p := range w {
		// A week counts when it starts within the 12 months.
		if !p.WeekStart.Before(r.From) && !asOf.Before(p.WeekStart) {
			r.OrdinaryHours += p.Ordinary
		}
	}
	r.Remaining = max(0, r.Required-r.OrdinaryHours)
	r.ExpectedByNow = r.Required * float64(weeksUnderRule(c, asOf)) / 52
	r.OnTrack = !r.Applies || r.OrdinaryHours >= r.ExpectedByNow
	return r
}

// weeksUnderRule is how long, up to a year, the citizen has been in the
// target group that puts them under the 225-hour rule.
func weeksUnderRule(c Citizen, asOf models.Date) int {
	if c.GroupEnteredOn.IsZero() {
		return 52
	}
	days := daysBetween(c.GroupEnteredOn, asOf)
	return max(0, min(52, days/7))
}

// daysBetween counts days from a to b; dates are UTC midnights, so the
// difference is whole days exactly.
func daysBetween(a, b models.Date) int {
	return int(b.Time().Sub(a.Time()) / (24 * time.Hour))
}

func ptr[T any](v T) *T { return &v }
