package ui_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"placering/cache/memcache"
	"placering/models"
	"placering/server/app"
	"placering/server/cprvault"
	"placering/server/oidclogin/oidctest"
	"placering/server/router"
	"placering/server/session"
	"placering/store/storetest"
)

// BenchmarkOIDCLogin measures one whole OIDC login as a browser makes it,
// against zitadel's example OP in the same process: the service's start
// (/login/oidc/{id}), the provider's authorize and login form, the
// callback (code exchange, ID token check, userinfo, the user row) and
// the new session's redirect. Each iteration is a new browser; the user
// is provisioned by the first.
//
//	go test ./server/ui -run '^$' -bench OIDCLogin -benchtime 200x -count 5
func BenchmarkOIDCLogin(b *testing.B) {
	ctx := context.Background()
	quiet := slog.Default() // the example OP logs every request
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	b.Cleanup(func() { slog.SetDefault(quiet) })
	st := storetest.Open(b, storetest.SQLite)
	vault, _ := cprvault.New(bytes.Repeat([]byte{1}, 32))
	a := app.New(app.Deps{Store: st, Vault: vault, Now: time.Now})
	mc := memcache.New()
	b.Cleanup(func() { mc.Close() })
	srv := httptest.NewServer(router.New(router.Deps{App: a, Sessions: &session.Sessions{Cache: mc},
		Throttle: &session.Throttle{Cache: mc}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	b.Cleanup(srv.Close)
	a.PublicURL = srv.URL
	jc := models.Jobcentre{MunicipalityNo: "217", Name: "Jobcenter Helsingør"}
	if err := st.CreateJobcentre(ctx, &jc); err != nil {
		b.Fatal(err)
	}
	admin, err := a.CreateUser(ctx, nil, app.UserInput{Email: "admin@example.dk", Name: "Ada Admin", Role: models.RoleAdmin, Password: password})
	if err != nil {
		b.Fatal(err)
	}
	op := oidctest.Start(b, srv.URL+app.OIDCCallbackPath)
	secret := oidctest.ClientSecret
	if _, err := a.SaveOIDCSettings(ctx, &admin, jc.ID, app.OIDCSettingsInput{Enabled: true, Issuer: op.Issuer,
		ClientID: oidctest.ClientID, ClientSecret: &secret,
		Groups: app.GroupMapping{Roles: map[string]models.Role{"jc-konsulenter": models.RoleConsultant}}}); err != nil {
		b.Fatal(err)
	}
	op.AddUser(oidctest.User{Username: "anna", Password: "hemmeligt-kodeord", Email: "anna@kommune.dk", EmailVerified: true,
		Name: "Anna Andersen", Groups: []string{"jc-konsulenter"}})
	start := srv.URL + "/login/oidc/" + strconv.FormatInt(jc.ID, 10)

	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		jar, _ := cookiejar.New(nil)
		hc := &http.Client{Jar: jar, Timeout: 10 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		cb, err := op.Authorize(hc, start, "anna", "hemmeligt-kodeord")
		if err != nil {
			b.Fatal(err)
		}
		if !strings.HasPrefix(cb, srv.URL+app.OIDCCallbackPath+"?") {
			b.Fatalf("provider sent the browser to %s", cb)
		}
		resp, err := hc.Get(cb)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
			b.Fatalf("callback: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}
