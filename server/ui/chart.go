package ui

import (
	"math"
	"strconv"
	"strings"

	"placering/matching/progression"
)

// The hour chart is drawn on the server as SVG: no script, no canvas, and
// it prints. Everything here is geometry in the SVG's own units; colours
// and line styles are classes in app.css (the CSP forbids inline styles).
// The chart is one image to assistive technology (role="img" with a title
// and a description); the same numbers stand in the table beside it.

const (
	chartW      = 720.0
	chartH      = 300.0
	chartLeft   = 44.0
	chartRight  = 64.0 // room for the goal's label
	chartTop    = 16.0
	chartBottom = 40.0
)

// hourChart is what the SVG template draws.
type hourChart struct {
	Width, Height string
	// Bars are the hours worked, Absences the absent hours stacked on top.
	Bars, Absences []chartRect
	// Missing marks weeks in a placement with no hours entered.
	Missing  []chartRect
	PlanPath string
	HasPlan  bool
	Goal     *chartLine
	GoalText string
	GoalY    string
	YTicks   []chartTick
	XTicks   []chartTick
	// Baseline is the x axis.
	Baseline chartLine
	PlotLeft string
}

type chartRect struct{ X, Y, W, H string }

type chartLine struct{ X1, Y1, X2, Y2 string }

type chartTick struct {
	Pos   string // y for the value axis, x for the week axis
	Label string
	Line  chartLine
}

func svgNum(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }

// niceMax rounds the highest value up to a whole step, so the top gridline
// carries a round label.
func niceMax(v float64) (top, step float64) {
	step = 5
	if v > 25 {
		step = 10
	}
	top = math.Ceil(v/step) * step
	if top < 10 {
		top = 10
	}
	return top, step
}

// newHourChart lays out the weeks of pts (oldest first) with the target as
// a goal line (0: none).
func newHourChart(pts []progression.Point, target float64) hourChart {
	ch := hourChart{Width: svgNum(chartW), Height: svgNum(chartH), PlotLeft: svgNum(chartLeft)}
	plotW := chartW - chartLeft - chartRight
	plotH := chartH - chartTop - chartBottom
	base := chartTop + plotH
	highest := target
	for _, p := range pts {
		highest = max(highest, p.Planned, p.Worked+p.Absent)
	}
	top, step := niceMax(highest)
	y := func(h float64) float64 { return base - h/top*plotH }
	ch.Baseline = chartLine{X1: svgNum(chartLeft), Y1: svgNum(base), X2: svgNum(chartLeft + plotW), Y2: svgNum(base)}
	for v := 0.0; v <= top+0.001; v += step {
		ch.YTicks = append(ch.YTicks, chartTick{Pos: svgNum(y(v)), Label: strconv.Itoa(int(v)),
			Line: chartLine{X1: svgNum(chartLeft), Y1: svgNum(y(v)), X2: svgNum(chartLeft + plotW), Y2: svgNum(y(v))}})
	}
	n := len(pts)
	if n == 0 {
		return ch
	}
	band := plotW / float64(n)
	barW := band * 0.6
	every := int(math.Ceil(float64(n) / 13)) // at most 13 week labels
	var plan strings.Builder
	for i, p := range pts {
		x := chartLeft + float64(i)*band
		bx := x + (band-barW)/2
		if p.Reported {
			if p.Worked > 0 {
				ch.Bars = append(ch.Bars, chartRect{X: svgNum(bx), Y: svgNum(y(p.Worked)), W: svgNum(barW), H: svgNum(base - y(p.Worked))})
			}
			if p.Absent > 0 {
				ch.Absences = append(ch.Absences, chartRect{X: svgNum(bx), Y: svgNum(y(p.Worked + p.Absent)), W: svgNum(barW),
					H: svgNum(y(p.Worked) - y(p.Worked+p.Absent))})
			}
		} else if len(p.Placements) > 0 {
			ch.Missing = append(ch.Missing, chartRect{X: svgNum(bx), Y: svgNum(base - 4), W: svgNum(barW), H: "4"})
		}
		if p.Planned > 0 {
			ch.HasPlan = true
		}
		// The plan is a step line: flat across each week's band.
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		plan.WriteString(cmd + svgNum(x) + " " + svgNum(y(p.Planned)) + " L" + svgNum(x+band) + " " + svgNum(y(p.Planned)) + " ")
		if i%every == 0 {
			ch.XTicks = append(ch.XTicks, chartTick{Pos: svgNum(x + band/2), Label: "u" + strconv.Itoa(p.Week.Week)})
		}
	}
	if ch.HasPlan {
		ch.PlanPath = strings.TrimSpace(plan.String())
	}
	if target > 0 {
		gy := svgNum(y(target))
		ch.Goal = &chartLine{X1: svgNum(chartLeft), Y1: gy, X2: svgNum(chartLeft + plotW), Y2: gy}
		ch.GoalY, ch.GoalText = svgNum(y(target)+4), "Mål "+decimal(target, 1)
	}
	return ch
}
