// Package progression follows a citizen's hours week by week across their
// placements (timeprogression, DOMAIN.md §5) and says when a consultant
// should act. It is pure: placements and weekly hours in, series, metrics
// and alerts out. No database, no HTTP, no clock: the caller passes the
// day to compute as of.
//
// # Pieces
//
//   - Series (series.go) sums a citizen's placements per ISO week: planned
//     hours (a week's own figure, else the placement's plan ladder), worked,
//     absent and ordinary hours, and whether anything was reported.
//   - Metrics (metrics.go) reads the last 52 weeks of the series: current
//     hours, the 4-week average, the trend (least squares, hours per week),
//     weeks since the last increase, the share of the plan met, progress
//     toward the target hours, and the 225-hour rule's rolling 12 months.
//   - Alerts (alerts.go) are derived, never stored: stagnation, shortfall
//     against the plan, absence streaks, plan reached, re-visitation of a
//     group 2 citizen, target-group deadlines, re-placement after an
//     interrupted placement, and too few ordinary hours. Each has a stable
//     Key, so the service can store an acknowledgement against it; the key
//     changes when the situation does (a new increase, a new due date), so
//     an acknowledgement never hides a new problem.
//   - Settings (settings.go) hold every threshold and the deadline table;
//     a jobcentre administrator edits them, DefaultSettings documents the
//     defaults and where each comes from.
//
// # For the service layer
//
//	c := progression.Citizen{ID: …, TargetGroup: …, GroupEnteredOn: …,
//		Placements: placements, Hours: currentWeeklyHours}
//	r := progression.Analyse(c, settings, today, progression.FullSeries)
//	// r.Series, r.Metrics, r.Alerts
//
// For alerts over a whole jobcentre, pass only the last WindowWeeks+1
// weeks of hours (all that Metrics and Alerts read) and WindowOnly.
package progression
