package models

// The vocabularies below are Danish because they are the words jobcentre staff
// use (see ../shared/DOMAIN.md). Codes are ASCII so they survive URLs, CSV and
// search filters; every code has a Danish label for the UI.

// Kind is the scheme an opening is offered under.
type Kind string

const (
	KindPraktik        Kind = "virksomhedspraktik"
	KindLoentilskud    Kind = "loentilskud"
	KindIGU            Kind = "igu"
	KindFleksjob       Kind = "fleksjob"
	KindOrdinaereTimer Kind = "ordinaere_timer"
)

// Kinds lists every opening kind in the order the UI shows them.
var Kinds = []Kind{KindPraktik, KindLoentilskud, KindIGU, KindFleksjob, KindOrdinaereTimer}

var kindLabels = map[Kind]string{
	KindPraktik:        "Virksomhedspraktik",
	KindLoentilskud:    "Løntilskud",
	KindIGU:            "IGU (integrationsgrunduddannelse)",
	KindFleksjob:       "Fleksjob",
	KindOrdinaereTimer: "Ordinære timer (småjob)",
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := kindLabels[k]; return ok }

// Label is the Danish name of the kind.
func (k Kind) Label() string { return kindLabels[k] }

// TargetGroup is the visitation group a citizen belongs to (DOMAIN.md §3).
type TargetGroup string

const (
	Gruppe1               TargetGroup = "gruppe1"
	Gruppe2               TargetGroup = "gruppe2"
	Gruppe3               TargetGroup = "gruppe3"
	Gruppe4               TargetGroup = "gruppe4"
	LedigFleksjobvisitert TargetGroup = "ledig_fleksjobvisiteret"
	Flygtning             TargetGroup = "flygtning"
)

// TargetGroups lists every target group in the order the UI shows them.
var TargetGroups = []TargetGroup{Gruppe1, Gruppe2, Gruppe3, Gruppe4, LedigFleksjobvisitert, Flygtning}

var targetGroupLabels = map[TargetGroup]string{
	Gruppe1:               "Gruppe 1 (klar til virksomhedsrettet forløb)",
	Gruppe2:               "Gruppe 2 (virksomhedsforberedende forløb)",
	Gruppe3:               "Gruppe 3 (afklaring: fleksjob, ressourceforløb m.m.)",
	Gruppe4:               "Gruppe 4 (helhedsorienteret mentor)",
	LedigFleksjobvisitert: "Ledig fleksjobvisiteret",
	Flygtning:             "Flygtning eller familiesammenført",
}

// Valid reports whether g is a known target group.
func (g TargetGroup) Valid() bool { _, ok := targetGroupLabels[g]; return ok }

// Label is the Danish name of the target group.
func (g TargetGroup) Label() string { return targetGroupLabels[g] }

// Role is what a user may do.
type Role string

const (
	RoleAdmin      Role = "admin"
	RoleConsultant Role = "consultant"
	RoleEmployer   Role = "employer"
	RoleEventStaff Role = "event_staff"
)

var roleLabels = map[Role]string{
	RoleAdmin:      "Administrator",
	RoleConsultant: "Virksomhedskonsulent",
	RoleEmployer:   "Arbejdsgiver",
	RoleEventStaff: "Eventpersonale",
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := roleLabels[r]; return ok }

// Label is the Danish name of the role.
func (r Role) Label() string { return roleLabels[r] }

// OpeningStatus is where an opening is in its life.
type OpeningStatus string

const (
	StatusDraft OpeningStatus = "draft"
	// StatusToReview: an employer posted it for a subsidised scheme and
	// it awaits the jobcentre's approval; not in search for others, not in
	// matching, not counted.
	StatusToReview OpeningStatus = "til_godkendelse"
	StatusOpen     OpeningStatus = "open"
	// StatusPaused: enough referrals (max_referrals of its matches reached
	// kontaktet or beyond); out of search and matching until reopened.
	StatusPaused OpeningStatus = "pauset"
	StatusFilled OpeningStatus = "filled"
	StatusClosed OpeningStatus = "closed"
)

// OpeningStatuses lists every status in life-cycle order.
var OpeningStatuses = []OpeningStatus{StatusDraft, StatusToReview, StatusOpen, StatusPaused, StatusFilled, StatusClosed}

var statusLabels = map[OpeningStatus]string{
	StatusDraft:    "Kladde",
	StatusToReview: "Afventer godkendelse",
	StatusOpen:     "Åben",
	StatusPaused:   "Pauset (nok henvisninger)",
	StatusFilled:   "Besat",
	StatusClosed:   "Lukket",
}

// Valid reports whether s is a known status.
func (s OpeningStatus) Valid() bool { _, ok := statusLabels[s]; return ok }

// Label is the Danish name of the status.
func (s OpeningStatus) Label() string { return statusLabels[s] }

// DanishLevel is both a citizen's Danish and an opening's requirement. The
// levels are ordered: a citizen meets a requirement when Rank() is at least
// the requirement's Rank().
type DanishLevel string

const (
	DanishNone   DanishLevel = "ingen"
	DanishBasic  DanishLevel = "basis"
	DanishGood   DanishLevel = "god"
	DanishFluent DanishLevel = "flydende"
)

// DanishLevels lists the levels from lowest to highest.
var DanishLevels = []DanishLevel{DanishNone, DanishBasic, DanishGood, DanishFluent}

var danishLabels = map[DanishLevel]string{
	DanishNone:   "Intet krav / ingen dansk",
	DanishBasic:  "Basalt dansk",
	DanishGood:   "Godt dansk",
	DanishFluent: "Flydende dansk",
}

// Valid reports whether l is a known level. The empty level is valid and
// means "none".
func (l DanishLevel) Valid() bool { _, ok := danishLabels[l]; return ok || l == "" }

// Label is the Danish name of the level.
func (l DanishLevel) Label() string { return danishLabels[l] }

// Rank orders levels: 0 for none (or empty) up to 3 for fluent.
func (l DanishLevel) Rank() int {
	for i, v := range DanishLevels {
		if v == l {
			return i
		}
	}
	return 0
}

// PhysicalDemand is how physically hard an opening's work is.
type PhysicalDemand string

const (
	PhysicalLow    PhysicalDemand = "lav"
	PhysicalMedium PhysicalDemand = "middel"
	PhysicalHigh   PhysicalDemand = "hoej"
)

// PhysicalDemands lists the levels from lowest to highest.
var PhysicalDemands = []PhysicalDemand{PhysicalLow, PhysicalMedium, PhysicalHigh}

var physicalLabels = map[PhysicalDemand]string{
	PhysicalLow:    "Let fysisk arbejde",
	PhysicalMedium: "Middel fysisk arbejde",
	PhysicalHigh:   "Hårdt fysisk arbejde",
}

// Valid reports whether p is a known level. Empty means not stated.
func (p PhysicalDemand) Valid() bool { _, ok := physicalLabels[p]; return ok || p == "" }

// Label is the Danish name of the level.
func (p PhysicalDemand) Label() string { return physicalLabels[p] }

// Option is a code with its Danish label, as the UI's select boxes and the
// API's vocabulary endpoints need them.
type Option struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// KindOptions returns the kinds as options for a select box.
func KindOptions() []Option {
	out := make([]Option, len(Kinds))
	for i, k := range Kinds {
		out[i] = Option{string(k), k.Label()}
	}
	return out
}

// TargetGroupOptions returns the target groups as options.
func TargetGroupOptions() []Option {
	out := make([]Option, len(TargetGroups))
	for i, g := range TargetGroups {
		out[i] = Option{string(g), g.Label()}
	}
	return out
}

// StatusOptions returns the opening statuses as options.
func StatusOptions() []Option {
	out := make([]Option, len(OpeningStatuses))
	for i, s := range OpeningStatuses {
		out[i] = Option{string(s), s.Label()}
	}
	return out
}

// DanishLevelOptions returns the Danish levels as options.
func DanishLevelOptions() []Option {
	out := make([]Option, len(DanishLevels))
	for i, l := range DanishLevels {
		out[i] = Option{string(l), l.Label()}
	}
	return out
}

// PhysicalDemandOptions returns the physical demand levels as options.
func PhysicalDemandOptions() []Option {
	out := make([]Option, len(PhysicalDemands))
	for i, p := range PhysicalDemands {
		out[i] = Option{string(p), p.Label()}
	}
	return out
}
