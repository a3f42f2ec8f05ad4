package ui_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"placering/cache/memcache"
	"placering/models"
	"placering/server/app"
	"placering/server/auth"
	"placering/server/router"
	"placering/server/session"
)

// TestProbeOneTimeLinksSendNoReferrer: the pages a one-time link opens
// carry the token in their address; they tell the browser to send no
// Referer at all, so that the token reaches no other request (not even
// the page's own style sheet, whose request a proxy may log with its
// Referer).
func TestProbeOneTimeLinksSendNoReferrer(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	inv, err := e.app.CreateInvitation(ctx, &e.admin, app.InvitationInput{Email: "ny@example.dk", Role: models.RoleEventStaff, JobcentreID: &e.jc.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.app.RequestPasswordReset(ctx, e.consultant.Email, true); err != nil {
		t.Fatal(err)
	}
	reset := e.mailLink(e.consultant.Email, "/nulstil/")
	c := e.client()
	for _, path := range []string{"/invitation/" + inv.URL[strings.LastIndex(inv.URL, "/")+1:], reset[strings.Index(reset, "/nulstil/"):]} {
		resp, body := c.get(path)
		wantStatus(t, resp, body, http.StatusOK)
		if got := resp.Header.Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("%s: Referrer-Policy %q, want no-referrer", path[:9], got)
		}
	}
}

// TestProbeTokensNeverLogged sends one-time links' tokens to every route
// that takes one (pages and API) and checks that the request log holds
// none of them.
func TestProbeTokensNeverLogged(t *testing.T) {
	e := newEnv(t)
	var buf bytes.Buffer
	mc := memcache.New()
	t.Cleanup(func() { mc.Close() })
	h := router.New(router.Deps{App: e.app, Sessions: &session.Sessions{Cache: mc}, Throttle: &session.Throttle{Cache: mc},
		Logger: slog.New(slog.NewTextHandler(&buf, nil))})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	token, _, _ := auth.NewToken()
	for _, r := range []struct{ method, path string }{
		{"GET", "/invitation/" + token},
		{"POST", "/invitation/" + token},
		{"GET", "/nulstil/" + token},
		{"POST", "/nulstil/" + token},
		{"POST", "/api/v1/invitations/" + token + "/accept"},
		{"POST", "/api/v1/auth/password-reset/" + token},
	} {
		req, _ := http.NewRequest(r.method, srv.URL+r.path, strings.NewReader(`{"password":"x"}`))
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	log := buf.String()
	if strings.Contains(log, token) {
		t.Errorf("the request log holds a one-time link's token:\n%s", log)
	}
	if !strings.Contains(log, "/invitation/") || !strings.Contains(log, "/api/v1/auth/password-reset/") {
		t.Errorf("the request log lost the paths themselves:\n%s", log)
	}
}
