package app_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"placering/models"
	"placering/server/app"
	"placering/server/cprvault"
	"placering/store/storetest"
)

// BenchmarkEmployerHome measures the employer home with a jobcentre of
// 2,000 citizens who consented to be shown for praktik (half of them, approved for fleksjob, also for fleksjob) and a company with 30 open openings of both kinds, so the
// candidate counts hit their cap (app.MaxHomeCandidateCounts): the JSON
// home and the browser's fetch of the counts (with-counts), and the page's
// first draw without them (first-draw).
//
//	TEST_DATABASE_URL='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' \
//	  go test ./server/app -run '^$' -bench EmployerHome -benchtime 20x
func BenchmarkEmployerHome(b *testing.B) {
	for _, be := range storetest.Backends {
		b.Run(string(be), func(b *testing.B) {
			ctx := context.Background()
			st := storetest.Open(b, be)
			vault, _ := cprvault.New(bytes.Repeat([]byte{7}, cprvault.KeySize))
			a := app.New(app.Deps{Store: st, Vault: vault, Now: time.Now})
			jc := models.Jobcentre{MunicipalityNo: "217", Name: "Jobcenter Helsingør"}
			if err := st.CreateJobcentre(ctx, &jc); err != nil {
				b.Fatal(err)
			}
			cons := models.User{Email: "kons@test.dk", Name: "Kons", Role: models.RoleConsultant, JobcentreID: &jc.ID}
			if err := st.CreateUser(ctx, &cons); err != nil {
				b.Fatal(err)
			}
			co := models.Company{JobcentreID: jc.ID, CompanyFields: models.CompanyFields{CVR: "10150817", Name: "Kronborg Lager ApS",
				Branch: "transport_lager_logistik", Town: "Helsingør", Lat: 56.036, Lon: 12.612}}
			if err := st.CreateCompany(ctx, &co); err != nil {
				b.Fatal(err)
			}
			emp := models.User{Email: "chef@test.dk", Name: "Chef", Role: models.RoleEmployer, CompanyID: &co.ID}
			if err := st.CreateUser(ctx, &emp); err != nil {
				b.Fatal(err)
			}
			for i := 0; i < 2000; i++ {
				cpr := fmt.Sprintf("%02d%02d%02d%04d", 1+i%28, 1+(i/28)%12, 60+i/336, 1000+i)
				kinds, group := []models.Kind{models.KindPraktik}, models.Gruppe1
				if i%2 == 0 {
					kinds, group = append(kinds, models.KindFleksjob), models.LedigFleksjobvisitert
				}
				if _, err := a.CreateCitizen(ctx, &cons, app.CitizenInput{CPR: &cpr, ConsentKinds: kinds, CitizenFields: models.CitizenFields{
					Name: "Borger", TargetGroup: group, GoalBranch: "transport_lager_logistik", GoalTitle: "Lagermedarbejder",
					DanishLevel: models.DanishFluent, Lat: 56.0 + float64(i%50)/500, Lon: 12.5 + float64(i%40)/400, MaxCommuteKm: 30,
					HoursCapacity: 20}}); err != nil {
					b.Fatal(err)
				}
			}
			for i := 0; i < 30; i++ {
				kind := models.KindPraktik
				if i%2 == 1 {
					kind = models.KindFleksjob
				}
				if _, err := a.CreateOpening(ctx, &cons, models.OpeningFields{CompanyID: co.ID, Kind: kind, Title: fmt.Sprintf("Lager %d", i),
					HoursMin: 10, HoursMax: 25, Seats: 2, Status: models.StatusOpen}); err != nil {
					b.Fatal(err)
				}
			}
			b.Run("with-counts", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					h, err := a.EmployerHome(ctx, &emp)
					if err != nil {
						b.Fatal(err)
					}
					if len(h.Candidates) != 30 || !h.Candidates[0].Counted || h.Candidates[0].Count == 0 || h.Candidates[29].Counted {
						b.Fatalf("candidates: %+v", h.Candidates[:2])
					}
				}
			})
			b.Run("first-draw", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					h, err := a.EmployerHomeFirst(ctx, &emp)
					if err != nil || len(h.Candidates) != 30 || h.Candidates[0].Counted {
						b.Fatalf("first draw: %v", err)
					}
				}
			})
		})
	}
}
