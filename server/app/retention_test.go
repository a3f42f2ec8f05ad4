package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"placering/models"
	"placering/server/app"
)

// The retention run erases the citizens archived longer than their
// jobcentre's period, deletes the audit rows older than its period and the
// expired API tokens, and nothing else; a dry run counts the same and
// removes nothing; erased citizens answer 404 afterwards; the run is
// audited.
func TestRetentionRemovesExactlyWhatIsDue(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		jobcentres, err := w.store.ListJobcentres(ctx)
		must(t, err)
		var ballerup models.Jobcentre
		for _, j := range jobcentres {
			if j.ID != w.jc.ID {
				ballerup = j
			}
		}
		// Ballerup keeps archived citizens 10 years and audit rows 2.
		set, err := w.app.RetentionSettingsFor(ctx, w.admin, ballerup.ID)
		must(t, err)
		if !set.Default || set.ArchivedCitizenYears != app.DefaultArchivedCitizenYears || set.AuditYears != app.DefaultAuditYears {
			t.Fatalf("defaults: %+v", set)
		}
		_, err = w.app.SaveRetentionSettings(ctx, w.admin, app.RetentionSettings{JobcentreID: ballerup.ID, ArchivedCitizenYears: 10, AuditYears: 2})
		must(t, err)
		if _, err := w.app.SaveRetentionSettings(ctx, w.cons, app.RetentionSettings{JobcentreID: w.jc.ID, ArchivedCitizenYears: 1, AuditYears: 1}); !errors.Is(err, models.ErrForbidden) {
			t.Fatalf("a consultant changed the periods: %v", err)
		}

		citizen := func(jc int64, name string) models.Citizen {
			t.Helper()
			c := models.Citizen{JobcentreID: jc, CPRHash: "hash-" + name, CPRMasked: "010190-XXXX",
				CitizenFields: models.CitizenFields{Name: name, TargetGroup: models.Gruppe1, GroupEnteredOn: models.NewDate(2026, 1, 5)}}
			must(t, w.store.CreateCitizen(ctx, &c))
			return c
		}
		due := citizen(w.jc.ID, "Arkiveret Længe")
		live := w.citizen
		kept := citizen(ballerup.ID, "Arkiveret Ballerup")
		must(t, w.app.ArchiveCitizen(ctx, w.cons, due.ID))
		must(t, w.app.ArchiveCitizen(ctx, w.admin, kept.ID))
		soon := time.Now().Add(24 * time.Hour)
		must(t, w.store.CreateToken(ctx, &models.APIToken{UserID: w.cons.ID, TokenHash: "expired", CreatedAt: time.Now(), ExpiresAt: soon}))

		// Five years and a month later.
		w.clock.t = time.Now().AddDate(5, 1, 0)
		now := w.clock.now()
		must(t, w.store.CreateToken(ctx, &models.APIToken{UserID: w.cons.ID, TokenHash: "valid", CreatedAt: now, ExpiresAt: now.Add(24 * time.Hour)}))
		audit := func(jc *int64, yearsAgo int, what string) {
			t.Helper()
			must(t, w.store.RecordAudit(ctx, &models.AuditEntry{At: now.AddDate(-yearsAgo, 0, -1), UserID: w.cons.ID, JobcentreID: jc,
				Action: "read", Entity: what, EntityIDs: ",1,"}))
		}
		audit(&w.jc.ID, 11, "old")     // due (10 years)
		audit(&w.jc.ID, 9, "kept")     // kept
		audit(&ballerup.ID, 9, "old")  // due (2 years)
		audit(&ballerup.ID, 3, "old")  // due
		audit(&ballerup.ID, 1, "kept") // kept
		audit(nil, 11, "old")          // due (default 10 years)
		audit(nil, 9, "kept")          // kept
		auditRows := func(entity string) int64 {
			_, n, err := w.store.ListAudit(ctx, models.AuditFilter{Entity: entity, Page: models.Page{PerPage: 1}})
			must(t, err)
			return n
		}

		want := map[int64][2]int64{w.jc.ID: {1, 1}, ballerup.ID: {0, 2}, 0: {0, 1}}
		check := func(rep app.RetentionReport, want map[int64][2]int64, tokens int64) {
			t.Helper()
			if len(rep.Jobcentres) != len(want) {
				t.Fatalf("report: %+v", rep)
			}
			for _, c := range rep.Jobcentres {
				if w := want[c.JobcentreID]; int64(c.Citizens) != w[0] || c.AuditRows != w[1] {
					t.Errorf("jobcentre %d (%s): %d citizens, %d audit rows; want %v", c.JobcentreID, c.Name, c.Citizens, c.AuditRows, w)
				}
			}
			if rep.ExpiredTokens != tokens {
				t.Errorf("expired tokens: %d, want %d", rep.ExpiredTokens, tokens)
			}
		}
		rep, err := w.app.RunRetention(ctx, true)
		must(t, err)
		check(rep, want, 1)
		// The dry run removed nothing.
		if _, err := w.app.GetCitizen(ctx, w.cons, due.ID); err != nil {
			t.Fatalf("dry run erased: %v", err)
		}
		if n := auditRows("old"); n != 4 {
			t.Fatalf("dry run deleted audit rows: %d left of 4", n)
		}
		if rep, err = w.app.RunRetention(ctx, true); err != nil {
			t.Fatal(err)
		}
		check(rep, want, 1)

		rep, err = w.app.RunRetention(ctx, false)
		must(t, err)
		check(rep, want, 1)
		if _, err := w.app.GetCitizen(ctx, w.cons, due.ID); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("an erased citizen answers %v, not 404", err)
		}
		if got, err := w.store.GetCitizen(ctx, due.ID); err == nil {
			t.Fatalf("erased citizen still found: %+v", got)
		}
		if _, err := w.app.GetCitizen(ctx, w.cons, live.ID); err != nil {
			t.Fatalf("a live citizen: %v", err)
		}
		if c, err := w.app.GetCitizen(ctx, w.admin, kept.ID); err != nil || c.Name != "Arkiveret Ballerup" {
			t.Fatalf("a citizen archived within Ballerup's 10 years: %+v %v", c, err)
		}
		if old, kept := auditRows("old"), auditRows("kept"); old != 0 || kept != 3 {
			t.Fatalf("audit rows left: %d old (want 0), %d kept (want 3)", old, kept)
		}
		if _, err := w.store.UserByTokenHash(ctx, "valid", now); err != nil {
			t.Fatalf("the valid token went: %v", err)
		}
		// Audited: the erasure with its reason, as the system, and the
		// deleted audit rows and tokens.
		erasures, _, err := w.store.ListAudit(ctx, models.AuditFilter{Entity: "citizen", EntityID: due.ID, Page: models.Page{PerPage: 100}})
		must(t, err)
		var erased bool
		for _, e := range erasures {
			if e.Action == "erase" {
				erased = e.UserID == 0 && e.Route == "retention" && strings.Contains(e.Reason, "5 år") &&
					e.JobcentreID != nil && *e.JobcentreID == w.jc.ID
			}
		}
		if !erased {
			t.Fatalf("the erasure is not audited as the retention's: %+v", erasures)
		}
		if n := auditRows("audit_log"); n != 3 {
			t.Fatalf("%d audit rows record deleted audit rows, want one per jobcentre with deletions (3)", n)
		}
		if n := auditRows("api_token"); n != 1 {
			t.Fatalf("%d audit rows record deleted tokens, want 1", n)
		}
		// Nothing more is due.
		rep, err = w.app.RunRetention(ctx, true)
		must(t, err)
		check(rep, map[int64][2]int64{w.jc.ID: {}, ballerup.ID: {}, 0: {}}, 0)
	})
}

// Two runs at once: the second finds the lock held.
func TestRetentionRunsOnceAtATime(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		other := w.newApp()
		_, err := w.app.RunRetention(ctx, true)
		must(t, err)
		must(t, w.app.WithRetentionLock(ctx, func() error {
			if _, err := other.RunRetention(ctx, true); !errors.Is(err, app.ErrRetentionRunning) {
				t.Errorf("a second run while one runs: %v", err)
			}
			return nil
		}))
	})
}
