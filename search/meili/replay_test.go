package meili

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// The replay server stands in for Meilisearch, which cannot be installed on
// the build machine. It answers with exchanges recorded in testdata/*.json,
// written from Meilisearch's API reference (each file names its pages), and
// checks that the adapter sends exactly the requests recorded, in order:
// method, path with query, and the JSON body. A recorded body is matched
// as a subset (every key given must be there with that value) unless the
// exchange says "exact". Every recorded exchange must be used.

type cassette struct {
	Source    []string   `json:"source"`
	Exchanges []exchange `json:"exchanges"`
}

type exchange struct {
	Note    string `json:"note"`
	Request struct {
		Method string          `json:"method"`
		Path   string          `json:"path"`
		Body   json.RawMessage `json:"body"`
		Exact  bool            `json:"exact"`
	} `json:"request"`
	Response struct {
		Status      int             `json:"status"`
		Body        json.RawMessage `json:"body"`
		ContentType string          `json:"content_type"`
	} `json:"response"`

	file string
}

// received is a request the replay server got.
type received struct {
	Method, Path string
	Header       http.Header
	Body         any // decoded JSON, nil without a body
}

type replay struct {
	t    *testing.T
	srv  *httptest.Server
	mu   sync.Mutex
	next []exchange
	got  []received
}

// newReplay starts a replay server that plays the named cassettes one after
// the other.
func newReplay(t *testing.T, files ...string) *replay {
	t.Helper()
	r := &replay{t: t}
	for _, f := range files {
		raw, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		var c cassette
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i := range c.Exchanges {
			c.Exchanges[i].file = f
		}
		r.next = append(r.next, c.Exchanges...)
	}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(func() {
		r.srv.Close()
		r.mu.Lock()
		defer r.mu.Unlock()
		for _, x := range r.next {
			t.Errorf("%s: expected request %s %s was not sent", x.file, x.Request.Method, x.Request.Path)
		}
	})
	return r
}

func (r *replay) URL() string { return r.srv.URL }

// requests returns the requests received so far.
func (r *replay) requests() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.got...)
}

func (r *replay) serve(w http.ResponseWriter, req *http.Request) {
	raw, _ := io.ReadAll(req.Body)
	var body any
	if len(bytes.TrimSpace(raw)) > 0 {
		if err := json.Unmarshal(raw, &body); err != nil {
			r.t.Errorf("%s %s: body is not JSON: %v: %s", req.Method, req.URL, err, raw)
		}
	}
	r.mu.Lock()
	r.got = append(r.got, received{Method: req.Method, Path: req.URL.RequestURI(), Header: req.Header.Clone(), Body: body})
	if len(r.next) == 0 {
		r.mu.Unlock()
		r.t.Errorf("unexpected request %s %s %s", req.Method, req.URL.RequestURI(), raw)
		http.Error(w, `{"message":"no recorded exchange left","code":"replay"}`, http.StatusTeapot)
		return
	}
	x := r.next[0]
	r.next = r.next[1:]
	r.mu.Unlock()

	where := fmt.Sprintf("%s: %s %s", x.file, x.Request.Method, x.Request.Path)
	if req.Method != x.Request.Method || req.URL.RequestURI() != x.Request.Path {
		r.t.Errorf("%s: got request %s %s", where, req.Method, req.URL.RequestURI())
	}
	if len(x.Request.Body) > 0 {
		var want any
		if err := json.Unmarshal(x.Request.Body, &want); err != nil {
			r.t.Errorf("%s: recorded body: %v", where, err)
		}
		if x.Request.Exact {
			if !reflect.DeepEqual(want, body) {
				r.t.Errorf("%s: body\n got %s\nwant %s", where, raw, x.Request.Body)
			}
		} else if at, ok := subset(want, body, "body"); !ok {
			r.t.Errorf("%s: %s differs\n got %s\nwant (subset) %s", where, at, raw, x.Request.Body)
		}
	}

	ct := x.Response.ContentType
	out := []byte(x.Response.Body)
	if ct == "" {
		ct = "application/json"
	} else {
		var s string // a non-JSON body is recorded as a JSON string
		if json.Unmarshal(out, &s) == nil {
			out = []byte(s)
		}
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(x.Response.Status)
	w.Write(out)
}

// subset reports whether got has everything want has: the same keys with
// matching values in objects (more keys allowed), equal arrays and
// scalars. It returns where they differ.
func subset(want, got any, at string) (string, bool) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return at, false
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				return at + "." + k + " (missing)", false
			}
			if where, ok := subset(wv, gv, at+"."+k); !ok {
				return where, false
			}
		}
		return "", true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return at, false
		}
		for i := range w {
			if where, ok := subset(w[i], g[i], fmt.Sprintf("%s[%d]", at, i)); !ok {
				return where, false
			}
		}
		return "", true
	default:
		return at, reflect.DeepEqual(want, got)
	}
}
