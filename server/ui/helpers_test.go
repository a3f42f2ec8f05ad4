package ui_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"placering/cache/memcache"
	"placering/models"
	"placering/server/app"
	"placering/server/cprvault"
	"placering/server/router"
	"placering/server/session"
	"placering/store"
	"placering/store/storetest"
)

const password = "korrekt-hest-batteri"

// env is a running service on a fresh SQLite database with one jobcentre,
// one company and a user per role.
type env struct {
	t                               *testing.T
	srv                             *httptest.Server
	app                             *app.App
	store                           *store.Store // the app's, for setting up and checking rows
	jc                              models.Jobcentre
	company                         models.Company
	admin, consultant, employer, ev models.User
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	st := storetest.Open(t, storetest.SQLite)
	vault, err := cprvault.New(bytes.Repeat([]byte{1}, 32))
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(app.Deps{Store: st, Vault: vault, Now: time.Now})
	mc := memcache.New()
	t.Cleanup(func() { mc.Close() })
	h := router.New(router.Deps{
		App:      a,
		Sessions: &session.Sessions{Cache: mc},
		Throttle: &session.Throttle{Cache: mc},
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	e := &env{t: t, srv: srv, app: a, store: st}
	e.jc = models.Jobcentre{MunicipalityNo: "217", Name: "Jobcenter Helsingør"}
	if err := st.CreateJobcentre(ctx, &e.jc); err != nil {
		t.Fatal(err)
	}
	e.admin = e.user(app.UserInput{Email: "admin@example.dk", Name: "Ada Admin", Role: models.RoleAdmin})
	e.consultant = e.user(app.UserInput{Email: "kons@example.dk", Name: "Karen Konsulent", Role: models.RoleConsultant, JobcentreID: &e.jc.ID})
	e.ev = e.user(app.UserInput{Email: "event@example.dk", Name: "Erik Event", Role: models.RoleEventStaff, JobcentreID: &e.jc.ID})
	e.company = e.createCompany("12345674", "Bageriet Kronborg ApS", "Helsingør")
	e.employer = e.user(app.UserInput{Email: "chef@bageriet.dk", Name: "Birthe Bager", Role: models.RoleEmployer, CompanyID: &e.company.ID})
	return e
}

func (e *env) user(in app.UserInput) models.User {
	e.t.Helper()
	in.Password = password
	u, err := e.app.CreateUser(context.Background(), nil, in)
	if err != nil {
		e.t.Fatalf("create user %s: %v", in.Email, err)
	}
	return u
}

func (e *env) createCompany(cvr, name, town string) models.Company {
	return e.createCompanyIn(cvr, name, town, "butik_detail")
}

func (e *env) createCompanyIn(cvr, name, town, branch string) models.Company {
	e.t.Helper()
	c, err := e.app.CreateCompany(context.Background(), &e.consultant, app.CompanyInput{CompanyFields: models.CompanyFields{
		CVR: cvr, Name: name, Branch: branch, Postcode: "3000", Town: town, Lat: 56.03, Lon: 12.61,
	}})
	if err != nil {
		e.t.Fatalf("create company %s: %v", name, err)
	}
	return c
}

// client is a cookie-keeping HTTP client that does not follow redirects,
// so tests can see them. It sends no Sec-Fetch-Site header, like an old
// browser, so the CSRF token path is what gets exercised.
type client struct {
	t    *testing.T
	base string
	hc   *http.Client
	// csrf is the token from the last page that had a form.
	csrf string
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: e.t, base: e.srv.URL, hc: &http.Client{
		Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
		Timeout: 10 * time.Second,
	}}
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]*)"`)

func (c *client) do(req *http.Request) (*http.Response, string) {
	c.t.Helper()
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	body := string(b)
	if m := csrfInput.FindStringSubmatch(body); m != nil {
		c.csrf = m[1]
	}
	return resp, body
}

func (c *client) get(path string, header ...string) (*http.Response, string) {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.do(req)
}

// post sends a form with the current CSRF token unless the form has one.
func (c *client) post(path string, form url.Values, header ...string) (*http.Response, string) {
	c.t.Helper()
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", c.csrf)
	}
	req, err := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.do(req)
}

// login logs in through the form and fails the test if that does not work.
func (c *client) login(email string) {
	c.t.Helper()
	c.get("/login")
	resp, body := c.post("/login", url.Values{"email": {email}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("login %s: status %d\n%s", email, resp.StatusCode, body)
	}
}

func wantStatus(t *testing.T, resp *http.Response, body string, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d\n%s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, want, body)
	}
}

func wantContains(t *testing.T, body string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(body, s) {
			t.Errorf("body lacks %q\n%s", s, body)
		}
	}
}

func wantLacks(t *testing.T, body string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if strings.Contains(body, s) {
			t.Errorf("body contains %q", s)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func regexpFind(expr, s string) string {
	if m := regexp.MustCompile(expr).FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}
