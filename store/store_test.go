package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"placering/migrations"
	"placering/models"
	"placering/store"
	"placering/store/storetest"
)

// Every test here is the store's contract: it runs once per backend and
// must pass on each.
func eachBackend(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			t.Parallel()
			fn(t, storetest.Open(t, b))
		})
	}
}

type fixture struct {
	jc      models.Jobcentre
	company models.Company
}

func seed(t *testing.T, s *store.Store) fixture {
	t.Helper()
	ctx := context.Background()
	jc := models.Jobcentre{MunicipalityNo: "217", Name: "Jobcenter Helsingør"}
	if err := s.CreateJobcentre(ctx, &jc); err != nil {
		t.Fatal(err)
	}
	c := models.Company{JobcentreID: jc.ID, CompanyFields: models.CompanyFields{
		CVR: "10150817", Name: "Helsingør Lager ApS", Branch: "transport_lager_logistik",
		Town: "Helsingør", Postcode: "3000", Lat: 56.03, Lon: 12.6,
		Contacts: []models.Contact{{Name: "Mette Hansen", Email: "mette@example.dk"}},
	}}
	if err := s.CreateCompany(ctx, &c); err != nil {
		t.Fatal(err)
	}
	return fixture{jc, c}
}

func TestMigrationsAreVersionedAndIdempotent(t *testing.T) {
	pg, err := migrations.Latest(migrations.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	lite, err := migrations.Latest(migrations.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	if pg != lite || pg < 1 {
		t.Fatalf("dialects disagree on the latest migration: postgres %d, sqlite %d", pg, lite)
	}
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			cfg := storetest.Config(t, b)
			for i := 0; i < 2; i++ { // a second start finds nothing to do
				s, err := store.Open(context.Background(), cfg)
				if err != nil {
					t.Fatalf("open #%d: %v", i+1, err)
				}
				s.Close()
			}
		})
	}
}

func TestCompanyLifecycle(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seed(t, s)
		got, err := s.GetCompany(ctx, f.company.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Helsingør Lager ApS" || len(got.Contacts) != 1 || got.Contacts[0].Email != "mette@example.dk" {
			t.Fatalf("round trip lost data: %+v", got)
		}
		if got.CreatedAt.IsZero() {
			t.Fatal("created_at not set")
		}

		dup := models.Company{JobcentreID: f.jc.ID, CompanyFields: models.CompanyFields{CVR: "10150817", Name: "Dublet", Branch: "butik_detail"}}
		if err := s.CreateCompany(ctx, &dup); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second live company with same CVR: want ErrConflict, got %v", err)
		}

		got.Name = "Helsingør Lager & Logistik ApS"
		got.Notes = ""
		if err := s.UpdateCompany(ctx, &got); err != nil {
			t.Fatal(err)
		}
		again, _ := s.GetCompany(ctx, got.ID)
		if again.Name != got.Name {
			t.Fatalf("update lost: %q", again.Name)
		}

		by := int64(7)
		if err := s.ArchiveCompany(ctx, got.ID, &by); err != nil {
			t.Fatal(err)
		}
		if err := s.ArchiveCompany(ctx, got.ID, &by); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("archiving twice: want ErrNotFound, got %v", err)
		}
		if err := s.UpdateCompany(ctx, &got); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("updating archived: want ErrNotFound, got %v", err)
		}
		list, total, err := s.ListCompanies(ctx, models.CompanyFilter{})
		if err != nil || total != 0 || len(list) != 0 {
			t.Fatalf("archived company still listed: %d %v", total, err)
		}
		// The CVR is free again once the old row is archived.
		if err := s.CreateCompany(ctx, &dup); err != nil {
			t.Fatalf("re-register after archive: %v", err)
		}
		if _, err := s.GetCompany(ctx, 99999); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing id: want ErrNotFound, got %v", err)
		}
	})
}

func TestOpeningListFiltersSortsAndPages(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seed(t, s)
		kinds := []models.Kind{models.KindPraktik, models.KindFleksjob, models.KindLoentilskud}
		for i := 0; i < 30; i++ {
			o := models.Opening{JobcentreID: f.jc.ID, OpeningFields: models.OpeningFields{
				CompanyID: f.company.ID, Kind: kinds[i%3], Title: fmt.Sprintf("Lagermedarbejder %02d", i),
				Branch: []string{"transport_lager_logistik", "butik_detail"}[i%2], HoursMin: 5, HoursMax: 20, Seats: 1,
				StartDate: models.NewDate(2027, 1, 1+i), Status: models.StatusOpen, DanishLevel: models.DanishNone,
			}}
			if err := s.CreateOpening(ctx, &o); err != nil {
				t.Fatal(err)
			}
		}
		items, total, err := s.ListOpenings(ctx, models.OpeningFilter{
			Kinds: []string{"fleksjob", "virksomhedspraktik"}, Branches: []string{"butik_detail"},
			Page: models.Page{PerPage: 3, Page: 2, Sort: "-start_date"},
		})
		if err != nil {
			t.Fatal(err)
		}
		// i odd → butik_detail; kind praktik (i%3==0) or fleksjob (i%3==1): i in 1,3,7,9,13,15,19,21,25,27
		if total != 10 {
			t.Fatalf("total = %d, want 10", total)
		}
		if len(items) != 3 {
			t.Fatalf("page size = %d, want 3", len(items))
		}
		// Descending start date: page 2 starts with the 4th latest, i = 19.
		if items[0].Title != "Lagermedarbejder 19" || items[0].StartDate.String() != "2027-01-20" {
			t.Fatalf("first of page 2 = %q %s", items[0].Title, items[0].StartDate)
		}
		items, total, _ = s.ListOpenings(ctx, models.OpeningFilter{Q: "MEDARBEJDER 0"})
		if total != 10 {
			t.Fatalf("text filter total = %d, want 10", total)
		}
		_, _, err = s.ListOpenings(ctx, models.OpeningFilter{Page: models.Page{Sort: "title; DROP TABLE openings"}})
		var fe models.FieldErrors
		if !errors.As(err, &fe) || !fe.Has("sort") {
			t.Fatalf("unknown sort: want a field error on sort, got %v", err)
		}
		_, total, _ = s.ListOpenings(ctx, models.OpeningFilter{Page: models.Page{Page: 99}})
		if total != 30 {
			t.Fatalf("a page past the end still reports the total: %d", total)
		}
	})
}

// A CPR number is unique among one jobcentre's live citizens; another
// jobcentre registers the same person without learning that it exists.
func TestCitizenCPRIsUniqueAmongLiveRows(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seed(t, s)
		c := models.Citizen{JobcentreID: f.jc.ID, CPRMasked: "010190-XXXX", CPRHash: "h1", CPRCipher: "x",
			BirthDate:     models.NewDate(1990, 1, 1),
			CitizenFields: models.CitizenFields{Name: "Amina Yusuf", TargetGroup: models.Flygtning, ArrivalDate: models.NewDate(2026, 8, 1), DanishLevel: models.DanishBasic}}
		if err := s.CreateCitizen(ctx, &c); err != nil {
			t.Fatal(err)
		}
		twin := c
		twin.ID = 0
		if err := s.CreateCitizen(ctx, &twin); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("same CPR twice: want ErrConflict, got %v", err)
		}
		got, err := s.CitizenByCPRHash(ctx, f.jc.ID, "h1")
		if err != nil || got.ID != c.ID {
			t.Fatalf("lookup by hash: %v %+v", err, got)
		}
		if got.ArrivalDate.String() != "2026-08-01" || got.BirthDate.String() != "1990-01-01" {
			t.Fatalf("dates lost: %s %s", got.ArrivalDate, got.BirthDate)
		}
		other := models.Jobcentre{MunicipalityNo: "151", Name: "Jobcenter Ballerup"}
		s.CreateJobcentre(ctx, &other)
		_, total, _ := s.ListCitizens(ctx, models.CitizenFilter{JobcentreID: other.ID})
		if total != 0 {
			t.Fatalf("another jobcentre's list shows %d citizens", total)
		}
		elsewhere := c
		elsewhere.ID, elsewhere.JobcentreID = 0, other.ID
		if err := s.CreateCitizen(ctx, &elsewhere); err != nil {
			t.Fatalf("same CPR in another jobcentre: %v", err)
		}
		if got, err := s.CitizenByCPRHash(ctx, other.ID, "h1"); err != nil || got.ID != elsewhere.ID {
			t.Fatalf("lookup in the other jobcentre: %v %+v", err, got)
		}
		if err := s.ArchiveCitizen(ctx, c.ID, nil); err != nil {
			t.Fatal(err)
		}
		twin.ID = 0
		if err := s.CreateCitizen(ctx, &twin); err != nil {
			t.Fatalf("same CPR after the live row was archived: %v", err)
		}
	})
}

func TestVirksomhedscenterTargetGroupFilter(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seed(t, s)
		v := models.Virksomhedscenter{JobcentreID: f.jc.ID, VirksomhedscenterFields: models.VirksomhedscenterFields{
			CompanyID: f.company.ID, ValidFrom: models.NewDate(2026, 1, 1), ValidTo: models.NewDate(2027, 12, 31), Seats: 5,
			TargetGroups: []models.TargetGroup{models.Gruppe2, models.Gruppe3}, Mentors: []models.Mentor{{Name: "Bo"}},
		}}
		if err := s.CreateVirksomhedscenter(ctx, &v); err != nil {
			t.Fatal(err)
		}
		for group, want := range map[string]int64{"gruppe2": 1, "gruppe1": 0} {
			_, total, err := s.ListVirksomhedscentre(ctx, models.VirksomhedscenterFilter{TargetGroup: group, ActiveOn: models.NewDate(2026, 6, 1)})
			if err != nil || total != want {
				t.Fatalf("group %s: total %d err %v, want %d", group, total, err, want)
			}
		}
		_, total, _ := s.ListVirksomhedscentre(ctx, models.VirksomhedscenterFilter{ActiveOn: models.NewDate(2028, 6, 1)})
		if total != 0 {
			t.Fatal("expired virksomhedscenter listed as active")
		}
	})
}

func TestTokensExpire(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := models.User{Email: "Konsulent@Example.dk", Name: "K", PasswordHash: "x", Role: models.RoleAdmin}
		if err := s.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UserByEmail(ctx, "KONSULENT@example.dk"); err != nil {
			t.Fatalf("email lookup ignores case: %v", err)
		}
		now := time.Now().UTC()
		tok := models.APIToken{UserID: u.ID, TokenHash: "abc", ExpiresAt: now.Add(time.Hour)}
		if err := s.CreateToken(ctx, &tok); err != nil {
			t.Fatal(err)
		}
		if got, err := s.UserByTokenHash(ctx, "abc", now); err != nil || got.ID != u.ID {
			t.Fatalf("valid token: %v", err)
		}
		if _, err := s.UserByTokenHash(ctx, "abc", now.Add(2*time.Hour)); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("expired token: want ErrNotFound, got %v", err)
		}
	})
}

func TestTxRollsBackEverything(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seed(t, s)
		boom := errors.New("boom")
		err := s.Tx(ctx, func(tx *store.Store) error {
			c := models.Company{JobcentreID: f.jc.ID, CompanyFields: models.CompanyFields{CVR: "24256790", Name: "Halvt skrevet", Branch: "it_kommunikation"}}
			if err := tx.CreateCompany(ctx, &c); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("want boom, got %v", err)
		}
		_, total, _ := s.ListCompanies(ctx, models.CompanyFilter{})
		if total != 1 {
			t.Fatalf("rolled-back company persisted: %d companies", total)
		}
	})
}

func TestAuditListByEntityID(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, ids := range []string{",3,17,", ",170,", ",17,"} {
			if err := s.RecordAudit(ctx, &models.AuditEntry{UserID: 1, Action: "read", Entity: "citizen", EntityIDs: ids}); err != nil {
				t.Fatal(err)
			}
		}
		_, total, err := s.ListAudit(ctx, models.AuditFilter{Entity: "citizen", EntityID: 17})
		if err != nil || total != 2 {
			t.Fatalf("entries naming citizen 17: %d, %v", total, err)
		}
	})
}

func TestWritesRecordOutboxEntriesInTheSameTransaction(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seed(t, s) // one company
		o := models.Opening{JobcentreID: f.jc.ID, OpeningFields: models.OpeningFields{CompanyID: f.company.ID, Kind: models.KindPraktik,
			Title: "Pakker", Branch: "transport_lager_logistik", HoursMax: 10, Seats: 1, Status: models.StatusOpen, DanishLevel: models.DanishNone}}
		if err := s.CreateOpening(ctx, &o); err != nil {
			t.Fatal(err)
		}
		// A company rename reaches the company and its opening's documents.
		f.company.Name = "Nyt Navn ApS"
		if err := s.UpdateCompany(ctx, &f.company); err != nil {
			t.Fatal(err)
		}
		pending, _, err := s.OutboxLag(ctx)
		if err != nil || pending != 4 { // company create, opening create, company + opening on rename
			t.Fatalf("pending = %d (%v), want 4", pending, err)
		}
		// A failed write leaves no entry behind.
		bad := o
		bad.ID = 0
		bad.CompanyID = 999999
		if err := s.CreateOpening(ctx, &bad); err == nil {
			t.Fatal("opening for a missing company was stored")
		}
		if pending, _, _ := s.OutboxLag(ctx); pending != 4 {
			t.Fatalf("a rolled-back write left outbox entries: %d", pending)
		}

		var seen []string
		fail := true
		apply := func(ctx context.Context, tx *store.Store, batch []store.OutboxEntry) map[int64]error {
			out := map[int64]error{}
			for _, e := range batch {
				seen = append(seen, e.IndexName+":"+e.DocID)
				if fail && e.IndexName == store.IndexOpenings {
					out[e.ID] = errors.New("search down")
				}
			}
			return out
		}
		n, err := s.ProcessOutbox(ctx, 100, apply)
		if err != nil || n != 4 {
			t.Fatalf("processed %d, %v", n, err)
		}
		if pending, _, _ := s.OutboxLag(ctx); pending != 2 {
			t.Fatalf("failed entries should stay for retry: %d pending", pending)
		}
		// Failed entries wait for their backoff before they are due again.
		if n, _ := s.ProcessOutbox(ctx, 100, apply); n != 0 {
			t.Fatalf("retried before backoff: %d", n)
		}
		time.Sleep(store.Backoff(1) + 50*time.Millisecond)
		fail = false
		if n, err := s.ProcessOutbox(ctx, 100, apply); err != nil || n != 2 {
			t.Fatalf("retry processed %d, %v", n, err)
		}
		if pending, _, _ := s.OutboxLag(ctx); pending != 0 {
			t.Fatalf("outbox not drained: %d", pending)
		}
	})
}

func TestTextSearchFoldsDanishLetters(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := seed(t, s)
		c := models.Company{JobcentreID: f.jc.ID, CompanyFields: models.CompanyFields{CVR: "24256790", Name: "ØRESUND Æbleplantage", Branch: "landbrug_gartneri", Town: "Ålsgårde"}}
		if err := s.CreateCompany(ctx, &c); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"øresund", "ÆBLE", "ålsgårde"} {
			if _, total, err := s.ListCompanies(ctx, models.CompanyFilter{Q: q}); err != nil || total != 1 {
				t.Errorf("q=%q: %d hits, %v", q, total, err)
			}
		}
		v := models.Virksomhedscenter{JobcentreID: f.jc.ID, VirksomhedscenterFields: models.VirksomhedscenterFields{
			CompanyID: c.ID, ValidFrom: models.NewDate(2026, 1, 1), Seats: 3, TargetGroups: models.List[models.TargetGroup]{models.Gruppe2}}}
		if err := s.CreateVirksomhedscenter(ctx, &v); err != nil {
			t.Fatal(err)
		}
		if _, total, err := s.ListVirksomhedscentre(ctx, models.VirksomhedscenterFilter{Q: "øresund"}); err != nil || total != 1 {
			t.Errorf("virksomhedscenter by company name: %d, %v", total, err)
		}
	})
}
