package api_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"placering/models"
	"placering/store/storetest"
)

// Administrators read the mail outbox through the API, newest first and
// without bodies in the list; one mail has its text; everyone else gets
// 403 (the contract check validates every answer against the document).
func TestMailsForAdministrators(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	ctx := context.Background()
	for _, s := range []string{"Første", "Anden", "Tredje"} {
		must(t, e.store.EnqueueMail(ctx, &models.Mail{Kind: models.MailInvitation, To: "ny@test.dk", Subject: s + " invitation",
			Text: "Åbn https://placering.test/invitation/x", HTML: "<p>Åbn</p>"}))
	}
	sent, err := e.store.ClaimMails(ctx, time.Now().Add(time.Second), time.Minute, 1)
	must(t, err)
	must(t, e.store.MailSent(ctx, sent[0].ID, models.MailSMTP, time.Now(), true))

	r := e.do("admin", "GET", "/api/v1/mails?per_page=2", "")
	if r.status != 200 || r.json["total"] != float64(3) || r.json["per_page"] != float64(2) {
		t.Fatalf("list: %d %s", r.status, r.body)
	}
	items := r.json["items"].([]any)
	first := items[0].(map[string]any)
	if len(items) != 2 || first["subject"] != "Tredje invitation" || first["text"] != "" || first["sent_at"] != nil {
		t.Fatalf("items %v", items)
	}
	id := int64(first["id"].(float64))
	r = e.do("admin", "GET", "/api/v1/mails/"+strconv.FormatInt(id, 10), "")
	if r.status != 200 || r.json["text"] != "Åbn https://placering.test/invitation/x" || r.json["attempts"] != float64(0) {
		t.Fatalf("get: %d %s", r.status, r.body)
	}
	r = e.do("admin", "GET", "/api/v1/mails/"+strconv.FormatInt(sent[0].ID, 10), "")
	if r.status != 200 || r.json["text"] != "" || r.json["transport"] != "smtp" || r.json["sent_at"] == nil {
		t.Fatalf("sent mail: %d %s", r.status, r.body)
	}
	if r := e.do("admin", "GET", "/api/v1/mails/9999", ""); r.status != 404 {
		t.Fatalf("missing mail: %d %s", r.status, r.body)
	}
	if r := e.do("admin", "GET", "/api/v1/mails?page=0", ""); r.status != 400 {
		t.Fatalf("page 0: %d %s", r.status, r.body)
	}
	for _, who := range []string{"consA", "employer", "event"} {
		if r := e.do(who, "GET", "/api/v1/mails", ""); r.status != 403 {
			t.Fatalf("%s list: %d %s", who, r.status, r.body)
		}
		if r := e.do(who, "GET", "/api/v1/mails/"+strconv.FormatInt(id, 10), ""); r.status != 403 {
			t.Fatalf("%s get: %d %s", who, r.status, r.body)
		}
	}
}
