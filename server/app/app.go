// Package app is the service layer that the JSON API and the browser UI
// both call. Each call loads rows through the store, asks server/access
// whether the user may (and to which jobcentres the query is scoped),
// validates, seals CPR numbers, writes the audit trail and stores. Pure
// computations live elsewhere (matching, matching/progression,
// matching/report) and so do the derived caches (server/derived).
//
// Errors are *models.Error values with a code and a Danish message, or
// models.FieldErrors; English context is for the log only.
//
// It imports models, store, search, search/indexer, matching and its
// subpackages, server/access, server/auth, server/cprvault and
// server/derived; never an HTTP framework. The store is unexported: make an
// App with New.
package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"placering/models"
	"placering/search"
	"placering/server/access"
	"placering/server/cprvault"
	"placering/server/derived"
	"placering/store"
)

// Deps are what the service is built from. Store is required; Vault is
// required to write citizens, Index to search; Now defaults to time.Now.
type Deps struct {
	Store *store.Store
	Vault *cprvault.Vault
	Index search.Engine
	Now   func() time.Time
	// TokenTTL is how long an API token lives; zero means DefaultTokenTTL.
	TokenTTL time.Duration
}

// New returns the service over d. The store stays inside: handlers reach
// data only through the service's methods, which ask access and audit.
func New(d Deps) *App {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.TokenTTL <= 0 {
		d.TokenTTL = DefaultTokenTTL
	}
	a := &App{store: d.Store, Vault: d.Vault, Index: d.Index, Now: d.Now, TokenTTL: d.TokenTTL}
	return a
}

// App is the service layer: it loads rows, asks server/access, writes the
// audit trail and stores. Make one with New.
type App struct {
	store *store.Store
	Vault *cprvault.Vault
	// Index finds openings, virksomhedscentre and companies.
	Index search.Engine
	// Now returns the current time; tests may fix it.
	Now func() time.Time
	// TokenTTL is how long a new API token lives.
	TokenTTL time.Duration
	// PublicURL is the address people reach the service at, without a
	// trailing slash; links in mails are made from it.
	PublicURL string
	// MailTransport is where mail goes: models.MailSMTP when a mail
	// server is configured, models.MailEmbedded (or empty) when mails stay
	// in the database for the mailbox page.
	MailTransport string
	// OIDCHTTPClient talks to the jobcentres' identity providers; nil
	// means a client with a 10 s timeout.
	OIDCHTTPClient *http.Client

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
	return a.auditReason(ctx, actor, action, entity, "", ids...)
}

// auditReason is audit with the reason the action needs (an erasure's).
func (a *App) auditReason(ctx context.Context, actor Actor, action, entity, reason string, ids ...int64) error {
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
		Route: info.Route, RemoteIP: info.RemoteIP, Reason: reason,
	}
	if err := a.store.RecordAudit(ctx, &e); err != nil {
		return fmt.Errorf("audit %s %s: %w", action, entity, err)
	}
	return nil
}

// missing returns a not-found error for a row noun ("borger").
func missing(what string) error { return models.RowNotFound(what) }

// archived returns the not-found error for a row that is archived.
func archived(what string) error { return models.RowArchived(what) }

// notFound turns the store's ErrNotFound into a not-found error for a row
// noun; other errors pass unchanged.
func notFound(err error, what string) error {
	if errors.Is(err, store.ErrNotFound) {
		e := models.RowNotFound(what)
		e.Err = err
		return e
	}
	return err
}

// conflict turns the store's ErrConflict into a conflict error about field
// with a Danish message; other errors pass unchanged.
func conflict(err error, field, message string) error {
	if errors.Is(err, store.ErrConflict) {
		return &models.Error{Code: models.EConflict, Field: field, Message: message, Err: err}
	}
	return err
}

// can asks the access rules; see server/access.
func can(u Actor, act access.Action, r access.Resource) error { return access.Can(u, act, r) }

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
	return a.store.ListJobcentres(ctx)
}

// consultantOf checks that id names a consultant (or admin) of jobcentre jc,
// for fields like a virksomhedscenter's responsible consultant.
func (a *App) consultantOf(ctx context.Context, id *int64, jc int64, field string, errs *models.FieldErrors) error {
	if id == nil {
		return nil
	}
	u, err := a.store.GetUser(ctx, *id)
	if unavailable(err) {
		return err
	}
	if err != nil || u.Archived() || u.Role != models.RoleConsultant || u.JobcentreID == nil || *u.JobcentreID != jc {
		errs.Add(field, "Konsulenten findes ikke i dette jobcenter.")
	}
	return nil
}

// unavailable reports whether err says the database could not answer, as
// opposed to answering "no such row": a check that looks a row up must
// then fail as unavailable rather than call the input invalid.
func unavailable(err error) bool { return errors.Is(err, store.ErrUnavailable) }

// companyScope narrows a register list (companies, openings,
// virksomhedscentre) to an employer's own company by setting *companyID.
// It reports false when the list must be empty: an employer tied to no
// company.
func companyScope(u Actor, companyID *int64) bool {
	s := access.ScopeOf(u)
	if !s.Employer {
		return true
	}
	if s.CompanyID == 0 {
		return false
	}
	*companyID = s.CompanyID
	return true
}

// unchanged reports whether an update leaves a row's writable fields as
// they were, so that saving an unchanged form or sending back what a GET
// returned writes nothing. It compares what the fields say, not how Go
// holds them: an empty list is the same as none.
func unchanged[T any](before, after T) bool {
	if reflect.DeepEqual(before, after) {
		return true
	}
	a, errA := json.Marshal(before)
	b, errB := json.Marshal(after)
	if errA != nil || errB != nil {
		return false
	}
	var va, vb any
	if json.Unmarshal(a, &va) != nil || json.Unmarshal(b, &vb) != nil {
		return false
	}
	return reflect.DeepEqual(emptyAsNone(va), emptyAsNone(vb))
}

// emptyAsNone replaces empty lists and objects with nil, recursively.
func emptyAsNone(v any) any {
	switch x := v.(type) {
	case []any:
		if len(x) == 0 {
			return nil
		}
		for i := range x {
			x[i] = emptyAsNone(x[i])
		}
	case map[string]any:
		if len(x) == 0 {
			return nil
		}
		for k := range x {
			x[k] = emptyAsNone(x[k])
		}
	}
	return v
}
