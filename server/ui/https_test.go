package ui_test

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"placering/cache/memcache"
	"placering/server/router"
	"placering/server/session"
)

// serveWith starts the service over e's app with the given trusted
// proxies; tls serves it over HTTPS.
func serveWith(t *testing.T, e *env, trusted string, useTLS bool) *httptest.Server {
	t.Helper()
	var nets []*net.IPNet
	if trusted != "" {
		_, n, err := net.ParseCIDR(trusted)
		if err != nil {
			t.Fatal(err)
		}
		nets = append(nets, n)
	}
	mc := memcache.New()
	t.Cleanup(func() { mc.Close() })
	h := router.New(router.Deps{
		App: e.app, Sessions: &session.Sessions{Cache: mc}, Throttle: &session.Throttle{Cache: mc},
		TrustedProxies: nets, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	var srv *httptest.Server
	if useTLS {
		srv = httptest.NewTLSServer(h)
	} else {
		srv = httptest.NewServer(h)
	}
	t.Cleanup(srv.Close)
	return srv
}

// rawLogin fetches the login page and logs in with plain requests (no
// cookie jar, which would keep Secure cookies from a plain-HTTP test
// server), sending the extra header on both; it returns both responses.
func rawLogin(t *testing.T, srv *httptest.Server, email string, header ...string) (page, login *http.Response) {
	t.Helper()
	hc := srv.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	hc.Timeout = 10 * time.Second
	send := func(req *http.Request) *http.Response {
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/login", nil)
	page = send(req)
	form := url.Values{"email": {email}, "password": {password}}
	req, _ = http.NewRequest(http.MethodPost, srv.URL+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	login = send(req)
	if login.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: status %d", login.StatusCode)
	}
	return page, login
}

// TestSecureCookiesAndHSTSPerRequest: cookies are Secure and HSTS is sent
// exactly when the request came over HTTPS, directly or through a trusted
// proxy; X-Forwarded-Proto from anyone else changes nothing.
func TestSecureCookiesAndHSTSPerRequest(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name    string
		trusted string
		tls     bool
		header  []string
		secure  bool
	}{
		{"plain HTTP", "", false, nil, false},
		{"plain HTTP, trusted proxy says http", "127.0.0.1/32", false, []string{"X-Forwarded-Proto", "http"}, false},
		{"trusted proxy says https", "127.0.0.1/32", false, []string{"X-Forwarded-Proto", "https"}, true},
		{"untrusted peer says https", "10.0.0.0/8", false, []string{"X-Forwarded-Proto", "https"}, false},
		{"no proxies trusted, header sent", "", false, []string{"X-Forwarded-Proto", "https"}, false},
		{"TLS", "", true, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := serveWith(t, e, tc.trusted, tc.tls)
			page, login := rawLogin(t, srv, e.consultant.Email, tc.header...)
			for _, resp := range []*http.Response{page, login} {
				hsts := resp.Header.Get("Strict-Transport-Security")
				if tc.secure && hsts != router.HSTS || !tc.secure && hsts != "" {
					t.Errorf("%s %s: Strict-Transport-Security %q", resp.Request.Method, resp.Request.URL.Path, hsts)
				}
				if len(resp.Cookies()) == 0 {
					t.Errorf("%s %s sets no cookie", resp.Request.Method, resp.Request.URL.Path)
				}
				for _, ck := range resp.Cookies() {
					if ck.Secure != tc.secure {
						t.Errorf("%s %s: cookie %s Secure=%v, want %v", resp.Request.Method, resp.Request.URL.Path, ck.Name, ck.Secure, tc.secure)
					}
				}
			}
			if !hasCookie(login, "placering_session") {
				t.Error("login set no session cookie")
			}
		})
	}
	t.Run("force", func(t *testing.T) {
		h := router.New(router.Deps{App: e.app, Sessions: &session.Sessions{Cache: memcache.New()},
			Throttle: &session.Throttle{Cache: memcache.New()}, SecureCookies: true})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/login", nil))
		if rec.Header().Get("Strict-Transport-Security") != router.HSTS || !strings.Contains(rec.Header().Get("Set-Cookie"), "; Secure") {
			t.Errorf("SECURE_COOKIES=true: headers %v", rec.Header())
		}
	})
}

func hasCookie(resp *http.Response, name string) bool {
	for _, ck := range resp.Cookies() {
		if ck.Name == name && ck.Value != "" {
			return true
		}
	}
	return false
}

// TestLoginRotatesSession is the session-fixation test: a session id
// planted in the browser before login is not the one the login hands out
// and no longer works afterwards, even when it was a live session.
func TestLoginRotatesSession(t *testing.T) {
	e := newEnv(t)
	for _, planted := range []string{"", "ukendt-id-fra-en-angriber"} {
		attacker := e.client()
		var plantedID string
		if planted == "" {
			// The attacker's own live session (the employer's login).
			attacker.login(e.employer.Email)
			plantedID = sessionOf(t, attacker)
		} else {
			plantedID = planted
		}
		victim := e.client()
		u, _ := url.Parse(e.srv.URL)
		victim.hc.Jar.SetCookies(u, []*http.Cookie{{Name: "placering_session", Value: plantedID, Path: "/"}})
		// (A planted live session sends /login on to "/", so the form is
		// posted as a browser would, with Sec-Fetch-Site.)
		resp, body := victim.post("/login", url.Values{"email": {e.consultant.Email}, "password": {password}}, "Sec-Fetch-Site", "same-origin")
		wantStatus(t, resp, body, http.StatusSeeOther)
		got := sessionOf(t, victim)
		if got == "" || got == plantedID {
			t.Fatalf("after login the session id is %q, the planted one was %q", got, plantedID)
		}
		resp, body = victim.get("/virksomheder")
		wantStatus(t, resp, body, http.StatusOK)
		wantContains(t, body, "Karen Konsulent")

		// The planted id no longer opens anything.
		other := e.client()
		other.hc.Jar.SetCookies(u, []*http.Cookie{{Name: "placering_session", Value: plantedID, Path: "/"}})
		resp, body = other.get("/virksomheder")
		wantStatus(t, resp, body, http.StatusSeeOther)
		if planted == "" {
			resp, body = attacker.get("/virksomheder")
			wantStatus(t, resp, body, http.StatusSeeOther)
		}
	}
}

func sessionOf(t *testing.T, c *client) string {
	t.Helper()
	u, _ := url.Parse(c.base)
	for _, ck := range c.hc.Jar.Cookies(u) {
		if ck.Name == "placering_session" {
			return ck.Value
		}
	}
	return ""
}
