package app_test

import (
	"context"
	"errors"
	"testing"

	"placering/models"
	"placering/server/app"
)

// ReferencesToWrite lists, for an employer, the placements at their own
// company that have begun and have ended (within the last half year) or end
// within 14 days, without a reference yet, soonest first; writing the
// reference takes it off. Other companies' placements, planned ones, ones
// far from their end and old ones are not listed; other roles are refused.
func TestReferencesToWrite(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		today := models.DateOf(w.clock.now())
		company := w.praktik.CompanyID
		other := models.Company{JobcentreID: w.jc.ID, CompanyFields: models.CompanyFields{CVR: "29403473", Name: "Lageret Nord A/S",
			Branch: "transport_lager_logistik", Town: "Helsingør"}}
		must(t, w.store.CreateCompany(ctx, &other))
		emp, err := w.app.CreateUser(ctx, nil, app.UserInput{Email: "chef@kronborg.dk", Name: "Chef", Password: "hemmelig-kode-123",
			Role: models.RoleEmployer, CompanyID: &company})
		must(t, err)

		place := func(co int64, start, end models.Date, complete bool) int64 {
			t.Helper()
			p, err := w.app.CreatePlacement(ctx, w.cons, models.PlacementFields{CitizenID: w.citizen.ID, CompanyID: co,
				Kind: models.KindPraktik, StartDate: start, EndDate: end})
			must(t, err)
			if complete {
				_, err = w.app.UpdatePlacement(ctx, w.cons, p.ID, func(f *models.PlacementFields) error {
					f.Status, f.Outcome = models.PlacementCompleted, models.OutcomeOther
					return nil
				})
				must(t, err)
			}
			return p.ID
		}
		endsSoon := place(company, today.AddDays(-60), today.AddDays(10), false)
		place(company, today.AddDays(-60), today.AddDays(60), false) // ends later
		ended := place(company, today.AddDays(-120), today.AddDays(-30), true)
		place(company, today.AddDays(-400), today.AddDays(-300), true) // long ago
		place(other.ID, today.AddDays(-60), today.AddDays(5), false)   // another company
		place(company, today.AddDays(3), today.AddDays(12), false)     // not begun

		list, err := w.app.ReferencesToWrite(ctx, &emp)
		must(t, err)
		if len(list) != 2 || list[0].PlacementID != ended || list[1].PlacementID != endsSoon {
			t.Fatalf("references to write = %+v, want placements %d then %d", list, ended, endsSoon)
		}
		if !list[0].Ended || list[1].Ended || list[1].LastDay != today.AddDays(10) || list[0].CitizenName != "Peter Gruppe" ||
			list[0].Link != app.ReferenceLink(ended) {
			t.Errorf("items = %+v", list)
		}

		five := 5
		in := models.ReferenceInput{TasksSolved: []string{"Pluk"}, Competences: models.ReferenceCompetences{
			Fremmoede: &five, Samarbejde: &five, Tempo: &five, Kvalitet: &five, Selvstaendighed: &five}}
		_, created, err := w.app.SaveReference(ctx, &emp, ended, in)
		if err != nil || !created {
			t.Fatalf("save: created %v, %v", created, err)
		}
		list, err = w.app.ReferencesToWrite(ctx, &emp)
		must(t, err)
		if len(list) != 1 || list[0].PlacementID != endsSoon {
			t.Errorf("after writing one: %+v", list)
		}

		if _, err := w.app.ReferencesToWrite(ctx, w.cons); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a consultant's references to write: %v, want forbidden", err)
		}
	})
}
