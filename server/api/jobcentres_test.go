package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"placering/models"
	"placering/server/auth"
)

func TestJobcentres(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		// Only administrators create.
		for _, who := range []string{"consA", "employer", "event"} {
			if r := e.do(who, "POST", "/api/v1/jobcentres", `{"municipality_no":"101","name":"Jobcenter København"}`); r.status != 403 || r.json["code"] != "forbidden" {
				t.Errorf("%s creates: %d %s", who, r.status, r.body)
			}
		}
		r := e.do("admin", "POST", "/api/v1/jobcentres", `{"municipality_no":"101","name":"Jobcenter København"}`)
		if r.status != 201 || r.json["id"] == nil || r.json["municipality_no"] != "101" || r.json["name"] != "Jobcenter København" {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		id := int64(r.json["id"].(float64))

		// One live jobcentre per municipality.
		r = e.do("admin", "POST", "/api/v1/jobcentres", `{"municipality_no":"217","name":"Jobcenter Helsingør 2"}`)
		if r.status != 409 || r.json["code"] != "conflict" || !slices.Equal(r.fields(), []string{"municipality_no"}) {
			t.Errorf("duplicate: %d %s", r.status, r.body)
		}
		// Invalid numbers and names.
		for _, body := range []string{`{"municipality_no":"12","name":"X"}`, `{"municipality_no":"999","name":"Jobcenter Ingen"}`,
			`{"municipality_no":"1O1","name":"X"}`, `{"municipality_no":"147","name":"  "}`, `{"municipality_no":"147"}`} {
			if r := e.do("admin", "POST", "/api/v1/jobcentres", body); r.status != 422 || len(r.fields()) == 0 {
				t.Errorf("invalid %s: %d %s", body, r.status, r.body)
			}
		}
		if r := e.do("admin", "POST", "/api/v1/jobcentres", `{"municipality_no":"147","name":"J","x":1}`); r.status != 422 && r.status != 400 {
			t.Errorf("unknown field: %d %s", r.status, r.body)
		}

		// Everyone reads one; the list has it.
		if r := e.do("event", "GET", fmt.Sprintf("/api/v1/jobcentres/%d", id), ""); r.status != 200 || r.json["name"] != "Jobcenter København" {
			t.Errorf("get: %d %s", r.status, r.body)
		}
		if r := e.do("admin", "GET", "/api/v1/jobcentres/99999", ""); r.status != 404 {
			t.Errorf("get missing: %d %s", r.status, r.body)
		}

		// PATCH: admins only, only what is sent; a GET sent back changes nothing.
		path := fmt.Sprintf("/api/v1/jobcentres/%d", id)
		if r := e.do("consA", "PATCH", path, `{"name":"Overtaget"}`); r.status != 403 {
			t.Errorf("consultant patch: %d %s", r.status, r.body)
		}
		r = e.do("admin", "PATCH", path, `{"name":"Jobcenter København (Centrum)"}`)
		if r.status != 200 || r.json["name"] != "Jobcenter København (Centrum)" || r.json["municipality_no"] != "101" {
			t.Errorf("patch: %d %s", r.status, r.body)
		}
		got := e.do("admin", "GET", path, "")
		if r := e.do("admin", "PATCH", path, got.body); r.status != 200 || r.json["updated_at"] != got.json["updated_at"] {
			t.Errorf("patch with a GET sent back: %d %s", r.status, r.body)
		}
		if r := e.do("admin", "PATCH", path, `{"municipality_no":"151"}`); r.status != 409 {
			t.Errorf("patch to a taken number: %d %s", r.status, r.body)
		}
		if r := e.do("admin", "PATCH", path, `{"municipality_no":"1"}`); r.status != 422 {
			t.Errorf("patch to a bad number: %d %s", r.status, r.body)
		}

		// Archive: refused while users are active, then frees the number.
		if r := e.do("admin", "DELETE", fmt.Sprintf("/api/v1/jobcentres/%d", e.jcB.ID), ""); r.status != 409 {
			t.Errorf("archive with active users: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "DELETE", path, ""); r.status != 403 {
			t.Errorf("consultant archive: %d %s", r.status, r.body)
		}
		if r := e.do("admin", "DELETE", path, ""); r.status != 204 {
			t.Fatalf("archive: %d %s", r.status, r.body)
		}
		if r := e.do("admin", "DELETE", path, ""); r.status != 404 {
			t.Errorf("archive again: %d %s", r.status, r.body)
		}
		if r := e.do("admin", "PATCH", path, `{"name":"Igen"}`); r.status != 404 {
			t.Errorf("patch archived: %d %s", r.status, r.body)
		}
		list := e.do("consA", "GET", "/api/v1/jobcentres", "")
		if list.status != 200 || contains(list.body, "Centrum") {
			t.Errorf("list after archive: %d %s", list.status, list.body)
		}
		if r := e.do("admin", "POST", "/api/v1/jobcentres", `{"municipality_no":"101","name":"Jobcenter København"}`); r.status != 201 {
			t.Errorf("create again after archive: %d %s", r.status, r.body)
		}

		// Every write is audited.
		entries, _, err := e.store.ListAudit(context.Background(), models.AuditFilter{Entity: "jobcentre", Page: models.Page{PerPage: 50}})
		must(t, err)
		var actions []string
		for _, a := range entries {
			actions = append(actions, a.Action)
		}
		slices.Sort(actions)
		if !slices.Equal(actions, []string{"archive", "create", "create", "update"}) {
			t.Errorf("audit actions %v", actions)
		}
	})
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// rows decodes a response that is a JSON array of objects.
func rows(t *testing.T, r response) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := json.Unmarshal([]byte(r.body), &out); err != nil {
		t.Fatalf("not a list: %s", r.body)
	}
	return out
}

// TestFirstRunPasswordChange: a user with a generated password gets 403
// password_change_required on every call but GET /me, the password change
// and revoking a token, until the password is changed.
func TestFirstRunPasswordChange(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		hash, err := auth.HashPassword("genereret-EngangsKode-9")
		must(t, err)
		u := models.User{Email: "admin@placering.local", Name: "Administrator", PasswordHash: hash, Role: models.RoleAdmin, MustChangePassword: true}
		must(t, e.store.CreateUser(context.Background(), &u))
		r := e.do("", "POST", "/api/v1/auth/tokens", `{"email":"admin@placering.local","password":"genereret-EngangsKode-9"}`)
		if r.status != 201 {
			t.Fatalf("token: %d %s", r.status, r.body)
		}
		e.tokens["first"] = r.json["token"].(string)

		for _, call := range [][2]string{{"POST", "/api/v1/jobcentres"}, {"GET", "/api/v1/jobcentres"}, {"GET", "/api/v1/users"},
			{"GET", "/api/v1/companies"}, {"GET", "/api/v1/auth/tokens"}} {
			body := ""
			if call[0] == "POST" {
				body = `{"municipality_no":"101","name":"Jobcenter København"}`
			}
			r := e.do("first", call[0], call[1], body)
			if r.status != 403 || r.json["code"] != "password_change_required" || !contains(r.json["detail"].(string), "engangsadgangskode") {
				t.Errorf("%s %s before the change: %d %s", call[0], call[1], r.status, r.body)
			}
		}
		if r := e.do("first", "GET", "/api/v1/me", ""); r.status != 200 || r.json["must_change_password"] != true || r.json["active"] != true {
			t.Errorf("me: %d %s", r.status, r.body)
		}
		if r := e.do("first", "PUT", "/api/v1/me/password", `{"current_password":"genereret-EngangsKode-9","new_password":"min-egen-lange-kode-77"}`); r.status != 204 {
			t.Fatalf("change: %d %s", r.status, r.body)
		}
		if r := e.do("first", "GET", "/api/v1/me", ""); r.status != 200 || r.json["must_change_password"] != false || r.json["last_login_at"] == nil {
			t.Errorf("me after change: %d %s", r.status, r.body)
		}
		if r := e.do("first", "POST", "/api/v1/jobcentres", `{"municipality_no":"101","name":"Jobcenter København"}`); r.status != 201 {
			t.Errorf("create after change: %d %s", r.status, r.body)
		}
	})
}

// TestUsersListActive: the users list carries deactivated users with
// active false, and the active filter picks either kind.
func TestUsersListActive(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		all := e.do("admin", "GET", "/api/v1/users", "")
		var consB float64
		for _, m := range rows(t, all) {
			if m["name"] == "consB" {
				consB = m["id"].(float64)
			}
		}
		if r := e.do("admin", "PATCH", fmt.Sprintf("/api/v1/users/%d", int64(consB)), `{"active":false}`); r.status != 200 || r.json["active"] != false {
			t.Fatalf("deactivate: %d %s", r.status, r.body)
		}
		names := func(who, query string) []string {
			r := e.do(who, "GET", "/api/v1/users"+query, "")
			if r.status != 200 {
				t.Fatalf("list %s: %d %s", query, r.status, r.body)
			}
			var out []string
			for _, m := range rows(t, r) {
				out = append(out, fmt.Sprint(m["name"], "=", m["active"]))
			}
			return out
		}
		if got := names("admin", ""); !slices.Contains(got, "consB=false") || !slices.Contains(got, "consA=true") || len(got) != 5 {
			t.Errorf("all users: %v", got)
		}
		if got := names("admin", "?active=false"); !slices.Equal(got, []string{"consB=false"}) {
			t.Errorf("deactivated: %v", got)
		}
		if got := names("admin", "?active=true"); len(got) != 4 || slices.Contains(got, "consB=false") {
			t.Errorf("active: %v", got)
		}
		if got := names("consA", ""); slices.Contains(got, "consB=false") || !slices.Contains(got, "consA=true") {
			t.Errorf("consultant sees: %v", got)
		}
		if r := e.do("admin", "GET", "/api/v1/users?active=maybe", ""); r.status != 400 && r.status != 422 {
			t.Errorf("bad active: %d %s", r.status, r.body)
		}
		if r := e.do("employer", "GET", "/api/v1/users", ""); r.status != 403 {
			t.Errorf("employer: %d %s", r.status, r.body)
		}
	})
}

// TestCreatedUserMustChoosePassword: a user an administrator creates with
// a password (POST /api/v1/users) must choose their own at the first
// login, exactly as with the generated first password.
func TestCreatedUserMustChoosePassword(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		r := e.do("admin", "POST", "/api/v1/users", fmt.Sprintf(
			`{"email":"ny.kons@test.dk","name":"Nora Ny","password":"admins-valgte-kode-41","role":"consultant","jobcentre_id":%d}`, e.jcA.ID))
		if r.status != 201 || r.json["must_change_password"] != true {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		e.tokens["ny"] = e.newToken("ny.kons@test.dk", "admins-valgte-kode-41", "første")
		if r := e.do("ny", "GET", "/api/v1/companies", ""); r.status != 403 || r.json["code"] != "password_change_required" {
			t.Fatalf("before the change: %d %s", r.status, r.body)
		}
		if r := e.do("ny", "PUT", "/api/v1/me/password", `{"current_password":"admins-valgte-kode-41","new_password":"noras-egen-kode-2027"}`); r.status != 204 {
			t.Fatalf("change: %d %s", r.status, r.body)
		}
		if r := e.do("ny", "GET", "/api/v1/companies", ""); r.status != 200 {
			t.Errorf("after the change: %d %s", r.status, r.body)
		}
		if r := e.do("ny", "GET", "/api/v1/me", ""); r.json["must_change_password"] != false {
			t.Errorf("me after the change: %s", r.body)
		}
	})
}
