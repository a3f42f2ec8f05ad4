package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"placering/models"
	"placering/store/storetest"
)

// englishWord finds words that belong to the code's English (log context,
// Go error strings) and never to a Danish message for people.
var englishWord = regexp.MustCompile(`(?i)\b(list|get|create|update|archive|citizens?|openings?|company|companies|placements?|alerts?|reports?|users?|hours|not found|forbidden|error|failed|invalid|the|of|with|unknown|conflict|request|denied|access|cannot|must|record|rows?|sql|gorm|stale|session|token)\b`)

// internalPrefix finds "word: " and "word 12: " prefixes that wrapping with
// fmt.Errorf puts in front of a message.
var internalPrefix = regexp.MustCompile(`^[a-z][a-z ]*( \d+)?: `)

// danishOnly reports what is wrong with a text shown to a person, or "".
func danishOnly(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "empty"
	case englishWord.MatchString(s):
		return "English word " + englishWord.FindString(s)
	case internalPrefix.MatchString(s):
		return "internal prefix " + internalPrefix.FindString(s)
	case strings.Contains(s, "%!"):
		return "format error"
	case !strings.ContainsAny(s[:1], "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ") && !strings.HasPrefix(s, "Å") && !strings.HasPrefix(s, "Ø") && !strings.HasPrefix(s, "Æ"):
		return "does not start with a capital letter"
	}
	return ""
}

func TestDanishOnlyCheckCatchesEnglish(t *testing.T) {
	for _, s := range []string{"list citizens: kun jobcentrets medarbejdere", "alerts: kun jobcentrets medarbejdere ser advarsler", "Not found", "borger 12: findes ikke", "kun jobcentrets medarbejdere."} {
		if danishOnly(s) == "" {
			t.Errorf("danishOnly(%q) passed", s)
		}
	}
	for _, s := range []string{"Kun jobcentrets medarbejdere ser advarsler.", "Borgeren findes ikke.", "Åbningen er arkiveret."} {
		if why := danishOnly(s); why != "" {
			t.Errorf("danishOnly(%q): %s", s, why)
		}
	}
}

var (
	htmlTitle    = regexp.MustCompile(`(?s)<title>(.*?) – Placering</title>`)
	errorBlock   = regexp.MustCompile(`(?s)<div class="error-page">(.*?)<p class="code">`)
	tag          = regexp.MustCompile(`<[^>]+>`)
	errorSummary = regexp.MustCompile(`(?s)<div class="error-summary"[^>]*>(.*?)</div>`)
	fieldError   = regexp.MustCompile(`class="error-message"[^>]*><span class="visually-hidden">Fejl: </span>([^<]*)</p>`)
)

// TestEveryDenialIsDanish calls every route the service registers (API and
// browser) as the users most often refused (event staff, an employer, a
// consultant of another jobcentre), on rows of jobcentre A, and checks that
// every refusal and every other client error speaks Danish only: no
// English word, no internal prefix.
func TestEveryDenialIsDanish(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	ids := e.denialRows()
	week := models.ISOWeekOf(models.DateOf(time.Now())).String()
	who := []string{"event", "employer", "consB"}
	emails := map[string]string{"event": "event@test.dk", "employer": "chef@kronborglager.dk", "consB": "kons.b@test.dk"}
	browsers := map[string]*http.Client{}
	for _, w := range who {
		browsers[w] = e.browserLogin(emails[w])
	}

	skip := regexp.MustCompile(`^/(static|healthz|readyz|login|logout|api/v1/openapi\.json|api/v1/auth/tokens)`)
	param := regexp.MustCompile(`:[a-z_]+`)
	seen, denials := 0, 0
	for _, r := range e.echo.Routes() {
		if skip.MatchString(r.Path) || strings.Contains(r.Path, "*") || r.Method == "HEAD" || r.Method == "OPTIONS" {
			continue
		}
		path := param.ReplaceAllStringFunc(r.Path, func(p string) string {
			switch p {
			case ":iso_week", ":week":
				return week
			case ":key":
				return "c" + fmt.Sprint(ids["citizens"]) + ":stagnation"
			}
			for prefix, id := range ids {
				if strings.Contains(r.Path, "/"+prefix+"/"+p) {
					return fmt.Sprint(id)
				}
			}
			return fmt.Sprint(ids["citizens"])
		})
		seen++
		for _, w := range who {
			var status int
			var texts []string
			if strings.HasPrefix(path, "/api/") {
				body := ""
				if r.Method != http.MethodGet {
					body = "{}"
				}
				res := e.do(w, r.Method, path, body)
				status = res.status
				if status >= 400 {
					var p struct {
						Title, Detail string
						Errors        []struct{ Message string }
					}
					if err := json.Unmarshal([]byte(res.body), &p); err != nil {
						t.Errorf("%s %s as %s: %d is not problem+json: %s", r.Method, path, w, status, res.body)
						continue
					}
					texts = append(texts, p.Title, p.Detail)
					for _, fe := range p.Errors {
						texts = append(texts, fe.Message)
					}
				}
			} else {
				var body string
				status, body = browse(t, browsers[w], e.srv.URL, r.Method, path)
				if status >= 400 {
					if status == http.StatusUnprocessableEntity || status == http.StatusConflict {
						// A form shown again with a message at each field
						// (a 409 may instead be the error page below).
						for _, m := range fieldError.FindAllStringSubmatch(body, -1) {
							texts = append(texts, m[1])
						}
						if m := errorSummary.FindStringSubmatch(body); m != nil {
							texts = append(texts, lines(m[1])...)
						}
						if len(texts) == 0 && (status != http.StatusConflict || !strings.Contains(body, `class="error-page"`)) {
							t.Errorf("%s %s as %s: %d form without messages", r.Method, path, w, status)
						}
						if len(texts) > 0 {
							goto check
						}
					}
					m := errorBlock.FindStringSubmatch(body)
					tm := htmlTitle.FindStringSubmatch(body)
					if m == nil || tm == nil {
						t.Errorf("%s %s as %s: %d without an error page", r.Method, path, w, status)
						continue
					}
					texts = append(texts, tm[1])
					texts = append(texts, lines(m[1])...)
				}
			}
		check:
			if status >= 500 {
				t.Errorf("%s %s as %s: %d", r.Method, path, w, status)
			}
			if status == http.StatusForbidden || status == http.StatusNotFound {
				denials++
			}
			for _, s := range texts {
				if why := danishOnly(s); why != "" {
					t.Errorf("%s %s as %s (%d): %q: %s", r.Method, path, w, status, s, why)
				}
			}
		}
	}
	if seen < 60 || denials < 100 {
		t.Fatalf("only %d routes and %d denials exercised", seen, denials)
	}
	t.Logf("%d routes, %d users, %d denials, all Danish", seen, len(who), denials)
}

// lines returns the text lines of an HTML fragment.
func lines(html string) []string {
	var out []string
	for _, line := range strings.Split(tag.ReplaceAllString(html, "\n"), "\n") {
		if strings.TrimSpace(line) != "" {
			out = append(out, line)
		}
	}
	return out
}

// denialRows makes one row of each kind in jobcentre A through the API
// and returns their ids by path segment.
func (e *env) denialRows() map[string]int64 {
	e.t.Helper()
	ids := map[string]int64{"companies": e.company.ID}
	mk := func(key, path, body string) {
		res := e.do("consA", "POST", path, body)
		if res.status != 201 {
			e.t.Fatalf("create %s: %d %s", key, res.status, res.body)
		}
		ids[key] = int64(res.json["id"].(float64))
	}
	today := models.DateOf(time.Now())
	mk("citizens", "/api/v1/citizens", `{"cpr":"0101901234","name":"Anna Andersen","target_group":"gruppe2",
		"goal_branch":"transport_lager_logistik","danish_level":"flydende","lat":56.03,"lon":12.60,"max_commute_km":20,"hours_capacity":15,"consent_share":true}`)
	mk("openings", "/api/v1/openings", fmt.Sprintf(validOpening, e.company.ID))
	mk("virksomhedscentre", "/api/v1/virksomhedscentre", fmt.Sprintf(`{"company_id":%d,"valid_from":%q,"seats":3,"target_groups":["gruppe2"]}`, e.company.ID, today))
	mk("placements", "/api/v1/placements", fmt.Sprintf(`{"citizen_id":%d,"company_id":%d,"kind":"virksomhedspraktik","start_date":%q}`, ids["citizens"], e.company.ID, today))
	mk("matches", "/api/v1/matches", fmt.Sprintf(`{"citizen_id":%d,"opening_id":%d}`, ids["citizens"], ids["openings"]))
	// The browser's paths name the same rows in Danish.
	for en, da := range map[string]string{"citizens": "borgere", "openings": "aabninger", "companies": "virksomheder", "placements": "placeringer", "matches": "match"} {
		ids[da] = ids[en]
	}
	return ids
}

// browserLogin logs a user in through the login form and returns a client
// that carries the session cookie.
func (e *env) browserLogin(email string) *http.Client {
	e.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Transport: e.transport(), CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	status, body := browseForm(e.t, c, e.srv.URL, "/login", url.Values{"email": {email}, "password": {"hemmelig-kode-123"}})
	if status != http.StatusSeeOther {
		e.t.Fatalf("login %s: %d %s", email, status, body)
	}
	return c
}

func browse(t *testing.T, c *http.Client, base, method, path string) (int, string) {
	if method != http.MethodGet {
		return browseForm(t, c, base, path, url.Values{})
	}
	req, _ := http.NewRequestWithContext(context.Background(), method, base+path, nil)
	return send(t, c, req)
}

func browseForm(t *testing.T, c *http.Client, base, path string, form url.Values) (int, string) {
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return send(t, c, req)
}

func send(t *testing.T, c *http.Client, req *http.Request) (int, string) {
	t.Helper()
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
