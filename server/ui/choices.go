package ui

import (
	"context"
	"fmt"

	"placering/models"
)

// maxChoices caps the companies offered in a select box. A jobcentre with
// more companies than this needs a search-as-you-type picker; until then
// the list shows the first ones by name plus the one already chosen.
const maxChoices = models.MaxPerPage

// companyChoices lists the companies the user may attach an opening or an
// virksomhedscenter to: a consultant's own jobcentre's, or all for an admin.
func (h *Handler) companyChoices(ctx context.Context, u *models.User, selected int64) ([]models.Option, error) {
	f := models.CompanyFilter{Page: models.Page{PerPage: maxChoices, Sort: "name"}}
	if u.Role == models.RoleConsultant && u.JobcentreID != nil {
		f.JobcentreID = *u.JobcentreID
	}
	res, err := h.App.ListCompanies(ctx, u, f)
	if err != nil {
		return nil, fmt.Errorf("company choices: %w", err)
	}
	out := make([]models.Option, 0, len(res.Items)+1)
	found := false
	for _, c := range res.Items {
		out = append(out, models.Option{Code: itoa(c.ID), Label: c.Name + " (" + c.Town + ")"})
		found = found || c.ID == selected
	}
	if selected > 0 && !found {
		if c, err := h.App.GetCompany(ctx, u, selected); err == nil && !c.Archived() {
			out = append(out, models.Option{Code: itoa(c.ID), Label: c.Name + " (" + c.Town + ")"})
		}
	}
	return out, nil
}

// consultantChoices lists the consultants u may pick as responsible, of
// jobcentre jc (all jobcentres for jc 0 and an administrator).
func (h *Handler) consultantChoices(ctx context.Context, u *models.User, jc int64) ([]models.Option, error) {
	users, err := h.App.Consultants(ctx, u, jc)
	if err != nil {
		return nil, fmt.Errorf("consultant choices: %w", err)
	}
	out := make([]models.Option, 0, len(users))
	for _, x := range users {
		out = append(out, models.Option{Code: itoa(x.ID), Label: x.Name})
	}
	return out, nil
}

// jobcentreChoices lists the jobcentres for an administrator, who must say
// which tenant a new company or citizen belongs to. Others get nil: their
// own jobcentre is implied and the field is not shown.
func (h *Handler) jobcentreChoices(ctx context.Context, u *models.User) ([]models.Option, error) {
	if u.Role != models.RoleAdmin {
		return nil, nil
	}
	jcs, err := h.App.Jobcentres(ctx)
	if err != nil {
		return nil, fmt.Errorf("jobcentre choices: %w", err)
	}
	out := make([]models.Option, len(jcs))
	for i, j := range jcs {
		out[i] = models.Option{Code: itoa(j.ID), Label: j.Name}
	}
	return out, nil
}

// companyNames maps company ids to names for list rows.
func (h *Handler) companyNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	names, err := h.App.CompanyNames(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("company names: %w", err)
	}
	return names, nil
}

// userName is a user's display name, or "" when unknown.
func (h *Handler) userName(ctx context.Context, id *int64) string {
	if id == nil {
		return ""
	}
	return h.App.UserName(ctx, *id)
}
