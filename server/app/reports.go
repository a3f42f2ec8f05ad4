package app

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"placering/models"
	"placering/store"
)

// The monthly report: per month and target group, how many citizens are
// in a placement or have ordinary hours (the STV target of +20 percentage
// points, DOMAIN.md §5.7), placements started and ended by kind and
// branch, outcomes, average weekly hours and their change, and the time
// from entering the target group to the first placement. It holds counts
// only, no personal data.

// MaxReportMonths bounds a report's range.
const MaxReportMonths = 36

// AllGroups is the target group code of each month's total row.
const AllGroups = "alle"

// KindBranchCount counts placements of one kind in one branch.
type KindBranchCount struct {
	Kind        models.Kind `json:"kind"`
	KindLabel   string      `json:"kind_label"`
	Branch      string      `json:"branch"`
	BranchLabel string      `json:"branch_label"`
	Count       int         `json:"count"`
}

// OutcomeCount counts ended placements with one outcome ("" when none was
// recorded).
type OutcomeCount struct {
	Outcome models.Outcome `json:"outcome"`
	Label   string         `json:"label"`
	Count   int            `json:"count"`
}

// ReportGroup is one target group's figures in one month.
type ReportGroup struct {
	TargetGroup      string `json:"target_group"`
	TargetGroupLabel string `json:"target_group_label"`
	// Citizens in the target group during the month, from the day they
	// entered it until archived, by their current group (the register
	// keeps no group history).
	Citizens          int `json:"citizens"`
	InPlacement       int `json:"in_placement"`
	WithOrdinaryHours int `json:"with_ordinary_hours"`
	// InPlacementOrOrdinary and Share: the STV measure.
	InPlacementOrOrdinary int               `json:"in_placement_or_ordinary_hours"`
	Share                 *float64          `json:"share_in_placement_or_ordinary_hours"`
	Started               []KindBranchCount `json:"placements_started"`
	Ended                 []KindBranchCount `json:"placements_ended"`
	Completed             int               `json:"completed"`
	Interrupted           int               `json:"interrupted"`
	Outcomes              []OutcomeCount    `json:"outcomes"`
	// AvgWeeklyHours is the mean hours worked per reported citizen-week
	// (a week belongs to the month of its Thursday); the change is against
	// the month before.
	AvgWeeklyHours       *float64 `json:"avg_weekly_hours"`
	AvgWeeklyHoursChange *float64 `json:"avg_weekly_hours_change"`
	// FirstPlacements counts citizens whose first placement after entering
	// their target group started in the month, and how many days it took.
	FirstPlacements            int      `json:"first_placements"`
	DaysToFirstPlacementAvg    *float64 `json:"days_to_first_placement_avg"`
	DaysToFirstPlacementMedian *float64 `json:"days_to_first_placement_median"`
}

// ReportMonth is one month of the report.
type ReportMonth struct {
	Month  string        `json:"month"`
	Groups []ReportGroup `json:"groups"`
}

// MonthlyReport is the report over a range of months.
type MonthlyReport struct {
	JobcentreID int64         `json:"jobcentre_id"`
	From        string        `json:"from"`
	To          string        `json:"to"`
	GeneratedAt time.Time     `json:"generated_at"`
	Months      []ReportMonth `json:"months"`
}

// ParseMonthRange reads "2027-01" and "2027-06" and checks the range.
func ParseMonthRange(from, to string) (time.Time, time.Time, error) {
	var errs models.FieldErrors
	parse := func(field, v string) time.Time {
		t, err := time.Parse("2006-01", v)
		if err != nil || len(v) != 7 {
			errs.Add(field, "Måneden skal skrives som ÅÅÅÅ-MM, fx 2027-01.")
		}
		return t
	}
	f, t := parse("from", from), parse("to", to)
	if len(errs) == 0 {
		switch n := monthsBetween(f, t); {
		case n < 1:
			errs.Add("to", "Slutmåneden ligger før startmåneden.")
		case n > MaxReportMonths:
			errs.Add("to", "Højst %d måneder ad gangen.", MaxReportMonths)
		}
	}
	return f, t, errs.Err()
}

func monthsBetween(from, to time.Time) int {
	return (to.Year()-from.Year())*12 + int(to.Month()-from.Month()) + 1
}

// MonthlyReport builds the report for a jobcentre: a consultant's own, or
// for an administrator the one asked for (0: all jobcentres together).
func (a *App) MonthlyReport(ctx context.Context, u Actor, jc int64, from, to string) (MonthlyReport, error) {
	if !isAdmin(u) && !isConsultant(u) {
		return MonthlyReport{}, forbid("kun jobcentrets medarbejdere kan se rapporter")
	}
	if !isAdmin(u) || jc != 0 {
		var err error
		if jc, err = scopeJobcentre(u, jc); err != nil {
			return MonthlyReport{}, err
		}
	}
	f, t, err := ParseMonthRange(from, to)
	if err != nil {
		return MonthlyReport{}, err
	}
	if jc == 0 { // all jobcentres together: rare, not cached
		return a.buildMonthlyReport(ctx, jc, from, to, f, t)
	}
	// A committee paper's figures are asked for again and again; keep
	// them while the jobcentre's data is unchanged.
	stamp, err := a.progressionStamp(ctx, jc)
	if err != nil {
		return MonthlyReport{}, err
	}
	return a.reports.get(reportKey{jc, from, to}, stamp, func() (MonthlyReport, error) {
		return a.buildMonthlyReport(ctx, jc, from, to, f, t)
	})
}

// reportKey names a cached monthly report.
type reportKey struct {
	jobcentre int64
	from, to  string
}

func (a *App) buildMonthlyReport(ctx context.Context, jc int64, from, to string, f, t time.Time) (MonthlyReport, error) {
	n := monthsBetween(f, t)
	prev := f.AddDate(0, -1, 0)
	lastDay := models.DateOf(t.AddDate(0, 1, -1))
	// The four reads are independent; run them side by side, since the
	// two over the weekly hours take most of the time.
	var (
		citizens   []store.ReportCitizen
		placements []store.ReportPlacement
		hours      []store.GroupWeek
		ordinary   []store.CitizenMonth
		errs       [4]error
		wg         sync.WaitGroup
	)
	for i, read := range []func() error{
		func() (err error) { citizens, err = a.Store.ReportCitizens(ctx, jc); return },
		func() (err error) { placements, err = a.Store.ReportPlacements(ctx, jc); return },
		func() (err error) {
			hours, err = a.Store.HoursByGroupWeek(ctx, jc, models.DateOf(prev), lastDay)
			return
		},
		func() (err error) {
			ordinary, err = a.Store.OrdinaryHourMonths(ctx, jc, models.DateOf(f), lastDay)
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
	b := newReportBuilder(citizens, placements, hours, ordinary)
	r := MonthlyReport{JobcentreID: jc, From: from, To: to, GeneratedAt: a.Now().UTC()}
	for i := 0; i < n; i++ {
		r.Months = append(r.Months, b.month(f.AddDate(0, i, 0)))
	}
	return r, nil
}

type reportBuilder struct {
	citizens   []store.ReportCitizen
	group      map[int64]models.TargetGroup
	placements []store.ReportPlacement
	byCitizen  map[int64][]store.ReportPlacement
	hours      map[string]monthHours     // month/group
	ordinary   map[string]map[int64]bool // month → citizens
	firstStart map[int64]models.Date     // citizen → first placement after group entry
}

func newReportBuilder(cs []store.ReportCitizen, ps []store.ReportPlacement, hs []store.GroupWeek, ord []store.CitizenMonth) *reportBuilder {
	b := &reportBuilder{citizens: cs, group: make(map[int64]models.TargetGroup, len(cs)), placements: ps,
		byCitizen: map[int64][]store.ReportPlacement{}, hours: map[string]monthHours{}, ordinary: map[string]map[int64]bool{},
		firstStart: map[int64]models.Date{}}
	entered := make(map[int64]models.Date, len(cs))
	for _, c := range cs {
		b.group[c.ID], entered[c.ID] = c.TargetGroup, c.GroupEnteredOn
	}
	for _, p := range ps {
		b.byCitizen[p.CitizenID] = append(b.byCitizen[p.CitizenID], p)
		e, ok := entered[p.CitizenID]
		if !ok || e.IsZero() || p.StartDate.IsZero() || p.StartDate.Before(e) {
			continue
		}
		if first, seen := b.firstStart[p.CitizenID]; !seen || p.StartDate.Before(first) {
			b.firstStart[p.CitizenID] = p.StartDate
		}
	}
	for _, h := range hs {
		// A week belongs to the month of its Thursday.
		key := h.WeekStart.AddDays(3).String()[:7] + "/" + string(h.TargetGroup)
		m := b.hours[key]
		m.weeks += h.CitizenWeeks
		m.worked += h.Worked
		b.hours[key] = m
	}
	for _, o := range ord {
		month := o.Month.String()[:7]
		if b.ordinary[month] == nil {
			b.ordinary[month] = map[int64]bool{}
		}
		b.ordinary[month][o.CitizenID] = true
	}
	return b
}

// monthHours sums the reported citizen-weeks of a month and group.
type monthHours struct {
	weeks  int
	worked float64
}

type groupAcc struct {
	citizens, inPlacement, withOrdinary, union, completed, interrupted int
	started, ended                                                     map[[2]string]int
	outcomes                                                           map[models.Outcome]int
	days                                                               []int
}

func (b *reportBuilder) month(m time.Time) ReportMonth {
	ms, me := models.DateOf(m), models.DateOf(m.AddDate(0, 1, -1))
	key := m.Format("2006-01")
	accs := map[string]*groupAcc{}
	acc := func(g string) *groupAcc {
		if accs[g] == nil {
			accs[g] = &groupAcc{started: map[[2]string]int{}, ended: map[[2]string]int{}, outcomes: map[models.Outcome]int{}}
		}
		return accs[g]
	}
	inMonth := func(d models.Date) bool { return !d.IsZero() && !d.Before(ms) && !me.Before(d) }
	for _, c := range b.citizens {
		// A citizen counts from entering the target group (registration
		// when that is unknown) until archived.
		since := c.GroupEnteredOn
		if since.IsZero() {
			since = models.DateOf(c.CreatedAt)
		}
		if me.Before(since) || (c.ArchivedAt != nil && models.DateOf(*c.ArchivedAt).Before(ms)) {
			continue
		}
		placed := false
		for _, p := range b.byCitizen[c.ID] {
			last := lastDayOf(p)
			if !p.StartDate.IsZero() && !me.Before(p.StartDate) && (last.IsZero() || !last.Before(ms)) {
				placed = true
				break
			}
		}
		ord := b.ordinary[key][c.ID]
		for _, g := range []string{string(c.TargetGroup), AllGroups} {
			a := acc(g)
			a.citizens++
			a.inPlacement += countIf(placed)
			a.withOrdinary += countIf(ord)
			a.union += countIf(placed || ord)
			if first, ok := b.firstStart[c.ID]; ok && inMonth(first) {
				a.days = append(a.days, int(first.Time().Sub(c.GroupEnteredOn.Time()).Hours()/24))
			}
		}
	}
	for _, p := range b.placements {
		g, ok := b.group[p.CitizenID]
		if !ok {
			continue
		}
		kb := [2]string{string(p.Kind), p.Branch}
		for _, key := range []string{string(g), AllGroups} {
			a := acc(key)
			if inMonth(p.StartDate) {
				a.started[kb]++
			}
			if p.Status.Final() && inMonth(lastDayOf(p)) {
				a.ended[kb]++
				a.outcomes[p.Outcome]++
				if p.Status == models.PlacementCompleted {
					a.completed++
				} else {
					a.interrupted++
				}
			}
		}
	}
	out := ReportMonth{Month: key}
	groups := make([]string, 0, len(models.TargetGroups)+1)
	for _, g := range models.TargetGroups {
		groups = append(groups, string(g))
	}
	groups = append(groups, AllGroups)
	for _, g := range groups {
		a := acc(g)
		rg := ReportGroup{TargetGroup: g, TargetGroupLabel: groupLabel(g), Citizens: a.citizens, InPlacement: a.inPlacement,
			WithOrdinaryHours: a.withOrdinary, InPlacementOrOrdinary: a.union, Completed: a.completed, Interrupted: a.interrupted,
			Started: kindBranch(a.started), Ended: kindBranch(a.ended), Outcomes: outcomeCounts(a.outcomes), FirstPlacements: len(a.days)}
		if a.citizens > 0 {
			rg.Share = reportPtr(float64(a.union) / float64(a.citizens))
		}
		rg.AvgWeeklyHours = b.avgHours(key, g)
		if prev := b.avgHours(m.AddDate(0, -1, 0).Format("2006-01"), g); prev != nil && rg.AvgWeeklyHours != nil {
			rg.AvgWeeklyHoursChange = reportPtr(*rg.AvgWeeklyHours - *prev)
		}
		if len(a.days) > 0 {
			sort.Ints(a.days)
			sum := 0
			for _, d := range a.days {
				sum += d
			}
			rg.DaysToFirstPlacementAvg = reportPtr(float64(sum) / float64(len(a.days)))
			mid := len(a.days) / 2
			med := float64(a.days[mid])
			if len(a.days)%2 == 0 {
				med = float64(a.days[mid-1]+a.days[mid]) / 2
			}
			rg.DaysToFirstPlacementMedian = &med
		}
		out.Groups = append(out.Groups, rg)
	}
	return out
}

// avgHours is the mean hours per reported citizen-week of a month and
// group (all groups for AllGroups).
func (b *reportBuilder) avgHours(month, g string) *float64 {
	var weeks int
	var worked float64
	for _, tg := range models.TargetGroups {
		if g != AllGroups && g != string(tg) {
			continue
		}
		h := b.hours[month+"/"+string(tg)]
		weeks += h.weeks
		worked += h.worked
	}
	if weeks == 0 {
		return nil
	}
	return reportPtr(worked / float64(weeks))
}

func lastDayOf(p store.ReportPlacement) models.Date {
	if p.Status.Final() && !p.EndedOn.IsZero() {
		return p.EndedOn
	}
	return p.EndDate
}

func kindBranch(m map[[2]string]int) []KindBranchCount {
	out := make([]KindBranchCount, 0, len(m))
	for kb, n := range m {
		k := models.Kind(kb[0])
		out = append(out, KindBranchCount{Kind: k, KindLabel: k.Label(), Branch: kb[1], BranchLabel: models.BranchLabel(kb[1]), Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Branch < out[j].Branch
	})
	return out
}

func outcomeCounts(m map[models.Outcome]int) []OutcomeCount {
	out := []OutcomeCount{}
	for _, o := range append([]models.Outcome{""}, models.Outcomes...) {
		if n := m[o]; n > 0 {
			out = append(out, OutcomeCount{Outcome: o, Label: outcomeLabel(o), Count: n})
		}
	}
	return out
}

func outcomeLabel(o models.Outcome) string {
	if o == "" {
		return "Intet udfald angivet"
	}
	return o.Label()
}

func groupLabel(g string) string {
	if g == AllGroups {
		return "Alle målgrupper"
	}
	return models.TargetGroup(g).Label()
}

func countIf(b bool) int {
	if b {
		return 1
	}
	return 0
}

func reportPtr[T any](v T) *T { return &v }

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

// decimal writes a number with a decimal comma, "" for none.
func csvDecimal(v *float64, places int) string {
	if v == nil || math.IsNaN(*v) {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(*v, 'f', places, 64), ".", ",", 1)
}
