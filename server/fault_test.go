package main

// Fault tests: backends that go down, hang, or cut connections, and what
// the service answers meanwhile. Each outage must answer 503 with
// Retry-After (API: problem+json with code "unavailable"; browser: a
// Danish page), never 401, within the request deadline, and lose nothing
// that was committed nor leave anything half-written.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/glebarez/go-sqlite" // database/sql driver "sqlite", to hold SQLite's write lock
	_ "github.com/jackc/pgx/v5/stdlib"

	"placering/cache/cachetest"
	"placering/models"
	"placering/store/storetest"
)

// faultProxy is a TCP proxy on 127.0.0.1 in front of a backend that a test
// can cut (connections closed, new ones closed at once), hang (bytes stop
// flowing, connections stay open) and restore.
type faultProxy struct {
	target string
	ln     net.Listener
	mode   atomic.Int32 // proxyUp, proxyDown, proxyHang
	mu     sync.Mutex
	conns  map[net.Conn]struct{}
}

const (
	proxyUp int32 = iota
	proxyDown
	proxyHang
)

func startProxy(t *testing.T, target string) *faultProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &faultProxy{target: target, ln: ln, conns: map[net.Conn]struct{}{}}
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.closeAll() })
	return p
}

func (p *faultProxy) addr() string { return p.ln.Addr().String() }

// set changes the proxy's mode. Going down, or coming back from a hang,
// closes every connection, as a restarted server or a cut network would.
func (p *faultProxy) set(mode int32) {
	old := p.mode.Swap(mode)
	if mode == proxyDown || old == proxyHang {
		p.closeAll()
	}
}

func (p *faultProxy) track(c net.Conn) {
	p.mu.Lock()
	p.conns[c] = struct{}{}
	p.mu.Unlock()
}

func (p *faultProxy) closeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}

func (p *faultProxy) serve() {
	for {
		in, err := p.ln.Accept()
		if err != nil {
			return
		}
		switch p.mode.Load() {
		case proxyDown:
			in.Close()
			continue
		case proxyHang: // accept, then say nothing
			p.track(in)
			continue
		}
		out, err := net.DialTimeout("tcp", p.target, 2*time.Second)
		if err != nil {
			in.Close()
			continue
		}
		p.track(in)
		p.track(out)
		go p.pump(out, in)
		go p.pump(in, out)
	}
}

// pump copies from src to dst, holding the bytes while the proxy hangs.
func (p *faultProxy) pump(dst, src net.Conn) {
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		for n > 0 && p.mode.Load() == proxyHang {
			time.Sleep(10 * time.Millisecond)
		}
		if n > 0 && p.mode.Load() == proxyDown {
			return
		}
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// faultEnv is one service instance over the given environment, with a
// client that does not follow redirects.
type faultEnv struct {
	t        *testing.T
	srv      *httptest.Server
	b        *backends
	env      map[string]string
	ip       string
	token    string
	cookie   *http.Cookie
	jc       int64
	deadline time.Duration
}

const faultDeadline = 2 * time.Second

func newFaultEnv(t *testing.T, env map[string]string) *faultEnv {
	t.Helper()
	env["REQUEST_TIMEOUT"] = faultDeadline.String()
	env["ADMIN_EMAIL"] = "admin-" + randomHex(4) + "@test.dk"
	env["ADMIN_PASSWORD"] = "hemmelig-kode-123"
	env["TRUSTED_PROXIES"] = "127.0.0.1/32"
	if env["DATA_DIR"] == "" {
		env["DATA_DIR"] = t.TempDir()
	}
	if env["DATABASE_URL"] != "" {
		env["CPR_KEY"] = randomHex(32)
	}
	cfg, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b, err := openBackends(ctx, cfg, quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	a := b.app()
	if err := ensureFirstAdmin(ctx, a, cfg, quiet); err != nil {
		t.Fatal(err)
	}
	jc := models.Jobcentre{Name: "Jobcenter Fejltest", MunicipalityNo: "217"}
	if err := b.store.CreateJobcentre(ctx, &jc); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(b.handler(cfg, a, quiet))
	t.Cleanup(srv.Close)
	e := &faultEnv{t: t, srv: srv, b: b, env: env, jc: jc.ID, deadline: faultDeadline,
		ip: fmt.Sprintf("198.51.100.%d", 1+time.Now().UnixNano()%254)}

	res := e.do("POST", "/api/v1/auth/tokens", `{"email":"`+env["ADMIN_EMAIL"]+`","password":"`+env["ADMIN_PASSWORD"]+`"}`, nil)
	if res.status != http.StatusCreated {
		t.Fatalf("token: %d %s", res.status, res.body)
	}
	var tok struct{ Token string }
	json.Unmarshal([]byte(res.body), &tok)
	e.token = tok.Token
	res = e.form("/login", url.Values{"email": {env["ADMIN_EMAIL"]}, "password": {env["ADMIN_PASSWORD"]}})
	for _, c := range res.cookies {
		if c.Name == "placering_session" {
			e.cookie = c
		}
	}
	if res.status != http.StatusSeeOther || e.cookie == nil {
		t.Fatalf("login: %d", res.status)
	}
	return e
}

type faultResult struct {
	status  int
	header  http.Header
	body    string
	took    time.Duration
	cookies []*http.Cookie
}

var noRedirect = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       60 * time.Second,
}

// do sends an API request (JSON, with the token once there is one) or a
// browser request (with the session cookie) when path is not under /api.
func (e *faultEnv) do(method, path, body string, form url.Values) faultResult {
	e.t.Helper()
	var rd io.Reader
	if form != nil {
		rd = strings.NewReader(form.Encode())
	} else if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, e.srv.URL+path, rd)
	req.Header.Set("X-Forwarded-For", e.ip)
	switch {
	case form != nil:
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	case body != "":
		req.Header.Set("Content-Type", "application/json")
	}
	if strings.HasPrefix(path, "/api/") && e.token != "" {
		req.Header.Set("Authorization", "Bearer "+e.token)
	}
	if !strings.HasPrefix(path, "/api/") && e.cookie != nil {
		req.AddCookie(e.cookie)
	}
	start := time.Now()
	res, err := noRedirect.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return faultResult{status: res.StatusCode, header: res.Header, body: string(b), took: time.Since(start), cookies: res.Cookies()}
}

func (e *faultEnv) form(path string, v url.Values) faultResult { return e.do("POST", path, "", v) }

// unavailable asserts the answer to a request during an outage: 503 with
// Retry-After, in time, and Danish (API: problem+json, code unavailable).
func (e *faultEnv) unavailable(what string, r faultResult) {
	e.t.Helper()
	if r.status == http.StatusUnauthorized {
		e.t.Fatalf("%s: 401 during an outage tells clients to throw their credentials away: %s", what, r.body)
	}
	if r.status != http.StatusServiceUnavailable {
		e.t.Fatalf("%s: status %d, want 503: %.300s", what, r.status, r.body)
	}
	if r.header.Get("Retry-After") == "" {
		e.t.Errorf("%s: 503 without Retry-After", what)
	}
	if limit := e.deadline + 3*time.Second; r.took > limit {
		e.t.Errorf("%s: answered after %v, want within %v", what, r.took, limit)
	}
	if strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
		var p struct{ Code, Detail string }
		json.Unmarshal([]byte(r.body), &p)
		if p.Code != "unavailable" || !strings.Contains(p.Detail, "utilgængelig") && !strings.Contains(p.Detail, "prøv igen") {
			e.t.Errorf("%s: problem %s, want code unavailable with a Danish detail", what, r.body)
		}
	} else if !strings.Contains(r.body, "midlertidigt utilgængelig") {
		e.t.Errorf("%s: page does not say the service is temporarily unavailable: %.500s", what, r.body)
	}
}

func (e *faultEnv) companyForm(cvr, name string) url.Values {
	return url.Values{"cvr": {cvr}, "name": {name}, "branch": {"butik_detail"}, "jobcentre_id": {fmt.Sprint(e.jc)},
		"town": {"Helsingør"}, "notes": {"Skrevet under et nedbrud"}}
}

func (e *faultEnv) companyJSON(cvr, name string) string {
	return fmt.Sprintf(`{"cvr":%q,"name":%q,"branch":"butik_detail","jobcentre_id":%d}`, cvr, name, e.jc)
}

// cvrs returns n valid CVR numbers (modulus 11), different per call.
var cvrSeq atomic.Int64

func cvrs(n int) []string {
	weights := [7]int{2, 7, 6, 5, 4, 3, 2}
	var out []string
	for len(out) < n {
		base := 3000000 + cvrSeq.Add(1)*7 + time.Now().UnixNano()%1000*10000
		s := fmt.Sprintf("%07d", base%10000000)
		if s[0] == '0' {
			continue
		}
		sum := 0
		for i := range 7 {
			sum += int(s[i]-'0') * weights[i]
		}
		check := (11 - sum%11) % 11
		if check == 10 {
			continue
		}
		out = append(out, s+fmt.Sprint(check))
	}
	return out
}

// waitUp polls until the API answers 200 again after an outage.
func (e *faultEnv) waitUp(path string) {
	e.t.Helper()
	for i := 0; ; i++ {
		r := e.do("GET", path, "", nil)
		if r.status == http.StatusOK {
			return
		}
		if r.status != http.StatusServiceUnavailable || i > 50 {
			e.t.Fatalf("after the outage %s answers %d: %.300s", path, r.status, r.body)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// PostgreSQL behind a proxy that is cut, hangs and comes back, and whose
// connections the server terminates while writes are running.
func TestFaultDatabase(t *testing.T) {
	direct := storetest.Config(t, storetest.Postgres).DatabaseURL
	u, err := url.Parse(direct)
	if err != nil {
		t.Fatal(err)
	}
	proxy := startProxy(t, u.Host)
	appName := "fault_" + randomHex(4)
	q := u.Query()
	q.Set("application_name", appName)
	u.RawQuery = q.Encode()
	u.Host = proxy.addr()
	e := newFaultEnv(t, map[string]string{"DATABASE_URL": u.String()})

	db, err := sql.Open("pgx", direct)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func() (n int) {
		t.Helper()
		if err := db.QueryRow("SELECT count(*) FROM companies").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	cv := cvrs(3)
	if r := e.do("POST", "/api/v1/companies", e.companyJSON(cv[0], "Før Nedbruddet ApS"), nil); r.status != http.StatusCreated {
		t.Fatalf("create before the outage: %d %s", r.status, r.body)
	}

	for _, mode := range []struct {
		name string
		mode int32
	}{{"down", proxyDown}, {"hanging", proxyHang}} {
		t.Run(mode.name, func(t *testing.T) {
			e.t = t
			proxy.set(mode.mode)
			e.unavailable("API read with a valid token", e.do("GET", "/api/v1/companies", "", nil))
			e.unavailable("API me", e.do("GET", "/api/v1/me", "", nil))
			e.unavailable("API write", e.do("POST", "/api/v1/companies", e.companyJSON(cv[1], "Under Nedbruddet ApS"), nil))
			saved := e.token
			e.token = ""
			e.unavailable("API login", e.do("POST", "/api/v1/auth/tokens", `{"email":"`+e.env["ADMIN_EMAIL"]+`","password":"x-y-z-123456"}`, nil))
			e.token = saved
			e.unavailable("UI page", e.do("GET", "/virksomheder", "", nil))
			r := e.form("/virksomheder", e.companyForm(cv[2], "Tastet Under Nedbrud ApS"))
			e.unavailable("UI form save", r)
			for _, want := range []string{`value="Tastet Under Nedbrud ApS"`, `value="Skrevet under et nedbrud"`, "Send igen"} {
				if !strings.Contains(r.body, want) {
					t.Errorf("UI form save during outage lost what was typed: no %s in %.1000s", want, r.body)
				}
			}
			if r := e.do("GET", "/readyz", "", nil); r.status != http.StatusServiceUnavailable {
				t.Errorf("readyz with the database %s: %d, want 503", mode.name, r.status)
			}
			proxy.set(proxyUp)
			e.t = t
			e.waitUp("/api/v1/companies")
		})
	}
	e.t = t
	if n := count(); n != 1 {
		t.Fatalf("after the outages there are %d companies, want 1: a write that answered 503 was kept, or the committed one lost", n)
	}
	if r := e.do("GET", "/virksomheder", "", nil); r.status != http.StatusOK {
		t.Fatalf("UI session after the outage: %d", r.status)
	}

	// Connections terminated while writes run: each write answers 201 or
	// 503 (never 401 or 500), every 201 is in the database, and nothing is
	// there that was not sent.
	t.Run("terminated", func(t *testing.T) {
		e.t = t
		var (
			mu       sync.Mutex
			statuses = map[int]int{}
			created  []string
			sent     = map[string]bool{}
			wg       sync.WaitGroup
		)
		stop := make(chan struct{})
		all := cvrs(200)
		var next atomic.Int32
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					i := int(next.Add(1)) - 1
					if i >= len(all) {
						return
					}
					r := e.do("POST", "/api/v1/companies", e.companyJSON(all[i], "Afbrudt "+all[i]), nil)
					mu.Lock()
					statuses[r.status]++
					sent[all[i]] = true
					if r.status == http.StatusCreated {
						created = append(created, all[i])
					} else if r.status != http.StatusServiceUnavailable {
						t.Errorf("write while connections are terminated: %d %.300s", r.status, r.body)
					} else if r.header.Get("Retry-After") == "" {
						t.Errorf("503 without Retry-After")
					}
					mu.Unlock()
				}
			}()
		}
		terminated := 0
		for range 10 {
			time.Sleep(120 * time.Millisecond)
			var n int
			if err := db.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
				WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()`, appName).Scan(&n); err != nil {
				t.Fatal(err)
			}
			terminated += n
		}
		close(stop)
		wg.Wait()
		if terminated == 0 {
			t.Fatal("no connection was terminated; the test tested nothing")
		}
		e.waitUp("/api/v1/companies")
		t.Logf("terminated %d connections; answers %v", terminated, statuses)
		rows, err := db.Query("SELECT cvr FROM companies")
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for rows.Next() {
			var c string
			rows.Scan(&c)
			have[c] = true
		}
		rows.Close()
		for _, c := range created {
			if !have[c] {
				t.Errorf("company %s answered 201 but is not in the database", c)
			}
		}
		for c := range have {
			if c != cv[0] && !sent[c] {
				t.Errorf("company %s is in the database but was never sent", c)
			}
		}
		if n := len(have) - 1; n < len(created) || n > len(created)+statuses[http.StatusServiceUnavailable] {
			t.Errorf("%d companies written, %d answered 201 and %d 503", n, len(created), statuses[http.StatusServiceUnavailable])
		}
	})
}

// Redis behind a proxy that is cut, hangs and comes back: the API keeps
// working, readiness says degraded, the UI says it is unavailable and keeps
// what was typed, and sessions survive the outage.
func TestFaultCache(t *testing.T) {
	ru, err := url.Parse(cachetest.RedisURL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := startProxy(t, ru.Host)
	ru.Host = proxy.addr()
	e := newFaultEnv(t, map[string]string{"REDIS_URL": ru.String()})
	cv := cvrs(3)
	count := func() int64 { return sqliteCount(t, e.env["DATA_DIR"], "companies") }

	for _, mode := range []struct {
		name string
		mode int32
	}{{"down", proxyDown}, {"hanging", proxyHang}} {
		t.Run(mode.name, func(t *testing.T) {
			e.t = t
			proxy.set(mode.mode)
			r := e.do("GET", "/readyz", "", nil)
			var ready struct {
				Status string
				Checks map[string]struct {
					Status   string
					Optional bool
					Detail   map[string]any
				}
			}
			json.Unmarshal([]byte(r.body), &ready)
			if r.status != http.StatusOK || ready.Status != "degraded" || ready.Checks["cache"].Status != "unavailable" ||
				!ready.Checks["cache"].Optional || ready.Checks["cache"].Detail["impact"] == nil {
				t.Errorf("readyz with Redis %s: %d %s; want 200, degraded, cache unavailable and optional with its impact", mode.name, r.status, r.body)
			}
			if r.took > 3*time.Second {
				t.Errorf("readyz took %v", r.took)
			}
			if r := e.do("GET", "/api/v1/companies", "", nil); r.status != http.StatusOK {
				t.Errorf("API read with a token while Redis is %s: %d %s", mode.name, r.status, r.body)
			}
			before := count()
			e.unavailable("UI page", e.do("GET", "/virksomheder", "", nil))
			r = e.form("/virksomheder", e.companyForm(cv[0], "Tastet Uden Cache ApS"))
			e.unavailable("UI form save", r)
			if !strings.Contains(r.body, `value="Tastet Uden Cache ApS"`) || !strings.Contains(r.body, "Send igen") {
				t.Errorf("UI form save without sessions lost what was typed: %.1000s", r.body)
			}
			if n := count(); n != before {
				t.Errorf("a form answered 503 but wrote: %d companies, want %d", n, before)
			}
			saved := e.cookie
			e.cookie = nil
			r = e.form("/login", url.Values{"email": {e.env["ADMIN_EMAIL"]}, "password": {e.env["ADMIN_PASSWORD"]}})
			e.unavailable("UI login", r)
			if !strings.Contains(r.body, e.env["ADMIN_EMAIL"]) {
				t.Errorf("UI login during the outage forgot the e-mail address typed")
			}
			e.cookie = saved
			savedToken := e.token
			e.token = ""
			e.unavailable("API login", e.do("POST", "/api/v1/auth/tokens", `{"email":"`+e.env["ADMIN_EMAIL"]+`","password":"`+e.env["ADMIN_PASSWORD"]+`"}`, nil))
			e.token = savedToken
			proxy.set(proxyUp)
			if r := e.do("GET", "/virksomheder", "", nil); r.status != http.StatusOK {
				t.Fatalf("the session made before the outage does not work after it: %d", r.status)
			}
		})
	}
	e.t = t
	if r := e.do("POST", "/api/v1/companies", e.companyJSON(cv[1], "Efter Nedbruddet ApS"), nil); r.status != http.StatusCreated {
		t.Fatalf("API write after the outage: %d %s", r.status, r.body)
	}
}

// A form save that fails because the database cannot take the write (here
// SQLite's write lock, held by someone else past the request deadline)
// shows the form again with everything typed and a Danish message; once
// the lock is gone the same form saves.
func TestFaultFormSaveKeepsWhatWasTyped(t *testing.T) {
	e := newFaultEnv(t, map[string]string{})
	lockDB, err := sql.Open("sqlite", filepath.Join(e.env["DATA_DIR"], "placering.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lockDB.Close()
	conn, err := lockDB.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	count := func() int64 { return sqliteCount(t, e.env["DATA_DIR"], "companies") }
	cv := cvrs(1)
	typed := e.companyForm(cv[0], "Låst Database ApS")
	e.deadline = 5 * time.Second // the SQLite busy timeout
	r := e.form("/virksomheder", typed)
	e.unavailable("UI form save with the database locked", r)
	for _, want := range []string{`value="Låst Database ApS"`, `value="` + cv[0] + `"`, "Skrevet under et nedbrud", "Intet er gemt endnu", `action="/virksomheder"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("form shown again without %q: %.2000s", want, r.body)
		}
	}
	if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 0 {
		t.Fatalf("a save that answered 503 wrote %d companies", n)
	}
	if r := e.form("/virksomheder", typed); r.status != http.StatusSeeOther {
		t.Fatalf("the same form once the lock is gone: %d %.500s", r.status, r.body)
	}
	if n := count(); n != 1 {
		t.Fatalf("after saving again: %d companies, want 1", n)
	}
}

// sqliteCount counts the rows of table in the service's SQLite database.
func sqliteCount(t *testing.T, dataDir, table string) (n int64) {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dataDir, "placering.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
