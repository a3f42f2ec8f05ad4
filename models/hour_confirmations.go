package models

import "time"

// Confirming hours: the employer hosting a placement confirms each week's
// worked hours, or disputes them with a comment. A confirmation or
// dispute is given for one revision of the week's hours; when the hours
// are corrected (a new revision) the week is unconfirmed again until the
// employer confirms the new figure.

// ConfirmationState is where a week's hours stand with the employer.
type ConfirmationState string

const (
	// ConfirmationNone: hours are entered, the employer has not confirmed
	// the current figure (or it changed since).
	ConfirmationNone ConfirmationState = "ikke_bekraeftet"
	// ConfirmationConfirmed: the employer confirmed the current figure.
	ConfirmationConfirmed ConfirmationState = "bekraeftet"
	// ConfirmationDisputed: the employer disputed the current figure.
	ConfirmationDisputed ConfirmationState = "bestridt"
)

// ConfirmationStates lists the states.
var ConfirmationStates = []ConfirmationState{ConfirmationNone, ConfirmationConfirmed, ConfirmationDisputed}

var confirmationLabels = map[ConfirmationState]string{
	ConfirmationNone:      "Ikke bekræftet",
	ConfirmationConfirmed: "Bekræftet af arbejdsgiver",
	ConfirmationDisputed:  "Bestridt",
}

// Valid reports whether s is a known state.
func (s ConfirmationState) Valid() bool { _, ok := confirmationLabels[s]; return ok }

// Label is the Danish name of the state.
func (s ConfirmationState) Label() string { return confirmationLabels[s] }

// MaxDisputeComment bounds a dispute's comment.
const MaxDisputeComment = MaxShortText

// HourConfirmation is one confirmation or dispute of a week's hours, as
// given. Rows are only added; the latest row of a week counts while the
// week is still at Revision.
type HourConfirmation struct {
	ID          int64             `json:"id" gorm:"primaryKey"`
	PlacementID int64             `json:"placement_id" gorm:"column:placement_id"`
	Week        ISOWeek           `json:"iso_week" gorm:"column:iso_week"`
	WeekStart   Date              `json:"week_start" gorm:"column:week_start"`
	Revision    int               `json:"revision" gorm:"column:revision"`
	State       ConfirmationState `json:"state" gorm:"column:state"`
	// Worked is the stored figure the employer confirmed or disputed;
	// ClaimedWorked what the employer says instead (disputes only).
	Worked        float64   `json:"worked" gorm:"column:worked"`
	ClaimedWorked *float64  `json:"claimed_worked" gorm:"column:claimed_worked"`
	Comment       string    `json:"comment" gorm:"column:comment"`
	ByUser        int64     `json:"by_user" gorm:"column:by_user"`
	DecidedAt     time.Time `json:"decided_at" gorm:"column:decided_at"`
}

// TableName names the confirmations table.
func (HourConfirmation) TableName() string { return "hour_confirmations" }

// ConfirmInput is the body of a confirmation. Worked and Revision, when
// sent, are what the employer saw: the confirmation is refused when the
// week has changed since.
type ConfirmInput struct {
	Worked   *float64 `json:"worked"`
	Revision *int     `json:"revision"`
}

// Validate checks the figures.
func (in *ConfirmInput) Validate() FieldErrors {
	var errs FieldErrors
	checkSeen(&errs, in.Worked, in.Revision)
	return errs
}

// DisputeInput is the body of a dispute: why (required) and, when the
// employer knows it, the figure they believe was worked.
type DisputeInput struct {
	Comment  string   `json:"comment"`
	Worked   *float64 `json:"worked"`
	Revision *int     `json:"revision"`
}

// Validate checks the comment and the figure.
func (in *DisputeInput) Validate() FieldErrors {
	trim(&in.Comment)
	c := checker{}
	if in.Comment == "" {
		c.errs.Add("comment", "Skriv en kommentar om, hvad der ikke passer.")
	} else {
		c.text("comment", in.Comment, MaxDisputeComment, true)
	}
	checkSeen(&c.errs, in.Worked, in.Revision)
	return c.errs
}

func checkSeen(errs *FieldErrors, worked *float64, revision *int) {
	if worked != nil && (*worked < 0 || *worked > MaxLoggedHours) {
		errs.Add("worked", "Timetallet skal være mellem 0 og %d (det er %g).", MaxLoggedHours, *worked)
	}
	if revision != nil && *revision < 1 {
		errs.Add("revision", "Revisionen skal være 1 eller mere.")
	}
}
