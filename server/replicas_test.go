package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"placering/cache/cachetest"
	"placering/store/storetest"
)

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

var quiet = slog.New(slog.DiscardHandler)

// Two replicas on one PostgreSQL and one Redis, started at the same time
// as an orchestrator would: one first administrator between them, a
// session made on one is good on the other, a logout on one ends it on
// both, and login throttling counts attempts across both.
func TestReplicasShareEverythingThatMatters(t *testing.T) {
	db := storetest.Config(t, storetest.Postgres)
	env := map[string]string{
		"DATABASE_URL":   db.DatabaseURL,
		"REDIS_URL":      cachetest.RedisURL(t),
		"CPR_KEY":        randomHex(32),
		"ADMIN_EMAIL":    "admin-" + randomHex(4) + "@test.dk",
		"ADMIN_PASSWORD": "hemmelig-kode-123",
		"DATA_DIR":       t.TempDir(),
		// Login counters live in the shared Redis for 15 minutes; each run
		// comes from its own (documentation-range) client address, so that
		// runs shortly after each other do not exhaust one address's budget.
		"TRUSTED_PROXIES": "127.0.0.1/32",
	}
	clientIP := fmt.Sprintf("198.51.100.%d", 1+mrand.IntN(254))
	cfg, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var (
		wg       sync.WaitGroup
		replicas [2]*httptest.Server
		errs     [2]error
	)
	for i := range replicas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := openBackends(ctx, cfg, quiet)
			if err != nil {
				errs[i] = err
				return
			}
			t.Cleanup(b.Close)
			a := b.app()
			if errs[i] = ensureFirstAdmin(ctx, a, cfg, quiet); errs[i] != nil {
				return
			}
			replicas[i] = httptest.NewServer(b.handler(cfg, a, quiet))
			t.Cleanup(replicas[i].Close)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("replica %d: %v", i, err)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(srv *httptest.Server, path string, form url.Values, cookie *http.Cookie) *http.Response {
		req, _ := http.NewRequest("POST", srv.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin") // what a browser sends for its own forms
		req.Header.Set("X-Forwarded-For", clientIP)
		if cookie != nil {
			req.AddCookie(cookie)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res
	}
	get := func(srv *httptest.Server, path string, cookie *http.Cookie) int {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("X-Forwarded-For", clientIP)
		req.AddCookie(cookie)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}

	res := post(replicas[0], "/login", url.Values{"email": {env["ADMIN_EMAIL"]}, "password": {env["ADMIN_PASSWORD"]}}, nil)
	var session *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "placering_session" {
			session = c
		}
	}
	if res.StatusCode != http.StatusSeeOther || session == nil {
		t.Fatalf("login on replica 0: %d, session cookie %v", res.StatusCode, session)
	}
	if !session.HttpOnly || session.SameSite == http.SameSiteNoneMode {
		t.Fatalf("session cookie must be HttpOnly and SameSite: %+v", session)
	}
	if code := get(replicas[1], "/virksomheder", session); code != http.StatusOK {
		t.Fatalf("session from replica 0 rejected by replica 1: %d", code)
	}
	post(replicas[1], "/logout", url.Values{}, session)
	if code := get(replicas[0], "/virksomheder", session); code != http.StatusSeeOther {
		t.Fatalf("logout on replica 1 did not end the session on replica 0: %d", code)
	}

	// Ten wrong passwords spread over both replicas exhaust the account's
	// allowance on both.
	victim := url.Values{"email": {env["ADMIN_EMAIL"]}, "password": {"forkert"}}
	for i := 0; i < 10; i++ {
		post(replicas[i%2], "/login", victim, nil)
	}
	if res := post(replicas[0], "/login", url.Values{"email": {env["ADMIN_EMAIL"]}, "password": {env["ADMIN_PASSWORD"]}}, nil); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("throttle not shared between replicas: %d", res.StatusCode)
	}

	b, err := openBackends(ctx, cfg, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if n, _ := b.store.CountUsers(ctx); n != 1 {
		t.Fatalf("two replicas starting together made %d first administrators", n)
	}
}

// SIGTERM lets a request that is in flight finish before the process exits.
func TestGracefulShutdownFinishesInFlightRequests(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	env := map[string]string{"PORT": port, "DATA_DIR": t.TempDir(), "ADMIN_EMAIL": "a@test.dk", "ADMIN_PASSWORD": "hemmelig-kode-123"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, func(k string) string { return env[k] }, quiet) }()
	base := "http://127.0.0.1:" + port
	for i := 0; ; i++ {
		if res, err := http.Get(base + "/readyz"); err == nil && res.StatusCode == 200 {
			res.Body.Close()
			break
		}
		if i > 100 {
			t.Fatal("server did not become ready")
		}
		time.Sleep(50 * time.Millisecond)
	}
	// A request whose body is still arriving when the signal comes.
	pr, pw := io.Pipe()
	result := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("POST", base+"/api/v1/auth/tokens", pr)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			result <- -1
			return
		}
		res.Body.Close()
		result <- res.StatusCode
	}()
	io.WriteString(pw, `{"email":"a@test.dk",`)
	time.Sleep(100 * time.Millisecond)
	cancel() // what SIGTERM does
	time.Sleep(100 * time.Millisecond)
	io.WriteString(pw, `"password":"hemmelig-kode-123"}`)
	pw.Close()
	if code := <-result; code != http.StatusCreated {
		t.Fatalf("in-flight request got %d, want 201", code)
	}
	if err := <-done; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Fatal("server still accepts connections after shutdown")
	}
}
