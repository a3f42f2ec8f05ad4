// Package oidctest starts a real OpenID Provider for tests: the example
// OP of github.com/zitadel/oidc (an in-memory provider built on zitadel's
// certified op package) on an httptest server on 127.0.0.1, with one web
// client (client secret, PKCE S256) whose redirect URI is the service's
// callback, and users the test defines, each with groups. Groups go into
// the ID token; e-mail only into the userinfo endpoint, as many providers
// do. Tests drive the provider's own login form over HTTP (Authorize) or in
// Chromium.
package oidctest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"
)

// Client id and secret of the one client the provider knows.
const (
	ClientID     = "placering"
	ClientSecret = "klienthemmelighed-til-test"
)

// User is a person at the provider.
type User struct {
	Username, Password string
	Email              string
	EmailVerified      bool
	Name               string
	Groups             []string
}

// OP is a running provider.
type OP struct {
	Issuer string
	srv    *httptest.Server
	users  *users
}

type users struct {
	mu     sync.Mutex
	byID   map[string]*storage.User
	groups map[string][]string
}

func (u *users) GetUserByID(id string) *storage.User {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.byID[id]
}

func (u *users) GetUserByUsername(name string) *storage.User {
	u.mu.Lock()
	defer u.mu.Unlock()
	for _, x := range u.byID {
		if x.Username == name {
			return x
		}
	}
	return nil
}

func (u *users) ExampleClientID() string { return storage.ServiceUserID }

func (u *users) groupsOf(id string) []string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.groups[id]
}

// withGroups is the example storage with a "groups" claim in the ID token
// and the userinfo.
type withGroups struct {
	*storage.Storage
	users *users
}

func (s withGroups) SetUserinfoFromRequest(ctx context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	if err := s.Storage.SetUserinfoFromRequest(ctx, info, req, scopes); err != nil {
		return err
	}
	info.AppendClaims("groups", s.users.groupsOf(req.GetSubject()))
	return nil
}

func (s withGroups) SetUserinfoFromToken(ctx context.Context, info *oidc.UserInfo, tokenID, subject, origin string) error {
	if err := s.Storage.SetUserinfoFromToken(ctx, info, tokenID, subject, origin); err != nil {
		return err
	}
	info.AppendClaims("groups", s.users.groupsOf(info.Subject))
	return nil
}

// Start runs a provider whose client may send browsers back to
// redirectURI.
func Start(t testing.TB, redirectURI string) *OP {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	issuer := "http://" + srv.Listener.Addr().String()
	us := &users{byID: map[string]*storage.User{}, groups: map[string][]string{}}
	clients := map[string]*storage.Client{ClientID: storage.WebClient(ClientID, ClientSecret, redirectURI)}
	st := withGroups{Storage: storage.NewStorageWithClients(us, clients), users: us}
	srv.Config.Handler = exampleop.SetupServer(issuer, st, nil, false)
	srv.Start()
	t.Cleanup(srv.Close)
	return &OP{Issuer: issuer, srv: srv, users: us}
}

// AddUser adds a user; the subject is returned.
func (p *OP) AddUser(u User) string {
	p.users.mu.Lock()
	defer p.users.mu.Unlock()
	id := fmt.Sprintf("sub-%d", len(p.users.byID)+1)
	first, last, _ := strings.Cut(u.Name, " ")
	p.users.byID[id] = &storage.User{ID: id, Username: u.Username, Password: u.Password, FirstName: first, LastName: last,
		Email: u.Email, EmailVerified: u.EmailVerified, PreferredLanguage: language.Danish}
	p.users.groups[id] = u.Groups
	return id
}

var authRequestID = regexp.MustCompile(`name="id" value="([^"]+)"`)

// Authorize starts a login at the service (start is its URL, e.g.
// http://127.0.0.1:1234/login/oidc/1), follows the redirects to the
// provider, fills in the provider's login form and returns the URL the
// provider sends the browser back to (the service's callback with code
// and state), without requesting it. hc must keep cookies and must not
// follow redirects.
func (p *OP) Authorize(hc *http.Client, start, username, password string) (string, error) {
	next := start
	for hop := 0; hop < 10; hop++ {
		resp, err := hc.Get(next)
		if err != nil {
			return "", err
		}
		body := readAll(resp)
		if loc := resp.Header.Get("Location"); resp.StatusCode/100 == 3 && loc != "" {
			u, err := resp.Request.URL.Parse(loc)
			if err != nil {
				return "", err
			}
			next = u.String()
			continue
		}
		m := authRequestID.FindStringSubmatch(body)
		if resp.StatusCode != http.StatusOK || m == nil {
			return "", fmt.Errorf("GET %s: status %d, no login form:\n%s", next, resp.StatusCode, body)
		}
		return p.submit(hc, m[1], username, password)
	}
	return "", fmt.Errorf("too many redirects from %s", start)
}

func (p *OP) submit(hc *http.Client, id, username, password string) (string, error) {
	resp, err := hc.PostForm(p.Issuer+"/login/username", url.Values{"id": {id}, "username": {username}, "password": {password}})
	if err != nil {
		return "", err
	}
	for hop := 0; hop < 10; hop++ {
		body := readAll(resp)
		loc := resp.Header.Get("Location")
		if resp.StatusCode/100 != 3 || loc == "" {
			return "", fmt.Errorf("login at the provider: status %d:\n%s", resp.StatusCode, body)
		}
		u, err := resp.Request.URL.Parse(loc)
		if err != nil {
			return "", err
		}
		if !strings.HasPrefix(u.String(), p.Issuer+"/") {
			return u.String(), nil
		}
		if resp, err = hc.Get(u.String()); err != nil {
			return "", err
		}
	}
	return "", fmt.Errorf("too many redirects at the provider")
}

func readAll(resp *http.Response) string {
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}
