package app_test

import (
	"context"
	"testing"
	"time"

	"placering/models"
	"placering/server/app"
)

// Invitations and password resets name an e-mail address: once expired
// for longer than app.LinkRetention, the retention run deletes them (a dry
// run only counts); newer ones stay.
func TestRetentionDeletesExpiredLinks(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		old, err := w.app.CreateInvitation(ctx, w.admin, app.InvitationInput{Email: "gammel@test.dk", Role: models.RoleAdmin})
		must(t, err)
		must(t, w.app.RequestPasswordReset(ctx, w.cons.Email, true))
		w.clock.add(40 * 24 * time.Hour)
		_, err = w.app.CreateInvitation(ctx, w.admin, app.InvitationInput{Email: "ny@test.dk", Role: models.RoleAdmin})
		must(t, err)

		rep, err := w.app.RunRetention(ctx, true)
		must(t, err)
		if rep.ExpiredLinks != 2 {
			t.Fatalf("dry run counts %d expired links, want 2", rep.ExpiredLinks)
		}
		rep, err = w.app.RunRetention(ctx, false)
		must(t, err)
		if rep.ExpiredLinks != 2 {
			t.Fatalf("run deleted %d expired links, want 2", rep.ExpiredLinks)
		}
		if _, err := w.store.GetInvitation(ctx, old.ID); err == nil {
			t.Errorf("the expired invitation is still there")
		}
		invs, err := w.app.ListInvitations(ctx, w.admin)
		must(t, err)
		if len(invs) != 1 || invs[0].Email != "ny@test.dk" {
			t.Errorf("pending after retention: %+v", invs)
		}
		if rep, err = w.app.RunRetention(ctx, true); err != nil || rep.ExpiredLinks != 0 {
			t.Errorf("second run: %d, %v", rep.ExpiredLinks, err)
		}
	})
}
