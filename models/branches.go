package models

// Branch is a line of business. The list starts with the five branches that
// Helsingør's company effort virksomhedscentre on because they have good job prospects
// (DOMAIN.md §6), then IT (the Ballerup matching event) and the remaining
// DB07 main groups in plain Danish. Codes are stable ASCII identifiers.
type Branch struct {
	Code         string `json:"code"`
	Label        string `json:"label"`
	GoodProspect bool   `json:"good_prospects"`
}

// Branches is the branch vocabulary, good-prospect branches first.
var Branches = []Branch{
	{"transport_lager_logistik", "Transport, lager og logistik", true},
	{"bygge_anlaeg", "Bygge og anlæg", true},
	{"butik_detail", "Butik og detail", true},
	{"rengoering_hotel_restauration_koekken", "Rengøring, hotel, restauration og køkken", true},
	{"pleje_omsorg_frisoer", "Pleje, omsorg, frisør, negle mm.", true},
	{"it_kommunikation", "IT og kommunikation", false},
	{"industri_produktion", "Industri og produktion", false},
	{"landbrug_gartneri", "Landbrug, gartneri og skovbrug", false},
	{"kontor_administration", "Kontor og administration", false},
	{"undervisning_boernepasning", "Undervisning og børnepasning", false},
	{"kultur_fritid_service", "Kultur, fritid og service", false},
	{"sundhed", "Sundhed", false},
	{"offentlig_administration", "Offentlig administration", false},
}

var branchIndex = func() map[string]Branch {
	m := make(map[string]Branch, len(Branches))
	for _, b := range Branches {
		m[b.Code] = b
	}
	return m
}()

// ValidBranch reports whether code is a known branch code.
func ValidBranch(code string) bool { _, ok := branchIndex[code]; return ok }

// BranchLabel returns the Danish label of a branch code, or the code itself
// when it is unknown (so an old code in the database still renders).
func BranchLabel(code string) string {
	if b, ok := branchIndex[code]; ok {
		return b.Label
	}
	return code
}

// BranchOptions returns the branches as select-box options.
func BranchOptions() []Option {
	out := make([]Option, len(Branches))
	for i, b := range Branches {
		out[i] = Option{b.Code, b.Label}
	}
	return out
}
