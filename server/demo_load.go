package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"placering/models"
	"placering/server/app"
	"placering/server/auth"
	"placering/server/demo"
	"placering/store"
)

// demoExtra asks for generated copies beyond the demo set, for load tests.
type demoExtra struct{ Openings, Virksomhedscentre int }

// loadDemo inserts the demo data set into an empty database, plus extra
// generated openings for load tests, and prints the demo logins. A
// database that already has companies is left alone, so restarting with
// -demo is harmless.
func loadDemo(ctx context.Context, st *store.Store, a *app.App, extra demoExtra, log *slog.Logger) error {
	n, err := st.CountCompanies(ctx)
	if err != nil {
		return err
	}
	ds := demo.Generate(1, models.DateOf(time.Now()))
	if n > 0 {
		log.Info("demo data already present; not loading again", "companies", n)
		printDemoUsers(ds)
		return nil
	}
	start := time.Now()
	hash, err := auth.HashPassword(demo.Password)
	if err != nil {
		return err
	}
	err = st.Tx(ctx, func(tx *store.Store) error { return insertDemo(ctx, tx, a, ds, hash, extra) })
	if err != nil {
		return fmt.Errorf("load demo data: %w", err)
	}
	log.Info("demo data loaded", "companies", len(ds.Companies), "virksomhedscentre", len(ds.Virksomhedscentre)+extra.Virksomhedscentre,
		"openings", len(ds.Openings)+extra.Openings, "citizens", len(ds.Citizens), "ms", time.Since(start).Milliseconds())
	printDemoUsers(ds)
	return nil
}

func insertDemo(ctx context.Context, tx *store.Store, a *app.App, ds *demo.Dataset, hash string, extra demoExtra) error {
	jcIDs := make([]int64, len(ds.Jobcentres))
	for i := range ds.Jobcentres {
		j := ds.Jobcentres[i]
		if err := tx.CreateJobcentre(ctx, &j); err != nil {
			return err
		}
		jcIDs[i] = j.ID
	}
	userIDs := make([]int64, len(ds.Users))
	addUser := func(i int) error {
		u := ds.Users[i].User
		u.PasswordHash = hash
		if jc := ds.Users[i].JobcentreIndex; jc >= 0 {
			u.JobcentreID = &jcIDs[jc]
		}
		if err := tx.CreateUser(ctx, &u); err != nil {
			return err
		}
		userIDs[i] = u.ID
		return nil
	}
	for i, u := range ds.Users {
		if u.CompanyIndex < 0 {
			if err := addUser(i); err != nil {
				return err
			}
		}
	}
	ref := func(i int) *int64 {
		if i < 0 {
			return nil
		}
		id := userIDs[i]
		return &id
	}
	companyIDs := make([]int64, len(ds.Companies))
	for i, c := range ds.Companies {
		row := models.Company{JobcentreID: jcIDs[c.JobcentreIndex], CompanyFields: c.CompanyFields}
		row.CreatedBy, row.UpdatedBy = ref(c.CreatedByIndex), ref(c.CreatedByIndex)
		if err := tx.CreateCompany(ctx, &row); err != nil {
			return err
		}
		companyIDs[i] = row.ID
	}
	for i, u := range ds.Users {
		if u.CompanyIndex >= 0 {
			ds.Users[i].CompanyID = &companyIDs[u.CompanyIndex]
			if err := addUser(i); err != nil {
				return err
			}
		}
	}
	for i := 0; i < len(ds.Virksomhedscentre)+extra.Virksomhedscentre; i++ {
		v := ds.Virksomhedscentre[i%len(ds.Virksomhedscentre)]
		f := v.VirksomhedscenterFields
		f.CompanyID, f.ConsultantID = companyIDs[v.CompanyIndex], ref(v.ConsultantIndex)
		if i >= len(ds.Virksomhedscentre) {
			// Load-test copies go to other companies of the template's
			// jobcentre, so virksomhedscentre stay inside one tenant.
			for k := i; k < i+len(ds.Companies); k++ {
				if c := k % len(ds.Companies); ds.Companies[c].JobcentreIndex == v.JobcentreIndex {
					f.CompanyID = companyIDs[c]
					break
				}
			}
		}
		row := models.Virksomhedscenter{JobcentreID: jcIDs[v.JobcentreIndex], VirksomhedscenterFields: f}
		row.CreatedBy = ref(v.ConsultantIndex)
		if err := tx.CreateVirksomhedscenter(ctx, &row); err != nil {
			return err
		}
	}
	openings := make([]models.Opening, 0, len(ds.Openings)+extra.Openings)
	for i := 0; i < len(ds.Openings)+extra.Openings; i++ {
		o := ds.Openings[i%len(ds.Openings)]
		f := o.OpeningFields
		f.CompanyID = companyIDs[o.CompanyIndex]
		if i >= len(ds.Openings) {
			// Load-test copies: spread start dates so sorts and filters see
			// realistic variety rather than 200 identical rows per template.
			f.StartDate = f.StartDate.AddDays(i % 180)
		}
		row := models.Opening{JobcentreID: jcIDs[o.JobcentreIndex], PostedBy: ref(o.PostedByIndex), OpeningFields: f}
		row.CreatedBy = row.PostedBy
		openings = append(openings, row)
	}
	if err := tx.CreateOpenings(ctx, openings); err != nil {
		return err
	}
	for _, c := range ds.Citizens {
		sealed, err := a.Vault.Seal(c.CPR)
		if err != nil {
			return fmt.Errorf("demo citizen: %w", err)
		}
		f := c.CitizenFields
		f.ConsultantID = ref(c.ConsultantIndex)
		row := models.Citizen{JobcentreID: jcIDs[c.JobcentreIndex], CPRMasked: sealed.Masked, CPRHash: sealed.Hash,
			CPRCipher: sealed.Cipher, BirthDate: sealed.Born, CitizenFields: f}
		row.CreatedBy = f.ConsultantID
		if err := tx.CreateCitizen(ctx, &row); err != nil {
			return err
		}
		if len(c.ConsentKinds) == 0 {
			continue
		}
		if err := tx.SetCitizenConsents(ctx, row.ID, c.ConsentKinds, deref(f.ConsultantID), time.Now()); err != nil {
			return err
		}
	}
	return nil
}

func deref(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}

// printDemoUsers shows the demo logins on the terminal. They are demo
// credentials for made-up data, so printing them is the point.
func printDemoUsers(ds *demo.Dataset) {
	var b strings.Builder
	b.WriteString("\nDemo-brugere (adgangskode for alle: " + demo.Password + "):\n")
	for _, u := range ds.Users {
		fmt.Fprintf(&b, "  %-22s %s\n", u.Role.Label(), u.Email)
	}
	fmt.Fprintln(os.Stderr, b.String())
}
