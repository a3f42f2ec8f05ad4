package app_test

import (
	"context"
	"errors"
	"testing"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
)

// The board puts each match in its state's column with what a card shows,
// narrows by the opening's kind, and is closed to roles outside matching.
func TestMatchBoard(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		m, err := w.app.ProposeMatch(ctx, w.cons, app.ProposeInput{CitizenID: w.citizen.ID, OpeningID: w.praktik.ID})
		must(t, err)
		b, err := w.app.MatchBoard(ctx, w.cons, app.BoardFilter{})
		must(t, err)
		if len(b.Columns) != len(models.MatchStates) {
			t.Fatalf("%d columns, want %d", len(b.Columns), len(models.MatchStates))
		}
		col := b.Columns[0]
		if col.State != models.MatchProposed || col.Total != 1 || len(col.Cards) != 1 {
			t.Fatalf("first column = %+v", col)
		}
		c := col.Cards[0]
		if c.ID != m.ID || c.CitizenName != "Peter Gruppe" || c.CPRMasked != "201190-XXXX" || c.OpeningTitle != w.praktik.Title ||
			c.CompanyName != "Kronborg Lager ApS" || c.Kind != models.KindPraktik || c.DaysInState != 0 || len(c.Next) != 4 {
			t.Errorf("card = %+v", c)
		}
		for _, col := range b.Columns[1:] {
			if col.Total != 0 || len(col.Cards) != 0 {
				t.Errorf("column %s not empty: %+v", col.State, col)
			}
		}

		b, err = w.app.MatchBoard(ctx, w.cons, app.BoardFilter{Kinds: []string{string(models.KindIGU)}})
		must(t, err)
		if b.Columns[0].Total != 0 {
			t.Errorf("IGU filter kept a praktik match: %+v", b.Columns[0])
		}

		for _, role := range []models.Role{models.RoleEventStaff, models.RoleEmployer} {
			u := &models.User{ID: 999, Role: role, JobcentreID: &w.jc.ID}
			if _, err := w.app.MatchBoard(ctx, u, app.BoardFilter{}); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("%s: err = %v, want ErrForbidden", role, err)
			}
			if access.Allowed(u, access.Read, access.Of(access.Match)) {
				t.Errorf("CanMatch(%s) = true", role)
			}
		}
	})
}
