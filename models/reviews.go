package models

import "time"

// Subsidised reports whether openings of kind k are under a subsidised
// scheme (virksomhedspraktik, løntilskud, IGU, fleksjob): an employer's
// opening of such a kind awaits the jobcentre's review before it goes
// live. Ordinary hours do not.
func (k Kind) Subsidised() bool { return k.Valid() && k != KindOrdinaereTimer }

// ReviewDecision is what the jobcentre decided about an opening awaiting
// review.
type ReviewDecision string

// The decisions.
const (
	ReviewApproved ReviewDecision = "godkendt"      // the opening went live (open)
	ReviewReturned ReviewDecision = "sendt_tilbage" // back to the employer as a draft, with a comment
)

// ReviewDecisions lists every decision.
var ReviewDecisions = []ReviewDecision{ReviewApproved, ReviewReturned}

// OpeningReview is one review of an opening by the jobcentre: the scheme's
// checklist as the consultant ticked it, the comment, who and when. Every
// review is kept (table opening_reviews); an opening's reads carry the
// latest.
type OpeningReview struct {
	ID        int64          `json:"-" gorm:"primaryKey"`
	OpeningID int64          `json:"-"`
	Decision  ReviewDecision `json:"decision"`
	// Checklist holds every item of the scheme's checklist: true when the
	// consultant ticked it.
	Checklist  map[string]bool `json:"checklist" gorm:"serializer:json"`
	Comment    string          `json:"comment"`
	ReviewedBy int64           `json:"reviewed_by"`
	ReviewedAt time.Time       `json:"reviewed_at"`
}

// ChecklistItem is one rule of a scheme that the jobcentre checks before
// it approves an opening: a key for the API and a Danish label.
type ChecklistItem struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

// ReviewChecklist is the checklist of one kind of opening.
type ReviewChecklist struct {
	Kind  Kind            `json:"kind"`
	Items []ChecklistItem `json:"items"`
}

// reviewChecklists are the rules the jobcentre checks per scheme before an
// employer's opening goes live (LAB: rimelighedskrav and merbeskæftigelse
// for virksomhedspraktik and løntilskud, IGU's pay and school weeks,
// fleksjob's wage and consideration).
var reviewChecklists = map[Kind][]ChecklistItem{
	KindPraktik: {
		{"rimelighedskrav", "Rimelighedskravet er opfyldt"},
		{"ikke_ordinaer_arbejdskraft", "Praktikken erstatter ikke ordinær arbejdskraft"},
		{"varighed", "Varighed inden for reglerne (normalt højst 4 uger, for nogle grupper 13)"},
	},
	KindLoentilskud: {
		{"rimelighedskrav", "Rimelighedskravet er opfyldt (forholdet mellem ansatte med og uden løntilskud)"},
		{"merbeskaeftigelse", "Merbeskæftigelseskravet er opfyldt (ingen afskedigelse for at ansætte med løntilskud)"},
		{"loen_og_vilkaar", "Løn og arbejdsvilkår følger overenskomst eller det sædvanlige"},
	},
	KindIGU: {
		{"igu_loen", "Ansættelse i 2 år med IGU-løn efter overenskomst"},
		{"uddannelsesplan", "Uddannelsesplan med 20 ugers skoleundervisning"},
		{"maalgruppe", "Borgeren er flygtning/familiesammenført 18–40 år"},
	},
	KindFleksjob: {
		{"fleksloen", "Arbejdsgiver kender reglerne for fleksløn og tilskud"},
		{"skaanehensyn", "Skånehensyn kan tilgodeses på arbejdspladsen"},
	},
}

// ChecklistFor returns the review checklist of kind k (none for ordinary
// hours).
func ChecklistFor(k Kind) []ChecklistItem { return reviewChecklists[k] }

// ReviewChecklists returns every kind's checklist, in the order of Kinds.
func ReviewChecklists() []ReviewChecklist {
	var out []ReviewChecklist
	for _, k := range Kinds {
		if items := reviewChecklists[k]; len(items) > 0 {
			out = append(out, ReviewChecklist{Kind: k, Items: items})
		}
	}
	return out
}

// ReviewInput is what a consultant sends to approve an opening or send it
// back: the checklist items ticked (keys of the opening's kind) and a
// comment, which sending back needs.
type ReviewInput struct {
	Checklist map[string]bool `json:"checklist"`
	Comment   string          `json:"comment"`
}

// ReturnInput is ReviewInput for sending an opening back: the comment
// tells the employer what to change.
type ReturnInput struct {
	ReviewInput
}

// Validate checks a return: it needs a comment.
func (in *ReturnInput) Validate() FieldErrors {
	trim(&in.Comment)
	var c checker
	c.long("comment", in.Comment)
	if in.Comment == "" {
		c.errs.Add("comment", "Skriv, hvad arbejdsgiveren skal rette.")
	}
	return c.errs
}

// Checked validates in against kind k's checklist and returns the whole
// checklist with the ticked items true. An unknown key is a field error.
func (in *ReviewInput) Checked(k Kind) (map[string]bool, FieldErrors) {
	trim(&in.Comment)
	var c checker
	c.long("comment", in.Comment)
	out := map[string]bool{}
	for _, it := range reviewChecklists[k] {
		out[it.Key] = false
	}
	for key, v := range in.Checklist {
		if _, ok := out[key]; !ok {
			c.errs.Add("checklist."+key, "Punktet %q findes ikke på tjeklisten for %s.", key, k.Label())
			continue
		}
		out[key] = v
	}
	return out, c.errs
}
