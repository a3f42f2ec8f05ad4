package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"placering/models"
)

// notifyTo stores notifications for the user with email; the texts say
// whose they are, so a leak shows in the body.
func (e *env) notifyTo(email string, texts ...string) []int64 {
	e.t.Helper()
	u, err := e.store.UserByEmail(context.Background(), email)
	must(e.t, err)
	var ns []models.Notification
	for _, s := range texts {
		ns = append(ns, models.Notification{UserID: u.ID, Kind: models.NotifyOpeningApproved, Text: s, TextEN: s + " (en)", Link: "/aabninger/1"})
	}
	must(e.t, e.store.AddNotifications(context.Background(), ns))
	out := make([]int64, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

// TestNotificationsAreOwn: each user lists only their own notifications,
// marking read touches only their own rows (also when naming another
// user's ids), and the unread count follows.
func TestNotificationsAreOwn(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		mine := e.notifyTo("chef@kronborglager.dk", "Til arbejdsgiveren 1", "Til arbejdsgiveren 2")
		theirs := e.notifyTo("kons.a@test.dk", "Til konsulenten")

		r := e.do("employer", "GET", "/api/v1/notifications", "")
		if r.status != 200 || r.json["unread"].(float64) != 2 || len(r.json["items"].([]any)) != 2 {
			t.Fatalf("employer's list: %d %s", r.status, r.body)
		}
		first := r.json["items"].([]any)[0].(map[string]any)
		if first["text"] != "Til arbejdsgiveren 2" || first["text_en"] != "Til arbejdsgiveren 2 (en)" || first["read_at"] != nil {
			t.Errorf("newest first, with English, unread: %v", first)
		}
		for _, who := range []string{"employer", "admin", "consB"} {
			if r := e.do(who, "GET", "/api/v1/notifications", ""); strings.Contains(r.body, "Til konsulenten") {
				t.Errorf("%s sees the consultant's notification: %s", who, r.body)
			}
		}

		// The employer names the consultant's id and one of their own:
		// only their own is marked.
		body := fmt.Sprintf(`{"ids":[%d,%d]}`, theirs[0], mine[0])
		if r := e.do("employer", "POST", "/api/v1/notifications/read", body); r.status != 204 {
			t.Fatalf("mark read: %d %s", r.status, r.body)
		}
		if r := e.do("consA", "GET", "/api/v1/notifications?unread=true", ""); r.json["unread"].(float64) != 1 || len(r.json["items"].([]any)) != 1 {
			t.Errorf("the employer marked the consultant's notification: %s", r.body)
		}
		r = e.do("employer", "GET", "/api/v1/notifications?unread=true", "")
		if r.json["unread"].(float64) != 1 || len(r.json["items"].([]any)) != 1 ||
			r.json["items"].([]any)[0].(map[string]any)["text"] != "Til arbejdsgiveren 2" {
			t.Errorf("after marking one: %s", r.body)
		}
		// Without ids: all of one's own.
		if r := e.do("employer", "POST", "/api/v1/notifications/read", `{}`); r.status != 204 {
			t.Fatalf("mark all: %d %s", r.status, r.body)
		}
		r = e.do("employer", "GET", "/api/v1/notifications", "")
		if r.json["unread"].(float64) != 0 || len(r.json["items"].([]any)) != 2 || r.json["items"].([]any)[1].(map[string]any)["read_at"] == nil {
			t.Errorf("after marking all: %s", r.body)
		}
		if r := e.do("consA", "GET", "/api/v1/notifications", ""); r.json["unread"].(float64) != 1 {
			t.Errorf("marking all reached another user: %s", r.body)
		}
		many := strings.Repeat("1,", 1000) + "1"
		if r := e.do("employer", "POST", "/api/v1/notifications/read", `{"ids":[`+many+`]}`); r.status != 422 || !r.hasField("ids") {
			t.Errorf("1001 ids: %d %s", r.status, r.body)
		}
		if r := e.do("", "GET", "/api/v1/notifications", ""); r.status != 401 {
			t.Errorf("anonymous: %d", r.status)
		}
		if r := e.do("employer", "GET", "/api/v1/notifications?unread=ja", ""); r.status != 400 && r.status != 422 {
			t.Errorf("bad unread: %d %s", r.status, r.body)
		}
	})
}
