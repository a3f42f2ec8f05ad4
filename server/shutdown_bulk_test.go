package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"placering/models"
	"placering/server/demo"
)

// SIGTERM while a bulk save of a whole caseload's hours is still arriving:
// the save is all or nothing. Either the answer is 200 and every week is
// there after a restart, or nothing of it is.
func TestShutdownDuringBulkSaveLosesNothingAndHalfWritesNothing(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DATA_DIR": dir}
	start := func(args []string) (string, context.CancelFunc, chan error) {
		t.Helper()
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		env["PORT"] = fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
		l.Close()
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- run(ctx, args, func(k string) string { return env[k] }, quiet) }()
		base := "http://127.0.0.1:" + env["PORT"]
		for i := 0; ; i++ {
			if res, err := http.Get(base + "/readyz"); err == nil && res.StatusCode == 200 {
				res.Body.Close()
				break
			}
			if i > 400 {
				t.Fatal("server did not become ready")
			}
			time.Sleep(50 * time.Millisecond)
		}
		return base, cancel, done
	}
	call := func(base, token, method, path, body string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, b
	}
	login := func(base string) string {
		t.Helper()
		// The demo data's administrator.
		status, b := call(base, "", "POST", "/api/v1/auth/tokens", fmt.Sprintf(`{"email":"admin@%s","password":%q}`, demo.Domain, demo.Password))
		var tok struct{ Token string }
		if status != 201 || json.Unmarshal(b, &tok) != nil {
			t.Fatalf("login: %d %s", status, b)
		}
		return tok.Token
	}

	base, cancel, done := start([]string{"-demo"})
	token := login(base)
	next := models.ISOWeekOf(models.DateOf(time.Now().AddDate(0, 0, 7)))
	// Forty placements of the demo citizens, made through the API.
	status, b := call(base, token, "GET", "/api/v1/citizens?per_page=40", "")
	var citizens struct{ Items []struct{ ID int64 } }
	if status != 200 || json.Unmarshal(b, &citizens) != nil || len(citizens.Items) < 40 {
		t.Fatalf("citizens: %d %s", status, b)
	}
	status, b = call(base, token, "GET", "/api/v1/companies?per_page=1", "")
	var companies struct{ Items []struct{ ID int64 } }
	if status != 200 || json.Unmarshal(b, &companies) != nil || len(companies.Items) == 0 {
		t.Fatalf("companies: %d %s", status, b)
	}
	today := models.DateOf(time.Now())
	var items []string
	var ids []int64
	for _, c := range citizens.Items {
		status, b := call(base, token, "POST", "/api/v1/placements", fmt.Sprintf(
			`{"citizen_id":%d,"company_id":%d,"kind":"ordinaere_timer","start_date":%q}`, c.ID, companies.Items[0].ID, today))
		var p struct{ ID int64 }
		if status != 201 || json.Unmarshal(b, &p) != nil {
			t.Fatalf("placement: %d %s", status, b)
		}
		items = append(items, fmt.Sprintf(`{"placement_id":%d,"iso_week":%q,"planned":12,"worked":0}`, p.ID, next))
		ids = append(ids, p.ID)
	}

	// The body is still arriving when the signal comes.
	body := `{"items":[` + strings.Join(items, ",") + `]}`
	pr, pw := io.Pipe()
	result := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("POST", base+"/api/v1/hours/bulk", pr)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			result <- -1
			return
		}
		res.Body.Close()
		result <- res.StatusCode
	}()
	io.WriteString(pw, body[:len(body)/2])
	time.Sleep(100 * time.Millisecond)
	cancel() // what SIGTERM does
	time.Sleep(100 * time.Millisecond)
	io.WriteString(pw, body[len(body)/2:])
	pw.Close()
	code := <-result
	if err := <-done; err != nil {
		t.Fatalf("shutdown: %v", err)
	}

	// After a restart, count the weeks that landed.
	base, cancel, done = start(nil)
	defer func() { cancel(); <-done }()
	token = login(base)
	landed := 0
	for _, id := range ids {
		status, b := call(base, token, "GET", fmt.Sprintf("/api/v1/placements/%d/hours/%s", id, next), "")
		var w struct{ Hours *struct{ Planned *float64 } }
		if status != 200 || json.Unmarshal(b, &w) != nil {
			t.Fatalf("week of %d: %d %s", id, status, b)
		}
		if w.Hours != nil && w.Hours.Planned != nil && *w.Hours.Planned == 12 {
			landed++
		}
	}
	switch {
	case code == http.StatusOK && landed != len(ids):
		t.Fatalf("the save answered 200 but only %d of %d weeks are there after the restart", landed, len(ids))
	case code != http.StatusOK && landed != 0:
		t.Fatalf("the save answered %d but %d of %d weeks were written", code, landed, len(ids))
	}
	t.Logf("in-flight bulk save of %d weeks answered %d; %d weeks after the restart", len(ids), code, landed)
}
