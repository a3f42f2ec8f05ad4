package ui_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"placering/models"
)

// postFleksjob posts a fleksjob opening as the employer, through the app.
func (e *env) postFleksjob(title string) models.Opening {
	e.t.Helper()
	o, err := e.app.CreateOpening(context.Background(), &e.employer, models.OpeningFields{Kind: models.KindFleksjob, Title: title,
		Tasks: "Pakning af brød", HoursMin: 8, HoursMax: 15, Seats: 1, Status: models.StatusOpen})
	if err != nil {
		e.t.Fatal(err)
	}
	if o.Status != models.StatusToReview {
		e.t.Fatalf("employer's fleksjob has status %s", o.Status)
	}
	return o
}

// TestBrowserOpeningReview: the consultant finds the employer's fleksjob
// in the queue under Godkendelser, is refused sending it back without a
// comment (the error by the field), ticks the checklist and approves it;
// the employer's page first says it awaits approval. Axe-clean, also at
// phone width.
func TestBrowserOpeningReview(t *testing.T) {
	requireChromium(t)
	e := newEnv(t)
	o := e.postFleksjob("Bagerimedhjælper på fleksjob")
	id := itoa(o.ID)

	emp := newBrowserTab(t, "main")
	emp.logIn(e.srv.URL+"/aabninger/"+id, e.employer.Email, chromedp.WaitVisible(chromedp.ID("afventer")))
	emp.checkPage("employer's opening awaiting review")

	b := newBrowserTab(t, "main", ".flash", "#f-comment-error")
	b.logIn(e.srv.URL+"/", e.consultant.Email, chromedp.WaitVisible(chromedp.CSS(`nav a[href="/aabninger/til-godkendelse"]`)))
	b.run("queue", chromedp.Click(chromedp.CSS(`nav a[href="/aabninger/til-godkendelse"]`)), chromedp.WaitVisible(chromedp.CSS("main table")))
	b.checkPage("review queue")
	b.run("open", chromedp.Click(chromedp.CSS(`main a[href="/aabninger/`+id+`"]`)), chromedp.WaitVisible(chromedp.ID("f-checklist")))
	b.checkPage("opening with review form")
	b.run("send back without a comment",
		chromedp.Click(chromedp.CSS(`main button[value="send_tilbage"]`)), chromedp.WaitVisible(chromedp.ID("f-comment-error")))
	b.checkPage("review form with errors")
	b.run("phone viewport", chromedp.EmulateViewport(390, 800, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	b.checkPage("review form at 390 px")
	b.run("approve",
		chromedp.Click(chromedp.ID("f-checklist")),
		chromedp.Click(chromedp.CSS(`main button[value="godkend"]`)),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if f, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(".flash"))); err != nil || !strings.Contains(f, "godkendt") {
		t.Errorf("flash after approving = %q, %v", f, err)
	}
	if txt, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("main"))); err != nil || !strings.Contains(txt, "Ingen åbninger afventer godkendelse") {
		t.Errorf("queue after approving = %q, %v", txt, err)
	}
	b.checkPage("empty review queue")

	got, err := e.app.GetOpening(context.Background(), &e.consultant, o.ID)
	if err != nil || got.Status != models.StatusOpen || got.Review == nil || !got.Review.Checklist["fleksloen"] || got.Review.Checklist["skaanehensyn"] {
		t.Fatalf("after approving in the browser: %+v %v", got.Review, err)
	}
}

// An employer's form cannot publish a subsidised opening, nor reach the
// review; a returned opening shows the comment, and saving it submits it
// again.
func TestOpeningReviewForms(t *testing.T) {
	e := newEnv(t)
	o := e.postFleksjob("Bagerimedhjælper")
	id := itoa(o.ID)
	emp := e.client()
	emp.login(e.employer.Email)
	if res, _ := emp.post("/aabninger/"+id+"/gennemgang", url.Values{"decision": {"godkend"}}); res.StatusCode != 403 {
		t.Fatalf("employer approves through the form: %d", res.StatusCode)
	}
	if _, err := e.app.ReturnOpening(context.Background(), &e.consultant, o.ID, models.ReturnInput{ReviewInput: models.ReviewInput{Comment: "Beskriv skånehensyn."}}); err != nil {
		t.Fatal(err)
	}
	if _, body := emp.get("/aabninger/" + id); !strings.Contains(body, "Beskriv skånehensyn.") || !strings.Contains(body, "sendt åbningen tilbage") {
		t.Fatalf("employer's page after return lacks the comment: %s", body)
	}
	form := url.Values{"kind": {"fleksjob"}, "title": {"Bagerimedhjælper"}, "tasks": {"Pakning; ingen tunge løft"}, "hours_min": {"8"},
		"hours_max": {"15"}, "seats": {"1"}, "danish_level": {"ingen"}, "status": {"open"}}
	if res, body := emp.post("/aabninger/"+id+"/rediger", form); res.StatusCode != 303 {
		t.Fatalf("employer saves: %d %s", res.StatusCode, body)
	}
	got, err := e.app.GetOpening(context.Background(), &e.employer, o.ID)
	if err != nil || got.Status != models.StatusToReview {
		t.Fatalf("the employer's form set status %s (%v)", got.Status, err)
	}
	kons := e.client()
	kons.login(e.consultant.Email)
	if res, body := kons.post("/aabninger/"+id+"/gennemgang", url.Values{"decision": {"send_tilbage"}}); res.StatusCode != 422 || !strings.Contains(body, "Skriv, hvad arbejdsgiveren skal rette.") {
		t.Fatalf("send back without a comment: %d", res.StatusCode)
	}
	if _, body := kons.get("/aabninger/til-godkendelse"); !strings.Contains(body, "Bagerimedhjælper") || !strings.Contains(body, "Sendt tilbage") {
		t.Fatalf("queue: %s", body)
	}
}
