package ui

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/problem"
	"placering/server/session"
)

// The employer's side of the candidates page: a "Vis interesse" form per
// candidate with an optional message, where the interest stands once it
// is shown, and the reopening of an opening paused for enough referrals.

// interestView is what the employer's candidates page needs for interest.
type interestView struct {
	// CanShow: the employer may show interest in this opening's
	// candidates now (their company's, open).
	CanShow bool
	// Paused: the opening has enough referrals; CanReopen: the user may
	// open it again.
	Paused, CanReopen bool
	Problem           *interestProblem
	// Shown are the employer's interests, listed on their own while the
	// opening is paused (its candidates are then not listed).
	Shown []app.EmployerInterest
}

// interestProblem is a refused interest: the candidate's reference, what
// was typed and why, shown at that candidate's form.
type interestProblem struct {
	Ref, Message string
	Errors       []string
}

// ProblemFor returns the refused interest of the candidate ref, or nil.
func (v interestView) ProblemFor(ref string) *interestProblem {
	if v.Problem != nil && v.Problem.Ref == ref {
		return v.Problem
	}
	return nil
}

func (h *Handler) interestView(c echo.Context, content *candidatesContent, p *interestProblem) error {
	u, o := session.UserFrom(c), content.Opening
	allowed := access.Allowed(u, access.Create, access.Row(access.Interest, o.JobcentreID, o.CompanyID))
	content.Interest = interestView{
		CanShow:   content.Employer && allowed && o.Status == models.StatusOpen,
		Paused:    o.Status == models.StatusPaused,
		CanReopen: o.Status == models.StatusPaused && access.Allowed(u, access.Update, access.Row(access.Opening, o.JobcentreID, o.CompanyID)),
		Problem:   p,
	}
	if content.Employer && content.Interest.Paused {
		shown, err := h.App.OpeningInterests(c.Request().Context(), u, o.ID)
		if err != nil {
			return err
		}
		content.Interest.Shown = shown
	}
	return nil
}

func (h *Handler) interestCreate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	in := app.InterestInput{CandidateRef: vals.Get("candidate_ref"), Message: vals.Get("message")}
	_, _, err = h.App.ShowInterest(c.Request().Context(), session.UserFrom(c), id, in)
	if err == nil {
		return c.Redirect(http.StatusSeeOther, "/aabninger/"+itoa(id)+"/kandidater#kandidat-"+url.PathEscape(in.CandidateRef))
	}
	p := &interestProblem{Ref: in.CandidateRef, Message: in.Message}
	status := problem.Status(models.ErrorCode(err))
	switch code := models.ErrorCode(err); code {
	case models.EThrottled, models.ENotFound:
		if code == models.ENotFound && models.ErrorField(err) != "candidate_ref" {
			return err // the opening itself
		}
		p.Errors = []string{models.ErrorMessage(err)}
	default:
		errs, st, ferr := formErrors(err)
		if ferr != nil {
			return ferr
		}
		status = st
		for _, e := range errs {
			p.Errors = append(p.Errors, e.Message)
		}
	}
	return h.renderCandidates(c, status, id, nil, p)
}

func (h *Handler) openingReopen(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, err := h.App.ReopenOpening(c.Request().Context(), session.UserFrom(c), id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/aabninger/"+itoa(id)+"/kandidater")
}

// optInt reads an optional whole number: nil when the field is empty.
func optInt(r *reader, name string) *int {
	if strings.TrimSpace(r.str(name)) == "" {
		return nil
	}
	n := r.integer(name)
	return &n
}

func optIntStr(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}
