package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
)

// The employer's page for confirming hours (/timer/bekraeft, or one
// placement's weeks at /placeringer/:id/timer/bekraeft): each week with
// hours they have not answered yet, with its worked hours and two
// answers, Bekræft and Bestrid (with a comment). Phone first; it works
// without JavaScript (the dispute form sits in a details element).

const confirmPath = hoursPath + "/bekraeft"

type confirmContent struct {
	Weeks []confirmWeek
	// Only is the placement the page is limited to (0: every placement).
	Only int64
	// Back is where the forms return to.
	Back string
	// Problems are those of an answer to a week no longer listed.
	Problems models.FieldErrors
}

type confirmWeek struct {
	app.WeekToConfirm
	Key   string // "placement-week", unique on the page, for ids
	Label string
	// Errors are the problems of the last answer to this week; Comment
	// and Claimed what was typed.
	Errors           models.FieldErrors
	Comment, Claimed string
}

// Hours writes an hour figure.
func (confirmContent) Hours(f float64) string { return decimal(f, 1) }

// Err is the message for field of the week, "" for none.
func (w confirmWeek) Err(field string) string { return w.Errors.For(field) }

func (h *Handler) confirmPage(c echo.Context) error {
	only := int64(0)
	if c.Param("id") != "" {
		id, err := pathID(c)
		if err != nil {
			return err
		}
		only = id
	}
	return h.renderConfirm(c, http.StatusOK, only, nil)
}

// renderConfirm draws the page; failed is the week whose answer was
// refused, with its problems and what was typed.
func (h *Handler) renderConfirm(c echo.Context, status int, only int64, failed *confirmWeek) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	if err := access.Can(u, access.Create, access.Of(access.HourConfirmation)); err != nil {
		return err
	}
	if only != 0 {
		// Another company's placement is not found, like everywhere else.
		if _, err := h.App.GetPlacement(ctx, u, only); err != nil {
			return err
		}
	}
	weeks, err := h.App.WeeksToConfirm(ctx, u)
	if err != nil {
		return err
	}
	content := &confirmContent{Only: only, Back: confirmPath}
	if only != 0 {
		content.Back = placementPath + "/" + itoa(only) + "/timer/bekraeft"
	}
	matched := false
	for _, w := range weeks {
		if only != 0 && w.PlacementID != only {
			continue
		}
		cw := confirmWeek{WeekToConfirm: w, Key: itoa(w.PlacementID) + "-" + w.Week.String(), Label: weekLabel(w.Week)}
		if failed != nil && failed.PlacementID == w.PlacementID && failed.Week == w.Week {
			cw.Errors, cw.Comment, cw.Claimed = failed.Errors, failed.Comment, failed.Claimed
			matched = true
		}
		content.Weeks = append(content.Weeks, cw)
	}
	if failed != nil && !matched {
		// The week is no longer on the list (answered meanwhile, say): the
		// problem goes at the top.
		content.Problems = failed.Errors
	}
	pg := newPage(c, "Bekræft registrerede timer", secHours, content)
	pg.Invalid = failed != nil
	return renderPage(c, status, "hours/confirm", pg)
}

// confirmSave answers one week: action "bekraeft" or "bestrid".
func (h *Handler) confirmSave(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u := session.UserFrom(c)
	if err := access.Can(u, access.Create, access.Of(access.HourConfirmation)); err != nil {
		return err
	}
	r := &reader{v: vals}
	pid, _ := strconv.ParseInt(vals.Get("placement_id"), 10, 64)
	only, _ := strconv.ParseInt(vals.Get("only"), 10, 64)
	week, werr := models.ParseISOWeek(vals.Get("week"))
	if pid <= 0 || werr != nil {
		return echo.ErrNotFound
	}
	var rev *int
	if n := r.integer("revision"); n > 0 {
		rev = &n
	}
	ctx := c.Request().Context()
	failed := &confirmWeek{WeekToConfirm: app.WeekToConfirm{PlacementID: pid, Week: week}, Comment: vals.Get("comment"), Claimed: vals.Get("claimed")}
	switch vals.Get("action") {
	case "bekraeft":
		_, err = h.App.ConfirmWeek(ctx, u, pid, week.String(), models.ConfirmInput{Revision: rev})
	case "bestrid":
		in := models.DisputeInput{Comment: vals.Get("comment"), Revision: rev}
		if strings.TrimSpace(vals.Get("claimed")) != "" {
			n := r.number("claimed")
			in.Worked = &n
		}
		if len(r.errs) > 0 {
			failed.Errors = r.errs
			return h.renderConfirm(c, http.StatusUnprocessableEntity, only, failed)
		}
		_, err = h.App.DisputeWeek(ctx, u, pid, week.String(), in)
	default:
		return echo.ErrBadRequest
	}
	if err == nil {
		key := flashHoursConfirmed
		if vals.Get("action") == "bestrid" {
			key = flashHoursDisputed
		}
		setFlash(c, key, h.SecureCookies)
		back := confirmPath
		if only != 0 {
			back = placementPath + "/" + itoa(only) + "/timer/bekraeft"
		}
		return c.Redirect(http.StatusSeeOther, back)
	}
	errs, status, err := formErrors(err)
	if err != nil {
		return err
	}
	for i, e := range errs {
		if e.Field == "worked" {
			errs[i].Field = "claimed"
		} else if e.Field != "comment" {
			errs[i].Field = "form"
		}
	}
	failed.Errors = errs
	return h.renderConfirm(c, status, only, failed)
}
