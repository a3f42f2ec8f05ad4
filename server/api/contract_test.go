package api_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// The API tests hold the service to its own OpenAPI document: every request
// they send to /api/v1 and every response they get back goes through
// kin-openapi's openapi3filter, checked against the document the server
// itself serves at /api/v1/openapi.json.
//
//   - A response that breaks the document fails the test.
//   - A request that breaks the document must be refused with a 4xx: anything
//     else means the server accepts what the document forbids, or the
//     document promises less than the server enforces.
//   - A request that is valid per the document has no expected status.
//
// The check sits in the http.RoundTripper of env.client, so e.do, doAccept
// and every other request a test sends with env.client (or a client whose
// Transport is env.transport()) is checked. Requests outside /api/v1 pass
// through unchecked. A test that needs raw access to the API sets
// env.rawAPI; none does.

// apiPrefix is the part of the URL space the document describes.
const apiPrefix = "/api/v1/"

// contract is the service's OpenAPI document, loaded from the server, with
// a router that finds a request's operation in it.
type contract struct {
	doc    *openapi3.T
	router routers.Router
}

// loadContract fetches the OpenAPI document from the server at base,
// validates it and builds a router for it. The document's servers are
// replaced by base, so the router matches the test server's URLs against
// the document's paths, which carry the /api/v1 prefix themselves.
func loadContract(t *testing.T, base string) *contract {
	t.Helper()
	// The monthly report's CSV is semicolon-separated (Danish Excel), so
	// it is checked as the text the document declares, not as commas.
	openapi3filter.RegisterBodyDecoder("text/csv", func(r io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
		b, err := io.ReadAll(r)
		return string(b), err
	})
	ctx := context.Background()
	res, err := http.Get(base + "/api/v1/openapi.json")
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	data, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("openapi.json: %d %s", res.StatusCode, truncate(data))
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		t.Fatalf("openapi.json does not load: %v", err)
	}
	if err := doc.Validate(ctx); err != nil {
		t.Errorf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: base}}
	for _, item := range doc.Paths.Map() {
		item.Servers = nil
		for _, op := range item.Operations() {
			op.Servers = nil
		}
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("openapi.json: no router: %v", err)
	}
	return &contract{doc: doc, router: router}
}

// options are the validator's settings for requests and responses.
func contractOptions() *openapi3filter.Options {
	return &openapi3filter.Options{
		MultiError:            true,
		IncludeResponseStatus: true,
		SkipSettingDefaults:   true,
		AuthenticationFunc:    bearerOnly,
	}
}

// bearerOnly accepts any request that carries a bearer token: whether the
// token is good is the server's business, and the document's 401 covers it.
func bearerOnly(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	s := in.SecurityScheme
	if s == nil || s.Type != "http" || !strings.EqualFold(s.Scheme, "bearer") {
		return fmt.Errorf("security scheme %q is not http bearer", in.SecuritySchemeName)
	}
	h := in.RequestValidationInput.Request.Header.Get("Authorization")
	scheme, token, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return errors.New("no bearer token")
	}
	return nil
}

// exchange is one request and its response, bodies read in full.
type exchange struct {
	req     *http.Request
	reqBody []byte
	status  int
	header  http.Header
	body    []byte
}

// check validates one exchange against the document and reports every
// breach on t.
func (c *contract) check(t testing.TB, x exchange) {
	t.Helper()
	ctx := context.Background()
	method, path := x.req.Method, x.req.URL.RequestURI()
	vreq := x.req.Clone(ctx)
	vreq.Body = io.NopCloser(bytes.NewReader(x.reqBody))
	vreq.ContentLength = int64(len(x.reqBody))
	vreq.GetBody = nil
	route, params, err := c.router.FindRoute(vreq)
	if err != nil {
		// Not in the document at all: the server must refuse it.
		if x.status < 400 || x.status >= 500 {
			t.Errorf("openapi: request %s %s: %v, yet answered %d: %s", method, path, err, x.status, truncate(x.body))
		}
		return
	}
	opts := contractOptions()
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route, Options: opts}
	checked.Add(1)
	reqErr := openapi3filter.ValidateRequest(ctx, in)
	if reqErr != nil {
		forbidden.Add(1)
	}
	if err := reqErr; err != nil && (x.status < 400 || x.status >= 500) {
		for _, m := range flatten(err) {
			t.Errorf("openapi: request-invalid %s %s (%s) answered %d: %s; body %s", method, path, route.Path, x.status, m, truncate(x.reqBody))
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: x.status, Header: x.header, Options: opts}
	out.SetBodyBytes(x.body)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		for _, m := range flatten(err) {
			t.Errorf("openapi: response %s %s (%s) %d %s: %s; body %s", method, path, route.Path, x.status, x.header.Get("Content-Type"), m, truncate(x.body))
		}
	}
}

// Counts over the package's run, printed by TestMain: how many exchanges
// were checked, and how many requests the document forbids (each of which
// the server had to refuse).
var checked, forbidden atomic.Int64

func TestMain(m *testing.M) {
	code := m.Run()
	if n := checked.Load(); n > 0 {
		fmt.Printf("openapi contract: %d requests and responses checked against the document; %d requests it forbids, all refused\n", n, forbidden.Load())
	}
	os.Exit(code)
}

// flatten turns a validator's error into one line per breach.
func flatten(err error) []string {
	switch e := err.(type) {
	case openapi3.MultiError:
		var out []string
		for _, x := range e {
			out = append(out, flatten(x)...)
		}
		return out
	case *openapi3filter.RequestError:
		where := "request"
		switch {
		case e.Parameter != nil:
			where = fmt.Sprintf("parameter %s %q", e.Parameter.In, e.Parameter.Name)
		case e.RequestBody != nil:
			where = "request body"
		}
		return prefixed(where, e.Reason, e.Err)
	case *openapi3filter.ResponseError:
		return prefixed("response", e.Reason, e.Err)
	case *openapi3filter.SecurityRequirementsError:
		return []string{"security: " + e.Error()}
	case *openapi3.SchemaError:
		return []string{schemaLine(e)}
	}
	return []string{oneLine(err.Error())}
}

func prefixed(where, reason string, inner error) []string {
	if inner == nil {
		return []string{where + ": " + reason}
	}
	lead := where
	if reason != "" {
		lead += ": " + reason
	}
	var out []string
	for _, m := range flatten(inner) {
		out = append(out, lead+": "+m)
	}
	return out
}

// schemaLine names where in the value a schema error is, the schema
// keyword that failed, the reason and the value.
func schemaLine(e *openapi3.SchemaError) string {
	if e.Origin != nil {
		var inner *openapi3.SchemaError
		if errors.As(e.Origin, &inner) && inner != e {
			return schemaLine(inner)
		}
	}
	at := "/" + strings.Join(e.JSONPointer(), "/")
	reason := e.Reason
	if reason == "" {
		reason = "does not match"
	}
	if e.Origin != nil {
		reason += " (" + oneLine(e.Origin.Error()) + ")"
	}
	v := fmt.Sprintf("%v", e.Value)
	if e.Value == nil {
		v = "null"
	}
	if len(v) > 60 {
		v = v[:60] + "…"
	}
	return fmt.Sprintf("at %s: %s [%s] got %s", at, reason, e.SchemaField, v)
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

func truncate(b []byte) string {
	s := oneLine(string(b))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// checkingTransport checks every exchange with /api/v1 against the env's
// contract.
type checkingTransport struct {
	e    *env
	base http.RoundTripper
}

func (ct checkingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	e := ct.e
	if e.rawAPI || e.contract == nil || !strings.HasPrefix(req.URL.Path, apiPrefix) {
		return ct.base.RoundTrip(req)
	}
	var reqBody []byte
	if req.Body != nil {
		var err error
		if reqBody, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		req.Body.Close()
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	sent := req.Clone(req.Context())
	res, err := ct.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	res.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	e.contract.check(e.t, exchange{req: sent, reqBody: reqBody, status: res.StatusCode, header: res.Header, body: body})
	return res, nil
}

// transport is an http.RoundTripper that checks each exchange with the API
// against the document, for clients a test builds itself.
func (e *env) transport() http.RoundTripper {
	return checkingTransport{e: e, base: http.DefaultTransport}
}
