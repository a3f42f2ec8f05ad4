package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"placering/models"
	"placering/store"
	"placering/store/storetest"
)

// Erasure anonymises the citizen and every note about them, keeps the
// rows the reports count, and on SQLite leaves the erased values in
// neither the database file nor its write-ahead log.
func TestEraseCitizen(t *testing.T) {
	secrets := []string{"Zelda Quornby", "zelda@quornby.dk", "+45 31 41 59 26", "CIPHER-ZQ-31415", "HASH-ZQ-92653", "311299-XXXX",
		"Indlagt psykiatrisk afd", "Mentor ved at hun", "Ringede om angst"}
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			ctx := context.Background()
			cfg := storetest.Config(t, b)
			s, err := store.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			f := seedPlacements(t, s)
			c := models.Citizen{JobcentreID: f.jc.ID, CPRMasked: "311299-XXXX", CPRHash: "HASH-ZQ-92653", CPRCipher: "CIPHER-ZQ-31415",
				BirthDate: models.NewDate(1999, 12, 31),
				CitizenFields: models.CitizenFields{Name: "Zelda Q.", Email: "zelda@quornby.dk", Phone: "+45 31 41 59 26",
					TargetGroup: models.Gruppe2, GroupEnteredOn: models.NewDate(2026, 10, 1), Lat: 56.03, Lon: 12.6}}
			if err := s.CreateCitizen(ctx, &c); err != nil {
				t.Fatal(err)
			}
			// A name corrected once: the old one must go too.
			c.Name = "Zelda Quornby"
			if err := s.UpdateCitizen(ctx, &c); err != nil {
				t.Fatal(err)
			}
			if err := s.SetCitizenConsents(ctx, c.ID, []models.Kind{models.KindFleksjob}, 1, time.Now()); err != nil {
				t.Fatal(err)
			}
			p := f.placement(c, models.PlacementActive)
			p.Note = "Mentor ved at hun har svært ved mødetider"
			if err := s.CreatePlacement(ctx, &p); err != nil {
				t.Fatal(err)
			}
			internal := "Indlagt psykiatrisk afd."
			if _, err := s.SaveHours(ctx, []store.HourEntry{{Placement: p, Week: models.ISOWeekOf(p.StartDate),
				Values: models.HourValues{Worked: 4}, Source: models.SourceConsultant, Note: "Ringede om angst", InternalNote: &internal, By: 1, At: time.Now()}}); err != nil {
				t.Fatal(err)
			}
			if err := s.AddHourConfirmation(ctx, &models.HourConfirmation{PlacementID: p.ID, Week: models.ISOWeekOf(p.StartDate), WeekStart: models.ISOWeekOf(p.StartDate).Monday(),
				Revision: 1, State: models.ConfirmationDisputed, Worked: 4, Comment: "Hun var hos psykiater tirsdag", ByUser: 1, DecidedAt: time.Now()}); err != nil {
				t.Fatal(err)
			}

			if b == storetest.SQLite && !filesHold(t, cfg.SQLitePath, "Zelda Quornby") {
				t.Fatal("the scan does not find the name before the erasure")
			}
			if err := s.EraseCitizen(ctx, c.ID, 7, time.Now()); err != nil {
				t.Fatal(err)
			}
			if _, err := s.GetCitizen(ctx, c.ID); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("an erased citizen is still found: %v", err)
			}
			if err := s.EraseCitizen(ctx, c.ID, 7, time.Now()); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("erasing twice: %v", err)
			}
			// A consent per kind (a fleksjob consent hints at health) goes.
			if cs, err := s.CitizenConsents(ctx, []int64{c.ID}); err != nil || len(cs[c.ID]) != 0 {
				t.Fatalf("consents after erasure: %v %+v", err, cs)
			}
			if items, _, _ := s.ListCitizens(ctx, models.CitizenFilter{JobcentreID: f.jc.ID, IncludeArchived: true}); len(items) != 2 {
				t.Fatalf("an erased citizen is listed: %+v", items)
			}
			// What the reports count stays.
			got, err := s.PlacementsByID(ctx, []int64{p.ID})
			if err != nil || len(got) != 1 || got[0].Note != "" || got[0].CitizenID != c.ID {
				t.Fatalf("placement after erasure: %v %+v", err, got)
			}
			hours, err := s.HoursOfPlacement(ctx, p.ID)
			if err != nil || len(hours) != 1 || hours[0].Worked != 4 || hours[0].Note != "" || hours[0].InternalNote != "" {
				t.Fatalf("hours after erasure: %v %+v", err, hours)
			}
			hist, err := s.HourHistory(ctx, p.ID, hours[0].Week)
			if err != nil || len(hist) != 1 || hist[0].Note != "" || hist[0].InternalNote != "" {
				t.Fatalf("hour revisions after erasure: %v %+v", err, hist)
			}
			if cs, err := s.ConfirmationsOfPlacement(ctx, p.ID); err != nil || len(cs) != 1 || cs[0].Comment != "" || cs[0].State != models.ConfirmationDisputed {
				t.Fatalf("hour confirmations after erasure: %v %+v", err, cs)
			}
			// The same person may be registered anew.
			again := models.Citizen{JobcentreID: f.jc.ID, CPRMasked: "x", CPRHash: "HASH-ZQ-2", CPRCipher: "x",
				CitizenFields: models.CitizenFields{Name: "Ny", TargetGroup: models.Gruppe1}}
			if err := s.CreateCitizen(ctx, &again); err != nil {
				t.Fatal(err)
			}

			if b != storetest.SQLite {
				return
			}
			for _, secret := range secrets {
				if filesHold(t, cfg.SQLitePath, secret) {
					t.Errorf("the database files still hold %q after the erasure", secret)
				}
			}
		})
	}
}

// filesHold reports whether the SQLite database file or its write-ahead
// log contains secret, byte for byte.
func filesHold(t *testing.T, path, secret string) bool {
	t.Helper()
	for _, name := range []string{path, path + "-wal", path + "-journal"} {
		data, err := os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(secret)) {
			t.Logf("%s holds %q", filepath.Base(name), secret)
			return true
		}
	}
	return false
}
