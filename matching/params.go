package matching

import (
	"math"
	"time"

	"placering/models"
)

// RuleParams are the adjustable numbers and tables behind the rules. A
// jobcentre administrator edits them when the law or local policy changes;
// the rules themselves (rules.go) only read them.
type RuleParams struct {
	// AsOf is "today" for every date rule and for the start-date factor. The
	// service layer sets it; the zero date means the current UTC date, which
	// tests must not rely on.
	AsOf models.Date `json:"as_of"`

	// IGU age window, in whole years at the IGU start, inclusive at both
	// ends: 18–40 means from the 18th birthday until the day before the 41st.
	IGUMinAge int `json:"igu_min_age"`
	IGUMaxAge int `json:"igu_max_age"`
	// IGUMaxYearsSinceArrival: IGU is only for refugees and
	// family-reunified persons who have lived here for less than this many
	// years at the IGU start (counted from ArrivalDate).
	IGUMaxYearsSinceArrival int `json:"igu_max_years_since_arrival"`

	// StepUpHours is how many weekly hours above the citizen's present
	// capacity an opening's minimum may be. Hour progression is the point of
	// a placement (DOMAIN.md §5), so a small step up is allowed, not a leap.
	StepUpHours float64 `json:"step_up_hours"`

	// DefaultMaxCommuteKm applies when a citizen has no own limit.
	DefaultMaxCommuteKm float64 `json:"default_max_commute_km"`

	// AllowedGroups lists, per kind, the target groups that may be placed
	// in it. A kind missing from the map admits nobody.
	AllowedGroups map[models.Kind][]models.TargetGroup `json:"allowed_groups"`
	// ViaVirksomhedscenter lists, per kind, groups that may be placed in it
	// only at a company whose virksomhedscenter takes that group.
	ViaVirksomhedscenter map[models.Kind][]models.TargetGroup `json:"via_virksomhedscenter"`
}

// DefaultRuleParams returns a fresh copy of the default parameters for
// RulesVersion. The group table follows DOMAIN.md §3–4:
//
//   - virksomhedspraktik: gruppe 1, 2, 3 and flygtning. Praktik is the main
//     tool for groups 1–2 and refugees, and the testing course (afprøvning)
//     for group 3 happens in a company. Gruppe 4 is "not ready for any
//     offer"; the one road in is a virksomhedscenter that takes
//     group 4 (mentor-backed, DOMAIN.md §4), hence ViaVirksomhedscenter.
//     Ledige fleksjobvisiterede are left out: their effort is "not
//     placements but fleksjob" (§3.1). An administrator may add them.
//   - løntilskud: gruppe 1 and flygtning. Løntilskud is "the step before
//     ordinary employment"; groups 2–3 are still being prepared or clarified.
//   - IGU: flygtning only (also rule R02).
//   - fleksjob: ledig_fleksjobvisiteret only (also rule R01).
//   - ordinære timer (småjob): gruppe 1, 2, 3 and flygtning. The sources aim
//     small jobs at aktivitetsparate citizens under the 225-hour rule and set
//     "ordinary hours" as the end goal; the hours rule keeps the load real.
//     Fleksjob-approved citizens work on fleksjob terms instead; gruppe 4 is
//     not ready.
func DefaultRuleParams() RuleParams {
	return RuleParams{
		IGUMinAge:               18,
		IGUMaxAge:               40,
		IGUMaxYearsSinceArrival: 5,
		StepUpHours:             5,
		DefaultMaxCommuteKm:     30,
		AllowedGroups: map[models.Kind][]models.TargetGroup{
			models.KindPraktik:        {models.Gruppe1, models.Gruppe2, models.Gruppe3, models.Flygtning},
			models.KindLoentilskud:    {models.Gruppe1, models.Flygtning},
			models.KindIGU:            {models.Flygtning},
			models.KindFleksjob:       {models.LedigFleksjobvisitert},
			models.KindOrdinaereTimer: {models.Gruppe1, models.Gruppe2, models.Gruppe3, models.Flygtning},
		},
		ViaVirksomhedscenter: map[models.Kind][]models.TargetGroup{
			models.KindPraktik: {models.Gruppe4},
		},
	}
}

// Validate checks the parameters an administrator typed, in Danish.
func (p RuleParams) Validate() error {
	var e models.FieldErrors
	if p.IGUMinAge < 15 || p.IGUMinAge > 67 {
		e.Add("igu_min_age", "IGU-minimumsalder skal være mellem 15 og 67 år.")
	}
	if p.IGUMaxAge < p.IGUMinAge || p.IGUMaxAge > 67 {
		e.Add("igu_max_age", "IGU-maksimumsalder skal være mellem minimumsalderen og 67 år.")
	}
	if p.IGUMaxYearsSinceArrival < 0 || p.IGUMaxYearsSinceArrival > 30 {
		e.Add("igu_max_years_since_arrival", "Antal år siden ankomst skal være mellem 0 og 30.")
	}
	if !(p.StepUpHours >= 0 && p.StepUpHours <= models.MaxWeeklyHours) {
		e.Add("step_up_hours", "Tilladt timestigning skal være mellem 0 og %d timer.", models.MaxWeeklyHours)
	}
	if !(p.DefaultMaxCommuteKm > 0 && p.DefaultMaxCommuteKm <= models.MaxCommuteKm) {
		e.Add("default_max_commute_km", "Standard for længste transport skal være mellem 1 og %d km.", models.MaxCommuteKm)
	}
	for field, m := range map[string]map[models.Kind][]models.TargetGroup{
		"allowed_groups": p.AllowedGroups, "via_virksomhedscenter": p.ViaVirksomhedscenter,
	} {
		for k, gs := range m {
			if !k.Valid() {
				e.Add(field, "Ukendt ordning %q.", k)
			}
			for _, g := range gs {
				if !g.Valid() {
					e.Add(field, "Ukendt målgruppe %q for %s.", g, k)
				}
			}
		}
	}
	return e.Err()
}

// Kinds and groups are coded as small integers and bit sets inside the hot
// loops, where a map lookup per pair would cost more than the rest together.
const (
	kindPraktik uint8 = iota
	kindLoentilskud
	kindIGU
	kindFleksjob
	kindOrdinaere
	nKinds
	kindUnknown uint8 = 255
)

func kindCode(k models.Kind) uint8 {
	switch k {
	case models.KindPraktik:
		return kindPraktik
	case models.KindLoentilskud:
		return kindLoentilskud
	case models.KindIGU:
		return kindIGU
	case models.KindFleksjob:
		return kindFleksjob
	case models.KindOrdinaereTimer:
		return kindOrdinaere
	}
	return kindUnknown
}

// groupBit is the target group's bit; an unknown group has none, so it
// never matches an allowed set.
func groupBit(g models.TargetGroup) uint8 {
	switch g {
	case models.Gruppe1:
		return 1 << 0
	case models.Gruppe2:
		return 1 << 1
	case models.Gruppe3:
		return 1 << 2
	case models.Gruppe4:
		return 1 << 3
	case models.LedigFleksjobvisitert:
		return 1 << 4
	case models.Flygtning:
		return 1 << 5
	}
	return 0
}

func groupMask(gs []models.TargetGroup) uint8 {
	var m uint8
	for _, g := range gs {
		m |= groupBit(g)
	}
	return m
}

// compiled is RuleParams (and the rule table) turned into the form the hot
// loops read. It is built once per call, never shared between calls.
type compiled struct {
	p       RuleParams
	asOf    time.Time
	asOfDay int32
	allowed [nKinds]uint8
	viaVC   [nKinds]uint8
	rules   []Rule
}

func compile(p RuleParams) *compiled {
	c := &compiled{p: p, rules: Rules()}
	if p.AsOf.IsZero() {
		p.AsOf = models.DateOf(time.Now().UTC())
		c.p.AsOf = p.AsOf
	}
	c.asOf = p.AsOf.Time()
	c.asOfDay = dayNumber(p.AsOf)
	for k, gs := range p.AllowedGroups {
		if kc := kindCode(k); kc < nKinds {
			c.allowed[kc] |= groupMask(gs)
		}
	}
	for k, gs := range p.ViaVirksomhedscenter {
		if kc := kindCode(k); kc < nKinds {
			c.viaVC[kc] |= groupMask(gs)
		}
	}
	return c
}

// noDay marks an unset date in day numbers.
const noDay = math.MinInt32

// dayNumber is days since 1970-01-01, so date arithmetic in the loops is an
// integer subtraction.
func dayNumber(d models.Date) int32 {
	if d.IsZero() {
		return noDay
	}
	return int32(d.Time().Unix() / 86400)
}
