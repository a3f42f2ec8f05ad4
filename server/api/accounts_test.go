package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

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

// withToken sends a request with an explicit bearer token.
func (e *env) withToken(token, method, path, body string) response {
	e.t.Helper()
	name := fmt.Sprintf("tmp-%d", len(e.tokens))
	e.tokens[name] = token
	defer delete(e.tokens, name)
	return e.do(name, method, path, body)
}

func (e *env) newToken(email, password, name string) string {
	e.t.Helper()
	r := e.do("", "POST", "/api/v1/auth/tokens", fmt.Sprintf(`{"email":%q,"password":%q,"name":%q}`, email, password, name))
	if r.status != 201 {
		e.t.Fatalf("token for %s: %d %s", email, r.status, r.body)
	}
	return r.json["token"].(string)
}

// A user lists their tokens (never the secret) and revokes one; the next
// request with it is 401. Tokens live 8 days by default.
func TestTokensListAndRevoke(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	laptop := e.newToken("kons.a@test.dk", "hemmelig-kode-123", "Min bærbare")
	if r := e.withToken(laptop, "GET", "/api/v1/me", ""); r.status != 200 {
		t.Fatalf("new token: %d", r.status)
	}
	r := e.do("consA", "GET", "/api/v1/auth/tokens", "")
	if r.status != 200 {
		t.Fatalf("list: %d %s", r.status, r.body)
	}
	var list []map[string]any
	must(t, jsonUnmarshal(r.body, &list))
	if len(list) != 2 || list[0]["name"] != "Min bærbare" || list[0]["last_used_at"] == nil || list[1]["name"] != "" {
		t.Fatalf("list: %s", r.body)
	}
	if strings.Contains(r.body, laptop) || strings.Contains(r.body, "hash") {
		t.Fatalf("list shows a secret: %s", r.body)
	}
	exp, _ := time.Parse(time.RFC3339, list[0]["expires_at"].(string))
	if d := time.Until(exp); d < 8*24*time.Hour-time.Minute || d > 8*24*time.Hour {
		t.Errorf("token lives %v; want 8 days", d)
	}
	id := int64(list[0]["id"].(float64))
	// Another user cannot revoke it, nor see it.
	if r := e.do("consB", "DELETE", fmt.Sprintf("/api/v1/auth/tokens/%d", id), ""); r.status != 404 {
		t.Fatalf("other user's revoke: %d %s", r.status, r.body)
	}
	if r := e.do("consA", "DELETE", fmt.Sprintf("/api/v1/auth/tokens/%d", id), ""); r.status != 204 {
		t.Fatalf("revoke: %d %s", r.status, r.body)
	}
	if r := e.withToken(laptop, "GET", "/api/v1/me", ""); r.status != 401 {
		t.Fatalf("revoked token still works: %d", r.status)
	}
	if r := e.do("consA", "GET", "/api/v1/me", ""); r.status != 200 {
		t.Fatalf("the other token stopped: %d", r.status)
	}
}

// last_used_at is written at most once a minute per token.
func TestTokenLastUsedOncePerMinute(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	list := func() string {
		var l []map[string]any
		must(t, jsonUnmarshal(e.do("consA", "GET", "/api/v1/auth/tokens", "").body, &l))
		return fmt.Sprint(l[0]["last_used_at"])
	}
	first := list()
	for range 3 {
		e.do("consA", "GET", "/api/v1/me", "")
	}
	if got := list(); got != first {
		t.Fatalf("last_used_at moved within the minute: %s → %s", first, got)
	}
}

// A password change checks the current password and the new one's
// strength, and ends every other token and browser session of the user.
func TestChangePassword(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	other := e.newToken("kons.a@test.dk", "hemmelig-kode-123", "Fagsystem")
	browser := e.browserLogin("kons.a@test.dk")
	// /login sends a logged-in browser on (303) and shows the form (200)
	// to one that is not.
	if st, _ := browse(t, browser, e.srv.URL, "GET", "/login"); st != 303 {
		t.Fatalf("browser before: %d", st)
	}
	for body, field := range map[string]string{
		`{"current_password":"forkert-kode-999","new_password":"en helt ny kode 7"}`: "current_password",
		`{"current_password":"hemmelig-kode-123","new_password":"password12"}`:       "new_password",
		`{"current_password":"hemmelig-kode-123","new_password":"aaaaaaaaaa"}`:       "new_password",
		`{"current_password":"hemmelig-kode-123","new_password":"kort"}`:             "new_password",
		`{"current_password":"hemmelig-kode-123","new_password":"kons.a@test.dk"}`:   "new_password",
		`{"current_password":"","new_password":""}`:                                  "current_password",
	} {
		if r := e.do("consA", "PUT", "/api/v1/me/password", body); r.status != 422 || !r.hasField(field) {
			t.Fatalf("%s: %d %s", body, r.status, r.body)
		}
	}
	if r := e.do("consA", "PUT", "/api/v1/me/password", `{"current_password":"hemmelig-kode-123","new_password":"en helt ny kode 7"}`); r.status != 204 {
		t.Fatalf("change: %d %s", r.status, r.body)
	}
	if r := e.do("consA", "GET", "/api/v1/me", ""); r.status != 200 {
		t.Fatalf("the token that changed it stopped: %d", r.status)
	}
	if r := e.withToken(other, "GET", "/api/v1/me", ""); r.status != 401 {
		t.Fatalf("other token still works: %d", r.status)
	}
	if st, _ := browse(t, browser, e.srv.URL, "GET", "/login"); st != 200 {
		t.Fatalf("browser session survived the password change: %d", st)
	}
	if r := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"kons.a@test.dk","password":"hemmelig-kode-123"}`); r.status != 401 {
		t.Fatalf("old password: %d", r.status)
	}
	e.newToken("kons.a@test.dk", "en helt ny kode 7", "")
}

// An administrator changes a user's name and role and deactivates the
// user: the user's tokens and sessions stop at once; reactivation lets
// the user log in again (with new tokens).
func TestUpdateUser(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	var users []map[string]any
	must(t, jsonUnmarshal(e.do("admin", "GET", "/api/v1/users", "").body, &users))
	ids := map[string]int64{}
	for _, u := range users {
		ids[u["email"].(string)] = int64(u["id"].(float64))
	}
	path := fmt.Sprintf("/api/v1/users/%d", ids["event@test.dk"])
	if r := e.do("consA", "PATCH", path, `{"name":"X"}`); r.status != 403 {
		t.Fatalf("consultant: %d %s", r.status, r.body)
	}
	r := e.do("admin", "PATCH", path, `{"name":"Eva Event","role":"consultant"}`)
	if r.status != 200 || r.json["name"] != "Eva Event" || r.json["role"] != "consultant" {
		t.Fatalf("rename: %d %s", r.status, r.body)
	}
	if r := e.do("admin", "PATCH", path, `{"role":"employer"}`); r.status != 422 || !r.hasField("company_id") {
		t.Fatalf("employer without company: %d %s", r.status, r.body)
	}
	if r := e.do("admin", "PATCH", fmt.Sprintf("/api/v1/users/%d", ids["admin@test.dk"]), `{"active":false}`); r.status != 422 || !r.hasField("active") {
		t.Fatalf("deactivate oneself: %d %s", r.status, r.body)
	}
	browser := e.browserLogin("event@test.dk")
	r = e.do("admin", "PATCH", path, `{"active":false}`)
	if r.status != 200 || r.json["archived_at"] == nil {
		t.Fatalf("deactivate: %d %s", r.status, r.body)
	}
	if r := e.do("event", "GET", "/api/v1/me", ""); r.status != 401 {
		t.Fatalf("deactivated user's token: %d", r.status)
	}
	if st, _ := browse(t, browser, e.srv.URL, "GET", "/login"); st != 200 {
		t.Fatalf("deactivated user's browser session survived: %d", st)
	}
	if r := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"event@test.dk","password":"hemmelig-kode-123"}`); r.status != 401 {
		t.Fatalf("deactivated user logs in: %d", r.status)
	}
	r = e.do("admin", "PATCH", path, `{"active":true}`)
	if r.status != 200 || r.json["archived_at"] != nil {
		t.Fatalf("reactivate: %d %s", r.status, r.body)
	}
	if r := e.do("event", "GET", "/api/v1/me", ""); r.status != 401 {
		t.Fatalf("a token from before the deactivation came back: %d", r.status)
	}
	e.newToken("event@test.dk", "hemmelig-kode-123", "")
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
