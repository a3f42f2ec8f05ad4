package ui

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"placering/matching/report"
	"placering/models"
	"placering/server/access"
	"placering/server/session"
	"placering/web"
)

// The jobcentre's figures (/rapporter): a range of months, one table per
// month with a row per target group, the placements started and ended by
// kind and branch, and the outcomes; and the same report as CSV for a
// spreadsheet. The API's CSV route takes bearer tokens only, so the UI
// streams the CSV itself, written by the same report.MonthlyReport.WriteCSV.

const (
	secReports  = "rapporter"
	reportsPath = "/rapporter"
	// reportDefaultMonths is the range shown before the user picks one:
	// half a year up to this month.
	reportDefaultMonths = 6
)

var reportLabels = map[string]string{
	"from":         "Fra måned",
	"to":           "Til og med måned",
	"jobcentre_id": "Jobcenter",
}

var danishMonths = [...]string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"}

type reportContent struct {
	Form       *web.Form
	Jobcentres []models.Option
	Report     *report.MonthlyReport
	CSVURL     string
}

// reportQuery reads the month range (defaults: the last six months) and,
// for an administrator, the jobcentre (none: all together).
func (h *Handler) reportQuery(c echo.Context, jcs []models.Option) (url.Values, int64) {
	now := h.App.Now()
	v := url.Values{
		"from": {firstOfMonth(now).AddDate(0, 1-reportDefaultMonths, 0).Format("2006-01")},
		"to":   {now.Format("2006-01")},
	}
	for _, k := range []string{"from", "to"} {
		if s := strings.TrimSpace(c.QueryParam(k)); s != "" && len(s) <= 10 {
			v.Set(k, s)
		}
	}
	var jc int64
	if s := c.QueryParam("jobcentre_id"); hasOption(jcs, s) {
		v.Set("jobcentre_id", s)
		jc, _ = strconv.ParseInt(s, 10, 64)
	}
	return v, jc
}

func firstOfMonth(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func (h *Handler) report(c echo.Context) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	if err := access.Can(u, access.Read, access.Of(access.Report)); err != nil {
		return err
	}
	jcs, err := h.jobcentreChoices(ctx, u)
	if err != nil {
		return err
	}
	v, jc := h.reportQuery(c, jcs)
	form := web.NewForm(reportLabels, v)
	content := &reportContent{Form: form, Jobcentres: jcs}
	status := http.StatusOK
	r, err := h.App.MonthlyReport(ctx, u, jc, v.Get("from"), v.Get("to"))
	var fe models.FieldErrors
	switch {
	case err == nil:
		content.Report = &r
		content.CSVURL = reportsPath + "/csv?" + v.Encode()
	case errors.As(err, &fe):
		form.Errors, status = fe, http.StatusUnprocessableEntity
	default:
		return fmt.Errorf("monthly report: %w", err)
	}
	p := newPage(c, "Månedsrapport", secReports, content)
	p.Invalid = form.Invalid()
	return renderPage(c, status, "reports/monthly", p)
}

func (h *Handler) reportCSV(c echo.Context) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	if err := access.Can(u, access.Read, access.Of(access.Report)); err != nil {
		return err
	}
	jcs, err := h.jobcentreChoices(ctx, u)
	if err != nil {
		return err
	}
	v, jc := h.reportQuery(c, jcs)
	r, err := h.App.MonthlyReport(ctx, u, jc, v.Get("from"), v.Get("to"))
	if err != nil {
		return err
	}
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="maanedsrapport-%s-%s.csv"`, r.From, r.To))
	res.WriteHeader(http.StatusOK)
	return r.WriteCSV(res)
}

// Formatting for the template.

// MonthName writes "2027-01" as "Januar 2027".
func (reportContent) MonthName(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	name := danishMonths[t.Month()-1]
	return strings.ToUpper(name[:1]) + name[1:] + " " + strconv.Itoa(t.Year())
}

// MonthInText writes "2027-01" as "januar 2027", for use mid-sentence.
func (reportContent) MonthInText(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return danishMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// Share writes a share as a percentage with one decimal, "23,5 %".
func (reportContent) Share(f *float64) string {
	if f == nil {
		return "–"
	}
	return decimal(math.Round(*f*1000)/10, 1) + " %"
}

// Dec writes a figure with one decimal; "–" for none.
func (reportContent) Dec(f *float64) string {
	if f == nil {
		return "–"
	}
	return decimal(*f, 1)
}

// Change writes a change with its sign; "–" for none.
func (reportContent) Change(f *float64) string {
	if f == nil {
		return "–"
	}
	s := decimal(math.Abs(*f), 1)
	switch {
	case *f >= 0.05:
		return "+" + s
	case *f <= -0.05:
		return "−" + s
	}
	return "0"
}

// Sum adds the counts of a breakdown.
func (reportContent) Sum(ks []report.KindBranchCount) int {
	n := 0
	for _, k := range ks {
		n += k.Count
	}
	return n
}

// Total is the month's row for all target groups.
func (reportContent) Total(m report.ReportMonth) *report.ReportGroup {
	for i := range m.Groups {
		if m.Groups[i].TargetGroup == report.AllGroups {
			return &m.Groups[i]
		}
	}
	return nil
}

// flowRow is one kind and branch with the placements started and ended.
type flowRow struct {
	Kind, Branch   string
	Started, Ended int
}

// Flows joins a group's started and ended placements by kind and branch.
func (reportContent) Flows(g *report.ReportGroup) []flowRow {
	var out []flowRow
	at := map[[2]string]int{}
	add := func(k report.KindBranchCount, started bool) {
		key := [2]string{string(k.Kind), k.Branch}
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, flowRow{Kind: orText(k.KindLabel, string(k.Kind)), Branch: orText(k.BranchLabel, k.Branch)})
		}
		if started {
			out[i].Started += k.Count
		} else {
			out[i].Ended += k.Count
		}
	}
	for _, k := range g.Started {
		add(k, true)
	}
	for _, k := range g.Ended {
		add(k, false)
	}
	return out
}
