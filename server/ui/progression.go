package ui

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/matching/progression"
	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// A citizen's hour progression (/borgere/:id/progression): the chart of
// planned against worked hours per week with absences and the goal, the
// same weeks as a table, the metrics (DOMAIN.md §5), the citizen's current
// alerts and their placements.

// chartWeeks is how many weeks the page shows unless asked for all: half
// a year reads well in the chart and covers the metrics' recent signals.
const chartWeeks = 26

type progressionContent struct {
	statusLabels
	Citizen    models.Citizen
	View       app.ProgressionView
	Weeks      []progression.Point
	AllWeeks   bool
	Truncated  bool
	Chart      hourChart
	ChartTitle string
	ChartDesc  string
	Placements []app.PlacementView
	CanCreate  bool
}

func (h *Handler) progression(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	ct, err := h.App.GetCitizen(ctx, u, id)
	if err != nil {
		return err
	}
	if ct.Archived() {
		return archived("borger")
	}
	v, err := h.App.CitizenProgression(ctx, u, id)
	if err != nil {
		return err
	}
	ps, err := h.App.ListPlacements(ctx, u, models.PlacementFilter{CitizenID: id, Page: models.Page{PerPage: models.MaxPerPage}})
	if err != nil {
		return fmt.Errorf("placements of citizen: %w", err)
	}
	all := c.QueryParam("alle") != ""
	weeks := v.Series
	truncated := false
	if !all && len(weeks) > chartWeeks {
		weeks, truncated = weeks[len(weeks)-chartWeeks:], true
	}
	content := &progressionContent{
		Citizen: ct, View: v, Weeks: weeks, AllWeeks: all, Truncated: truncated,
		Chart: newHourChart(weeks, v.Metrics.TargetHours), Placements: ps.Items, CanCreate: access.Allowed(u, access.Create, access.Of(access.Placement)),
	}
	content.ChartTitle = "Timer pr. uge for " + ct.Name
	content.ChartDesc = chartDescription(weeks, v.Metrics)
	return renderPage(c, http.StatusOK, "citizens/progression", newPage(c, "Timeprogression: "+ct.Name, secCitizens, content))
}

// chartDescription says in words what the chart shows, for the SVG's
// <desc>: the span, the last reported week against its plan, the goal and
// the weeks with absence.
func chartDescription(weeks []progression.Point, m progression.Metrics) string {
	if len(weeks) == 0 {
		return "Der er ingen uger med placeringer eller timer endnu."
	}
	first, last := weeks[0], weeks[len(weeks)-1]
	var b strings.Builder
	fmt.Fprintf(&b, "Søjler viser arbejdede timer og fravær pr. uge fra uge %d, %d til uge %d, %d; en trappelinje viser de planlagte timer.",
		first.Week.Week, first.Week.Year, last.Week.Week, last.Week.Year)
	for i := len(weeks) - 1; i >= 0; i-- {
		if p := weeks[i]; p.Reported {
			fmt.Fprintf(&b, " Seneste indberettede uge er uge %d med %s arbejdede timer mod %s planlagte.",
				p.Week.Week, decimal(p.Worked, 1), decimal(p.Planned, 1))
			break
		}
	}
	if m.TargetHours > 0 {
		fmt.Fprintf(&b, " Målet er %s timer pr. uge.", decimal(m.TargetHours, 1))
	}
	absent := 0
	for _, p := range weeks {
		if p.Absent > 0 {
			absent++
		}
	}
	if absent > 0 {
		fmt.Fprintf(&b, " Der er fravær i %d %s.", absent, map[bool]string{true: "uge", false: "uger"}[absent == 1])
	}
	b.WriteString(" Alle tal står i tabellen under grafen.")
	return b.String()
}

// Formatting for the template.

// Hours writes an hour figure, "7,5"; "–" for none.
func (progressionContent) Hours(f *float64) string {
	if f == nil {
		return "–"
	}
	return decimal(*f, 1)
}

// Num writes a plain hour figure.
func (progressionContent) Num(f float64) string { return decimal(f, 1) }

// Percent writes a share as "85 %"; "–" for none.
func (progressionContent) Percent(f *float64) string {
	if f == nil {
		return "–"
	}
	return strconv.Itoa(int(math.Round(*f*100))) + " %"
}

// Trend writes hours gained per week with its sign, "+1,5 timer pr. uge".
func (progressionContent) Trend(f *float64) string {
	if f == nil {
		return "–"
	}
	s := decimal(math.Abs(*f), 1)
	switch {
	case *f >= 0.05:
		s = "+" + s
	case *f <= -0.05:
		s = "−" + s
	default:
		s = "0"
	}
	return s + " timer pr. uge"
}

// WeekName writes "uge 3, 2027"; "" for the zero week.
func (progressionContent) WeekName(w models.ISOWeek) string {
	if w.IsZero() {
		return ""
	}
	return "uge " + strconv.Itoa(w.Week) + ", " + strconv.Itoa(w.Year)
}

// Reasons names a week's absence reasons.
func (progressionContent) Reasons(rs []models.AbsenceReason) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = orText(r.Label(), string(r))
	}
	return strings.Join(out, ", ")
}

// SeverityLabel names an alert's urgency.
func (progressionContent) SeverityLabel(s progression.Severity) string { return severityLabel(s) }

// Date writes a date the Danish way.
func (progressionContent) Date(d models.Date) string { return web.FormatDate(d) }

// GroupLabel names the citizen's target group.
func (progressionContent) GroupLabel(g models.TargetGroup) string {
	return orText(g.Label(), string(g))
}

func severityLabel(s progression.Severity) string {
	switch s {
	case progression.SeverityOverdue:
		return "Overskredet"
	case progression.SeverityWarning:
		return "Advarsel"
	case progression.SeverityInfo:
		return "Til orientering"
	}
	return string(s)
}
