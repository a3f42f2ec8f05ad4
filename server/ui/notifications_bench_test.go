package ui_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"placering/cache/memcache"
	"placering/models"
	"placering/server/app"
	"placering/server/cprvault"
	"placering/server/router"
	"placering/server/session"
	"placering/store/storetest"
)

// BenchmarkUnreadCount measures the menu's unread count, the one query
// every page now makes, beside whole pages that make it: 1,000 users with
// 100 notifications each (100,000 rows), half unread.
//
//   - count: app.UnreadNotifications alone;
//   - page-*: GET a page as a logged-in employer over HTTP (session,
//     queries, template, the count included).
//
// On each backend present:
//
//	TEST_DATABASE_URL='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' \
//	  go test ./server/ui -run '^$' -bench UnreadCount -benchtime 300x
func BenchmarkUnreadCount(b *testing.B) {
	for _, be := range storetest.Backends {
		b.Run(string(be), func(b *testing.B) { benchUnread(b, be) })
	}
}

func benchUnread(b *testing.B, be storetest.Backend) {
	ctx := context.Background()
	st := storetest.Open(b, be)
	vault, _ := cprvault.New(bytes.Repeat([]byte{1}, 32))
	a := app.New(app.Deps{Store: st, Vault: vault, Now: time.Now})
	mc := memcache.New()
	b.Cleanup(func() { mc.Close() })
	srv := httptest.NewServer(router.New(router.Deps{App: a, Sessions: &session.Sessions{Cache: mc},
		Throttle: &session.Throttle{Cache: mc}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	b.Cleanup(srv.Close)
	jc := models.Jobcentre{MunicipalityNo: "217", Name: "Jobcenter Helsingør"}
	if err := st.CreateJobcentre(ctx, &jc); err != nil {
		b.Fatal(err)
	}
	co := models.Company{JobcentreID: jc.ID, CompanyFields: models.CompanyFields{CVR: "12345674", Name: "Bageriet", Branch: "butik_detail", Town: "Helsingør"}}
	if err := st.CreateCompany(ctx, &co); err != nil {
		b.Fatal(err)
	}
	employer, err := a.CreateUser(ctx, nil, app.UserInput{Email: "chef@example.dk", Name: "Chef", Role: models.RoleEmployer,
		CompanyID: &co.ID, Password: password})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 1000; i++ {
		u := employer
		if i > 0 { // the others need no password: they never log in
			u = models.User{Email: fmt.Sprintf("u%d@example.dk", i), Name: "Bruger", Role: models.RoleConsultant, JobcentreID: &jc.ID}
			if err := st.CreateUser(ctx, &u); err != nil {
				b.Fatal(err)
			}
		}
		ns := make([]models.Notification, 100)
		now := time.Now()
		for j := range ns {
			ns[j] = models.Notification{UserID: u.ID, Kind: models.NotifyInterest, Text: "En besked", Link: "/aabninger"}
			if j%2 == 0 {
				ns[j].ReadAt = &now
			}
		}
		if err := st.AddNotifications(ctx, ns); err != nil {
			b.Fatal(err)
		}
	}
	hc := loggedInClient(b, srv.URL, employer.Email)

	b.Run("count", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if n, err := a.UnreadNotifications(ctx, &employer); err != nil || n != 50 {
				b.Fatalf("count %d %v", n, err)
			}
		}
	})
	for _, path := range []string{"/aabninger", "/arbejdsgiver", "/beskeder"} {
		b.Run("page-"+strings.Trim(path, "/"), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				res, err := hc.Get(srv.URL + path)
				if err != nil {
					b.Fatal(err)
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != 200 || !bytes.Contains(body, []byte("Beskeder (50")) {
					b.Fatalf("%s: %d", path, res.StatusCode)
				}
			}
		})
	}
}

// loggedInClient logs email in through the login form.
func loggedInClient(b *testing.B, base, email string) *http.Client {
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := hc.Get(base + "/login")
	if err != nil {
		b.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	csrf := regexpFind(`name="csrf" value="([^"]*)"`, string(page))
	res, err = hc.PostForm(base+"/login", url.Values{"csrf": {csrf}, "email": {email}, "password": {password}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		b.Fatalf("login: %v %v", res, err)
	}
	res.Body.Close()
	return hc
}
