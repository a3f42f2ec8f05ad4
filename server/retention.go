package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
	"time"

	"placering/server/app"
)

// retentionCommand runs the retention once (or, dry, only counts) and
// prints what it removed per jobcentre.
func retentionCommand(ctx context.Context, a *app.App, dryRun bool, w io.Writer) error {
	rep, err := a.RunRetention(ctx, dryRun)
	if errors.Is(err, app.ErrRetentionRunning) {
		return fmt.Errorf("retention: %w; try again when it is done", err)
	}
	if err != nil {
		return err
	}
	return printRetention(w, rep)
}

func printRetention(w io.Writer, rep app.RetentionReport) error {
	verb := "removed"
	if rep.DryRun {
		verb = "would remove (dry run, nothing removed)"
	}
	fmt.Fprintf(w, "retention %s, %s:\n", verb, rep.At.Format(time.RFC3339))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "jobcentre\tyears kept (archived citizens/audit)\tarchived citizens erased\taudit rows deleted\t")
	for _, c := range rep.Jobcentres {
		name, citizens := c.Name, fmt.Sprint(c.Citizens)
		if c.JobcentreID == 0 {
			name, citizens = "(users without a jobcentre)", "-"
		} else {
			name = fmt.Sprintf("%s (%d)", name, c.JobcentreID)
		}
		fmt.Fprintf(tw, "%s\t%d/%d\t%s\t%d\t\n", name, c.ArchivedCitizenYears, c.AuditYears, citizens, c.AuditRows)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "expired API tokens deleted: %d\nexpired invitations and password resets deleted: %d\n", rep.ExpiredTokens, rep.ExpiredLinks)
	if err == nil && rep.DryRun {
		_, err = fmt.Fprintln(w, "(dry run: the counts are what a run now would remove)")
	}
	return err
}

// retentionEvery is how often the running service applies the retention.
const retentionEvery = 24 * time.Hour

// retentionDaily applies the retention shortly after start and then once
// a day until ctx ends. Every replica runs the loop; the lock in
// RunRetention lets only one of them work at a time (the others find it
// held and wait for the next day, or find nothing left to do).
func retentionDaily(ctx context.Context, a *app.App, log *slog.Logger) {
	wait := 5 * time.Minute // let the service settle after a deploy
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = retentionEvery
		rep, err := a.RunRetention(ctx, false)
		switch {
		case errors.Is(err, app.ErrRetentionRunning):
			log.Info("retention skipped: another replica runs it")
		case err != nil:
			log.Error("retention failed; retried tomorrow", "err", err)
		default:
			var citizens int
			var audit int64
			for _, c := range rep.Jobcentres {
				citizens += c.Citizens
				audit += c.AuditRows
			}
			log.Info("retention applied", "citizens_erased", citizens, "audit_rows_deleted", audit, "tokens_deleted", rep.ExpiredTokens, "links_deleted", rep.ExpiredLinks)
		}
	}
}
