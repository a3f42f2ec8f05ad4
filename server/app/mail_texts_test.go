package app

import (
	"strings"
	"testing"
	"time"

	"placering/models"
)

// The invitation mail says who invited whom to what, in Danish, in plain
// text and in HTML where every value is escaped.
func TestInvitationMail(t *testing.T) {
	jc := int64(3)
	inv := models.Invitation{Email: "ny@example.dk", Role: models.RoleEmployer, JobcentreID: &jc,
		ExpiresAt: time.Date(2026, 12, 10, 13, 55, 0, 0, time.UTC)}
	m := invitationMail(inv, "https://placering.example/invitation/abc", "Karen Konsulent", "", `Bager <b>& Søn</b>`)
	if m.Kind != models.MailInvitation || m.To != "ny@example.dk" || m.JobcentreID == nil || *m.JobcentreID != 3 {
		t.Fatalf("mail: %+v", m)
	}
	for _, want := range []string{"Karen Konsulent har inviteret dig", "som arbejdsgiver for Bager <b>& Søn</b>.",
		"https://placering.example/invitation/abc", "udløber 10. december 2026 kl. "} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, m.Text)
		}
	}
	if strings.Contains(m.HTML, "<b>") || !strings.Contains(m.HTML, "Bager &lt;b&gt;&amp; Søn&lt;/b&gt;") ||
		!strings.Contains(m.HTML, `<a href="https://placering.example/invitation/abc">`) || !strings.Contains(m.HTML, `lang="da"`) {
		t.Errorf("html:\n%s", m.HTML)
	}
	r := passwordResetMail(models.User{Email: "a@example.dk", Name: "Anna"}, "https://p.example/nulstil/x")
	if !strings.HasPrefix(r.Text, "Hej Anna,") || !strings.Contains(r.Text, "https://p.example/nulstil/x") || r.Kind != models.MailPasswordReset {
		t.Errorf("reset mail:\n%s", r.Text)
	}
}
