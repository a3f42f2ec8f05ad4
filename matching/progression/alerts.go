package progression

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"placering/models"
)

// Kind is the kind of an alert.
type Kind string

const (
	KindStagnation   Kind = "stagnation"
	KindShortfall    Kind = "under_plan"
	KindAbsence      Kind = "fravaer"
	KindPlanReached  Kind = "plan_naaet"
	KindRevisitation Kind = "genvisitation"
	KindDeadline     Kind = "frist"
	KindReplacement  Kind = "genplacering"
	KindRule225      Kind = "timer_225"
)

// Kinds lists every kind in the order the UI shows them.
var Kinds = []Kind{KindDeadline, KindReplacement, KindAbsence, KindShortfall, KindStagnation, KindRule225, KindPlanReached, KindRevisitation}

var kindLabels = map[Kind]string{
	KindStagnation:   "Timetallet står stille",
	KindShortfall:    "Under planen",
	KindAbsence:      "Fravær flere uger i træk",
	KindPlanReached:  "Planens mål er nået",
	KindRevisitation: "Forslag om genvisitation",
	KindDeadline:     "Frist for målgruppen",
	KindReplacement:  "Genplacering efter afbrudt forløb",
	KindRule225:      "For få ordinære timer (225-timersreglen)",
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := kindLabels[k]; return ok }

// Label is the Danish name of the kind.
func (k Kind) Label() string { return kindLabels[k] }

// Severity says how urgent an alert is.
type Severity string

const (
	SeverityInfo    Severity = "info"        // an opportunity: a next step
	SeverityWarning Severity = "advarsel"    // act soon
	SeverityOverdue Severity = "overskredet" // a deadline has passed
)

// Severities lists the severities, least urgent first.
var Severities = []Severity{SeverityInfo, SeverityWarning, SeverityOverdue}

// Alert is one thing a consultant should act on. Key is stable while the
// situation lasts, so an acknowledgement can be stored against it.
type Alert struct {
	Key         string      `json:"key"`
	Kind        Kind        `json:"kind"`
	Severity    Severity    `json:"severity"`
	CitizenID   int64       `json:"citizen_id"`
	PlacementID *int64      `json:"placement_id,omitempty"`
	Due         models.Date `json:"due"`
	Message     string      `json:"message"`
}

// SortAlerts orders alerts by due date, then kind and key.
func SortAlerts(as []Alert) {
	sort.SliceStable(as, func(i, j int) bool {
		a, b := as[i], as[j]
		if a.Due != b.Due {
			return a.Due.Before(b.Due)
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Key < b.Key
	})
}

func alerts(c Citizen, s Settings, asOf models.Date, w []Point, m Metrics) []Alert {
	out := []Alert{}
	add := func(a Alert) {
		a.CitizenID = c.ID
		out = append(out, a)
	}
	last, first := -1, -1
	for i, p := range w {
		if p.Reported {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	now := models.ISOWeekOf(asOf)
	recent := last >= 0 && now.WeeksSince(w[last].Week) <= recentWeeks
	cur, running := c.current(asOf)
	if running && recent {
		absence := absenceAlert(c, s, w, last)
		if absence != nil {
			add(*absence)
		} else if a := shortfallAlert(c, s, w, last); a != nil {
			add(*a) // absence explains a shortfall; one alert is enough
		}
		reached := planReachedAlert(s, w, last, cur)
		if reached != nil {
			add(*reached)
		} else if a := stagnationAlert(c, s, w, first, m, cur); a != nil {
			add(*a)
		}
	}
	if recent && c.TargetGroup == models.Gruppe2 && m.Average4Weeks != nil && *m.Average4Weeks >= s.RevisitationHours {
		add(Alert{Key: fmt.Sprintf("%s:c%d:%s", KindRevisitation, c.ID, keyDate(c.GroupEnteredOn)), Kind: KindRevisitation,
			Severity: SeverityInfo, Due: w[last].Week.Sunday(),
			Message: fmt.Sprintf("Borgeren i gruppe 2 arbejder nu %s timer om ugen i gennemsnit (4 uger). Overvej genvisitation til gruppe 1.",
				hours(*m.Average4Weeks))})
	}
	for _, d := range s.Deadlines {
		if a := deadlineAlert(c, s, d, asOf); a != nil {
			add(*a)
		}
	}
	for _, p := range c.Placements {
		if a := replacementAlert(c, s, p, asOf); a != nil {
			add(*a)
		}
	}
	if r := m.Rule225; r.Applies && !r.OnTrack && weeksUnderRule(c, asOf) >= earlyWeeks {
		monthEnd := models.DateOf(time.Date(asOf.Time().Year(), asOf.Time().Month()+1, 0, 0, 0, 0, 0, time.UTC))
		add(Alert{Key: fmt.Sprintf("%s:c%d:%s", KindRule225, c.ID, asOf.String()[:7]), Kind: KindRule225, Severity: SeverityWarning, Due: monthEnd,
			Message: fmt.Sprintf("Kun %s ordinære timer de seneste 12 måneder; kravet er %s om året, og %s burde være nået nu. Overvej småjobvejledning, jobklub og et økonomitjek.",
				hours(r.OrdinaryHours), hours(r.Required), hours(r.ExpectedByNow))})
	}
	SortAlerts(out)
	return out
}

// run returns the start of the run of weeks ending at last in which ok
// holds, or -1 when it does not hold at last.
func run(w []Point, last int, ok func(Point) bool) int {
	if last < 0 || !ok(w[last]) {
		return -1
	}
	start := last
	for start > 0 && ok(w[start-1]) {
		start--
	}
	return start
}

func absenceAlert(c Citizen, s Settings, w []Point, last int) *Alert {
	start := run(w, last, func(p Point) bool { return p.Reported && p.Absent > 0 && p.Absent >= p.Worked })
	if start < 0 || last-start+1 < s.AbsenceStreakWeeks {
		return nil
	}
	var reasons []string
	seen := map[models.AbsenceReason]bool{}
	for _, p := range w[start : last+1] {
		for _, r := range p.AbsenceReasons {
			if !seen[r] {
				seen[r] = true
				reasons = append(reasons, strings.ToLower(r.Label()))
			}
		}
	}
	why := ""
	if len(reasons) > 0 {
		why = " (" + strings.Join(reasons, ", ") + ")"
	}
	return &Alert{Key: fmt.Sprintf("%s:c%d:%s", KindAbsence, c.ID, w[start].Week), Kind: KindAbsence, Severity: SeverityWarning,
		Due: w[start+s.AbsenceStreakWeeks-1].Week.Sunday(),
		Message: fmt.Sprintf("Fravær %d uger i træk siden uge %d%s. Følg op med borgeren og virksomheden.",
			last-start+1, w[start].Week.Week, why)}
}

func shortfallAlert(c Citizen, s Settings, w []Point, last int) *Alert {
	start := run(w, last, func(p Point) bool { return p.Reported && p.Planned > 0 && p.Worked < s.ShortfallShare*p.Planned })
	if start < 0 || last-start+1 < s.ShortfallWeeks {
		return nil
	}
	p := w[last]
	return &Alert{Key: fmt.Sprintf("%s:c%d:%s", KindShortfall, c.ID, w[start].Week), Kind: KindShortfall, Severity: SeverityWarning,
		Due: w[start+s.ShortfallWeeks-1].Week.Sunday(),
		Message: fmt.Sprintf("Under %s af planen %d uger i træk; i uge %d blev det %s af %s planlagte timer. Tal med borger og virksomhed om planen.",
			pct(s.ShortfallShare), last-start+1, p.Week.Week, hours(p.Worked), hours(p.Planned))}
}

func planReachedAlert(s Settings, w []Point, last int, cur models.Placement) *Alert {
	target := cur.TargetWeeklyHours()
	if target <= 0 {
		return nil
	}
	start := run(w, last, func(p Point) bool { return p.Reported && p.Worked >= target })
	if start < 0 || last-start+1 < s.PlanReachedWeeks {
		return nil
	}
	id := cur.ID
	return &Alert{Key: fmt.Sprintf("%s:p%d:%g", KindPlanReached, cur.ID, target), Kind: KindPlanReached, Severity: SeverityInfo,
		PlacementID: &id, Due: w[last].Week.Sunday(),
		Message: fmt.Sprintf("Planens mål på %s timer om ugen er nået %d uger i træk. Overvej næste trin: flere timer, løntilskud eller ordinære timer.",
			hours(target), last-start+1)}
}

func stagnationAlert(c Citizen, s Settings, w []Point, first int, m Metrics, cur models.Placement) *Alert {
	if m.WeeksSinceIncrease == nil || *m.WeeksSinceIncrease < s.StagnationWeeks {
		return nil
	}
	anchor := m.LastIncreaseWeek
	if anchor.IsZero() {
		anchor = w[first].Week
	}
	id := cur.ID
	return &Alert{Key: fmt.Sprintf("%s:c%d:%s", KindStagnation, c.ID, anchor), Kind: KindStagnation, Severity: SeverityWarning,
		PlacementID: &id, Due: anchor.AddWeeks(s.StagnationWeeks).Sunday(),
		Message: fmt.Sprintf("Timetallet er ikke steget i %d uger (siden uge %d); borgeren arbejder nu %s timer om ugen. Tal med borger og virksomhed om næste skridt.",
			*m.WeeksSinceIncrease, anchor.Week, hours(*m.CurrentHours))}
}

func deadlineAlert(c Citizen, s Settings, d Deadline, asOf models.Date) *Alert {
	if d.TargetGroup != c.TargetGroup {
		return nil
	}
	start := c.GroupEnteredOn
	if d.From == FromArrival {
		start = c.ArrivalDate
	}
	if start.IsZero() {
		return nil
	}
	due := start.AddDays(7 * d.Weeks)
	if asOf.Before(due.AddDays(-7*s.DeadlineWarnWeeks)) || met(c, d.Requirement, start, asOf) {
		return nil
	}
	sev, when := SeverityWarning, ""
	switch days := daysBetween(asOf, due); {
	case days < 0:
		sev, when = SeverityOverdue, fmt.Sprintf("overskredet for %d dage siden", -days)
	case days == 0:
		when = "i dag"
	default:
		when = fmt.Sprintf("om %d dage", days)
	}
	return &Alert{Key: fmt.Sprintf("%s:%s:c%d:%s", KindDeadline, d.Code, c.ID, due), Kind: KindDeadline, Severity: sev, Due: due,
		Message: fmt.Sprintf("%s. Fristen er %s (%s).", d.Label, danishDate(due), when)}
}

// met reports whether the citizen's placements (or hours) meet a
// requirement of a deadline whose clock started on start.
func met(c Citizen, r Requirement, start, asOf models.Date) bool {
	started := func(p models.Placement) bool { return !p.StartDate.IsZero() && !asOf.Before(p.StartDate) }
	for _, p := range c.Placements {
		if last := p.LastDay(); !last.IsZero() && last.Before(start) {
			continue // over before the clock started
		}
		switch r {
		case RequirePlacementOrPlan:
			return true
		case RequirePlacement:
			if started(p) {
				return true
			}
		case RequireOffer:
			if p.Kind == models.KindPraktik || p.Kind == models.KindLoentilskud {
				return true
			}
		case RequireFleksjob:
			if (p.Kind == models.KindFleksjob && started(p)) || p.Outcome == models.OutcomeFleksjob {
				return true
			}
		case RequireJob:
			job := p.Kind == models.KindFleksjob || p.Kind == models.KindOrdinaereTimer
			if (job && started(p)) || p.Outcome == models.OutcomeOrdinaryJob || p.Outcome == models.OutcomeFleksjob {
				return true
			}
		}
	}
	if r == RequireJob {
		for _, h := range c.Hours {
			if h.Ordinary > 0 && !h.Week.Sunday().Before(start) {
				return true
			}
		}
	}
	return false
}

func replacementAlert(c Citizen, s Settings, p models.Placement, asOf models.Date) *Alert {
	if p.Status != models.PlacementInterrupted {
		return nil
	}
	ended := p.LastDay()
	if ended.IsZero() {
		ended = p.StartDate
	}
	// An interruption more than a year ago without a follow-up is history,
	// not a task.
	if ended.Before(asOf.AddDays(-7 * WindowWeeks)) {
		return nil
	}
	for _, q := range c.Placements {
		if q.ID != p.ID && (p.StartDate.Before(q.StartDate) || (q.StartDate == p.StartDate && q.ID > p.ID)) {
			return nil // a later placement followed
		}
	}
	due := ended.AddDays(7 * s.ReplacementWeeks)
	sev := SeverityWarning
	if due.Before(asOf) {
		sev = SeverityOverdue
	}
	id := p.ID
	return &Alert{Key: fmt.Sprintf("%s:p%d", KindReplacement, p.ID), Kind: KindReplacement, Severity: sev, PlacementID: &id, Due: due,
		Message: fmt.Sprintf("%s blev afbrudt %s. Find en ny praktik; den skal starte senest %s (%d uger efter).",
			p.Kind.Label(), danishDate(ended), danishDate(due), s.ReplacementWeeks)}
}

var danishMonths = [...]string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}

// danishDate writes a date the Danish way: "2. februar 2027".
func danishDate(d models.Date) string {
	t := d.Time()
	return fmt.Sprintf("%d. %s %d", t.Day(), danishMonths[t.Month()-1], t.Year())
}

// keyDate is a date for a key, "-" when unset.
func keyDate(d models.Date) string {
	if d.IsZero() {
		return "-"
	}
	return d.String()
}

// KeySubject reads the citizen or the placement an alert key is about:
// every key names one of them as "c<id>" or "p<id>". Both are 0 for a key
// that is not an alert key.
func KeySubject(key string) (citizenID, placementID int64) {
	parts := strings.Split(key, ":")
	if len(parts) < 2 || !Kind(parts[0]).Valid() {
		return 0, 0
	}
	rest := parts[1:]
	if Kind(parts[0]) == KindDeadline {
		rest = rest[1:] // the deadline's own code comes first
	}
	for _, part := range rest {
		if len(part) < 2 || (part[0] != 'c' && part[0] != 'p') {
			continue
		}
		id, err := strconv.ParseInt(part[1:], 10, 64)
		if err != nil || id <= 0 {
			continue
		}
		if part[0] == 'c' {
			return id, 0
		}
		return 0, id
	}
	return 0, 0
}
