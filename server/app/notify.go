package app

import (
	"context"
	"strings"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// Notice is one thing to tell users about: the Danish text (and English
// for employers who chose English), where to act, and whether it also goes
// out by mail. It must hold nothing a recipient may not see: for an
// employer no citizen's name, CPR, target group or case detail.
type Notice struct {
	Kind   models.NotificationKind
	Text   string
	TextEN string
	// Link is a path in the browser UI ("/aabninger/12").
	Link string
	// Subject, when set, also sends Text as a mail with a link to Link to
	// every recipient with an e-mail address.
	Subject string
}

// notify stores n for every user in to and queues the mails, through st:
// the caller's transaction, so that a notice exists exactly when its change
// does (a.store outside one). Users are deduplicated; an empty to is no
// error.
func (a *App) notify(ctx context.Context, st *store.Store, to []models.User, n Notice) error {
	seen := map[int64]bool{}
	var rows []models.Notification
	var mails []models.Mail
	for _, u := range to {
		if seen[u.ID] || u.ArchivedAt != nil {
			continue
		}
		seen[u.ID] = true
		rows = append(rows, models.Notification{UserID: u.ID, Kind: n.Kind, Text: n.Text, TextEN: n.TextEN, Link: n.Link})
		if n.Subject != "" && strings.Contains(u.Email, "@") {
			link := ""
			if n.Link != "" {
				link = strings.TrimRight(a.PublicURL, "/") + n.Link
			}
			mails = append(mails, newMail(models.MailNotification, u.Email, n.Subject, []string{n.Text}, "Åbn i Placering", link))
		}
	}
	if err := st.AddNotifications(ctx, rows); err != nil {
		return err
	}
	for _, m := range mails {
		if err := st.EnqueueMail(ctx, &m); err != nil {
			return err
		}
	}
	return nil
}

// consultantsOf returns the live consultants of jobcentre jc, read through
// st: who reviews an opening and hears of an employer's interest.
func consultantsOf(ctx context.Context, st *store.Store, jc int64) ([]models.User, error) {
	return st.ActiveUsers(ctx, models.RoleConsultant, jc, 0)
}

// caseConsultants returns who hears of a placement's news: the citizen's
// own consultant when they have a live one in the jobcentre, otherwise
// every live consultant of the placement's jobcentre.
func (a *App) caseConsultants(ctx context.Context, p models.Placement) ([]models.User, error) {
	cons, err := consultantsOf(ctx, a.store, p.JobcentreID)
	if err != nil {
		return nil, err
	}
	c, err := a.store.GetCitizen(ctx, p.CitizenID)
	if err != nil || c.ConsultantID == nil {
		return cons, nil // an erased or unknown citizen: tell them all
	}
	for _, u := range cons {
		if u.ID == *c.ConsultantID {
			return []models.User{u}, nil
		}
	}
	return cons, nil
}

// employersOf returns the live employer users of company, read through st.
func employersOf(ctx context.Context, st *store.Store, company int64) ([]models.User, error) {
	if company == 0 {
		return nil, nil
	}
	return st.ActiveUsers(ctx, models.RoleEmployer, 0, company)
}

// Notifications returns u's own notifications, newest first (at most 100,
// unread only when unreadOnly), and how many are unread.
func (a *App) Notifications(ctx context.Context, u *models.User, unreadOnly bool) ([]models.Notification, int64, error) {
	if err := can(u, access.Read, access.Of(access.Notification)); err != nil {
		return nil, 0, err
	}
	return a.store.Notifications(ctx, u.ID, unreadOnly, 100)
}

// MarkNotificationsRead marks u's notifications ids read (all when ids is
// empty). Ids of other users' notifications are ignored.
func (a *App) MarkNotificationsRead(ctx context.Context, u *models.User, ids []int64) error {
	if err := can(u, access.Update, access.Of(access.Notification)); err != nil {
		return err
	}
	if err := (NotificationsRead{IDs: ids}).Validate().Err(); err != nil {
		return err
	}
	return a.store.MarkNotificationsRead(ctx, u.ID, ids, a.Now())
}

// UnreadNotifications counts u's unread notifications: one COUNT on an
// index, for the menu of every page.
func (a *App) UnreadNotifications(ctx context.Context, u *models.User) (int64, error) {
	if err := can(u, access.Read, access.Of(access.Notification)); err != nil {
		return 0, err
	}
	return a.store.UnreadNotifications(ctx, u.ID)
}

// NotificationList is a user's notifications and how many are unread.
type NotificationList struct {
	Items  []models.Notification `json:"items"`
	Unread int64                 `json:"unread"`
}

// NotificationsRead names notifications to mark read; no ids (or an
// empty list) marks all the user's unread ones.
type NotificationsRead struct {
	IDs []int64 `json:"ids"`
}

// MaxNotificationIDs is how many ids one request may mark read.
const MaxNotificationIDs = 1000

// Validate bounds the list, so one request cannot build a query with more
// parameters than the database takes.
func (in NotificationsRead) Validate() models.FieldErrors {
	var errs models.FieldErrors
	if len(in.IDs) > MaxNotificationIDs {
		errs.Add("ids", "Højst %d beskeder ad gangen.", MaxNotificationIDs)
	}
	return errs
}

// NotificationList returns Notifications as a list value.
func (a *App) NotificationList(ctx context.Context, u *models.User, unreadOnly bool) (NotificationList, error) {
	items, unread, err := a.Notifications(ctx, u, unreadOnly)
	if err != nil {
		return NotificationList{}, err
	}
	if items == nil {
		items = []models.Notification{}
	}
	return NotificationList{Items: items, Unread: unread}, nil
}
