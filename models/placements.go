package models

// Placements: the placement row, the life cycle of a
// virksomhedsplacering, its outcome, the planned hours ladder and the
// evaluation at its end. A started match creates one, as does a consultant
// placing a citizen directly; the fields beyond the row's own columns live
// in PlacementDetails.

// PlacementStatus is where a placement is in its life.
type PlacementStatus string

const (
	PlacementPlanned     PlacementStatus = "planlagt"
	PlacementActive      PlacementStatus = "aktiv"
	PlacementCompleted   PlacementStatus = "afsluttet"
	PlacementInterrupted PlacementStatus = "afbrudt"
)

// Placement (virksomhedsplacering) is a citizen at a company under one
// scheme. A planned or active placement takes one of its opening's seats.
type Placement struct {
	ID          int64           `json:"id" gorm:"primaryKey"`
	JobcentreID int64           `json:"jobcentre_id"`
	CitizenID   int64           `json:"citizen_id"`
	OpeningID   *int64          `json:"opening_id"`
	CompanyID   int64           `json:"company_id"`
	MatchID     *int64          `json:"match_id,omitempty"`
	Kind        Kind            `json:"kind"`
	StartDate   Date            `json:"start_date"`
	EndDate     Date            `json:"end_date"`
	Status      PlacementStatus `json:"status"`

	// Outcome, plan, mentors and evaluation.
	PlacementDetails
	Stamp
}

// PlacementStatuses lists the statuses in life-cycle order.
var PlacementStatuses = []PlacementStatus{PlacementPlanned, PlacementActive, PlacementCompleted, PlacementInterrupted}

var placementStatusLabels = map[PlacementStatus]string{
	PlacementPlanned:     "Planlagt",
	PlacementActive:      "Aktiv",
	PlacementCompleted:   "Afsluttet",
	PlacementInterrupted: "Afbrudt",
}

// Valid reports whether s is a known status.
func (s PlacementStatus) Valid() bool { _, ok := placementStatusLabels[s]; return ok }

// Label is the Danish name of the status.
func (s PlacementStatus) Label() string { return placementStatusLabels[s] }

// Final reports whether the placement is over.
func (s PlacementStatus) Final() bool { return s == PlacementCompleted || s == PlacementInterrupted }

// CanMoveTo reports whether a placement in status s may move to t:
// planlagt → aktiv → afsluttet, and afbrudt from planlagt (the citizen
// never started) or aktiv. Nothing follows a final status: a new effort is
// a new placement, so the history of the old one stays as it was.
func (s PlacementStatus) CanMoveTo(t PlacementStatus) bool {
	switch s {
	case PlacementPlanned:
		return t == PlacementActive || t == PlacementInterrupted
	case PlacementActive:
		return t == PlacementCompleted || t == PlacementInterrupted
	}
	return false
}

// Outcome is what a placement led to (DOMAIN.md §10.27), recorded when it
// ends.
type Outcome string

const (
	OutcomeOrdinaryJob Outcome = "ordinaert_job"
	OutcomeWageSubsidy Outcome = "loentilskud"
	OutcomeIGU         Outcome = "igu"
	OutcomeFleksjob    Outcome = "fleksjob"
	OutcomeEducation   Outcome = "uddannelse"
	OutcomeOther       Outcome = "andet"
)

// Outcomes lists the outcomes in the order the UI shows them.
var Outcomes = []Outcome{OutcomeOrdinaryJob, OutcomeWageSubsidy, OutcomeIGU, OutcomeFleksjob, OutcomeEducation, OutcomeOther}

var outcomeLabels = map[Outcome]string{
	OutcomeOrdinaryJob: "Ordinært job",
	OutcomeWageSubsidy: "Løntilskud",
	OutcomeIGU:         "IGU",
	OutcomeFleksjob:    "Fleksjob",
	OutcomeEducation:   "Uddannelse",
	OutcomeOther:       "Andet",
}

// Valid reports whether o is a known outcome. Empty means none yet.
func (o Outcome) Valid() bool { _, ok := outcomeLabels[o]; return ok || o == "" }

// Label is the Danish name of the outcome.
func (o Outcome) Label() string { return outcomeLabels[o] }

// Completion says how far the citizen got, in the evaluation.
type Completion string

const (
	CompletionFull    Completion = "gennemfoert"
	CompletionPartial Completion = "delvist_gennemfoert"
	CompletionNoShow  Completion = "udeblevet"
)

// Completions lists the values in the order the UI shows them.
var Completions = []Completion{CompletionFull, CompletionPartial, CompletionNoShow}

var completionLabels = map[Completion]string{
	CompletionFull:    "Gennemført",
	CompletionPartial: "Delvist gennemført",
	CompletionNoShow:  "Mødte ikke op",
}

// Valid reports whether c is a known value.
func (c Completion) Valid() bool { _, ok := completionLabels[c]; return ok }

// Label is the Danish name of the value.
func (c Completion) Label() string { return completionLabels[c] }

// GeneralCompetences are the competences the reference form usually rates
// (DOMAIN.md §7.10). They are suggestions for the UI; other names are
// allowed, since the form is adapted per branch.
var GeneralCompetences = []string{"Mødestabilitet", "Samarbejde", "Selvstændighed", "Arbejdstempo", "Dansk i arbejdet", "Kundekontakt", "Instruktioner og sikkerhed"}

// CompetenceRating is one general competence on a scale of 1 (a clear
// need to develop) to 5 (fully at the level the workplace needs).
type CompetenceRating struct {
	Name   string `json:"name"`
	Rating int    `json:"rating"`
	Note   string `json:"note,omitempty"`
}

// PlacementEvaluation is the end-of-placement evaluation and the company's
// reference form (referenceskema): how far the citizen got, the tasks they
// solved, their general competences, a recommendation and their own view.
type PlacementEvaluation struct {
	Completion     Completion         `json:"completion"`
	TasksSolved    string             `json:"tasks_solved"`
	Competences    []CompetenceRating `json:"competences"`
	Assessment     string             `json:"assessment"`
	Recommendation string             `json:"recommendation"`
	CitizenView    string             `json:"citizen_view"`
	EvaluatedOn    Date               `json:"evaluated_on"`
}

// PlanStep is one rung of the planned hours ladder: from the placement's
// FromWeek (week 1 is the week it starts) the citizen is to work Hours a
// week, until the next step.
type PlanStep struct {
	FromWeek int     `json:"from_week"`
	Hours    float64 `json:"hours"`
}

// PlannedHours is the ladder's weekly hours in placement week n (1-based);
// 0 before week 1 or without a plan.
func PlannedHours(plan []PlanStep, n int) float64 {
	h := 0.0
	for _, s := range plan {
		if s.FromWeek > n {
			break
		}
		h = s.Hours
	}
	return h
}

// PlanTop is the highest weekly hours in the ladder: where it leads.
func PlanTop(plan []PlanStep) float64 {
	top := 0.0
	for _, s := range plan {
		top = max(top, s.Hours)
	}
	return top
}

// DefaultPlan builds a ladder from an opening's hours: the minimum (10
// hours when the opening names none) for two weeks, then 5 hours more every
// two weeks up to the maximum. Progression in hours is what a placement is
// measured on (DOMAIN.md §5); the step size is a starting point for the
// consultant to adjust, not a rule from the sources.
func DefaultPlan(minHours, maxHours float64) []PlanStep {
	if maxHours <= 0 {
		return nil
	}
	h := minHours
	if h <= 0 {
		h = min(10, maxHours)
	}
	h = min(h, maxHours)
	plan := []PlanStep{{FromWeek: 1, Hours: h}}
	for week := 3; h < maxHours; week += 2 {
		h = min(h+5, maxHours)
		plan = append(plan, PlanStep{FromWeek: week, Hours: h})
	}
	return plan
}

// DefaultPlacementWeeks is the planned length of a placement of kind k
// when neither the consultant nor the opening says: 13 weeks of praktik
// (DOMAIN.md §4: DEKRA's and group 1's courses), 26 weeks of løntilskud
// (the sources give none; half a year is the common practice), two years
// of IGU (the scheme's length). Fleksjob and ordinary hours are jobs and
// have no planned end (0).
func DefaultPlacementWeeks(k Kind) int {
	switch k {
	case KindPraktik:
		return 13
	case KindLoentilskud:
		return 26
	case KindIGU:
		return 104
	}
	return 0
}

// DefaultEndDate is the planned last day of a placement of kind k that
// starts on start, or the zero Date when the kind has no planned end.
func DefaultEndDate(k Kind, start Date) Date {
	w := DefaultPlacementWeeks(k)
	if w == 0 || start.IsZero() {
		return Date{}
	}
	return start.AddDays(7*w - 1)
}

// PlacementDetails are a placement's outcome, plan, mentors and
// evaluation: the fields beyond its place in the pipeline.
type PlacementDetails struct {
	Outcome     Outcome        `json:"outcome"`
	Plan        List[PlanStep] `json:"plan"`
	TargetHours float64        `json:"target_hours"`
	// CompanyMentor is the mentor at the workplace; JobcentreMentor the
	// jobcentre's (DOMAIN.md §2: a mentor helps both citizen and company).
	CompanyMentor   *Mentor              `json:"company_mentor" gorm:"serializer:json"`
	JobcentreMentor *Mentor              `json:"jobcentre_mentor" gorm:"serializer:json"`
	Evaluation      *PlacementEvaluation `json:"evaluation" gorm:"serializer:json"`
	// EndedOn is the day a completed or interrupted placement actually
	// ended; EndDate stays the planned end.
	EndedOn Date   `json:"ended_on"`
	Note    string `json:"note"`
}

// PlacementFields are the writable fields of a placement, which the API
// decodes into; the placement's own columns plus PlacementDetails.
type PlacementFields struct {
	CitizenID int64           `json:"citizen_id"`
	OpeningID *int64          `json:"opening_id"`
	CompanyID int64           `json:"company_id"`
	Kind      Kind            `json:"kind"`
	StartDate Date            `json:"start_date"`
	EndDate   Date            `json:"end_date"`
	Status    PlacementStatus `json:"status"`
	PlacementDetails
}

// Fields returns p's writable fields.
func (p Placement) Fields() PlacementFields {
	return PlacementFields{CitizenID: p.CitizenID, OpeningID: p.OpeningID, CompanyID: p.CompanyID, Kind: p.Kind,
		StartDate: p.StartDate, EndDate: p.EndDate, Status: p.Status, PlacementDetails: p.PlacementDetails}
}

// SetFields writes f onto p.
func (p *Placement) SetFields(f PlacementFields) {
	p.CitizenID, p.OpeningID, p.CompanyID, p.Kind = f.CitizenID, f.OpeningID, f.CompanyID, f.Kind
	p.StartDate, p.EndDate, p.Status, p.PlacementDetails = f.StartDate, f.EndDate, f.Status, f.PlacementDetails
}

// TargetWeeklyHours is where the placement is to lead: TargetHours when
// set, else the top of the plan; 0 when neither says.
func (p Placement) TargetWeeklyHours() float64 {
	if p.TargetHours > 0 {
		return p.TargetHours
	}
	return PlanTop(p.Plan)
}

// LastDay is the placement's last day: the day it ended when it is over,
// else the planned end. The zero Date means open-ended.
func (p Placement) LastDay() Date {
	if p.Status.Final() && !p.EndedOn.IsZero() {
		return p.EndedOn
	}
	return p.EndDate
}

// Covers reports whether any day of week w lies within the placement.
func (p Placement) Covers(w ISOWeek) bool {
	if p.StartDate.IsZero() || w.Sunday().Before(p.StartDate) {
		return false
	}
	last := p.LastDay()
	return last.IsZero() || !last.Before(w.Monday())
}

// RunningOn reports whether the placement is under way on day d: started
// (aktiv, or planlagt with a start date that has come) and not over.
func (p Placement) RunningOn(d Date) bool {
	if p.Status.Final() || p.StartDate.IsZero() || d.Before(p.StartDate) {
		return false
	}
	return p.EndDate.IsZero() || !p.EndDate.Before(d)
}

// WeekNo is week w's number within the placement: 1 for the week it
// starts in.
func (p Placement) WeekNo(w ISOWeek) int { return w.WeeksSince(ISOWeekOf(p.StartDate)) + 1 }

// PlannedFor is the ladder's hours for week w, 0 outside the placement.
func (p Placement) PlannedFor(w ISOWeek) float64 {
	if !p.Covers(w) {
		return 0
	}
	return PlannedHours(p.Plan, p.WeekNo(w))
}

// Limits of a placement's fields.
const (
	MaxPlanSteps   = 52
	MaxCompetences = 30
)

// Validate normalises and checks a placement's fields on their own. The
// app checks what needs rows: the citizen, company and opening exist in
// the caller's reach, and the status may move from the stored one.
func (f *PlacementFields) Validate() FieldErrors {
	trim(&f.Note)
	var c checker
	if f.CitizenID <= 0 {
		c.errs.Add("citizen_id", "Vælg borgeren.")
	}
	if f.CompanyID <= 0 {
		c.errs.Add("company_id", "Vælg virksomheden (eller en åbning, som virksomheden hentes fra).")
	}
	if f.Kind == "" {
		c.errs.Add("kind", "Vælg ordning (praktik, løntilskud, IGU, fleksjob eller ordinære timer).")
	} else if !f.Kind.Valid() {
		c.errs.Add("kind", "Ukendt ordning %q.", f.Kind)
	}
	if f.StartDate.IsZero() {
		c.errs.Add("start_date", "Angiv startdatoen.")
	}
	for field, d := range map[string]Date{"start_date": f.StartDate, "end_date": f.EndDate, "ended_on": f.EndedOn} {
		if !InRange(d) {
			c.errs.Add(field, "Datoen skal ligge mellem %d-01-01 og %d-12-31.", MinYear, MaxYear)
		}
	}
	if !f.EndDate.IsZero() && !f.StartDate.IsZero() && f.EndDate.Before(f.StartDate) {
		c.errs.Add("end_date", "Slutdatoen ligger før startdatoen.")
	}
	if f.Status == "" {
		f.Status = PlacementPlanned
	}
	if !f.Status.Valid() {
		c.errs.Add("status", "Ukendt status %q. Mulige: planlagt, aktiv, afsluttet, afbrudt.", f.Status)
	}
	switch {
	case !f.Outcome.Valid():
		c.errs.Add("outcome", "Ukendt udfald %q.", f.Outcome)
	case f.Outcome != "" && !f.Status.Final():
		c.errs.Add("outcome", "Udfaldet angives, når placeringen er afsluttet eller afbrudt.")
	case f.Outcome == "" && f.Status == PlacementCompleted:
		c.errs.Add("outcome", "Angiv, hvad placeringen førte til (fx ordinært job, løntilskud eller andet).")
	}
	switch {
	case !f.EndedOn.IsZero() && !f.Status.Final():
		c.errs.Add("ended_on", "Den faktiske slutdato angives, når placeringen er afsluttet eller afbrudt.")
	case !f.EndedOn.IsZero() && !f.StartDate.IsZero() && f.EndedOn.Before(f.StartDate):
		c.errs.Add("ended_on", "Placeringen kan ikke slutte, før den startede.")
	}
	checkPlan(&c, f.Plan)
	if f.TargetHours < 0 || f.TargetHours > MaxWeeklyHours {
		c.errs.Add("target_hours", "Målet for timer pr. uge skal være mellem 0 og %d.", MaxWeeklyHours)
	}
	checkMentor(&c, "company_mentor", f.CompanyMentor)
	checkMentor(&c, "jobcentre_mentor", f.JobcentreMentor)
	if f.Evaluation != nil {
		checkEvaluation(&c, f.Evaluation)
	}
	c.long("note", f.Note)
	return c.errs
}

func checkPlan(c *checker, plan []PlanStep) {
	if len(plan) > MaxPlanSteps {
		c.errs.Add("plan", "Planen må højst have %d trin.", MaxPlanSteps)
		return
	}
	for i, s := range plan {
		switch {
		case i == 0 && s.FromWeek != 1:
			c.errs.Add(fieldIndex("plan", i, "from_week"), "Planens første trin skal gælde fra uge 1.")
		case i > 0 && s.FromWeek <= plan[i-1].FromWeek:
			c.errs.Add(fieldIndex("plan", i, "from_week"), "Trinene skal stå i rækkefølge med stigende ugenumre.")
		}
		if s.Hours < 0 || s.Hours > MaxWeeklyHours {
			c.errs.Add(fieldIndex("plan", i, "hours"), "Timer pr. uge skal være mellem 0 og %d.", MaxWeeklyHours)
		}
	}
}

func checkMentor(c *checker, field string, m *Mentor) {
	if m == nil {
		return
	}
	trim(&m.Name, &m.Phone, &m.Email)
	c.short(field+".name", m.Name, true)
	c.short(field+".phone", m.Phone, false)
	c.email(field+".email", m.Email)
}

func checkEvaluation(c *checker, e *PlacementEvaluation) {
	trim(&e.TasksSolved, &e.Assessment, &e.Recommendation, &e.CitizenView)
	if !e.Completion.Valid() {
		c.errs.Add("evaluation.completion", "Vælg gennemført, delvist gennemført eller mødte ikke op.")
	}
	c.long("evaluation.tasks_solved", e.TasksSolved)
	c.long("evaluation.assessment", e.Assessment)
	c.long("evaluation.recommendation", e.Recommendation)
	c.long("evaluation.citizen_view", e.CitizenView)
	if len(e.Competences) > MaxCompetences {
		c.errs.Add("evaluation.competences", "Højst %d kompetencer.", MaxCompetences)
	}
	for i := range e.Competences {
		k := &e.Competences[i]
		trim(&k.Name, &k.Note)
		c.short(fieldIndex("evaluation.competences", i, "name"), k.Name, true)
		if k.Rating < 1 || k.Rating > 5 {
			c.errs.Add(fieldIndex("evaluation.competences", i, "rating"), "Vurderingen skal være fra 1 til 5.")
		}
		c.text(fieldIndex("evaluation.competences", i, "note"), k.Note, MaxShortText, true)
	}
}

// OutcomeOptions returns the outcomes as options for a select box.
func OutcomeOptions() []Option {
	out := make([]Option, len(Outcomes))
	for i, o := range Outcomes {
		out[i] = Option{string(o), o.Label()}
	}
	return out
}

// PlacementStatusOptions returns the statuses as options.
func PlacementStatusOptions() []Option {
	out := make([]Option, len(PlacementStatuses))
	for i, s := range PlacementStatuses {
		out[i] = Option{string(s), s.Label()}
	}
	return out
}

// CompletionOptions returns the completion values as options.
func CompletionOptions() []Option {
	out := make([]Option, len(Completions))
	for i, c := range Completions {
		out[i] = Option{string(c), c.Label()}
	}
	return out
}
