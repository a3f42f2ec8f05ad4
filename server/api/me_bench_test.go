package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
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

// BenchmarkMeWithToken measures one token-authenticated API request, GET
// /api/v1/me, through the whole router (middleware, token lookup, the
// user row, access, JSON) without the network, on each store backend:
//
//	go test ./server/api -run '^$' -bench MeWithToken -cpuprofile /tmp/me.prof
//	go tool pprof -top -cum /tmp/me.prof
func BenchmarkMeWithToken(b *testing.B) {
	for _, backend := range storetest.Backends {
		b.Run(string(backend), func(b *testing.B) {
			ctx := context.Background()
			st := storetest.Open(b, backend)
			vault, _ := cprvault.New(bytes.Repeat([]byte{3}, cprvault.KeySize))
			a := app.New(app.Deps{Store: st, Vault: vault, Now: time.Now})
			mc := memcache.New()
			b.Cleanup(func() { mc.Close() })
			h := router.New(router.Deps{App: a, Sessions: &session.Sessions{Cache: mc}, Throttle: &session.Throttle{Cache: mc}})
			jc := models.Jobcentre{MunicipalityNo: "217", Name: "Jobcenter Helsingør"}
			if err := st.CreateJobcentre(ctx, &jc); err != nil {
				b.Fatal(err)
			}
			if _, err := a.CreateUser(ctx, nil, app.UserInput{Email: "kons@test.dk", Name: "Karen", Role: models.RoleConsultant,
				JobcentreID: &jc.ID, Password: "hemmelig-kode-123"}); err != nil {
				b.Fatal(err)
			}
			req := httptest.NewRequest(http.MethodPost, "/api/v1/auth/tokens", strings.NewReader(`{"email":"kons@test.dk","password":"hemmelig-kode-123"}`))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			var tok struct{ Token string }
			if err := json.Unmarshal(rec.Body.Bytes(), &tok); err != nil || rec.Code != http.StatusCreated {
				b.Fatalf("token: %d %s", rec.Code, rec.Body)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				req := httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
				req.Header.Set("Authorization", "Bearer "+tok.Token)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("GET /api/v1/me: %d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
