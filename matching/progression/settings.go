package progression

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"placering/models"
)

// Requirement is what meets a deadline.
type Requirement string

const (
	// RequirePlacementOrPlan: any placement, planned or started, that is
	// not over before the clock started ("a placement or a plan for one").
	RequirePlacementOrPlan Requirement = "placering_eller_plan"
	// RequirePlacement: a placement that has started.
	RequirePlacement Requirement = "placering"
	// RequireJob: ordinary hours or a fleksjob, "including jobs of few
	// hours a week": a placement of those kinds, such an outcome, or
	// ordinary hours reported.
	RequireJob Requirement = "job"
	// RequireFleksjob: a fleksjob placement or outcome.
	RequireFleksjob Requirement = "fleksjob"
	// RequireOffer: a praktik or løntilskud, planned or started.
	RequireOffer Requirement = "tilbud"
	// RequireMilestone: something the data cannot show (a decision, an
	// assessment). The alert stays until a consultant acknowledges it.
	RequireMilestone Requirement = "milepael"
)

var requirements = map[Requirement]string{
	RequirePlacementOrPlan: "Placering eller plan for en",
	RequirePlacement:       "Påbegyndt placering",
	RequireJob:             "Job (ordinære timer eller fleksjob)",
	RequireFleksjob:        "Fleksjob",
	RequireOffer:           "Tilbud om praktik eller løntilskud",
	RequireMilestone:       "Milepæl, der kvitteres manuelt",
}

// Requirements lists every requirement.
var Requirements = []Requirement{RequirePlacementOrPlan, RequirePlacement, RequireJob, RequireFleksjob, RequireOffer, RequireMilestone}

// ClockStarts lists the dates a deadline can count from.
var ClockStarts = []ClockStart{FromGroupEntry, FromArrival}

// Valid reports whether r is a known requirement.
func (r Requirement) Valid() bool { _, ok := requirements[r]; return ok }

// Label is the Danish name of the requirement.
func (r Requirement) Label() string { return requirements[r] }

// ClockStart is the date a deadline counts from.
type ClockStart string

const (
	FromGroupEntry ClockStart = "group_entered_on"
	FromArrival    ClockStart = "arrival_date" // boligplacering, for refugees
)

// Deadline is one row of a target group's deadline table.
type Deadline struct {
	Code        string             `json:"code"`
	TargetGroup models.TargetGroup `json:"target_group"`
	From        ClockStart         `json:"from"`
	Weeks       int                `json:"weeks"`
	Requirement Requirement        `json:"requirement"`
	Label       string             `json:"label"`
}

// Settings are a jobcentre's thresholds. The zero value is not useful;
// start from DefaultSettings.
type Settings struct {
	// StagnationWeeks: alert when the weekly hours have not risen for this
	// many weeks during a placement.
	StagnationWeeks int `json:"stagnation_weeks"`
	// MinIncreaseHours: a week counts as an increase when its hours beat
	// every earlier week's in the window by at least this much.
	MinIncreaseHours float64 `json:"min_increase_hours"`
	// ShortfallShare and ShortfallWeeks: alert when fewer than this share
	// of the planned hours were worked so many weeks running.
	ShortfallShare float64 `json:"shortfall_share"`
	ShortfallWeeks int     `json:"shortfall_weeks"`
	// AbsenceStreakWeeks: alert after this many weeks running in which
	// absence was at least as large as the hours worked.
	AbsenceStreakWeeks int `json:"absence_streak_weeks"`
	// PlanReachedWeeks: propose the next step once the target hours have
	// been worked this many weeks running.
	PlanReachedWeeks int `json:"plan_reached_weeks"`
	// RevisitationHours: a group 2 citizen whose 4-week average reaches
	// this is proposed for group 1 (DOMAIN.md §3.2 rule 3).
	RevisitationHours float64 `json:"revisitation_hours"`
	// TrendWeeks is how many weeks the least-squares trend looks back.
	TrendWeeks int `json:"trend_weeks"`
	// DeadlineWarnWeeks: a deadline shows this many weeks before it falls.
	DeadlineWarnWeeks int `json:"deadline_warn_weeks"`
	// ReplacementWeeks: after an interrupted placement the next one must
	// start within this many weeks (DOMAIN.md §4: "the statutory 6 weeks").
	ReplacementWeeks int `json:"replacement_weeks"`
	// Rule225Hours and Rule225Groups: the ordinary hours a year required of
	// citizens in these target groups (DOMAIN.md §5.6).
	Rule225Hours  float64              `json:"rule_225_hours"`
	Rule225Groups []models.TargetGroup `json:"rule_225_groups"`
	// Deadlines per target group (DOMAIN.md §3, §10.6).
	Deadlines []Deadline `json:"deadlines"`
}

// DefaultSettings returns the defaults. The thresholds for stagnation (4
// weeks), shortfall (75 % two weeks running) and absence are the product's
// own choice; the sources give no numbers for them. RevisitationHours is 15 because the
// sources' example of a group 1 citizen is "in a 15-hour company
// placement" (DOMAIN.md §5.2). The 225-hour rule covers cash-benefit and
// integration-benefit recipients who are not exempt (§5.6); groups 1 and 2
// and refugees are covered by default, while groups 3 and 4 (clarification,
// not ready for offers) are mostly exempt and fleksjob-approved citizens are
// on another benefit. An administrator may change all of it.
func DefaultSettings() Settings {
	return Settings{
		StagnationWeeks:    4,
		MinIncreaseHours:   1,
		ShortfallShare:     0.75,
		ShortfallWeeks:     2,
		AbsenceStreakWeeks: 2,
		PlanReachedWeeks:   2,
		RevisitationHours:  15,
		TrendWeeks:         8,
		DeadlineWarnWeeks:  2,
		ReplacementWeeks:   6,
		Rule225Hours:       225,
		Rule225Groups:      []models.TargetGroup{models.Gruppe1, models.Gruppe2, models.Flygtning},
		Deadlines:          DefaultDeadlines(),
	}
}

// DefaultDeadlines is the deadline table of DOMAIN.md §3.1, §3.3 and §10.6
// (Copenhagen's groups, Helsingør's refugee rules). Milestones the data
// cannot show are clocks a consultant acknowledges.
func DefaultDeadlines() []Deadline {
	return []Deadline{
		{"gruppe1_placering_13", models.Gruppe1, FromGroupEntry, 13, RequirePlacementOrPlan,
			"Gruppe 1: placering eller plan for en placering inden 13 uger"},
		{"gruppe1_job_52", models.Gruppe1, FromGroupEntry, 52, RequireJob,
			"Gruppe 1: job, også med få timer om ugen, inden 52 uger"},
		{"gruppe2_milepael_13", models.Gruppe2, FromGroupEntry, 13, RequireMilestone,
			"Gruppe 2: progression i hverdagsmestring og motivation, et realistisk mål og erfaring med snusepraktik inden 13 uger"},
		{"gruppe2_placering_26", models.Gruppe2, FromGroupEntry, 26, RequirePlacement,
			"Gruppe 2: placering, evt. med ganske få timer om ugen, inden 26 uger"},
		{"gruppe3_afgoerelse_23", models.Gruppe3, FromGroupEntry, 23, RequireMilestone,
			"Gruppe 3: sagen behandlet i rehabiliteringsteamet og afgjort inden 23 uger"},
		{"fleksjob_26", models.LedigFleksjobvisitert, FromGroupEntry, 26, RequireFleksjob,
			"Ledig fleksjobvisiteret: i fleksjob inden 26 uger"},
		{"flygtning_tilbud_4", models.Flygtning, FromArrival, 4, RequireOffer,
			"Flygtning: tilbud om virksomhedspraktik eller løntilskud senest 4 uger efter boligplacering"},
		{"flygtning_afklaring_13", models.Flygtning, FromArrival, 13, RequireMilestone,
			"Flygtning: vurderet jobparat eller aktivitetsparat inden 3 måneder efter boligplacering"},
	}
}

// Validate checks the settings, naming every bad field in Danish.
func (s *Settings) Validate() models.FieldErrors {
	var errs models.FieldErrors
	weeks := func(field string, v, lo, hi int) {
		if v < lo || v > hi {
			errs.Add(field, "Skal være et helt antal uger mellem %d og %d.", lo, hi)
		}
	}
	weeks("stagnation_weeks", s.StagnationWeeks, 1, WindowWeeks)
	weeks("shortfall_weeks", s.ShortfallWeeks, 1, WindowWeeks)
	weeks("absence_streak_weeks", s.AbsenceStreakWeeks, 1, WindowWeeks)
	weeks("plan_reached_weeks", s.PlanReachedWeeks, 1, WindowWeeks)
	weeks("trend_weeks", s.TrendWeeks, 2, WindowWeeks)
	weeks("deadline_warn_weeks", s.DeadlineWarnWeeks, 0, 26)
	weeks("replacement_weeks", s.ReplacementWeeks, 1, 52)
	if s.MinIncreaseHours <= 0 || s.MinIncreaseHours > 20 {
		errs.Add("min_increase_hours", "Skal være mere end 0 og højst 20 timer.")
	}
	if s.ShortfallShare <= 0 || s.ShortfallShare > 1 {
		errs.Add("shortfall_share", "Skal være en andel over 0 og højst 1 (fx 0,75).")
	}
	if s.RevisitationHours <= 0 || s.RevisitationHours > models.MaxWeeklyHours {
		errs.Add("revisitation_hours", "Skal være mellem 0 og %d timer.", models.MaxWeeklyHours)
	}
	if s.Rule225Hours < 0 || s.Rule225Hours > 2000 {
		errs.Add("rule_225_hours", "Skal være mellem 0 og 2000 timer om året.")
	}
	seen := map[models.TargetGroup]bool{}
	for _, g := range s.Rule225Groups {
		if !g.Valid() {
			errs.Add("rule_225_groups", "Ukendt målgruppe %q.", g)
		} else if seen[g] {
			errs.Add("rule_225_groups", "Målgruppen %q står der to gange.", g)
		}
		seen[g] = true
	}
	codes := map[string]bool{}
	for i := range s.Deadlines {
		d := &s.Deadlines[i]
		f := func(name string) string { return "deadlines[" + strconv.Itoa(i) + "]." + name }
		switch {
		case d.Code == "":
			errs.Add(f("code"), "Giv fristen en kode.")
		case codes[d.Code]:
			errs.Add(f("code"), "Koden %q bruges to gange.", d.Code)
		}
		codes[d.Code] = true
		if !d.TargetGroup.Valid() {
			errs.Add(f("target_group"), "Ukendt målgruppe %q.", d.TargetGroup)
		}
		if d.From != FromGroupEntry && d.From != FromArrival {
			errs.Add(f("from"), "Skal være group_entered_on eller arrival_date.")
		}
		if d.Weeks < 1 || d.Weeks > 260 {
			errs.Add(f("weeks"), "Skal være mellem 1 og 260 uger.")
		}
		if !d.Requirement.Valid() {
			errs.Add(f("requirement"), "Ukendt krav %q.", d.Requirement)
		}
		if d.Label == "" || len([]rune(d.Label)) > models.MaxShortText {
			errs.Add(f("label"), "Skriv en dansk tekst på højst %d tegn.", models.MaxShortText)
		}
	}
	if len(s.Deadlines) > 50 {
		errs.Add("deadlines", "Højst 50 frister.")
	}
	return errs
}

func (s Settings) covers225(g models.TargetGroup) bool {
	for _, x := range s.Rule225Groups {
		if x == g {
			return true
		}
	}
	return false
}

// hours writes an hour figure the Danish way, to one decimal: "12,5".
func hours(v float64) string {
	return strings.Replace(strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64), ".", ",", 1)
}

func pct(v float64) string { return fmt.Sprintf("%.0f %%", v*100) }
