package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// The service side of the end-to-end walk: the service started exactly as
// `go run ./server` starts it (run, with the mail worker and everything
// else main starts), its terminal read as a newcomer reads it, and a small
// JSON client for the API.

// e2eService is a running service.
type e2eService struct {
	base string // PUBLIC_URL's default, http://localhost:PORT: the address in the mails
	// printed is what the service wrote to the terminal (stderr) while
	// starting: where the generated password is shown.
	printed string
	log     *lockedBuffer
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startService runs the service with env (PORT is chosen here) until the
// test ends, and returns once it is ready. Its log is shown when the test
// fails.
func startService(t *testing.T, env map[string]string) *e2eService {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	env["PORT"] = fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	s := &e2eService{base: "http://localhost:" + env["PORT"], log: &lockedBuffer{}}
	log := slog.New(slog.NewTextHandler(s.log, nil))

	// The generated password is printed to the terminal, not logged.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := os.Stderr
	os.Stderr = w
	printed := make(chan string, 1)
	go func() { b, _ := io.ReadAll(r); printed <- string(b) }()

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, func(k string) string { return env[k] }, log) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("service stopped with: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Errorf("service did not stop within 30 s")
		}
		if t.Failed() {
			t.Logf("service log:\n%s", s.log.String())
		}
	})
	ready := false
	for i := 0; i < 600 && !ready; i++ {
		select {
		case err := <-done:
			os.Stderr = stderr
			t.Fatalf("service stopped while starting: %v\n%s", err, s.log.String())
		default:
		}
		if res, err := http.Get(s.base + "/readyz"); err == nil {
			ready = res.StatusCode == http.StatusOK
			res.Body.Close()
		}
		if !ready {
			time.Sleep(50 * time.Millisecond)
		}
	}
	os.Stderr = stderr
	w.Close()
	s.printed = <-printed
	if !ready {
		t.Fatalf("service not ready after 30 s\n%s", s.log.String())
	}
	return s
}

// generatedAdmin reads the first administrator's address and password
// from what the service printed, as a newcomer would.
func (s *e2eService) generatedAdmin(t *testing.T) (email, password string) {
	t.Helper()
	m := regexp.MustCompile(`Første administrator oprettet\.\s+e-mail:\s+(\S+)\s+adgangskode:\s+(\S+)`).FindStringSubmatch(s.printed)
	if m == nil {
		t.Fatalf("the service printed no generated password; it printed %q", s.printed)
	}
	return m[1], m[2]
}

// e2eAPI calls the JSON API from one client address.
type e2eAPI struct {
	t        *testing.T
	base, ip string
}

// call sends body (nil for none) as JSON with the bearer token (if any)
// and returns the status and the answer's body.
func (a *e2eAPI) call(method, path, token string, body any) (int, []byte) {
	a.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			a.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, a.base+"/api/v1"+path, rd)
	if err != nil {
		a.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("X-Forwarded-For", a.ip)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

// expect calls the API, fails the test unless the answer has the status,
// and decodes its body into out (when not nil).
func (a *e2eAPI) expect(want int, method, path, token string, body, out any) {
	a.t.Helper()
	status, b := a.call(method, path, token, body)
	if status != want {
		a.t.Fatalf("%s %s: %d %s, want %d", method, path, status, b, want)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			a.t.Fatalf("%s %s: decode %s: %v", method, path, b, err)
		}
	}
}

// token logs in through the API and returns a new token.
func (a *e2eAPI) token(email, password, name string) string {
	a.t.Helper()
	var tok struct{ Token string }
	a.expect(http.StatusCreated, "POST", "/auth/tokens", "", map[string]string{"email": email, "password": password, "name": name}, &tok)
	if tok.Token == "" {
		a.t.Fatalf("login of %s through the API gave no token", email)
	}
	return tok.Token
}

// refused asserts that the token no longer works: 401 at once.
func (a *e2eAPI) refused(what, token string) {
	a.t.Helper()
	if status, b := a.call("GET", "/me", token, nil); status != http.StatusUnauthorized {
		a.t.Errorf("%s: GET /me answered %d %s, want 401", what, status, b)
	}
}

// linkIn returns the one link to path (such as "/invitation/") in a mail's
// text, which must start at the service's public address.
func linkIn(t *testing.T, base, text, path string) string {
	t.Helper()
	links := regexp.MustCompile(`https?://\S+`).FindAllString(text, -1)
	var found []string
	for _, l := range links {
		if strings.Contains(l, path) {
			found = append(found, l)
		}
	}
	if len(found) != 1 || !strings.HasPrefix(found[0], base+path) {
		t.Fatalf("want one link to %s%s… in the mail, found %q in:\n%s", base, path, found, text)
	}
	return found[0]
}
