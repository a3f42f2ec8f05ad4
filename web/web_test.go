package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"placering/models"
)

func TestPagesParse(t *testing.T) {
	want := []string{"login", "error", "archive", "companies/list", "companies/form", "companies/show",
		"openings/list", "openings/form", "openings/show", "virksomhedscentre/list", "virksomhedscentre/form",
		"virksomhedscentre/show", "citizens/list", "citizens/form", "citizens/show"}
	for _, name := range want {
		if _, ok := templates[name]; !ok {
			t.Errorf("page %q missing; have %v", name, Pages())
		}
	}
	if err := Render(&bytes.Buffer{}, "nope", &Page{}); err == nil {
		t.Error("rendering an unknown page did not fail")
	}
}

func TestLayout(t *testing.T) {
	var b bytes.Buffer
	u := &models.User{Name: "Karen", Role: models.RoleConsultant}
	err := Render(&b, "error", &Page{Title: "Findes ikke", User: u, CSRF: "tok", Invalid: true,
		Nav: []NavItem{{Label: "Åbninger", Href: "/aabninger", Current: true}},
		Content: struct {
			Status int
			Detail string
			Errors models.FieldErrors
			Resend any // a form to send again after a 503; none here
		}{404, "Væk.", nil, nil}})
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, s := range []string{`<html lang="da">`, "<title>Fejl: Findes ikke – Placering</title>", `href="#indhold"`,
		`<main id="indhold"`, `aria-current="page"`, "Virksomhedskonsulent", `name="csrf" value="tok"`,
		`"includeIndicatorStyles":false`, AssetURL("htmx.min.js"), "Fejlkode 404."} {
		if !strings.Contains(out, s) {
			t.Errorf("layout lacks %q", s)
		}
	}
	if strings.Contains(out, "style=") {
		t.Error("layout has an inline style; the CSP forbids it")
	}
}

func TestFormatting(t *testing.T) {
	cases := map[string]string{
		FormatDate(models.NewDate(2027, time.January, 15)): "15. jan. 2027",
		FormatDate(models.NewDate(2026, time.May, 1)):      "1. maj 2026",
		FormatDate(models.Date{}):                          "–",
		FormatDateShort(models.NewDate(2027, 1, 5)):        "05-01-2027",
		MaskCPR("010190-XXXX"):                             "010190-XXXX",
		MaskCPR("0101901234"):                              "010190-XXXX",
		MaskCPR(""):                                        "–",
		FormatNumber(37.5):                                 "37,5",
		FormatNumber(20.0):                                 "20",
		FieldID("contacts[10].name"):                       "f-contacts-10-name",
		FieldID("cvr"):                                     "f-cvr",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestFormLabelsAndFields(t *testing.T) {
	f := NewForm(map[string]string{"contacts": "Kontaktperson", "contacts.email": "E-mail", "cvr": "CVR-nummer"},
		url.Values{"cvr": {"123"}, "groups": {"a", "c"}})
	f.Errors.Add("cvr", "Forkert.")
	f.Errors.Add("contacts[1].email", "Ugyldig.")
	if got := f.Label("contacts[1].email"); got != "Kontaktperson 2: e-mail" {
		t.Errorf("row label = %q", got)
	}
	s := f.Summary()
	if len(s) != 2 || s[0].Href != "#f-cvr" || s[1].Href != "#f-contacts-1-email" {
		t.Errorf("summary = %+v", s)
	}
	fd := input(f, "cvr", "text", "hint=8 cifre", "required")
	if fd.Value != "123" || fd.Error != "Forkert." || !fd.Required || fd.DescribedBy() != "f-cvr-hint f-cvr-error" {
		t.Errorf("field = %+v", fd)
	}
	cb := checkboxes(f, "groups", []models.Option{{Code: "a", Label: "A"}, {Code: "b", Label: "B"}, {Code: "c", Label: "C"}})
	if !cb.Choices[0].Selected || cb.Choices[1].Selected || !cb.Choices[2].Selected || cb.Choices[0].ID != "f-groups" {
		t.Errorf("checkboxes = %+v", cb.Choices)
	}
}

func TestStaticCaching(t *testing.T) {
	h := http.StripPrefix("/static", Static())
	for _, tc := range []struct{ url, cache string }{
		{AssetURL("app.css"), "public, max-age=31536000, immutable"},
		{"/static/app.css?v=old", "no-cache"},
		{"/static/htmx.min.js", "no-cache"},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.url, nil))
		if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != tc.cache || rec.Header().Get("ETag") == "" {
			t.Errorf("%s: %d %q etag %q", tc.url, rec.Code, rec.Header().Get("Cache-Control"), rec.Header().Get("ETag"))
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/static/../web.go", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("path escape: %d", rec.Code)
	}
	if HasAsset("axe.min.js") {
		t.Error("axe-core is test-only and must not be served")
	}
}
