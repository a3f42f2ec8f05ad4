package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"placering/models"
	"placering/server/access"
	"placering/server/auth"
	"placering/store"
)

// InvitationPath is where an invitation's link points, under PublicURL;
// the token follows.
const InvitationPath = "/invitation/"

// InvitationInput is what an administrator or a consultant sends to invite
// someone. An employer is invited to a company (and so to its jobcentre);
// a consultant or event staff to a jobcentre; an administrator to neither.
type InvitationInput struct {
	Email string      `json:"email"`
	Role  models.Role `json:"role"`
	// JobcentreID is needed for consultants and event staff; a consultant
	// who leaves it out invites to their own jobcentre.
	JobcentreID *int64 `json:"jobcentre_id"`
	// CompanyID is needed for an employer, and only then.
	CompanyID *int64 `json:"company_id"`
}

// Validate checks the e-mail address and the role; which jobcentre and
// company fit the role needs the database.
func (in InvitationInput) Validate() models.FieldErrors {
	var errs models.FieldErrors
	checkEmail(&errs, "email", strings.ToLower(strings.TrimSpace(in.Email)))
	if in.Role == "" {
		errs.Add("role", "Vælg en rolle.")
	} else if !in.Role.Valid() {
		errs.Add("role", "Ukendt rolle.")
	}
	return errs
}

// checkEmail adds a field error when email is missing or does not look
// like an address.
func checkEmail(errs *models.FieldErrors, field, email string) {
	models.CheckText(errs, field, email, models.MaxShortText, true, false)
	if at := strings.IndexByte(email, '@'); !errs.Has(field) &&
		(at < 1 || at == len(email)-1 || strings.ContainsAny(email, " \t") || strings.Count(email, "@") != 1) {
		errs.Add(field, "E-mailadressen ser ikke gyldig ud.")
	}
}

// InvitationCreated is the answer to a new invitation: the one-time link
// (also mailed), to pass on by hand when no mail goes out.
type InvitationCreated struct {
	ID          int64       `json:"id"`
	Email       string      `json:"email"`
	Role        models.Role `json:"role"`
	JobcentreID *int64      `json:"jobcentre_id"`
	CompanyID   *int64      `json:"company_id"`
	ExpiresAt   time.Time   `json:"expires_at"`
	URL         string      `json:"url"`
}

// InvitationInfo is a pending invitation in a list; never its token.
type InvitationInfo struct {
	ID          int64       `json:"id"`
	Email       string      `json:"email"`
	Role        models.Role `json:"role"`
	JobcentreID *int64      `json:"jobcentre_id"`
	CompanyID   *int64      `json:"company_id"`
	CompanyName string      `json:"company_name"`
	InvitedBy   string      `json:"invited_by"`
	CreatedAt   time.Time   `json:"created_at"`
	ExpiresAt   time.Time   `json:"expires_at"`
}

// emailInUse is the answer when an invitation or a new user would take an
// address a user already has.
func emailInUse() error {
	return models.Conflict("email", "Der findes allerede en bruger med denne e-mailadresse.")
}

// CreateInvitation invites in.Email to in.Role, stores the invitation (its
// token only as a hash), mails the one-time link and returns it.
func (a *App) CreateInvitation(ctx context.Context, actor Actor, in InvitationInput) (InvitationCreated, error) {
	if err := can(actor, access.Create, access.Of(access.Invitation)); err != nil {
		return InvitationCreated{}, err
	}
	if err := a.invitationQuota(ctx, actor); err != nil {
		return InvitationCreated{}, err
	}
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	errs := in.Validate()
	var jcName, companyName string
	switch in.Role {
	case models.RoleAdmin:
		in.JobcentreID, in.CompanyID = nil, nil
	case models.RoleConsultant, models.RoleEventStaff:
		in.CompanyID = nil
		if in.JobcentreID == nil && actor.Role == models.RoleConsultant {
			in.JobcentreID = actor.JobcentreID
		}
		if in.JobcentreID == nil {
			errs.Add("jobcentre_id", "Vælg jobcenter.")
		} else if j, err := a.store.GetJobcentre(ctx, *in.JobcentreID); unavailable(err) {
			return InvitationCreated{}, err
		} else if err != nil || j.ArchivedAt != nil {
			errs.Add("jobcentre_id", "Jobcentret findes ikke.")
		} else {
			jcName = j.Name
		}
	case models.RoleEmployer:
		if in.CompanyID == nil {
			errs.Add("company_id", "Vælg den virksomhed, arbejdsgiveren hører til.")
		} else if c, err := a.store.GetCompany(ctx, *in.CompanyID); unavailable(err) {
			return InvitationCreated{}, err
		} else if err != nil || c.Archived() {
			errs.Add("company_id", "Virksomheden findes ikke.")
		} else if in.JobcentreID != nil && *in.JobcentreID != c.JobcentreID {
			errs.Add("company_id", "Virksomheden hører ikke til det valgte jobcenter.")
		} else {
			in.JobcentreID, companyName = &c.JobcentreID, c.Name
		}
	}
	if err := errs.Err(); err != nil {
		return InvitationCreated{}, err
	}
	var jc, company int64
	if in.JobcentreID != nil {
		jc = *in.JobcentreID
	}
	if in.CompanyID != nil {
		company = *in.CompanyID
	}
	if err := can(actor, access.Create, access.Invite(in.Role, jc, company)); err != nil {
		return InvitationCreated{}, err
	}
	taken, err := a.store.EmailTaken(ctx, in.Email)
	if err != nil {
		return InvitationCreated{}, err
	}
	if taken {
		return InvitationCreated{}, emailInUse()
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		return InvitationCreated{}, err
	}
	now := a.Now().UTC().Truncate(time.Microsecond)
	by := actor.ID
	inv := models.Invitation{TokenHash: hash, Email: in.Email, Role: in.Role, JobcentreID: in.JobcentreID, CompanyID: in.CompanyID,
		InvitedBy: &by, CreatedAt: now, ExpiresAt: now.Add(models.InvitationTTL)}
	if err := a.store.CreateInvitation(ctx, &inv); err != nil {
		return InvitationCreated{}, err
	}
	link := a.PublicURL + InvitationPath + token
	m := invitationMail(inv, link, actor.Name, jcName, companyName)
	if err := a.sendMail(ctx, m); err != nil {
		// Without its mail the invitation must not linger half made.
		_ = a.store.DeleteInvitation(context.WithoutCancel(ctx), inv.ID)
		return InvitationCreated{}, err
	}
	if err := a.audit(ctx, actor, "create", "invitation", inv.ID); err != nil {
		return InvitationCreated{}, err
	}
	return InvitationCreated{ID: inv.ID, Email: inv.Email, Role: inv.Role, JobcentreID: inv.JobcentreID, CompanyID: inv.CompanyID,
		ExpiresAt: inv.ExpiresAt, URL: link}, nil
}

// ListInvitations lists the pending invitations in the actor's scope:
// every one for an administrator, their own jobcentre's for a consultant.
func (a *App) ListInvitations(ctx context.Context, actor Actor) ([]InvitationInfo, error) {
	if err := can(actor, access.Read, access.Of(access.Invitation)); err != nil {
		return nil, err
	}
	jc, ok := access.ScopeOf(actor).ListJobcentre(0)
	if !ok {
		return []InvitationInfo{}, nil
	}
	invs, err := a.store.ListInvitations(ctx, jc, a.Now().UTC())
	if err != nil {
		return nil, err
	}
	var companyIDs, inviterIDs []int64
	for _, inv := range invs {
		if inv.CompanyID != nil {
			companyIDs = append(companyIDs, *inv.CompanyID)
		}
		if inv.InvitedBy != nil {
			inviterIDs = append(inviterIDs, *inv.InvitedBy)
		}
	}
	names, err := a.store.CompanyNames(ctx, companyIDs)
	if err != nil {
		return nil, err
	}
	inviters, err := a.store.UserNames(ctx, inviterIDs)
	if err != nil {
		return nil, err
	}
	out := make([]InvitationInfo, 0, len(invs))
	for _, inv := range invs {
		info := InvitationInfo{ID: inv.ID, Email: inv.Email, Role: inv.Role, JobcentreID: inv.JobcentreID, CompanyID: inv.CompanyID,
			CreatedAt: inv.CreatedAt.UTC(), ExpiresAt: inv.ExpiresAt.UTC()}
		if inv.CompanyID != nil {
			info.CompanyName = names[*inv.CompanyID]
		}
		if inv.InvitedBy != nil {
			info.InvitedBy = inviters[*inv.InvitedBy]
		}
		out = append(out, info)
	}
	return out, nil
}

// RevokeInvitation ends a pending invitation, so its link no longer works.
func (a *App) RevokeInvitation(ctx context.Context, actor Actor, id int64) error {
	if err := can(actor, access.Read, access.Of(access.Invitation)); err != nil {
		return err
	}
	inv, err := a.store.GetInvitation(ctx, id)
	if err != nil {
		return notFoundInvitation(err)
	}
	if err := can(actor, access.Archive, invitationRow(inv)); err != nil {
		return err
	}
	if err := a.store.RevokeInvitation(ctx, id, a.Now().UTC()); errors.Is(err, store.ErrUsed) {
		return models.Errorf(models.EGone, "revoke invitation", err, "Invitationen er allerede brugt, tilbagekaldt eller udløbet.")
	} else if err != nil {
		return err
	}
	return a.audit(ctx, actor, "revoke", "invitation", id)
}

func invitationRow(inv models.Invitation) access.Resource {
	var jc, company int64
	if inv.JobcentreID != nil {
		jc = *inv.JobcentreID
	}
	if inv.CompanyID != nil {
		company = *inv.CompanyID
	}
	return access.Invite(inv.Role, jc, company)
}

func notFoundInvitation(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return &models.Error{Code: models.ENotFound, Op: "invitation", Err: err, Message: "Invitationen findes ikke."}
	}
	return err
}

// InvitationOffer is what the accept page shows about an invitation.
type InvitationOffer struct {
	Email       string
	Role        models.Role
	CompanyName string
	ExpiresAt   time.Time
}

// errUnknownLink answers a token no link has.
func errUnknownLink(op string) error {
	return &models.Error{Code: models.ENotFound, Op: op,
		Message: "Linket findes ikke. Tjek, at du har kopieret hele linket fra mailen."}
}

// pendingInvitation returns the pending invitation of token, or a gone
// error saying why it no longer works.
func (a *App) pendingInvitation(ctx context.Context, token string) (models.Invitation, error) {
	if !auth.ValidToken(token) {
		return models.Invitation{}, errUnknownLink("invitation")
	}
	inv, err := a.store.InvitationByHash(ctx, auth.HashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return inv, errUnknownLink("invitation")
	}
	if err != nil {
		return inv, err
	}
	if msg := invitationGone(inv, a.Now()); msg != "" {
		return inv, models.Errorf(models.EGone, "invitation", nil, msg)
	}
	msg, err := a.invitationTargetGone(ctx, inv)
	if err != nil {
		return inv, err
	}
	if msg != "" {
		return inv, models.Errorf(models.EGone, "invitation", nil, msg)
	}
	if err := a.inviterMayStill(ctx, inv); err != nil {
		return inv, err
	}
	return inv, nil
}

// InvitationsPerDay is how many invitations one consultant may send in 24
// hours: enough to bring a company's staff or an event's helpers on
// board, and a bound on what a stolen consultant account can make the
// municipality's mail relay send. Administrators are not counted.
const InvitationsPerDay = 30

// invitationQuota refuses (429) an invitation past InvitationsPerDay.
func (a *App) invitationQuota(ctx context.Context, actor Actor) error {
	if actor.Role == models.RoleAdmin {
		return nil
	}
	n, err := a.store.InvitationsSentSince(ctx, actor.ID, a.Now().Add(-24*time.Hour))
	if err != nil {
		return err
	}
	if n >= InvitationsPerDay {
		return &models.Error{Code: models.EThrottled, Op: "invitation quota",
			Message: fmt.Sprintf("Du har sendt %d invitationer det seneste døgn, som er det højeste antal. Prøv igen i morgen, eller bed en administrator om at invitere.", InvitationsPerDay)}
	}
	return nil
}

// invitationTargetGone says why an invitation whose company or jobcentre
// was archived after it was sent no longer works, or "" when both are
// there. Such a link is gone (410) like a used one: no user is made for a
// tenant or company nobody can pick, and a new invitation is the way back.
func (a *App) invitationTargetGone(ctx context.Context, inv models.Invitation) (string, error) {
	if inv.CompanyID != nil {
		c, err := a.store.GetCompany(ctx, *inv.CompanyID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return "", err
		}
		if err != nil || c.Archived() {
			return "Virksomheden, som invitationen gælder, er ikke længere med i ordningen. Kontakt jobcentret, hvis du stadig skal have adgang.", nil
		}
	}
	if inv.JobcentreID != nil {
		j, err := a.store.GetJobcentre(ctx, *inv.JobcentreID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return "", err
		}
		if err != nil || j.Archived() {
			return "Jobcentret, som invitationen gælder, er lukket. Bed den, der inviterede dig, om en ny invitation.", nil
		}
	}
	return "", nil
}

// inviterMayStill checks that whoever sent inv may still invite to it: an
// invitation from a user who was deactivated since, or lost the role or
// jobcentre it needs, is gone, so that taking someone's access away also
// takes away the access they were handing out.
func (a *App) inviterMayStill(ctx context.Context, inv models.Invitation) error {
	if inv.InvitedBy == nil {
		return nil
	}
	u, err := a.store.GetUser(ctx, *inv.InvitedBy)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if err != nil || access.Can(&u, access.Create, invitationRow(inv)) != nil {
		return models.Errorf(models.EGone, "invitation: inviter", err,
			"Invitationen gælder ikke længere, fordi den, der inviterede dig, ikke længere kan invitere. Bed jobcentret om en ny.")
	}
	return nil
}

func invitationGone(inv models.Invitation, now time.Time) string {
	switch {
	case inv.AcceptedAt != nil:
		return "Invitationen er allerede brugt. Log ind med din e-mailadresse og den adgangskode, du valgte."
	case inv.RevokedAt != nil:
		return "Invitationen er trukket tilbage. Bed den, der inviterede dig, om en ny."
	case !now.Before(inv.ExpiresAt):
		return "Invitationen er udløbet. Bed den, der inviterede dig, om en ny."
	}
	return ""
}

// InvitationFor returns what the accept page shows for a pending
// invitation's token; a used, revoked or expired one is gone.
func (a *App) InvitationFor(ctx context.Context, token string) (InvitationOffer, error) {
	inv, err := a.pendingInvitation(ctx, token)
	if err != nil {
		return InvitationOffer{}, err
	}
	offer := InvitationOffer{Email: inv.Email, Role: inv.Role, ExpiresAt: inv.ExpiresAt}
	if inv.CompanyID != nil {
		if c, err := a.store.GetCompany(ctx, *inv.CompanyID); err == nil {
			offer.CompanyName = c.Name
		}
	}
	return offer, nil
}

// AcceptInput is what the invitee sends: their name and a password.
type AcceptInput struct {
	Name     string `json:"name"`
	Password string `json:"password"`
}

// Validate checks that both are there.
func (in AcceptInput) Validate() models.FieldErrors {
	var errs models.FieldErrors
	models.CheckText(&errs, "name", strings.TrimSpace(in.Name), models.MaxShortText, true, false)
	if in.Password == "" {
		errs.Add("password", "Vælg en adgangskode.")
	}
	return errs
}

// AcceptInvitation makes the invitee a user with the invitation's e-mail
// address, role, jobcentre and company, in one transaction with marking
// the invitation used: of two accepts of one link exactly one succeeds.
func (a *App) AcceptInvitation(ctx context.Context, token string, in AcceptInput) (models.User, error) {
	inv, err := a.pendingInvitation(ctx, token)
	if err != nil {
		return models.User{}, err
	}
	in.Name = strings.TrimSpace(in.Name)
	errs := in.Validate()
	if in.Password != "" {
		if err := auth.CheckNewPassword(in.Password, inv.Email); err != nil {
			errs.Add("password", "%s", err.Error())
		}
	}
	if err := errs.Err(); err != nil {
		return models.User{}, err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return models.User{}, err
	}
	u := models.User{Email: inv.Email, Name: in.Name, PasswordHash: hash, Role: inv.Role, JobcentreID: inv.JobcentreID, CompanyID: inv.CompanyID}
	u.CreatedBy = inv.InvitedBy
	u.UpdatedBy = inv.InvitedBy
	err = a.store.AcceptInvitation(ctx, inv.ID, a.Now().UTC().Truncate(time.Microsecond), &u)
	switch {
	case errors.Is(err, store.ErrUsed):
		return models.User{}, models.Errorf(models.EGone, "accept invitation", err,
			"Invitationen er allerede brugt, trukket tilbage eller udløbet.")
	case errors.Is(err, store.ErrConflict):
		return models.User{}, emailInUse()
	case err != nil:
		return models.User{}, err
	}
	if err := a.audit(ctx, &u, "accept", "invitation", inv.ID); err != nil {
		return models.User{}, err
	}
	return u, nil
}
