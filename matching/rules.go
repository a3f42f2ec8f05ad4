package matching

import (
	"fmt"
	"strings"

	"placering/models"
)

// RulesVersion names the rule table below. Bump it whenever a rule is
// added, removed or changes meaning, so a stored match can say which rules
// it was made under.
const RulesVersion = "2026-11"

// RuleID identifies a rule. IDs are stable across versions; a rule that
// changes meaning gets a new ID.
type RuleID string

// The rules, in the order they are shown and evaluated (cheap tests first).
const (
	RuleFleksjob     RuleID = "R01-fleksjob-kun-fleksjobvisiterede"
	RuleIGUGroup     RuleID = "R02-igu-kun-flygtninge"
	RuleIGUAge       RuleID = "R03-igu-aldersvindue"
	RuleIGUResidence RuleID = "R04-igu-opholdsvindue"
	RuleKindGroup    RuleID = "R05-maalgruppe-tilladt-i-ordningen"
	RuleNotOpen      RuleID = "R06-aabning-ikke-aaben"
	RuleNoSeat       RuleID = "R07-ingen-ledige-pladser"
	RuleHours        RuleID = "R08-timer-over-kapacitet"
	RuleDanish       RuleID = "R09-danskkrav"
	RuleLicence      RuleID = "R10-koerekort-krav"
	RuleCommute      RuleID = "R11-for-lang-transport"
)

// RuleIDs lists every rule in order.
var RuleIDs = []RuleID{RuleFleksjob, RuleIGUGroup, RuleIGUAge, RuleIGUResidence, RuleKindGroup, RuleNotOpen,
	RuleNoSeat, RuleHours, RuleDanish, RuleLicence, RuleCommute}

// Rule is one eligibility rule: a hard gate that excludes a pair. The
// texts are Danish because they are shown to consultants and
// administrators as they are.
type Rule struct {
	ID          RuleID `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// LegalNote says where the rule comes from and how sure that is.
	LegalNote string `json:"legal_note"`
	// Params names the RuleParams fields (JSON names) the rule reads.
	Params []string `json:"params,omitempty"`

	excludes func(*pair) bool
	detail   func(RuleParams) string
}

// Detail renders the rule with the parameters in force, e.g. "Alder 18–40 år".
func (r Rule) Detail(p RuleParams) string {
	if r.detail == nil {
		return ""
	}
	return r.detail(p)
}

// Rules returns a fresh copy of the rule table for RulesVersion.
func Rules() []Rule {
	return []Rule{
		{
			ID:          RuleFleksjob,
			Title:       "Fleksjob kun for ledige fleksjobvisiterede",
			Description: "En fleksjobåbning kan kun gå til en borger, der er visiteret til fleksjob og ledig.",
			LegalNote:   "Fleksjob kræver visitation via rehabiliteringsteamet (DOMAIN.md §4; kilder 000, 002). Lovbundet: kan ikke slås fra.",
			excludes: func(pr *pair) bool {
				return pr.m.kind == kindFleksjob && pr.q.c.TargetGroup != models.LedigFleksjobvisitert
			},
		},
		{
			ID:          RuleIGUGroup,
			Title:       "IGU kun for flygtninge og familiesammenførte",
			Description: "En IGU-åbning kan kun gå til en flygtning eller familiesammenført.",
			LegalNote:   "IGU er en integrationsgrunduddannelse for flygtninge og familiesammenførte (DOMAIN.md §4; kilde 001). Lovbundet: kan ikke slås fra.",
			excludes: func(pr *pair) bool {
				return pr.m.kind == kindIGU && pr.q.c.TargetGroup != models.Flygtning
			},
		},
		{
			ID:          RuleIGUAge,
			Title:       "IGU: alder uden for aldersvinduet",
			Description: "Borgeren skal have en alder inden for IGU-vinduet ved IGU-start (startdatoen, eller i dag hvis den er passeret). Mangler fødselsdato, udelukkes parret, fordi alderen ikke kan kontrolleres.",
			LegalNote:   "Aldersgrænserne står i IGU-loven og er ikke i kilderne; standard 18–40 år er en antagelse, som administrator kan rette.",
			Params:      []string{"igu_min_age", "igu_max_age"},
			excludes: func(pr *pair) bool {
				if pr.m.kind != kindIGU || pr.q.c.TargetGroup != models.Flygtning {
					return false // R02 speaks for everyone else
				}
				a, ok := ageAt(pr.q.c.BirthDate, iguRefDate(pr))
				return !ok || a < pr.cp.p.IGUMinAge || a > pr.cp.p.IGUMaxAge
			},
			detail: func(p RuleParams) string {
				return fmt.Sprintf("Alder %d–%d år (begge inklusive) ved IGU-start.", p.IGUMinAge, p.IGUMaxAge)
			},
		},
		{
			ID:          RuleIGUResidence,
			Title:       "IGU: for længe siden ankomst",
			Description: "Borgeren skal være boligplaceret (ankommet) for mindre end det tilladte antal år ved IGU-start. Mangler ankomstdato, udelukkes parret.",
			LegalNote:   "Opholdsvinduet står i IGU-loven og er ikke i kilderne; standard 5 år er en antagelse, som administrator kan rette.",
			Params:      []string{"igu_max_years_since_arrival"},
			excludes: func(pr *pair) bool {
				if pr.m.kind != kindIGU || pr.q.c.TargetGroup != models.Flygtning {
					return false
				}
				if pr.q.c.ArrivalDate.IsZero() {
					return true
				}
				limit := pr.q.c.ArrivalDate.Time().AddDate(pr.cp.p.IGUMaxYearsSinceArrival, 0, 0)
				return !iguRefDate(pr).Time().Before(limit)
			},
			detail: func(p RuleParams) string {
				return fmt.Sprintf("Under %d år siden ankomst ved IGU-start.", p.IGUMaxYearsSinceArrival)
			},
		},
		{
			ID:    RuleKindGroup,
			Title: "Målgruppen kan ikke bruge ordningen",
			Description: "Hver ordning har en liste over målgrupper, der kan placeres i den. Nogle målgrupper kan kun " +
				"placeres hos en virksomhed, hvis virksomhedscenter-aftale omfatter målgruppen.",
			LegalNote: "Lokal politik ud fra DOMAIN.md §3–4 (kilde 000: gruppe 4 er ikke klar til tilbud; ledige fleksjobvisiterede skal i fleksjob, ikke praktik). Tabellen er en antagelse og kan rettes af administrator.",
			Params:    []string{"allowed_groups", "via_virksomhedscenter"},
			excludes: func(pr *pair) bool {
				k := pr.m.kind
				if k >= nKinds {
					return true // an unknown kind admits nobody
				}
				g := pr.q.gbit
				return pr.cp.allowed[k]&g == 0 && pr.cp.viaVC[k]&g&pr.m.vcMask == 0
			},
			detail: describeGroups,
		},
		{
			ID:          RuleNotOpen,
			Title:       "Åbningen er ikke åben",
			Description: "Kun åbninger med status åben kan foreslås (ikke kladde, besat eller lukket).",
			LegalNote:   "Produktregel.",
			excludes:    func(pr *pair) bool { return pr.m.flags&flagOpen == 0 },
		},
		{
			ID:          RuleNoSeat,
			Title:       "Ingen ledige pladser",
			Description: "Åbningen har ingen ledig plads tilbage.",
			LegalNote:   "Produktregel.",
			excludes:    func(pr *pair) bool { return pr.m.seats <= 0 },
		},
		{
			ID:    RuleHours,
			Title: "For mange timer i forhold til borgerens kapacitet",
			Description: "Åbningens mindste ugentlige timetal må højst ligge det tilladte antal timer over det, borgeren kan nu. " +
				"Er borgerens timekapacitet ikke vurderet (0), gælder reglen ikke.",
			LegalNote: "Timeprogression er målet (DOMAIN.md §5, kilde 000); et lille skridt op er tilladt, et spring er ikke.",
			Params:    []string{"step_up_hours"},
			excludes: func(pr *pair) bool {
				capH := pr.q.c.HoursCapacity
				return capH > 0 && pr.m.hoursMin > capH+pr.cp.p.StepUpHours
			},
			detail: func(p RuleParams) string {
				return fmt.Sprintf("Højst %s timer over borgerens nuværende timetal.", formatHours(p.StepUpHours))
			},
		},
		{
			ID:          RuleDanish,
			Title:       "Danskkravet er højere end borgerens dansk",
			Description: "Åbningens krav til dansk (ingen, basis, god, flydende) må ikke overstige borgerens niveau.",
			LegalNote:   "Produktregel; sprog og sprogdage indgår i matchingen (DOMAIN.md §10.10, kilde 001).",
			excludes:    func(pr *pair) bool { return pr.m.danish > pr.q.danish },
		},
		{
			ID:          RuleLicence,
			Title:       "Kørekort kræves",
			Description: "Åbningen kræver kørekort, og borgeren har ikke et.",
			LegalNote:   "Produktregel.",
			excludes: func(pr *pair) bool {
				return pr.m.flags&flagLicence != 0 && !pr.q.c.DriversLicence
			},
		},
		{
			ID:    RuleCommute,
			Title: "For lang transport",
			Description: "Arbejdsstedet ligger længere fra hjemmet (i luftlinje) end borgerens længste transport, " +
				"eller standardgrænsen hvis borgeren ikke har angivet en. Mangler en adresse, gælder reglen ikke.",
			LegalNote: "Borgerens ønsker og forudsætninger skal indgå (lovcitat i kilde 001).",
			Params:    []string{"default_max_commute_km"},
			excludes:  (*pair).beyondCommute,
			detail: func(p RuleParams) string {
				return fmt.Sprintf("Standardgrænse %s km, når borgeren ikke har angivet en.", formatKm(p.DefaultMaxCommuteKm))
			},
		},
	}
}

// RuleInfo is a rule as the UI lists it, with the parameters in force.
type RuleInfo struct {
	Rule
	Detail string `json:"detail,omitempty"`
}

// RuleTable is the versioned rule table for the UI and the API.
type RuleTable struct {
	Version string     `json:"version"`
	Params  RuleParams `json:"params"`
	Rules   []RuleInfo `json:"rules"`
}

// Describe returns the rule table with each rule's detail rendered for p.
func Describe(p RuleParams) RuleTable {
	rs := Rules()
	t := RuleTable{Version: RulesVersion, Params: p, Rules: make([]RuleInfo, len(rs))}
	for i, r := range rs {
		t.Rules[i] = RuleInfo{Rule: r, Detail: r.Detail(p)}
	}
	return t
}

// Check returns every rule that excludes the pair; empty means eligible.
func Check(c Citizen, o Opening, p RuleParams) []RuleID {
	cp := compile(p)
	var q citizenQ
	q.reset(&c, cp)
	m := makeMeta(&o)
	pr := pair{q: &q, o: &o, m: &m, cp: cp}
	return pr.excludedBy(nil)
}

// excludedBy appends every excluding rule to dst.
func (pr *pair) excludedBy(dst []RuleID) []RuleID {
	for i := range pr.cp.rules {
		if pr.cp.rules[i].excludes(pr) {
			dst = append(dst, pr.cp.rules[i].ID)
		}
	}
	return dst
}

// eligible stops at the first excluding rule; the hot loops use it.
func (pr *pair) eligible() bool {
	for i := range pr.cp.rules {
		if pr.cp.rules[i].excludes(pr) {
			return false
		}
	}
	return true
}

// iguRefDate is the day IGU's age and residence windows are judged on: the
// opening's start, or today if the start has passed or is not set, because
// the IGU agreement is made when the citizen starts.
func iguRefDate(pr *pair) models.Date {
	if pr.m.startDay != noDay && pr.m.startDay > pr.cp.asOfDay {
		return pr.o.StartDate
	}
	return pr.cp.p.AsOf
}

// ageAt is the age in whole years on day d; false when birth is unknown.
func ageAt(birth, d models.Date) (int, bool) {
	if birth.IsZero() {
		return 0, false
	}
	b, t := birth.Time(), d.Time()
	a := t.Year() - b.Year()
	if t.Month() < b.Month() || t.Month() == b.Month() && t.Day() < b.Day() {
		a--
	}
	return a, true
}

func describeGroups(p RuleParams) string {
	var sb strings.Builder
	for i, k := range models.Kinds {
		if i > 0 {
			sb.WriteString(" ")
		}
		sb.WriteString(k.Label())
		sb.WriteString(": ")
		sb.WriteString(groupLabels(p.AllowedGroups[k]))
		if via := p.ViaVirksomhedscenter[k]; len(via) > 0 {
			sb.WriteString("; via virksomhedscenter: ")
			sb.WriteString(groupLabels(via))
		}
		sb.WriteString(".")
	}
	return sb.String()
}

func groupLabels(gs []models.TargetGroup) string {
	if len(gs) == 0 {
		return "ingen"
	}
	parts := make([]string, len(gs))
	for i, g := range gs {
		parts[i] = shortGroupLabel(g)
	}
	return strings.Join(parts, ", ")
}

// shortGroupLabel is the group's name for one-line reasons.
func shortGroupLabel(g models.TargetGroup) string {
	switch g {
	case models.Gruppe1:
		return "gruppe 1"
	case models.Gruppe2:
		return "gruppe 2"
	case models.Gruppe3:
		return "gruppe 3"
	case models.Gruppe4:
		return "gruppe 4"
	case models.LedigFleksjobvisitert:
		return "ledig fleksjobvisiteret"
	case models.Flygtning:
		return "flygtning/familiesammenført"
	}
	return string(g)
}
