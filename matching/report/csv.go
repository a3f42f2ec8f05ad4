package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// WriteCSV writes the report as CSV for Danish spreadsheets: semicolons,
// decimal commas and a byte-order mark so that æ, ø and å survive. It is
// long ("tidy"): one figure per row, so breakdowns by kind, branch and
// outcome need no extra columns.
func (r MonthlyReport) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	rows := [][]string{{"Måned", "Målgruppe", "Nøgletal", "Ordning", "Branche", "Udfald", "Værdi"}}
	for _, m := range r.Months {
		for _, g := range m.Groups {
			row := func(what, kind, branch, outcome, value string) {
				rows = append(rows, []string{m.Month, g.TargetGroupLabel, what, kind, branch, outcome, value})
			}
			row("Borgere", "", "", "", strconv.Itoa(g.Citizens))
			row("I placering", "", "", "", strconv.Itoa(g.InPlacement))
			row("Med ordinære timer", "", "", "", strconv.Itoa(g.WithOrdinaryHours))
			row("I placering eller med ordinære timer", "", "", "", strconv.Itoa(g.InPlacementOrOrdinary))
			row("Andel i placering eller med ordinære timer", "", "", "", csvDecimal(g.Share, 3))
			for _, s := range g.Started {
				row("Placeringer startet", s.KindLabel, s.BranchLabel, "", strconv.Itoa(s.Count))
			}
			for _, s := range g.Ended {
				row("Placeringer sluttet", s.KindLabel, s.BranchLabel, "", strconv.Itoa(s.Count))
			}
			row("Gennemført", "", "", "", strconv.Itoa(g.Completed))
			row("Afbrudt", "", "", "", strconv.Itoa(g.Interrupted))
			for _, o := range g.Outcomes {
				row("Udfald", "", "", o.Label, strconv.Itoa(o.Count))
			}
			row("Gennemsnitlige timer pr. uge", "", "", "", csvDecimal(g.AvgWeeklyHours, 1))
			row("Ændring i timer pr. uge fra måneden før", "", "", "", csvDecimal(g.AvgWeeklyHoursChange, 1))
			row("Første placeringer", "", "", "", strconv.Itoa(g.FirstPlacements))
			row("Dage fra målgruppe til første placering, gennemsnit", "", "", "", csvDecimal(g.DaysToFirstPlacementAvg, 1))
			row("Dage fra målgruppe til første placering, median", "", "", "", csvDecimal(g.DaysToFirstPlacementMedian, 1))
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// csvDecimal writes a number with a decimal comma, "" for none.
func csvDecimal(v *float64, places int) string {
	if v == nil || math.IsNaN(*v) {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(*v, 'f', places, 64), ".", ",", 1)
}
