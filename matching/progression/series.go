package progression

import (
	"sort"

	"placering/models"
)

// Citizen is what the computations need about one citizen: the target
// group and its clocks, every placement, and the current weekly hours of
// those placements.
type Citizen struct {
	ID             int64
	TargetGroup    models.TargetGroup
	GroupEnteredOn models.Date
	ArrivalDate    models.Date
	Placements     []models.Placement
	Hours          []models.WeeklyHours
}

// Point is one ISO week of a citizen's series, summed over the placements
// that cover the week.
type Point struct {
	Week      models.ISOWeek `json:"week"`
	WeekStart models.Date    `json:"week_start"`
	// Planned is each placement's own figure for the week when one was
	// entered, else its plan ladder's.
	Planned        float64                `json:"planned"`
	Worked         float64                `json:"worked"`
	Absent         float64                `json:"absent"`
	AbsenceReasons []models.AbsenceReason `json:"absence_reasons,omitempty"`
	Ordinary       float64                `json:"ordinary"`
	// Reported says hours were entered for the week; an unreported week's
	// zeros mean "unknown", and the metrics skip it.
	Reported bool `json:"reported"`
	// PlanMet is Worked / Planned for a reported week with a plan.
	PlanMet    *float64 `json:"plan_met,omitempty"`
	Placements []int64  `json:"placement_ids,omitempty"`
}

// Series returns the weeks from first to last, inclusive.
func Series(ps []models.Placement, hs []models.WeeklyHours, first, last models.ISOWeek) []Point {
	if first.IsZero() || last.Before(first) {
		return []Point{}
	}
	// Weeks are counted in days from the first Monday: this runs for every
	// citizen of a jobcentre, so it avoids calendar arithmetic per week.
	mon := first.Monday()
	n := last.WeeksSince(first) + 1
	out := make([]Point, n)
	for i := range out {
		d := mon.AddDays(7 * i)
		out[i] = Point{Week: models.ISOWeekOf(d), WeekStart: d}
	}
	// A week's own planned figure replaces the ladder for its placement.
	type placementWeek struct {
		placement int64
		i         int
	}
	var explicit map[placementWeek]bool
	for _, h := range hs {
		start := h.WeekStart
		if start.IsZero() {
			start = h.Week.Monday()
		}
		i := weekIndex(mon, start)
		if i < 0 || i >= n {
			continue
		}
		p := &out[i]
		p.Reported = true
		p.Worked += h.Worked
		p.Absent += h.Absent
		p.Ordinary += h.Ordinary
		if h.AbsenceReason != "" && !hasReason(p.AbsenceReasons, h.AbsenceReason) {
			p.AbsenceReasons = append(p.AbsenceReasons, h.AbsenceReason)
		}
		if h.Planned != nil {
			p.Planned += *h.Planned
			if explicit == nil {
				explicit = map[placementWeek]bool{}
			}
			explicit[placementWeek{h.PlacementID, i}] = true
		}
	}
	for _, pl := range ps {
		if pl.StartDate.IsZero() {
			continue
		}
		startIdx := weekIndex(mon, pl.StartDate) // the placement's week 1
		to := n - 1
		if last := pl.LastDay(); !last.IsZero() {
			to = min(to, weekIndex(mon, last))
		}
		for i := max(0, startIdx); i <= to; i++ {
			p := &out[i]
			p.Placements = append(p.Placements, pl.ID)
			if !explicit[placementWeek{pl.ID, i}] {
				p.Planned += models.PlannedHours(pl.Plan, i-startIdx+1)
			}
		}
	}
	for i := range out {
		if p := &out[i]; p.Reported && p.Planned > 0 {
			share := p.Worked / p.Planned
			p.PlanMet = &share
		}
	}
	return out
}

// weekIndex is the index of the week holding day d in a series whose
// first week starts on Monday mon (negative before it).
func weekIndex(mon, d models.Date) int {
	days := daysBetween(mon, d)
	if days < 0 {
		return -((-days + 6) / 7)
	}
	return days / 7
}

func hasReason(rs []models.AbsenceReason, r models.AbsenceReason) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// firstWeek is the earliest week any placement or hours row of c touches.
func (c Citizen) firstWeek() models.ISOWeek {
	var first models.ISOWeek
	take := func(w models.ISOWeek) {
		if first.IsZero() || w.Before(first) {
			first = w
		}
	}
	for _, p := range c.Placements {
		if !p.StartDate.IsZero() {
			take(models.ISOWeekOf(p.StartDate))
		}
	}
	for _, h := range c.Hours {
		take(h.Week)
	}
	return first
}

// current is the placement running on day d that started last, if any.
func (c Citizen) current(d models.Date) (models.Placement, bool) {
	var best models.Placement
	found := false
	for _, p := range c.Placements {
		if p.RunningOn(d) && (!found || best.StartDate.Before(p.StartDate) || (best.StartDate == p.StartDate && p.ID > best.ID)) {
			best, found = p, true
		}
	}
	return best, found
}

// latest is the placement that started last, running or not.
func (c Citizen) latest() (models.Placement, bool) {
	ps := append([]models.Placement(nil), c.Placements...)
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].StartDate == ps[j].StartDate {
			return ps[i].ID < ps[j].ID
		}
		return ps[i].StartDate.Before(ps[j].StartDate)
	})
	if len(ps) == 0 {
		return models.Placement{}, false
	}
	return ps[len(ps)-1], true
}
