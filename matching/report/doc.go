// Package report computes the monthly report: per month and target group,
// how many citizens are in a placement or have ordinary hours (the STV
// target of +20 percentage points, DOMAIN.md §5.7), placements started and
// ended by kind and branch, outcomes, average weekly hours and their
// change, and the time from entering the target group to the first
// placement. It holds counts only, no personal data.
//
// It is pure, like matching/progression: rows in, report out. No database,
// no HTTP, no clock: the caller reads the rows (Citizen, Placement,
// GroupWeek, CitizenMonth) over the days SpanOf names and passes the time
// the report is generated at.
//
// # For the service layer
//
//	from, to, err := report.ParseMonthRange("2027-01", "2027-06")
//	span := report.SpanOf(from, to)
//	// read the rows: hours from span.HoursFrom, ordinary hours from
//	// span.OrdinaryFrom, both to span.Last
//	r := report.Build(report.Input{…}, jobcentreID, from, to, now)
//	r.WriteCSV(w)
package report
