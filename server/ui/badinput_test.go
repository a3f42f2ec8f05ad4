package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"placering/models"
)

// TestBadTextInTheBrowser: text no one types (a NUL byte, control
// characters, only invisible characters, a novel as a search) is refused
// with a Danish message on the form or the search page, a list's filter
// drops it, and nothing answers 500 or is stored.
func TestBadTextInTheBrowser(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login(e.consultant.Email)
	ctx := context.Background()
	_, before, err := e.store.ListCompanies(ctx, models.CompanyFilter{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}

	for _, name := range []string{"Bager\x00Hansen", "Bager\x07Hansen", "\u200b", "\u202e", " \u200b\u2060 ", "Bager\nHansen"} {
		resp, body := c.post("/virksomheder", url.Values{"cvr": {"29403473"}, "name": {name}, "branch": {"butik_detail"}})
		wantStatus(t, resp, body, http.StatusUnprocessableEntity)
		wantContains(t, body, `id="f-name-error"`)
	}
	resp, body := c.post("/virksomheder", url.Values{"cvr": {"29403473"}, "name": {"Bager Hansen"}, "branch": {"butik_detail"},
		"notes": {"Ring\x00 før kl. 9"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `id="f-notes-error"`, "nul-tegn")
	if _, after, _ := e.store.ListCompanies(ctx, models.CompanyFilter{IncludeArchived: true}); after != before {
		t.Fatalf("refused forms stored %d companies", after-before)
	}

	long := url.QueryEscape(strings.Repeat("lager ", 50000/6))
	for _, path := range []string{"/virksomheder", "/aabninger", "/borgere", "/virksomhedscentre"} {
		for _, q := range []string{"kron%00borg", "%07", "%E2%80%8B", "%FF%FE", long} {
			resp, body := c.get(path + "?q=" + q + "&page=99999999999999999999")
			wantStatus(t, resp, body, http.StatusOK)
		}
	}
	for _, q := range []string{"lager%00", "%1B", "%E2%80%8B", "%E2%80%AE", long} {
		resp, body := c.get("/soeg?q=" + q)
		if resp.StatusCode >= 500 {
			t.Fatalf("/soeg?q=%.40s: %d", q, resp.StatusCode)
		}
		wantContains(t, body, `<title>Fejl: `)
	}
	_, body = c.get("/soeg?q=" + long)
	wantContains(t, body, "Søgeteksten må højst være 200 tegn.")
	_, body = c.get("/soeg?q=lager%00")
	wantContains(t, body, "nul-tegn")
}
