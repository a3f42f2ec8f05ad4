package report

import (
	"time"

	"placering/models"
)

// Citizen is a citizen as the report counts them.
type Citizen struct {
	ID             int64
	TargetGroup    models.TargetGroup
	GroupEnteredOn models.Date
	CreatedAt      time.Time
	ArchivedAt     *time.Time
}

// Placement is a placement as the report counts it, with its branch: the
// opening's, or the company's when it has no opening.
type Placement struct {
	ID        int64
	CitizenID int64
	Kind      models.Kind
	Status    models.PlacementStatus
	StartDate models.Date
	EndDate   models.Date
	EndedOn   models.Date
	Outcome   models.Outcome
	Branch    string
}

// GroupWeek sums one week of one target group: how many citizen-weeks
// were reported and the hours worked in them (a citizen's placements in
// the same week count as one week).
type GroupWeek struct {
	WeekStart    models.Date
	TargetGroup  models.TargetGroup
	CitizenWeeks int
	Worked       float64
}

// CitizenMonth is a citizen who had ordinary hours in the month that
// starts on Month.
type CitizenMonth struct {
	CitizenID int64
	Month     models.Date
}

// Input is every row a report is built from: the jobcentre's citizens
// (archived ones too) and live placements, and the weekly hours summed by
// week and group and the ordinary-hour months over the days SpanOf names.
type Input struct {
	Citizens   []Citizen
	Placements []Placement
	Hours      []GroupWeek
	Ordinary   []CitizenMonth
}

// Span is the days whose hours a report over a range of months reads.
type Span struct {
	// HoursFrom is the first day of the month before the range: the
	// change in average weekly hours compares the first month with it.
	HoursFrom models.Date
	// OrdinaryFrom is the first day of the range.
	OrdinaryFrom models.Date
	// Last is the last day of the range.
	Last models.Date
}

// SpanOf is the span of the months from from to to (first days of months,
// as ParseMonthRange returns them).
func SpanOf(from, to time.Time) Span {
	return Span{HoursFrom: models.DateOf(from.AddDate(0, -1, 0)), OrdinaryFrom: models.DateOf(from),
		Last: models.DateOf(to.AddDate(0, 1, -1))}
}
