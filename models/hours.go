package models

import "time"

// Weekly hours of a placement (timeprogression, DOMAIN.md §5). Each entry
// is kept twice: WeeklyHours is the current value per placement and week,
// and every save appends an HourRevision. A correction is a new revision,
// so nothing entered is ever lost, and the current row is always the
// latest revision.

// MaxLoggedHours bounds every hour figure of a week. It is above the
// 48-hour working-time ceiling on purpose: a week's figure that high is a
// typing error (a month's hours, a missing decimal point), not overtime.
const MaxLoggedHours = 80

// AbsenceReason is why planned hours were not worked.
type AbsenceReason string

const (
	AbsenceIllness AbsenceReason = "sygdom"
	AbsenceNoShow  AbsenceReason = "udeblivelse"
	AbsenceOther   AbsenceReason = "andet"
)

// AbsenceReasons lists the reasons in the order the UI shows them.
var AbsenceReasons = []AbsenceReason{AbsenceIllness, AbsenceNoShow, AbsenceOther}

var absenceLabels = map[AbsenceReason]string{
	AbsenceIllness: "Sygdom",
	AbsenceNoShow:  "Udeblivelse uden afbud",
	AbsenceOther:   "Andet fravær",
}

// Valid reports whether r is a known reason. Empty means no absence.
func (r AbsenceReason) Valid() bool { _, ok := absenceLabels[r]; return ok || r == "" }

// Label is the Danish name of the reason.
func (r AbsenceReason) Label() string { return absenceLabels[r] }

// HourSource says who reported a week's hours.
type HourSource string

const (
	SourceConsultant HourSource = "konsulent"
	SourceMentor     HourSource = "virksomhedsmentor"
	SourceEmployer   HourSource = "arbejdsgiver"
)

// HourSources lists the sources.
var HourSources = []HourSource{SourceConsultant, SourceMentor, SourceEmployer}

var sourceLabels = map[HourSource]string{
	SourceConsultant: "Jobcentrets konsulent",
	SourceMentor:     "Mentor på arbejdspladsen",
	SourceEmployer:   "Arbejdsgiveren",
}

// Valid reports whether s is a known source.
func (s HourSource) Valid() bool { _, ok := sourceLabels[s]; return ok }

// Label is the Danish name of the source.
func (s HourSource) Label() string { return sourceLabels[s] }

// HourValues are the figures of one week. Planned is nil when the week
// follows the placement's plan.
type HourValues struct {
	Planned       *float64      `json:"planned"`
	Worked        float64       `json:"worked"`
	Absent        float64       `json:"absent"`
	AbsenceReason AbsenceReason `json:"absence_reason"`
	// Ordinary is the part of Worked paid as ordinary, unsubsidised work:
	// what counts toward the 225-hour rule.
	Ordinary float64 `json:"ordinary"`
}

// Same reports whether v and w hold the same figures.
func (v HourValues) Same(w HourValues) bool {
	samePlan := (v.Planned == nil && w.Planned == nil) || (v.Planned != nil && w.Planned != nil && *v.Planned == *w.Planned)
	return samePlan && v.Worked == w.Worked && v.Absent == w.Absent && v.AbsenceReason == w.AbsenceReason && v.Ordinary == w.Ordinary
}

// HourStamp says which revision a week's figures are, and who entered
// them when.
type HourStamp struct {
	Revision  int        `json:"revision"`
	Source    HourSource `json:"source"`
	EnteredBy int64      `json:"entered_by"`
	EnteredAt time.Time  `json:"entered_at"`
	// Note is shared with the employer hosting the placement; InternalNote
	// is the jobcentre's own (why a citizen was absent, say) and never
	// leaves jobcentre staff.
	Note         string `json:"note"`
	InternalNote string `json:"internal_note"`
}

// WeeklyHours is the current figures of one placement in one ISO week.
// JobcentreID and CitizenID repeat the placement's, so that a jobcentre's
// or a citizen's weeks are read without a join.
type WeeklyHours struct {
	ID          int64   `json:"id" gorm:"primaryKey"`
	PlacementID int64   `json:"placement_id"`
	JobcentreID int64   `json:"jobcentre_id"`
	CitizenID   int64   `json:"citizen_id"`
	Week        ISOWeek `json:"iso_week" gorm:"column:iso_week"`
	WeekStart   Date    `json:"week_start"`
	HourValues
	HourStamp
}

// TableName names the current-hours table.
func (WeeklyHours) TableName() string { return "placement_hours" }

// HourRevision is one save of a week's figures. Rows are only ever added.
type HourRevision struct {
	ID          int64   `json:"id" gorm:"primaryKey"`
	PlacementID int64   `json:"placement_id"`
	Week        ISOWeek `json:"iso_week" gorm:"column:iso_week"`
	WeekStart   Date    `json:"week_start"`
	HourValues
	HourStamp
}

// TableName names the revisions table.
func (HourRevision) TableName() string { return "placement_hour_revisions" }

// HoursInput is what a client sends for one week. Ordinary left out means
// all of Worked for a placement of ordinary hours and none otherwise;
// Source left out follows the user's role. Note is seen by the employer
// too; InternalNote only by jobcentre staff (an employer may not send one). Revision, when sent, is the
// revision the client saw: the save is refused if someone has saved the
// week since, so a correction never silently overwrites another.
type HoursInput struct {
	Planned       *float64      `json:"planned"`
	Worked        *float64      `json:"worked"`
	Absent        float64       `json:"absent"`
	AbsenceReason AbsenceReason `json:"absence_reason"`
	Ordinary      *float64      `json:"ordinary"`
	Source        HourSource    `json:"source"`
	Note          string        `json:"note"`
	InternalNote  string        `json:"internal_note"`
	Revision      *int          `json:"revision"`
}

// Validate checks the figures, naming fields with prefix (for a bulk
// item, "items[3].").
func (in *HoursInput) Validate() FieldErrors { return in.ValidateAs("") }

// ValidateAs is Validate with every field name prefixed.
func (in *HoursInput) ValidateAs(prefix string) FieldErrors {
	trim(&in.Note, &in.InternalNote)
	var c checker
	hours := func(field string, v float64) bool {
		if v < 0 || v > MaxLoggedHours {
			c.errs.Add(prefix+field, "Timetallet skal være mellem 0 og %d (det er %g).", MaxLoggedHours, v)
			return false
		}
		return true
	}
	if in.Planned != nil {
		hours("planned", *in.Planned)
	}
	okWorked := false
	if in.Worked == nil {
		c.errs.Add(prefix+"worked", "Angiv arbejdede timer (0, hvis borgeren ikke arbejdede).")
	} else {
		okWorked = hours("worked", *in.Worked)
	}
	okAbsent := hours("absent", in.Absent)
	if okWorked && okAbsent && *in.Worked+in.Absent > MaxLoggedHours {
		c.errs.Add(prefix+"absent", "Arbejdede timer og fravær kan tilsammen højst være %d.", MaxLoggedHours)
	}
	switch {
	case !in.AbsenceReason.Valid():
		c.errs.Add(prefix+"absence_reason", "Ukendt fraværsårsag %q. Mulige: sygdom, udeblivelse, andet.", in.AbsenceReason)
	case in.Absent > 0 && in.AbsenceReason == "":
		c.errs.Add(prefix+"absence_reason", "Angiv årsagen til fraværet (sygdom, udeblivelse eller andet).")
	case in.Absent == 0 && in.AbsenceReason != "":
		c.errs.Add(prefix+"absence_reason", "Der er ikke angivet fravær, så der skal ikke være en årsag.")
	}
	if in.Ordinary != nil && hours("ordinary", *in.Ordinary) && okWorked && *in.Ordinary > *in.Worked {
		c.errs.Add(prefix+"ordinary", "Ordinære timer er en del af de arbejdede timer og kan ikke være flere (%g > %g).", *in.Ordinary, *in.Worked)
	}
	if in.Source != "" && !in.Source.Valid() {
		c.errs.Add(prefix+"source", "Ukendt kilde %q. Mulige: konsulent, virksomhedsmentor, arbejdsgiver.", in.Source)
	}
	c.text(prefix+"note", in.Note, MaxShortText, true)
	c.text(prefix+"internal_note", in.InternalNote, MaxShortText, true)
	if in.Revision != nil && *in.Revision < 0 {
		c.errs.Add(prefix+"revision", "Revisionen skal være 0 eller mere.")
	}
	return c.errs
}

// Values returns the figures in, for a placement of kind k.
func (in HoursInput) Values(k Kind) HourValues {
	v := HourValues{Planned: in.Planned, Absent: in.Absent, AbsenceReason: in.AbsenceReason}
	if in.Worked != nil {
		v.Worked = *in.Worked
	}
	switch {
	case in.Ordinary != nil:
		v.Ordinary = *in.Ordinary
	case k == KindOrdinaereTimer:
		v.Ordinary = v.Worked
	}
	return v
}

// AbsenceReasonOptions returns the reasons as options.
func AbsenceReasonOptions() []Option {
	out := make([]Option, len(AbsenceReasons))
	for i, r := range AbsenceReasons {
		out[i] = Option{string(r), r.Label()}
	}
	return out
}

// HourSourceOptions returns the sources as options.
func HourSourceOptions() []Option {
	out := make([]Option, len(HourSources))
	for i, s := range HourSources {
		out[i] = Option{string(s), s.Label()}
	}
	return out
}
