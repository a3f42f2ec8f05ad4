package app

import (
	"context"
	"sync"
	"time"

	"placering/matching/report"
	"placering/server/access"
)

// The monthly report is counted by the pure package matching/report; the
// service checks access, reads the rows, and keeps the result while the
// jobcentre's data is unchanged.

// MonthlyReport is the report over a range of months (report.MonthlyReport).
type MonthlyReport = report.MonthlyReport

// MonthlyReport builds the report for a jobcentre: a consultant's own, or
// for an administrator the one asked for (0: all jobcentres together).
func (a *App) MonthlyReport(ctx context.Context, u Actor, jc int64, from, to string) (MonthlyReport, error) {
	if err := can(u, access.Read, access.Of(access.Report)); err != nil {
		return MonthlyReport{}, err
	}
	if !access.ScopeOf(u).All || jc != 0 {
		var err error
		if jc, err = scopeJobcentre(u, jc); err != nil {
			return MonthlyReport{}, err
		}
	}
	f, t, err := report.ParseMonthRange(from, to)
	if err != nil {
		return MonthlyReport{}, err
	}
	if jc == 0 { // all jobcentres together: rare, not cached
		return a.buildMonthlyReport(ctx, jc, f, t)
	}
	// A committee paper's figures are asked for again and again; keep
	// them while the jobcentre's data is unchanged.
	stamp, err := a.progressionStamp(ctx, jc)
	if err != nil {
		return MonthlyReport{}, err
	}
	return a.reports.Get(reportKey{jc, from, to}, stamp, func() (MonthlyReport, error) {
		return a.buildMonthlyReport(ctx, jc, f, t)
	})
}

// reportKey names a cached monthly report.
type reportKey struct {
	jobcentre int64
	from, to  string
}

// buildMonthlyReport reads the rows the report is counted from and counts it.
func (a *App) buildMonthlyReport(ctx context.Context, jc int64, f, t time.Time) (MonthlyReport, error) {
	span := report.SpanOf(f, t)
	// The four reads are independent; run them side by side, since the
	// two over the weekly hours take most of the time.
	var (
		citizens   []report.Citizen
		placements []report.Placement
		hours      []report.GroupWeek
		ordinary   []report.CitizenMonth
		errs       [4]error
		wg         sync.WaitGroup
	)
	for i, read := range []func() error{
		func() (err error) { citizens, err = a.store.ReportCitizens(ctx, jc); return },
		func() (err error) { placements, err = a.store.ReportPlacements(ctx, jc); return },
		func() (err error) {
			hours, err = a.store.HoursByGroupWeek(ctx, jc, span.HoursFrom, span.Last)
			return
		},
		func() (err error) {
			ordinary, err = a.store.OrdinaryHourMonths(ctx, jc, span.OrdinaryFrom, span.Last)
			return
		},
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = read()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return MonthlyReport{}, err
		}
	}
	in := report.Input{Citizens: citizens, Placements: placements, Hours: hours, Ordinary: ordinary}
	return report.Build(in, jc, f, t, a.Now().UTC()), nil
}
