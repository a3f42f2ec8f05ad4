package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"placering/models"
	"placering/store"
)

// OIDC settings and external identities, on every backend: the enabled
// list skips disabled settings and archived jobcentres, an issuer and
// subject belong to one user only, and a deactivated user is still found
// by e-mail (to be refused, not created again).
func TestOIDCConfigsAndIdentities(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seed(t, s)
		other := models.Jobcentre{MunicipalityNo: "219", Name: "Jobcenter Hillerød"}
		if err := s.CreateJobcentre(ctx, &other); err != nil {
			t.Fatal(err)
		}
		if _, err := s.GetOIDCConfig(ctx, f.jc.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("no settings yet: %v", err)
		}
		for _, c := range []store.OIDCConfig{
			{JobcentreID: f.jc.ID, Enabled: true, Issuer: "https://login.kommune.dk", ClientID: "a", EmailClaim: "email", GroupClaim: "groups", RoleMap: `{"g":"consultant"}`},
			{JobcentreID: other.ID, Enabled: false, Issuer: "https://login.hillerod.dk", ClientID: "b", EmailClaim: "email", GroupClaim: "groups", RoleMap: `{}`},
		} {
			if err := s.SaveOIDCConfig(ctx, &c); err != nil {
				t.Fatal(err)
			}
		}
		c, err := s.GetOIDCConfig(ctx, f.jc.ID)
		if err != nil || !c.Enabled || c.RoleMap != `{"g":"consultant"}` || c.UpdatedAt.IsZero() {
			t.Fatalf("read back: %+v %v", c, err)
		}
		on, err := s.EnabledOIDCConfigs(ctx)
		if err != nil || len(on) != 1 || on[0].JobcentreID != f.jc.ID {
			t.Fatalf("enabled: %+v %v", on, err)
		}

		u := models.User{Email: "Anna@Kommune.dk", Name: "Anna", PasswordHash: "!oidc", Role: models.RoleConsultant, JobcentreID: &f.jc.ID}
		if err := s.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		id := store.UserIdentity{UserID: u.ID, Issuer: "https://login.kommune.dk", Subject: "abc", JobcentreID: &f.jc.ID}
		if err := s.CreateIdentity(ctx, &id); err != nil {
			t.Fatal(err)
		}
		dup := store.UserIdentity{UserID: u.ID, Issuer: "https://login.kommune.dk", Subject: "abc"}
		if err := s.CreateIdentity(ctx, &dup); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("the same subject twice: %v", err)
		}
		if err := s.TouchIdentity(ctx, id.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		got, err := s.IdentityBySubject(ctx, "https://login.kommune.dk", "abc")
		if err != nil || got.UserID != u.ID || got.LastLoginAt == nil {
			t.Fatalf("by subject: %+v %v", got, err)
		}
		if _, err := s.IdentityBySubject(ctx, "https://login.hillerod.dk", "abc"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("another issuer's subject: %v", err)
		}
		if ids, err := s.IdentitiesOf(ctx, u.ID); err != nil || len(ids) != 1 {
			t.Fatalf("identities of: %+v %v", ids, err)
		}

		now := time.Now().UTC()
		u.ArchivedAt = &now
		if err := s.SaveUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UserByEmail(ctx, "anna@kommune.dk"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("live users only: %v", err)
		}
		if x, err := s.UserByEmailAny(ctx, "ANNA@kommune.dk"); err != nil || x.ID != u.ID || !x.Archived() {
			t.Fatalf("any user: %+v %v", x, err)
		}
	})
}
