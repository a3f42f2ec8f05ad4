package ui

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// The reference form (udtalelse): the employer of the placement's company
// fills it in on a phone or a desktop (tasks one per line, six competences
// as radio groups, a comment); the jobcentre reads it; both print it as a
// clean page, or download it as a PDF, for the citizen's job search.

var referenceLabels = map[string]string{
	"tasks_solved": "Løste arbejdsopgaver",
	"comment":      "Kommentar",
	"revision":     "Udtalelsen",
	"status":       "Placeringen",
	"form":         "Formularen",
}

func init() {
	for _, k := range models.ReferenceCompetenceList {
		referenceLabels["competences."+k.Key] = k.Label
	}
}

// competenceRow is one competence of the form or the finished reference.
type competenceRow struct {
	models.ReferenceCompetence
	ID, Error string
	// Value is what is chosen ("" none; in the form "" for the optional
	// one means "ikke relevant").
	Value  string
	Rating int
}

// ratingOption is one step of the scale.
type ratingOption struct {
	Value int
	Label string
}

type referenceContent struct {
	Placement app.PlacementView
	// Form is set when the user may write the reference now.
	Form        *web.Form
	Reference   *app.ReferenceView
	Competences []competenceRow
	Scale       []ratingOption
	Action      string
	SeesCitizen bool
	Period      string
}

// RatingLabel names a rating in words.
func (referenceContent) RatingLabel(r int) string { return models.RatingLabel(r) }

func ratingScale() []ratingOption {
	out := make([]ratingOption, 0, models.MaxRating)
	for r := models.MinRating; r <= models.MaxRating; r++ {
		out = append(out, ratingOption{Value: r, Label: models.RatingLabel(r)})
	}
	return out
}

// loadReference loads the placement and its reference (nil when none is
// written) for a page.
func (h *Handler) loadReference(c echo.Context) (app.PlacementView, *app.ReferenceView, error) {
	id, err := pathID(c)
	if err != nil {
		return app.PlacementView{}, nil, err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	if err := access.Can(u, access.Read, access.Of(access.Reference)); err != nil {
		return app.PlacementView{}, nil, err
	}
	p, err := h.App.GetPlacement(ctx, u, id)
	if err != nil {
		return p, nil, err
	}
	r, err := h.App.GetReference(ctx, u, id)
	switch {
	case models.ErrorCode(err) == models.ENotFound: // the placement is there, so the reference is not
		return p, nil, nil
	case err != nil:
		return p, nil, err
	}
	return p, &r, nil
}

// referencePage shows the form to the employer who may write it, and the
// written reference to everyone else who may read it.
func (h *Handler) referencePage(c echo.Context) error {
	return h.renderReference(c, http.StatusOK, nil)
}

func (h *Handler) renderReference(c echo.Context, status int, form *web.Form) error {
	p, ref, err := h.loadReference(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	content := &referenceContent{Placement: p, Reference: ref, Scale: ratingScale(),
		Action: app.ReferenceLink(p.ID), SeesCitizen: seesCitizens(u), Period: referencePeriod(p)}
	if h.App.CanWriteReference(u, p.Placement) {
		if form == nil {
			form = web.NewForm(referenceLabels, referenceValues(ref))
		}
		content.Form = form
	}
	content.Competences = competenceRows(form, ref)
	title := "Udtalelse om placeringen"
	pg := newPage(c, title, secPlacements, content)
	pg.Invalid = form != nil && form.Invalid()
	return renderPage(c, status, "placements/reference", pg)
}

// referencePeriod is the placement's period, "3. feb. 2027 – 30. apr. 2027".
func referencePeriod(p app.PlacementView) string {
	s := web.FormatDate(p.StartDate)
	if last := p.LastDay(); !last.IsZero() {
		s += " – " + web.FormatDate(last)
	}
	return s
}

// referenceValues fills the form from the stored reference (or empty,
// revision 0, for the first).
func referenceValues(r *app.ReferenceView) url.Values {
	v := url.Values{"revision": {"0"}}
	if r == nil {
		return v
	}
	v.Set("revision", strconv.Itoa(r.Revision))
	v.Set("tasks_solved", strings.Join(r.TasksSolved, "\n"))
	v.Set("comment", r.Comment)
	for _, k := range models.ReferenceCompetenceList {
		if x := r.Competences.Get(k.Key); x != nil {
			v.Set("competences."+k.Key, strconv.Itoa(*x))
		}
	}
	return v
}

func competenceRows(form *web.Form, ref *app.ReferenceView) []competenceRow {
	out := make([]competenceRow, len(models.ReferenceCompetenceList))
	for i, k := range models.ReferenceCompetenceList {
		name := "competences." + k.Key
		row := competenceRow{ReferenceCompetence: k, ID: web.FieldID(name)}
		if form != nil {
			row.Value, row.Error = form.Get(name), form.Err(name)
		}
		if ref != nil {
			if x := ref.Competences.Get(k.Key); x != nil {
				row.Rating = *x
			}
		}
		out[i] = row
	}
	return out
}

var taskIndex = regexp.MustCompile(`^tasks_solved\[(\d+)\]$`)

// referenceSave reads the form: tasks one per line (blank lines dropped),
// a rating per competence ("" for the optional one: not relevant).
func (h *Handler) referenceSave(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	if err := access.Can(u, access.Update, access.Of(access.Reference)); err != nil {
		return err
	}
	r := &reader{v: vals}
	in := models.ReferenceInput{Comment: vals.Get("comment")}
	for _, line := range strings.Split(strings.ReplaceAll(vals.Get("tasks_solved"), "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) != "" {
			in.TasksSolved = append(in.TasksSolved, line)
		}
	}
	for _, k := range models.ReferenceCompetenceList {
		name := "competences." + k.Key
		if strings.TrimSpace(vals.Get(name)) == "" {
			continue
		}
		n := r.integer(name)
		in.Competences.Set(k.Key, &n)
	}
	if rev := r.integer("revision"); rev >= 0 {
		in.Revision = &rev
	}
	errs, status := r.errs, http.StatusUnprocessableEntity
	if len(errs) == 0 {
		_, _, err := h.App.SaveReference(c.Request().Context(), u, id, in)
		if err == nil {
			setFlash(c, flashReferenceSaved, h.SecureCookies)
			return c.Redirect(http.StatusSeeOther, app.ReferenceLink(id))
		}
		if models.ErrorCode(err) == models.EConflict && models.ErrorField(err) == "status" {
			return err // not begun: there is no form to show it at
		}
		var ferr error
		if errs, status, ferr = formErrors(err); ferr != nil {
			return ferr
		}
	}
	// A task line's problem is shown at the text box, naming the line.
	for i, fe := range errs {
		if m := taskIndex.FindStringSubmatch(fe.Field); m != nil {
			n, _ := strconv.Atoi(m[1])
			errs[i] = models.FieldError{Field: "tasks_solved", Message: "Linje " + strconv.Itoa(n+1) + ": " + fe.Message}
		}
	}
	form := web.NewForm(referenceLabels, vals)
	form.Errors = errs
	return h.renderReference(c, status, form)
}

// referencePrint is the reference as a clean one-page document for the
// citizen's job applications, in Danish: print CSS drops the header, menu
// and buttons.
func (h *Handler) referencePrint(c echo.Context) error {
	p, ref, err := h.loadReference(c)
	if err != nil {
		return err
	}
	if ref == nil {
		return models.NotFound("Der er endnu ikke skrevet en udtalelse om placeringen.")
	}
	content := &referenceContent{Placement: p, Reference: ref, Scale: ratingScale(),
		Competences: competenceRows(nil, ref), Period: referencePeriod(p)}
	return renderPage(c, http.StatusOK, "placements/reference_print",
		newPage(c, "Udtalelse: "+p.CitizenName, secPlacements, content))
}

// referencePDF is the same document as a PDF.
func (h *Handler) referencePDF(c echo.Context) error {
	p, ref, err := h.loadReference(c)
	if err != nil {
		return err
	}
	if ref == nil {
		return models.NotFound("Der er endnu ikke skrevet en udtalelse om placeringen.")
	}
	b, err := referencePDF(p, *ref, referencePeriod(p))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="udtalelse-`+itoa(p.ID)+`.pdf"`)
	return c.Blob(http.StatusOK, "application/pdf", b)
}
