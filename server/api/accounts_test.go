package api_test

import (
	"context"
	"fmt"
	"testing"

	"placering/models"
	"placering/server/auth"
	"placering/store/storetest"
)

// An office of 60 colleagues behind one address (one NAT) all get their
// token in the morning, although some mistype first: only failures count,
// and a few typos do not hold the office back.
func TestLoginOfficeBehindOneAddress(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	hash, err := auth.HashPassword("kontorets-kode-42")
	must(t, err)
	for i := range 60 {
		u := models.User{Email: fmt.Sprintf("kollega%d@test.dk", i), Name: fmt.Sprint("Kollega ", i), PasswordHash: hash,
			Role: models.RoleConsultant, JobcentreID: &e.jcA.ID}
		must(t, e.store.CreateUser(context.Background(), &u))
	}
	for i := range 60 {
		if i%6 == 0 {
			if r := e.do("", "POST", "/api/v1/auth/tokens", fmt.Sprintf(`{"email":"kollega%d@test.dk","password":"forkert-kode"}`, i)); r.status != 401 {
				t.Fatalf("colleague %d typo: %d %s", i, r.status, r.body)
			}
		}
		r := e.do("", "POST", "/api/v1/auth/tokens", fmt.Sprintf(`{"email":"kollega%d@test.dk","password":"kontorets-kode-42"}`, i))
		if r.status != 201 {
			t.Fatalf("colleague %d: %d %s", i, r.status, r.body)
		}
	}
}

// An attacker's wrong guesses get 429 with Retry-After after a few, in
// seconds; the right password from the same address is then held back
// only for those seconds.
func TestLoginGuessesSlowDown(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	var last response
	for range 5 {
		last = e.do("", "POST", "/api/v1/auth/tokens", `{"email":"kons.b@test.dk","password":"gæt-gæt-gæt"}`)
	}
	if last.status != 429 || last.header.Get("Retry-After") != "1" {
		t.Fatalf("after 4 wrong guesses: %d %v %s", last.status, last.header, last.body)
	}
	if last.json["detail"] != "For mange forsøg. Prøv igen om 1 sekund." {
		t.Errorf("detail %q", last.json["detail"])
	}
}
