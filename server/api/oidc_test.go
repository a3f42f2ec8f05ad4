package api_test

import (
	"fmt"
	"strings"
	"testing"

	"placering/server/oidclogin/oidctest"
)

// The OIDC settings of a jobcentre: administrators only, the secret is
// write-only, validation speaks Danish at the fields, and enabled
// settings are checked against a real provider's discovery document.
func TestOIDCSettingsAPI(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		op := oidctest.Start(t, e.srv.URL+"/login/oidc/callback")
		path := fmt.Sprintf("/api/v1/jobcentres/%d/oidc", e.jcA.ID)
		for _, who := range []string{"consA", "consB", "employer", "event"} {
			if r := e.do(who, "GET", path, ""); r.status != 403 {
				t.Fatalf("GET as %s: %d %s", who, r.status, r.body)
			}
			if r := e.do(who, "PUT", path, `{"issuer":"https://login.kommune.dk","client_id":"x"}`); r.status != 403 {
				t.Fatalf("PUT as %s: %d %s", who, r.status, r.body)
			}
		}
		r := e.do("admin", "GET", path, "")
		if r.status != 200 || r.json["enabled"] != false || r.json["client_secret_set"] != false || r.json["email_claim"] != "email" ||
			!strings.HasSuffix(r.json["redirect_uri"].(string), "/login/oidc/callback") {
			t.Fatalf("defaults: %d %s", r.status, r.body)
		}

		r = e.do("admin", "PUT", path, `{"issuer":"http://login.kommune.dk","client_id":"","email_claim":"e mail",
			"groups":{"claim":"groups","roles":{"jc-arbejdsgivere":"employer"}},"enabled":true}`)
		if r.status != 422 || !r.hasField("issuer") || !r.hasField("client_id") || !r.hasField("email_claim") || !r.hasField("groups.roles") {
			t.Fatalf("invalid: %d %s", r.status, r.body)
		}
		if !strings.Contains(r.body, "https://") {
			t.Fatalf("issuer message: %s", r.body)
		}

		// Enabled with an issuer that does not answer: refused at issuer.
		r = e.do("admin", "PUT", path, `{"issuer":"http://127.0.0.1:1","client_id":"placering","enabled":true,
			"groups":{"roles":{"jc-konsulenter":"consultant"}}}`)
		if r.status != 422 || !r.hasField("issuer") {
			t.Fatalf("unreachable issuer: %d %s", r.status, r.body)
		}

		body := fmt.Sprintf(`{"issuer":%q,"client_id":%q,"client_secret":%q,"enabled":true,
			"groups":{"claim":"groups","roles":{"jc-konsulenter":"consultant","jc-events":"event_staff"}}}`,
			op.Issuer, oidctest.ClientID, oidctest.ClientSecret)
		r = e.do("admin", "PUT", path, body)
		if r.status != 200 || r.json["client_secret_set"] != true || r.json["enabled"] != true {
			t.Fatalf("save: %d %s", r.status, r.body)
		}
		for _, got := range []string{r.body, e.do("admin", "GET", path, "").body} {
			if strings.Contains(got, oidctest.ClientSecret) || strings.Contains(got, `"client_secret"`) {
				t.Fatalf("the secret came back: %s", got)
			}
		}
		cfg, err := e.store.GetOIDCConfig(t.Context(), e.jcA.ID)
		must(t, err)
		if cfg.ClientSecretSealed == "" || strings.Contains(cfg.ClientSecretSealed, oidctest.ClientSecret) {
			t.Fatalf("stored secret: %q", cfg.ClientSecretSealed)
		}

		// Leaving the secret out keeps it; "" removes it.
		r = e.do("admin", "PUT", path, strings.Replace(body, fmt.Sprintf(`"client_secret":%q,`, oidctest.ClientSecret), "", 1))
		if r.status != 200 || r.json["client_secret_set"] != true {
			t.Fatalf("keep secret: %d %s", r.status, r.body)
		}
		r = e.do("admin", "PUT", path, strings.Replace(body, fmt.Sprintf(`"client_secret":%q`, oidctest.ClientSecret), `"client_secret":""`, 1))
		if r.status != 200 || r.json["client_secret_set"] != false {
			t.Fatalf("remove secret: %d %s", r.status, r.body)
		}

		if r := e.do("admin", "GET", "/api/v1/jobcentres/999999/oidc", ""); r.status != 404 {
			t.Fatalf("unknown jobcentre: %d %s", r.status, r.body)
		}
	})
}
