package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// Retention: personal data is not kept longer than needed. Once a day (and
// by `server retention`) citizens archived longer than their jobcentre's
// period are erased with the ordinary erasure, audit rows older than the
// period are deleted, and expired API tokens are deleted.

// The retention periods a jobcentre has until an administrator changes
// them.
//
// The bounds an administrator may choose within: the law sets no single
// figure, but it sets the frame. Storage limitation (GDPR art. 5(1)(e))
// caps how long data may be kept: beyond 10 years (the longest absolute
// limitation period for claims, forældelsesloven) nothing about a
// finished case is needed. The log of who read a citizen's data must
// reach back far enough to answer an insight request (art. 15) and to
// investigate misuse; and an archived citizen's case must survive at
// least a year, so a complaint or a return to the jobcentre finds it.
const (
	DefaultArchivedCitizenYears = 5
	DefaultAuditYears           = 10
	MinArchivedCitizenYears     = 1
	MaxArchivedCitizenYears     = 10
	MinAuditYears               = 1
	MaxAuditYears               = 10
	// MaxRetentionYears bounds both periods.
	MaxRetentionYears = 10
)

// RetentionSettings are a jobcentre's retention periods in whole years.
type RetentionSettings struct {
	JobcentreID int64 `json:"jobcentre_id"`
	// ArchivedCitizenYears: a citizen archived this long is erased.
	ArchivedCitizenYears int `json:"archived_citizen_years"`
	// AuditYears: audit rows this old are deleted.
	AuditYears int `json:"audit_years"`
	// Default is true while the jobcentre uses the defaults (read only).
	Default bool `json:"default"`
}

// DefaultRetentionSettings are the periods of a jobcentre nobody has
// changed.
func DefaultRetentionSettings(jc int64) RetentionSettings {
	return RetentionSettings{JobcentreID: jc, ArchivedCitizenYears: DefaultArchivedCitizenYears,
		AuditYears: DefaultAuditYears, Default: true}
}

// Validate checks periods an administrator typed.
func (in *RetentionSettings) Validate() models.FieldErrors {
	var errs models.FieldErrors
	if in.ArchivedCitizenYears < MinArchivedCitizenYears || in.ArchivedCitizenYears > MaxArchivedCitizenYears {
		errs.Add("archived_citizen_years", "Antal år skal være et helt tal mellem %d og %d.", MinArchivedCitizenYears, MaxArchivedCitizenYears)
	}
	if in.AuditYears < MinAuditYears || in.AuditYears > MaxAuditYears {
		errs.Add("audit_years", "Antal år skal være et helt tal mellem %d og %d.", MinAuditYears, MaxAuditYears)
	}
	return errs
}

func (a *App) retentionSettings(ctx context.Context, jc int64) (RetentionSettings, error) {
	s := DefaultRetentionSettings(jc)
	row, err := a.store.GetRetentionSettings(ctx, jc)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return s, nil
	case err != nil:
		return s, err
	}
	return RetentionSettings{JobcentreID: jc, ArchivedCitizenYears: row.ArchivedCitizenYears, AuditYears: row.AuditYears}, nil
}

// RetentionSettingsFor returns a jobcentre's retention periods (the
// defaults until an administrator changes them); jc 0 means the actor's
// own jobcentre.
func (a *App) RetentionSettingsFor(ctx context.Context, u Actor, jc int64) (RetentionSettings, error) {
	if s := access.ScopeOf(u); jc == 0 && !s.All {
		jc = s.JobcentreID
	}
	if err := can(u, access.Read, access.Row(access.Settings, jc, 0)); err != nil {
		return RetentionSettings{}, err
	}
	if jc == 0 {
		return DefaultRetentionSettings(0), nil
	}
	if _, err := a.store.GetJobcentre(ctx, jc); err != nil {
		return RetentionSettings{}, notFound(err, "jobcenter")
	}
	return a.retentionSettings(ctx, jc)
}

// SaveRetentionSettings lets an administrator change a jobcentre's
// retention periods. The change is audited.
func (a *App) SaveRetentionSettings(ctx context.Context, u Actor, in RetentionSettings) (RetentionSettings, error) {
	errs := in.Validate()
	if err := a.settingsTarget(ctx, u, in.JobcentreID, &errs); err != nil {
		return RetentionSettings{}, err
	}
	if err := errs.Err(); err != nil {
		return RetentionSettings{}, err
	}
	old, err := a.retentionSettings(ctx, in.JobcentreID)
	if err != nil {
		return RetentionSettings{}, err
	}
	row := store.RetentionSettings{JobcentreID: in.JobcentreID, ArchivedCitizenYears: in.ArchivedCitizenYears,
		AuditYears: in.AuditYears, UpdatedBy: &u.ID}
	if err := a.saveSettings(ctx, u, in.JobcentreID, SectionRetention, old, in, func(tx *store.Store) error {
		return tx.SaveRetentionSettings(ctx, &row)
	}); err != nil {
		return RetentionSettings{}, err
	}
	return a.retentionSettings(ctx, in.JobcentreID)
}

// RetentionCount is what one jobcentre's retention run removes (or, in a
// dry run, would remove). JobcentreID 0 stands for the audit rows of
// users without a jobcentre (administrators, employers), kept for the
// default period.
type RetentionCount struct {
	JobcentreID          int64
	Name                 string
	ArchivedCitizenYears int
	AuditYears           int
	Citizens             int
	AuditRows            int64
}

// RetentionReport is the outcome of one retention run.
type RetentionReport struct {
	DryRun        bool
	At            time.Time
	Jobcentres    []RetentionCount
	ExpiredTokens int64
	// ExpiredLinks counts invitations and password resets that expired
	// more than LinkRetention ago (they name an e-mail address).
	ExpiredLinks int64
}

// LinkRetention is how long an expired invitation or password reset is
// kept (to tell its owner that the link expired), before retention
// deletes it.
const LinkRetention = 30 * 24 * time.Hour

// ErrRetentionRunning is returned when another replica (or run) holds the
// retention lock.
var ErrRetentionRunning = errors.New("retention is already running elsewhere")

// retentionRoute is the route audit rows of the retention run name.
const retentionRoute = "retention"

// RunRetention removes what is past its retention period: citizens
// archived longer than their jobcentre's period are erased (the same
// erasure as on request), audit rows older than the period are deleted and
// expired API tokens are deleted, and so are invitations and password
// resets expired more than LinkRetention ago. A dry run only counts. It runs under a
// lock (a PostgreSQL advisory lock, so one replica at a time; in process on
// SQLite) and returns ErrRetentionRunning when someone else holds it. The
// run is audited as the system (user 0): each erasure with its reason, and
// per jobcentre the number of audit rows deleted.
func (a *App) RunRetention(ctx context.Context, dryRun bool) (RetentionReport, error) {
	rep := RetentionReport{DryRun: dryRun, At: a.Now().UTC()}
	err := a.store.WithLock(ctx, "retention", func() error {
		var err error
		rep, err = a.runRetention(WithRequest(ctx, RequestInfo{Route: retentionRoute}), dryRun)
		return err
	})
	if errors.Is(err, store.ErrLocked) {
		return rep, ErrRetentionRunning
	}
	return rep, err
}

func (a *App) runRetention(ctx context.Context, dryRun bool) (RetentionReport, error) {
	now := a.Now().UTC()
	rep := RetentionReport{DryRun: dryRun, At: now}
	jcs, err := a.store.ListJobcentres(ctx)
	if err != nil {
		return rep, err
	}
	// The audit rows with no jobcentre keep the default period.
	jcs = append(jcs, models.Jobcentre{})
	for _, jc := range jcs {
		set, err := a.retentionSettings(ctx, jc.ID)
		if err != nil {
			return rep, err
		}
		cnt := RetentionCount{JobcentreID: jc.ID, Name: jc.Name, ArchivedCitizenYears: set.ArchivedCitizenYears, AuditYears: set.AuditYears}
		auditCutoff := now.AddDate(-set.AuditYears, 0, 0)
		if jc.ID != 0 {
			ids, err := a.store.CitizensArchivedBefore(ctx, jc.ID, now.AddDate(-set.ArchivedCitizenYears, 0, 0))
			if err != nil {
				return rep, err
			}
			cnt.Citizens = len(ids)
			if !dryRun {
				if err := a.eraseExpired(ctx, jc.ID, set.ArchivedCitizenYears, ids); err != nil {
					return rep, err
				}
			}
		}
		if dryRun {
			cnt.AuditRows, err = a.store.CountAuditBefore(ctx, jc.ID, auditCutoff)
		} else {
			cnt.AuditRows, err = a.store.DeleteAuditBefore(ctx, jc.ID, auditCutoff)
		}
		if err != nil {
			return rep, err
		}
		if !dryRun && cnt.AuditRows > 0 {
			reason := fmt.Sprintf("Opbevaringsfrist: %d auditrækker ældre end %d år slettet", cnt.AuditRows, set.AuditYears)
			if err := a.auditReason(ctx, system(jc.ID), "delete", "audit_log", reason); err != nil {
				return rep, err
			}
		}
		rep.Jobcentres = append(rep.Jobcentres, cnt)
	}
	if dryRun {
		rep.ExpiredTokens, err = a.store.CountExpiredTokens(ctx, now)
	} else {
		rep.ExpiredTokens, err = a.store.DeleteExpiredTokens(ctx, now)
	}
	if err != nil {
		return rep, err
	}
	if !dryRun && rep.ExpiredTokens > 0 {
		reason := fmt.Sprintf("Opbevaringsfrist: %d udløbne API-tokens slettet", rep.ExpiredTokens)
		if err := a.auditReason(ctx, system(0), "delete", "api_token", reason); err != nil {
			return rep, err
		}
	}
	if dryRun {
		rep.ExpiredLinks, err = a.store.CountExpiredLinks(ctx, now.Add(-LinkRetention))
	} else {
		rep.ExpiredLinks, err = a.store.DeleteExpiredLinks(ctx, now.Add(-LinkRetention))
	}
	if err != nil {
		return rep, err
	}
	if !dryRun && rep.ExpiredLinks > 0 {
		reason := fmt.Sprintf("Opbevaringsfrist: %d udløbne invitationer og links til ny adgangskode slettet", rep.ExpiredLinks)
		if err := a.auditReason(ctx, system(0), "delete", "invitation", reason); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// eraseExpired erases the given citizens of jobcentre jc, each with the
// ordinary erasure, and audits each as the system with the reason.
func (a *App) eraseExpired(ctx context.Context, jc int64, years int, ids []int64) error {
	reason := fmt.Sprintf("Opbevaringsfrist: arkiveret i mere end %d år", years)
	for _, id := range ids {
		if err := a.store.EraseCitizen(ctx, id, 0, a.Now()); err != nil {
			if errors.Is(err, store.ErrNotFound) { // erased meanwhile
				continue
			}
			return fmt.Errorf("erase citizen %d: %w", id, err)
		}
		if err := a.auditReason(ctx, system(jc), "erase", "citizen", reason, id); err != nil {
			return err
		}
	}
	return nil
}

// system is the actor of the service's own work (user 0) in a jobcentre
// (0: none), for the audit log.
func system(jc int64) Actor {
	u := &models.User{}
	if jc != 0 {
		u.JobcentreID = &jc
	}
	return u
}
