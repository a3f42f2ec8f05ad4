package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fakeMeili answers the few calls the service makes at start (index look-up,
// settings, task status, health) the way Meilisearch documents them, and
// counts them. Meilisearch itself cannot be installed on the build machine;
// search/meili tests the adapter in depth against recorded exchanges.
type fakeMeili struct {
	mu    sync.Mutex
	calls []string
	tasks int
}

func (f *fakeMeili) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, r.Method+" "+r.URL.Path)
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Path != "/health" && r.Header.Get("Authorization") != "Bearer meili-key" {
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"message":"The provided API key is invalid.","code":"invalid_api_key","type":"auth","link":"https://docs.meilisearch.com/errors#invalid_api_key"}`)
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/health":
		fmt.Fprint(w, `{"status":"available"}`)
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/tasks/"):
		fmt.Fprintf(w, `{"uid":%s,"indexUid":null,"status":"succeeded","type":"settingsUpdate","details":{},"error":null,"enqueuedAt":"2026-01-01T10:00:00Z"}`,
			strings.TrimPrefix(r.URL.Path, "/tasks/"))
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/indexes/"):
		fmt.Fprintf(w, `{"uid":%q,"createdAt":"2026-01-01T10:00:00Z","updatedAt":"2026-01-01T10:00:00Z","primaryKey":"id"}`,
			strings.TrimPrefix(r.URL.Path, "/indexes/"))
	case r.Method == http.MethodPatch && strings.HasSuffix(r.URL.Path, "/settings"):
		f.tasks++
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprintf(w, `{"taskUid":%d,"indexUid":"x","status":"enqueued","type":"settingsUpdate","enqueuedAt":"2026-01-01T10:00:00Z"}`, f.tasks)
	default:
		w.WriteHeader(http.StatusNotImplemented)
		fmt.Fprint(w, `{"message":"not in the fake","code":"fake","type":"internal"}`)
	}
}

func (f *fakeMeili) count(prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

// With MEILI_URL set the service searches with Meilisearch, sets its
// indexes up at start without rebuilding them, and says so in /readyz.
func TestMeiliURLSelectsMeilisearch(t *testing.T) {
	fake := &fakeMeili{}
	meiliSrv := httptest.NewServer(fake)
	t.Cleanup(meiliSrv.Close)
	env := map[string]string{"DATA_DIR": t.TempDir(), "MEILI_URL": meiliSrv.URL, "MEILI_API_KEY": "meili-key"}
	cfg, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	b, err := openBackends(context.Background(), cfg, quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	if n := fake.count("PATCH /indexes/"); n != 3 {
		t.Errorf("%d settings updates at start, want 3 (one per index)", n)
	}
	if n := fake.count("POST "); n != 0 {
		t.Errorf("%d POSTs at start: the Meilisearch index must not be rebuilt at every start", n)
	}

	srv := httptest.NewServer(b.handler(cfg, b.app(), quiet))
	t.Cleanup(srv.Close)
	res, err := http.Get(srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		Status string `json:"status"`
		Checks map[string]struct {
			Status string         `json:"status"`
			Error  string         `json:"error"`
			Detail map[string]any `json:"detail"`
		} `json:"checks"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	s := body.Checks["search"]
	if res.StatusCode != http.StatusOK || s.Status != "ok" || s.Detail["backend"] != "meilisearch" {
		t.Errorf("/readyz %d: search check %+v, want ok with backend meilisearch", res.StatusCode, s)
	}
	if fake.count("GET /health") == 0 {
		t.Error("/readyz did not ask Meilisearch's /health")
	}
}
