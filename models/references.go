package models

import (
	"strconv"
	"time"
	"unicode"
)

// The reference form (udtalelse, referenceskema, DOMAIN.md §7.10 and
// §10.17): at the end of a placement the company writes which tasks the
// citizen solved and how it rates their general competences, for the
// citizen's own job search. One per placement; the employer may correct it.

// Limits of a reference.
const (
	MaxReferenceTasks    = 20
	MaxReferenceTask     = MaxShortText // one task, one line
	MaxReferenceComment  = 2000
	MinRating, MaxRating = 1, 5
)

// ReferenceCompetences are the six general competences, each rated from
// 1 (ikke tilfredsstillende) to 5 (meget tilfredsstillende). Every one is
// required except DanskPaaArbejdspladsen, which may be null: "ikke
// relevant" (Danish is the citizen's first language, or the work needs
// none).
type ReferenceCompetences struct {
	Fremmoede              *int `json:"fremmoede"`
	Samarbejde             *int `json:"samarbejde"`
	Tempo                  *int `json:"tempo"`
	Kvalitet               *int `json:"kvalitet"`
	Selvstaendighed        *int `json:"selvstaendighed"`
	DanskPaaArbejdspladsen *int `json:"dansk_paa_arbejdspladsen"`
}

// ReferenceCompetence names one competence of the form.
type ReferenceCompetence struct {
	Key      string // the JSON and form field name
	Label    string // Danish
	Hint     string // Danish: what the rating looks at
	Optional bool   // may be left out as "ikke relevant"
}

// ReferenceCompetenceList is the competences in the order the form shows
// them.
var ReferenceCompetenceList = []ReferenceCompetence{
	{Key: "fremmoede", Label: "Fremmøde", Hint: "Møder til tiden og giver besked ved fravær."},
	{Key: "samarbejde", Label: "Samarbejde", Hint: "Samarbejder med kolleger og tager imod vejledning."},
	{Key: "tempo", Label: "Tempo", Hint: "Arbejder i et tempo, der passer til opgaverne."},
	{Key: "kvalitet", Label: "Kvalitet", Hint: "Løser opgaverne omhyggeligt og korrekt."},
	{Key: "selvstaendighed", Label: "Selvstændighed", Hint: "Går selv i gang og løser opgaverne uden hjælp."},
	{Key: "dansk_paa_arbejdspladsen", Label: "Dansk på arbejdspladsen", Hint: "Forstår og taler det dansk, arbejdet kræver.", Optional: true},
}

// RatingLabels are the words of the scale, index 1 to 5.
var RatingLabels = [...]string{"", "Ikke tilfredsstillende", "Mindre tilfredsstillende", "Tilfredsstillende",
	"Mere end tilfredsstillende", "Meget tilfredsstillende"}

// RatingLabel is the Danish word for rating r, "" outside 1–5.
func RatingLabel(r int) string {
	if r < MinRating || r > MaxRating {
		return ""
	}
	return RatingLabels[r]
}

// Get returns the rating of competence key (nil when not rated or the
// key is unknown).
func (c ReferenceCompetences) Get(key string) *int {
	if p := c.field(key); p != nil {
		return *p
	}
	return nil
}

// Set sets the rating of competence key; unknown keys are ignored.
func (c *ReferenceCompetences) Set(key string, v *int) {
	if p := c.field(key); p != nil {
		*p = v
	}
}

func (c *ReferenceCompetences) field(key string) **int {
	switch key {
	case "fremmoede":
		return &c.Fremmoede
	case "samarbejde":
		return &c.Samarbejde
	case "tempo":
		return &c.Tempo
	case "kvalitet":
		return &c.Kvalitet
	case "selvstaendighed":
		return &c.Selvstaendighed
	case "dansk_paa_arbejdspladsen":
		return &c.DanskPaaArbejdspladsen
	}
	return nil
}

// Validate checks each rating: 1–5, and present unless optional.
func (c *ReferenceCompetences) Validate() FieldErrors {
	return c.validateAs("")
}

func (c *ReferenceCompetences) validateAs(prefix string) FieldErrors {
	var errs FieldErrors
	for _, k := range ReferenceCompetenceList {
		v := c.Get(k.Key)
		switch {
		case v == nil && !k.Optional:
			errs.Add(prefix+k.Key, "Vurdér %s fra 1 til 5.", lowerFirst(k.Label))
		case v != nil && (*v < MinRating || *v > MaxRating):
			errs.Add(prefix+k.Key, "Vurderingen skal være fra 1 til 5 (den er %d).", *v)
		}
	}
	return errs
}

func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

// ReferenceInput is what the employer sends (PUT
// /placements/{id}/reference). Revision, when sent, is the revision the
// client read: a save over a newer one is refused (stale), and changing a
// reference that exists needs it.
type ReferenceInput struct {
	TasksSolved []string             `json:"tasks_solved"`
	Competences ReferenceCompetences `json:"competences"`
	Comment     string               `json:"comment"`
	Revision    *int                 `json:"revision"`
}

// Validate normalises (trims the texts, drops empty task lines the form
// sends) and checks the input.
func (in *ReferenceInput) Validate() FieldErrors {
	trim(&in.Comment)
	tasks := make([]string, 0, len(in.TasksSolved))
	var c checker
	for i, t := range in.TasksSolved {
		trim(&t)
		if t == "" {
			c.errs.Add("tasks_solved["+strconv.Itoa(i)+"]", "En opgave må ikke være tom.")
			continue
		}
		c.text("tasks_solved["+strconv.Itoa(i)+"]", t, MaxReferenceTask, false)
		tasks = append(tasks, t)
	}
	switch {
	case len(in.TasksSolved) == 0:
		c.errs.Add("tasks_solved", "Skriv mindst én arbejdsopgave, borgeren har løst.")
	case len(in.TasksSolved) > MaxReferenceTasks:
		c.errs.Add("tasks_solved", "Højst %d arbejdsopgaver (der er %d).", MaxReferenceTasks, len(in.TasksSolved))
	}
	if len(c.errs) == 0 {
		in.TasksSolved = tasks
	}
	c.errs = append(c.errs, in.Competences.validateAs("competences.")...)
	c.text("comment", in.Comment, MaxReferenceComment, true)
	if in.Revision != nil && *in.Revision < 0 {
		c.errs.Add("revision", "Revisionen skal være 0 eller mere.")
	}
	return c.errs
}

// PlacementReference is a stored reference. WrittenBy and WrittenAt are
// the first save; UpdatedBy and UpdatedAt the latest, whose author stands
// behind the text as it reads now. Revision counts the saves.
type PlacementReference struct {
	PlacementID int64                `gorm:"column:placement_id;primaryKey;autoIncrement:false"`
	TasksSolved List[string]         `gorm:"column:tasks_solved"`
	Competences ReferenceCompetences `gorm:"embedded"`
	Comment     string               `gorm:"column:comment"`
	Revision    int                  `gorm:"column:revision"`
	WrittenBy   int64                `gorm:"column:written_by"`
	WrittenAt   time.Time            `gorm:"column:written_at"`
	UpdatedBy   int64                `gorm:"column:updated_by"`
	UpdatedAt   time.Time            `gorm:"column:updated_at;autoUpdateTime:false"`
}

// TableName names the table.
func (PlacementReference) TableName() string { return "placement_references" }
