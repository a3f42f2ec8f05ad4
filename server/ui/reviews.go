package ui

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/session"
	"placering/web"
)

// The jobcentre's review of openings that employers post for a subsidised
// scheme: the consultants' queue of openings awaiting review, and on an
// opening's page the scheme's checklist with Godkend and Send tilbage.

const (
	reviewQueuePath = "/aabninger/til-godkendelse"
	secReviews      = "aabninger/til-godkendelse"
)

var reviewLabels = map[string]string{
	"checklist": "Tjekliste for ordningen",
	"comment":   "Kommentar til arbejdsgiveren",
	"form":      "Formularen",
}

type reviewQueueContent struct {
	Items     []models.Opening
	Companies map[int64]string
}

// reviewQueue lists the openings awaiting the consultant's review, oldest
// first.
func (h *Handler) reviewQueue(c echo.Context) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	items, err := h.App.ReviewQueue(ctx, u, 0)
	if err != nil {
		return err
	}
	ids := make([]int64, len(items))
	for i, o := range items {
		ids[i] = o.CompanyID
	}
	names, err := h.companyNames(ctx, ids)
	if err != nil {
		return err
	}
	return renderPage(c, http.StatusOK, "openings/review_queue", newPage(c, "Åbninger til godkendelse", secReviews,
		&reviewQueueContent{Items: items, Companies: names}))
}

// openingReview approves the opening (decision=godkend) or sends it back
// (decision=send_tilbage) with the ticked checklist and the comment.
func (h *Handler) openingReview(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	in := models.ReviewInput{Comment: vals.Get("comment"), Checklist: map[string]bool{}}
	for _, key := range vals["checklist"] {
		in.Checklist[key] = true
	}
	flash := flashOpeningApproved
	if vals.Get("decision") == "send_tilbage" {
		flash = flashOpeningReturned
		_, err = h.App.ReturnOpening(ctx, u, id, models.ReturnInput{ReviewInput: in})
	} else {
		_, err = h.App.ApproveOpening(ctx, u, id, in)
	}
	if err == nil {
		setFlash(c, flash, h.SecureCookies)
		return c.Redirect(http.StatusSeeOther, reviewQueuePath)
	}
	errs, status, err := formErrors(err)
	if status == 0 {
		return err
	}
	form := web.NewForm(reviewLabels, vals)
	form.Errors = errs
	return h.openingPage(c, status, id, form)
}

// reviewOf fills the review part of an opening's page: the checklist form
// for who may review an opening awaiting it (form carries what was sent,
// or nil), and the latest review's checklist with its labels for staff.
func reviewOf(u *models.User, o models.Opening, form *web.Form, content *openingShowContent) {
	var options []models.Option
	for _, it := range models.ChecklistFor(o.Kind) {
		options = append(options, models.Option{Code: it.Key, Label: it.Label})
	}
	staff := access.Allowed(u, access.Update, access.Row(access.OpeningReview, o.JobcentreID, o.CompanyID))
	if staff && o.Status == models.StatusToReview {
		if form == nil {
			form = web.NewForm(reviewLabels, url.Values{})
		}
		content.ReviewForm, content.Checklist = form, options
	}
	if staff && o.Review != nil {
		for _, opt := range options {
			content.Checked = append(content.Checked, checkedItem{Label: opt.Label, Checked: o.Review.Checklist[opt.Code]})
		}
	}
}

// checkedItem is one checklist item of a review as ticked.
type checkedItem struct {
	Label   string
	Checked bool
}
