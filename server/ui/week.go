package ui

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// One week of a placement (/placeringer/:id/uger/2027-W03): every saved
// revision, newest first, and a form to enter or correct the week through
// app.SaveWeek. The form carries the revision it showed, so a correction
// made meanwhile by someone else is reported instead of overwritten.

var weekLabels = map[string]string{
	"planned":        "Planlagte timer",
	"worked":         "Arbejdede timer",
	"absent":         "Fraværstimer",
	"absence_reason": "Årsag til fravær",
	"ordinary":       "Heraf ordinære timer",
	"source":         "Timerne er oplyst af",
	"note":           "Bemærkning (arbejdsgiveren kan se den)",
	"internal_note":  "Intern note (kun jobcentret)",
	"revision":       "Rettelse",
	"iso_week":       "Uge",
	"form":           "Formularen",
}

type weekContent struct {
	Placement app.PlacementView
	Week      app.WeekView
	Label     string
	Revisions []revisionRow
	// Form is nil for a user who may only look.
	Form    *web.Form
	Action  string
	Reasons []models.Option
	Sources []models.Option
	// Internal: the user is jobcentre staff, who write and read the
	// week's internal note; an employer sees only the shared note.
	Internal bool
}

type revisionRow struct {
	models.HourRevision
	EnteredBy string
}

// Hours writes an hour figure.
func (weekContent) Hours(f float64) string { return decimal(f, 1) }

// AbsenceLabel names an absence reason.
func (weekContent) AbsenceLabel(r models.AbsenceReason) string { return orText(r.Label(), string(r)) }

// SourceLabel names who reported the hours.
func (weekContent) SourceLabel(s models.HourSource) string { return orText(s.Label(), string(s)) }

func (h *Handler) placementWeek(c echo.Context) error {
	return h.renderWeek(c, http.StatusOK, nil)
}

// renderWeek draws the week; form is nil for a fresh page, else what was
// sent with its problems.
func (h *Handler) renderWeek(c echo.Context, status int, form *web.Form) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	w, err := models.ParseISOWeek(c.Param("week"))
	if err != nil {
		return echo.ErrNotFound
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	if err := access.Can(u, access.Read, access.Of(access.Placement)); err != nil {
		return err
	}
	p, err := h.App.GetPlacement(ctx, u, id)
	if err != nil {
		return err
	}
	wv, err := h.App.HoursOfWeek(ctx, u, id, w.String())
	if err != nil {
		return err
	}
	names := userNames{h: h, c: c}
	revs := make([]revisionRow, len(wv.History))
	for i, r := range wv.History {
		revs[len(revs)-1-i] = revisionRow{HourRevision: r, EnteredBy: names.of(r.EnteredBy)} // newest first
	}
	content := &weekContent{Placement: p, Week: wv, Label: weekLabel(w), Revisions: revs,
		Action: placementPath + "/" + itoa(id) + "/uger/" + w.String(), Reasons: models.AbsenceReasonOptions(), Sources: sourceChoices(u),
		Internal: seesInternalNotes(u)}
	if access.Allowed(u, access.Update, hoursRow(p.Placement)) && p.Covers(w) {
		if form == nil {
			form = web.NewForm(noteLabels(u, weekLabels), weekValues(wv, p.Kind))
			form.Values.Set("source", string(defaultSource(u)))
		}
		content.Form = form
	}
	title := fmt.Sprintf("Uge %d, %d: %s hos %s", w.Week, w.Year, p.CitizenName, p.CompanyName)
	pg := newPage(c, title, secPlacements, content)
	pg.Invalid = form != nil && form.Invalid()
	return renderPage(c, status, "placements/week", pg)
}

// weekValues fills the form from the week's current figures, leaving the
// planned hours blank while the week follows the plan and the ordinary
// hours blank while they are the kind's default (see rowValues).
func weekValues(wv app.WeekView, kind models.Kind) url.Values {
	v := url.Values{"revision": {"0"}}
	if cur := wv.Hours; cur != nil {
		if cur.Planned != nil {
			v.Set("planned", numStr(*cur.Planned))
		}
		v.Set("worked", numStr(cur.Worked))
		if cur.Absent != 0 {
			v.Set("absent", numStr(cur.Absent))
		}
		v.Set("absence_reason", string(cur.AbsenceReason))
		def := 0.0
		if kind == models.KindOrdinaereTimer {
			def = cur.Worked
		}
		if cur.Ordinary != def {
			v.Set("ordinary", numStr(cur.Ordinary))
		}
		v.Set("revision", intStr(cur.Revision))
		v.Set("note", cur.Note)
		v.Set("internal_note", cur.InternalNote)
	}
	return v
}

// seesInternalNotes: jobcentre staff write and read a week's internal
// note; an employer only the shared one (the service blanks the other).
func seesInternalNotes(u *models.User) bool { return !access.ScopeOf(u).Employer }

// noteLabels are labels with the note named for the user: for an employer
// there is only one note, so it needs no word on who sees it.
func noteLabels(u *models.User, labels map[string]string) map[string]string {
	if seesInternalNotes(u) {
		return labels
	}
	out := make(map[string]string, len(labels))
	for k, v := range labels {
		out[k] = v
	}
	out["note"] = "Bemærkning (jobcentret kan se den)"
	return out
}

func (h *Handler) placementWeekSave(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	w, err := models.ParseISOWeek(c.Param("week"))
	if err != nil {
		return echo.ErrNotFound
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	if err := access.Can(u, access.Update, access.Of(access.Hours)); err != nil {
		return err
	}
	r := &reader{v: vals}
	optional := func(name string) *float64 {
		if strings.TrimSpace(vals.Get(name)) == "" {
			return nil
		}
		f := r.number(name)
		return &f
	}
	in := models.HoursInput{Planned: optional("planned"), Worked: optional("worked"), Ordinary: optional("ordinary"),
		Absent: r.number("absent"), AbsenceReason: models.AbsenceReason(vals.Get("absence_reason")),
		Source: models.HourSource(vals.Get("source")), Note: vals.Get("note")}
	if seesInternalNotes(u) {
		in.InternalNote = vals.Get("internal_note")
	}
	if rev := r.integer("revision"); rev >= 0 {
		in.Revision = &rev
	}
	errs, status := r.errs, http.StatusUnprocessableEntity
	if len(errs) == 0 {
		_, err := h.App.SaveWeek(c.Request().Context(), u, id, w.String(), in)
		if err == nil {
			setFlash(c, flashHoursSaved, h.SecureCookies)
			return c.Redirect(http.StatusSeeOther, placementPath+"/"+itoa(id)+"#uger")
		}
		var stale *app.StaleHoursError
		switch {
		case errors.As(err, &stale):
			errs, status = stale.Errs, http.StatusConflict
		default:
			if errs, status, err = formErrors(err); err != nil {
				return err
			}
		}
	} else {
		merge(&errs, in.Validate())
	}
	for i, e := range errs {
		if _, ok := weekLabels[e.Field]; !ok {
			errs[i].Field = "form"
		}
	}
	form := web.NewForm(noteLabels(u, weekLabels), vals)
	form.Errors = errs
	return h.renderWeek(c, status, form)
}
