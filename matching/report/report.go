package report

import (
	"sort"
	"time"

	"placering/models"
)

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
		switch {
		case err != nil || len(v) != 7:
			errs.Add(field, "Måneden skal skrives som ÅÅÅÅ-MM, fx 2027-01.")
		case t.Year() < models.MinYear || t.Year() > models.MaxYear:
			errs.Add(field, "Måneden skal ligge mellem %d-01 og %d-12.", models.MinYear, models.MaxYear)
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

// monthsBetween counts the months from from to to, both included.
func monthsBetween(from, to time.Time) int {
	return (to.Year()-from.Year())*12 + int(to.Month()-from.Month()) + 1
}

// Build counts the report of jobcentre jc (0: all jobcentres together)
// over the months from from to to (first days of months, as
// ParseMonthRange returns them), generated at the time given.
func Build(in Input, jc int64, from, to, generatedAt time.Time) MonthlyReport {
	b := newBuilder(in.Citizens, in.Placements, in.Hours, in.Ordinary)
	r := MonthlyReport{JobcentreID: jc, From: from.Format("2006-01"), To: to.Format("2006-01"), GeneratedAt: generatedAt}
	for i, n := 0, monthsBetween(from, to); i < n; i++ {
		r.Months = append(r.Months, b.month(from.AddDate(0, i, 0)))
	}
	return r
}

// builder indexes a report's rows for counting month by month.
type builder struct {
	citizens   []Citizen
	group      map[int64]models.TargetGroup
	placements []Placement
	byCitizen  map[int64][]Placement
	hours      map[string]monthHours     // month/group
	ordinary   map[string]map[int64]bool // month → citizens
	firstStart map[int64]models.Date     // citizen → first placement after group entry
}

// newBuilder indexes the rows.
func newBuilder(cs []Citizen, ps []Placement, hs []GroupWeek, ord []CitizenMonth) *builder {
	b := &builder{citizens: cs, group: make(map[int64]models.TargetGroup, len(cs)), placements: ps,
		byCitizen: map[int64][]Placement{}, hours: map[string]monthHours{}, ordinary: map[string]map[int64]bool{},
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

// groupAcc accumulates one target group's counts in one month.
type groupAcc struct {
	citizens, inPlacement, withOrdinary, union, completed, interrupted int
	started, ended                                                     map[[2]string]int
	outcomes                                                           map[models.Outcome]int
	days                                                               []int
}

// month counts one month, m its first day.
func (b *builder) month(m time.Time) ReportMonth {
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
			rg.Share = ptr(float64(a.union) / float64(a.citizens))
		}
		rg.AvgWeeklyHours = b.avgHours(key, g)
		if prev := b.avgHours(m.AddDate(0, -1, 0).Format("2006-01"), g); prev != nil && rg.AvgWeeklyHours != nil {
			rg.AvgWeeklyHoursChange = ptr(*rg.AvgWeeklyHours - *prev)
		}
		if len(a.days) > 0 {
			sort.Ints(a.days)
			sum := 0
			for _, d := range a.days {
				sum += d
			}
			rg.DaysToFirstPlacementAvg = ptr(float64(sum) / float64(len(a.days)))
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
func (b *builder) avgHours(month, g string) *float64 {
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
	return ptr(worked / float64(weeks))
}

// lastDayOf is a placement's last day: the day it ended when it has,
// else its planned end.
func lastDayOf(p Placement) models.Date {
	if p.Status.Final() && !p.EndedOn.IsZero() {
		return p.EndedOn
	}
	return p.EndDate
}

// kindBranch lists counts by kind and branch in kind, then branch order.
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

// outcomeCounts lists the outcomes counted, in the vocabulary's order
// with "no outcome recorded" first.
func outcomeCounts(m map[models.Outcome]int) []OutcomeCount {
	out := []OutcomeCount{}
	for _, o := range append([]models.Outcome{""}, models.Outcomes...) {
		if n := m[o]; n > 0 {
			out = append(out, OutcomeCount{Outcome: o, Label: outcomeLabel(o), Count: n})
		}
	}
	return out
}

// outcomeLabel names an outcome, "" too.
func outcomeLabel(o models.Outcome) string {
	if o == "" {
		return "Intet udfald angivet"
	}
	return o.Label()
}

// groupLabel names a target group, AllGroups too.
func groupLabel(g string) string {
	if g == AllGroups {
		return "Alle målgrupper"
	}
	return models.TargetGroup(g).Label()
}

// countIf is 1 for true.
func countIf(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ptr points at a copy of v.
func ptr[T any](v T) *T { return &v }
