// Package app is the service's rule book: who may read and change what,
// tenant boundaries, defaults, the CPR vault and the audit trail. The JSON
// API and the browser UI both call it, so a rule written here holds for
// both, and neither handler layer decides access on its own.
package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"placering/models"
	"placering/search"
	"placering/server/cprvault"
	"placering/server/derived"
	"placering/store"
)

// Errors the handler layers turn into HTTP statuses. Validation problems
// come back as models.FieldErrors.
var (
	ErrNotFound  = errors.New("findes ikke")
	ErrForbidden = errors.New("ingen adgang")
	ErrConflict  = errors.New("konflikt")
)

// ConflictError says which uniqueness rule a write broke, in Danish, and
// which input field the form should show it next to.
type ConflictError struct{ Field, Message string }

func (e *ConflictError) Error() string { return e.Message }
func (e *ConflictError) Unwrap() error { return ErrConflict }

// App holds the dependencies of the rule book. All fields are required.
type App struct {
	Store *store.Store
	Vault *cprvault.Vault
	// Index finds openings, virksomhedscentre and companies.
	Index search.Engine
	// Now returns the current time; tests may fix it.
	Now func() time.Time

	matching derived.Openings                        // the match snapshot, per process
	alerts   derived.Cache[int64, alertEntry]        // per jobcentre; see derived.go
	reports  derived.Cache[reportKey, MonthlyReport] // per jobcentre and range
}

// Actor is the logged-in user a call is made for.
type Actor = *models.User

type requestKey struct{}

// RequestInfo describes the request a call serves, for the audit log.
type RequestInfo struct {
	Route    string
	RemoteIP string
}

// WithRequest attaches request details that audit entries record.
func WithRequest(ctx context.Context, info RequestInfo) context.Context {
	return context.WithValue(ctx, requestKey{}, info)
}

func requestInfo(ctx context.Context) RequestInfo {
	info, _ := ctx.Value(requestKey{}).(RequestInfo)
	return info
}

// audit records that a user acted on some rows. Reads of personal data are
// recorded once per request here, at the one entry point both UIs share.
func (a *App) audit(ctx context.Context, actor Actor, action, entity string, ids ...int64) error {
	info := requestInfo(ctx)
	var b strings.Builder
	b.WriteByte(',')
	for _, id := range ids {
		b.WriteString(strconv.FormatInt(id, 10))
		b.WriteByte(',')
	}
	e := models.AuditEntry{
		At: a.Now().UTC(), UserID: actor.ID, JobcentreID: actor.JobcentreID,
		Action: action, Entity: entity, EntityIDs: b.String(),
		Route: info.Route, RemoteIP: info.RemoteIP,
	}
	if err := a.Store.RecordAudit(ctx, &e); err != nil {
		return fmt.Errorf("audit %s %s: %w", action, entity, err)
	}
	return nil
}

// notFound wraps the store's ErrNotFound as the app's.
func notFound(err error, what string) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return err
}

func isAdmin(u Actor) bool      { return u.Role == models.RoleAdmin }
func isConsultant(u Actor) bool { return u.Role == models.RoleConsultant }
func isEmployer(u Actor) bool   { return u.Role == models.RoleEmployer }

// sameJobcentre reports whether the actor belongs to jobcentre id.
func sameJobcentre(u Actor, id int64) bool { return u.JobcentreID != nil && *u.JobcentreID == id }

func ownCompany(u Actor, companyID int64) bool {
	return isEmployer(u) && u.CompanyID != nil && *u.CompanyID == companyID
}

func forbid(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrForbidden)
}

func stamp(s *models.Stamp, u Actor, creating bool) {
	id := u.ID
	if creating {
		s.CreatedBy = &id
	}
	s.UpdatedBy = &id
}

// ListResult is one page of a list with the total count.
type ListResult[T any] struct {
	Items   []T   `json:"items"`
	Total   int64 `json:"total"`
	Page    int   `json:"page"`
	PerPage int   `json:"per_page"`
}

func page[T any](items []T, total int64, p models.Page) ListResult[T] {
	p = p.Normalized()
	return ListResult[T]{Items: items, Total: total, Page: p.Page, PerPage: p.PerPage}
}

// Branches returns the branch vocabulary.
func (a *App) Branches() []models.Branch { return models.Branches }

// Jobcentres lists the tenants; everyone logged in may see their names.
func (a *App) Jobcentres(ctx context.Context) ([]models.Jobcentre, error) {
	return a.Store.ListJobcentres(ctx)
}

// consultantOf checks that id names a consultant (or admin) of jobcentre jc,
// for fields like a virksomhedscenter's responsible consultant.
func (a *App) consultantOf(ctx context.Context, id *int64, jc int64, field string, errs *models.FieldErrors) {
	if id == nil {
		return
	}
	u, err := a.Store.GetUser(ctx, *id)
	if err != nil || u.Archived() || u.Role != models.RoleConsultant || u.JobcentreID == nil || *u.JobcentreID != jc {
		errs.Add(field, "Konsulenten findes ikke i dette jobcenter.")
	}
}
