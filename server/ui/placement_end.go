package ui

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// Ending a placement (afsluttet or afbrudt) with its outcome and the
// end-of-placement evaluation, the documents' reference form: how far the
// citizen got, the tasks they solved, their general competences rated 1–5,
// a recommendation and their own view. The same form edits the outcome and
// evaluation of a placement that has already ended.

var endLabels = map[string]string{
	"status":             "Ny status",
	"ended_on":           "Faktisk slutdato",
	"outcome":            "Udfald",
	"completion":         "Gennemførelse",
	"tasks_solved":       "Arbejdsopgaver, borgeren har løst",
	"assessment":         "Samlet vurdering af de generelle kompetencer",
	"recommendation":     "Anbefaling",
	"citizen_view":       "Borgerens egen vurdering",
	"competences":        "Kompetence",
	"competences.name":   "Navn",
	"competences.rating": "Vurdering",
	"competences.note":   "Bemærkning",
	"form":               "Formularen",
}

var ratingOptions = []models.Option{
	{Code: "1", Label: "1 – klart behov for udvikling"},
	{Code: "2", Label: "2 – nogen udvikling nødvendig"},
	{Code: "3", Label: "3 – tæt på arbejdspladsens niveau"},
	{Code: "4", Label: "4 – på arbejdspladsens niveau"},
	{Code: "5", Label: "5 – over arbejdspladsens niveau"},
}

type endContent struct {
	Placement app.PlacementView
	Form      *web.Form
	Action    string
	// Statuses are the final statuses the placement may move to; empty
	// when it has already ended and only the evaluation is edited.
	Statuses    []models.Option
	Outcomes    []models.Option
	Completions []models.Option
	Ratings     []models.Option
	Rows        []int
}

// extraCompetenceRows are blank rows offered after the suggested ones, for
// competences the workplace names itself.
const extraCompetenceRows = 2

func (h *Handler) placementEndForm(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	p, err := h.App.GetPlacement(c.Request().Context(), u, id)
	if err != nil {
		return err
	}
	if err := access.Can(u, access.Update, placementRow(p.Placement)); err != nil {
		return err
	}
	v := url.Values{"outcome": {string(p.Outcome)}, "ended_on": {p.EndedOn.String()}}
	if !p.Status.Final() {
		next := models.PlacementStatus(c.QueryParam("status"))
		if !next.Final() || !p.Status.CanMoveTo(next) {
			next = models.PlacementCompleted
			if !p.Status.CanMoveTo(next) {
				next = models.PlacementInterrupted
			}
		}
		v.Set("status", string(next))
		v.Set("ended_on", models.DateOf(h.App.Now()).String())
	}
	names := models.GeneralCompetences
	if e := p.Evaluation; e != nil {
		v.Set("completion", string(e.Completion))
		v.Set("tasks_solved", e.TasksSolved)
		v.Set("assessment", e.Assessment)
		v.Set("recommendation", e.Recommendation)
		v.Set("citizen_view", e.CitizenView)
		names = nil
		for i, k := range e.Competences {
			pre := "competences[" + intStr(i) + "]."
			v.Set(pre+"name", k.Name)
			v.Set(pre+"rating", intStr(k.Rating))
			v.Set(pre+"note", k.Note)
		}
	}
	for i, n := range names {
		v.Set("competences["+intStr(i)+"].name", n)
	}
	return h.renderEnd(c, http.StatusOK, p, web.NewForm(endLabels, v))
}

func (h *Handler) renderEnd(c echo.Context, status int, p app.PlacementView, form *web.Form) error {
	content := &endContent{Placement: p, Form: form, Action: placementPath + "/" + itoa(p.ID) + "/afslut",
		Outcomes: models.OutcomeOptions(), Completions: models.CompletionOptions(), Ratings: ratingOptions}
	title := "Evaluering af placering"
	if !p.Status.Final() {
		for _, s := range []models.PlacementStatus{models.PlacementCompleted, models.PlacementInterrupted} {
			if p.Status.CanMoveTo(s) {
				content.Statuses = append(content.Statuses, models.Option{Code: string(s), Label: s.Label()})
			}
		}
		title = "Afslut placering"
		if form.Get("status") == string(models.PlacementInterrupted) {
			title = "Afbryd placering"
		}
	}
	n := rowsIn(form.Values, "competences")
	content.Rows = make([]int, n+extraCompetenceRows)
	for i := range content.Rows {
		content.Rows[i] = i
	}
	pg := newPage(c, title+": "+p.CitizenName, secPlacements, content)
	pg.Invalid = form.Invalid()
	return renderPage(c, status, "placements/end", pg)
}

func (h *Handler) placementEnd(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	p, err := h.App.GetPlacement(ctx, u, id)
	if err != nil {
		return err
	}
	r := &reader{v: vals}
	next := models.PlacementStatus(r.str("status"))
	endedOn := r.date("ended_on")
	outcome := models.Outcome(r.str("outcome"))
	eval, index := readEvaluation(r)
	if !p.Status.Final() && !(next.Final() && p.Status.CanMoveTo(next)) {
		r.errs.Add("status", "Vælg afsluttet eller afbrudt.")
	}
	errs, status := r.errs, http.StatusUnprocessableEntity
	if len(errs) == 0 {
		today := models.DateOf(h.App.Now())
		_, err := h.App.UpdatePlacement(ctx, u, id, func(f *models.PlacementFields) error {
			if !f.Status.Final() {
				f.Status = next
			}
			f.EndedOn, f.Outcome = endedOn, outcome
			if eval != nil {
				eval.EvaluatedOn = today
				if f.Evaluation != nil && !f.Evaluation.EvaluatedOn.IsZero() {
					eval.EvaluatedOn = f.Evaluation.EvaluatedOn
				}
			}
			f.Evaluation = eval
			return nil
		})
		if err == nil {
			flash := flashEvaluationSaved
			if !p.Status.Final() {
				flash = flashPlacementEnded
			}
			setFlash(c, flash, h.SecureCookies)
			return c.Redirect(http.StatusSeeOther, placementPath+"/"+itoa(id))
		}
		if errs, status, err = formErrors(err); err != nil {
			return err
		}
		errs = endErrors(errs, index)
	}
	isoDates(vals, "ended_on")
	form := web.NewForm(endLabels, vals)
	form.Errors = errs
	return h.renderEnd(c, status, p, form)
}

// readEvaluation reads the evaluation part of the form; nil when nothing
// in it was filled in. A suggested competence counts only once it is
// rated or has a note; index maps each kept competence to its form row.
func readEvaluation(r *reader) (*models.PlacementEvaluation, []int) {
	e := models.PlacementEvaluation{
		Completion: models.Completion(r.str("completion")), TasksSolved: r.str("tasks_solved"),
		Assessment: r.str("assessment"), Recommendation: r.str("recommendation"), CitizenView: r.str("citizen_view"),
	}
	var index []int
	for i := 0; i < rowsIn(r.v, "competences"); i++ {
		pre := "competences[" + strconv.Itoa(i) + "]."
		name, rating, note := strings.TrimSpace(r.v.Get(pre+"name")), r.v.Get(pre+"rating"), strings.TrimSpace(r.v.Get(pre+"note"))
		suggested := slices.Contains(models.GeneralCompetences, name)
		if rating == "" && note == "" && (name == "" || suggested) {
			continue
		}
		k := models.CompetenceRating{Name: name, Note: note, Rating: r.integer(pre + "rating")}
		e.Competences = append(e.Competences, k)
		index = append(index, i)
	}
	blank := e.Completion == "" && strings.TrimSpace(e.TasksSolved+e.Assessment+e.Recommendation+e.CitizenView) == "" && len(e.Competences) == 0
	if blank {
		return nil, nil
	}
	return &e, index
}

// endErrors names the app's evaluation fields as the form does:
// "evaluation.competences[2].rating" is form row index[2]'s rating, and
// problems with fields the form does not hold go to the top.
func endErrors(errs models.FieldErrors, index []int) models.FieldErrors {
	for i, e := range errs {
		f := strings.TrimPrefix(e.Field, "evaluation.")
		if m := rowField.FindStringSubmatch(f); m != nil && m[1] == "competences" {
			if k, _ := strconv.Atoi(m[2]); k < len(index) {
				f = "competences[" + strconv.Itoa(index[k]) + "]." + m[3]
			}
		} else if _, ok := endLabels[f]; !ok {
			f = "form"
		}
		errs[i].Field = f
	}
	return errs
}
