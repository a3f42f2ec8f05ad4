package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// hitID is the part of a search hit the benchmark looks for.
type hitID struct {
	ID string `json:"id"`
}

// BenchmarkWriteToSearchable starts the whole service on loopback, as
// `go run ./server` would (embedded backends, the outbox worker running),
// and measures how long an opening created through the API takes to be
// found by the search API: POST, then poll the search every 5 ms.
//
//	go test ./server -run '^$' -bench WriteToSearchable -benchtime 200x
func BenchmarkWriteToSearchable(b *testing.B) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	port := fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	env := map[string]string{
		"PORT": port, "DATA_DIR": b.TempDir(),
		"ADMIN_EMAIL": "admin@bench.dk", "ADMIN_PASSWORD": "hemmelig-kode-123",
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-demo"}, func(k string) string { return env[k] }, quiet) }()
	b.Cleanup(func() { cancel(); <-done })

	base := "http://127.0.0.1:" + port
	for i := 0; ; i++ {
		if r, err := http.Get(base + "/readyz"); err == nil {
			r.Body.Close()
			if r.StatusCode == 200 {
				break
			}
		}
		if i > 600 {
			b.Fatal("service did not become ready")
		}
		time.Sleep(50 * time.Millisecond)
	}
	call := func(method, path, body string, token string, out any) int {
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		if out != nil {
			json.NewDecoder(resp.Body).Decode(out)
		}
		return resp.StatusCode
	}
	var tok struct{ Token string }
	if s := call("POST", "/api/v1/auth/tokens", `{"email":"konsulent.helsingor@demo.placering.dk","password":"placering-demo"}`, "", &tok); s != 201 && s != 200 {
		b.Fatalf("token: %d", s)
	}
	var companies struct {
		Items []struct {
			ID int64 `json:"id"`
		}
	}
	var me struct {
		JobcentreID int64 `json:"jobcentre_id"`
	}
	call("GET", "/api/v1/me", "", tok.Token, &me)
	call("GET", fmt.Sprintf("/api/v1/companies?per_page=1&jobcentre_id=%d", me.JobcentreID), "", tok.Token, &companies)
	if len(companies.Items) == 0 {
		b.Fatal("no company to post openings for")
	}

	var delays []time.Duration
	i := 0
	for b.Loop() {
		word := fmt.Sprintf("maalord%dx", i)
		i++
		body := fmt.Sprintf(`{"company_id":%d,"kind":"virksomhedspraktik","title":"Lagerhjælp %s","branch":"transport_lager_logistik",`+
			`"hours_min":10,"hours_max":25,"seats":1,"duration_weeks":4,"status":"open","lat":56.03,"lon":12.6}`, companies.Items[0].ID, word)
		start := time.Now()
		var created map[string]any
		if s := call("POST", "/api/v1/openings", body, tok.Token, &created); s != 201 {
			b.Fatalf("create opening: %d %v", s, created)
		}
		for {
			// Typo tolerance also finds the words of earlier rounds, so
			// look for this opening's id among the hits.
			var res struct{ Hits []hitID }
			call("GET", "/api/v1/search/openings?per_page=100&q="+url.QueryEscape(word), "", tok.Token, &res)
			if slices.Contains(res.Hits, hitID{fmt.Sprint(created["id"])}) {
				break
			}
			if time.Since(start) > 10*time.Second {
				b.Fatalf("opening %s not searchable after 10 s", word)
			}
			time.Sleep(5 * time.Millisecond)
		}
		delays = append(delays, time.Since(start))
	}
	slices.Sort(delays)
	pct := func(p float64) float64 {
		return float64(delays[min(len(delays)-1, int(p*float64(len(delays))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
