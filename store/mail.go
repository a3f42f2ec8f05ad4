package store

import (
	"context"
	"time"

	"placering/models"
)

// EnqueueMail puts m in the mail outbox, in the caller's transaction when
// there is one, so the mail goes out exactly when the change that caused
// it is stored.
func (s *Store) EnqueueMail(ctx context.Context, m *models.Mail) error {
	now := time.Now().UTC()
	if m.CreatedAt.IsZero() {
		m.CreatedAt = now
	}
	m.NextAttemptAt = m.CreatedAt
	m.SentAt = nil
	return translate(s.q(ctx).Create(m).Error, "enqueue mail")
}

// ClaimMails claims up to limit mails that are due at now and not yet
// sent or given up, and returns them. Claiming counts the attempt and
// moves next_attempt_at to now+lease in one conditional UPDATE per mail
// (… WHERE attempts = the value read), so when several replicas claim at
// once exactly one wins each mail; the others see it changed and skip it.
// A worker that dies while sending leaves the lease to run out, after
// which the mail is due again.
func (s *Store) ClaimMails(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]models.Mail, error) {
	now = now.UTC()
	// Another replica may claim every row this one read; the rows it took
	// are no longer due, so read again rather than answer "none due" while
	// mails wait (a worker takes an empty claim to mean the outbox is empty).
	for round := 0; round < 10; round++ {
		var due []models.Mail
		err := s.q(ctx).Where("sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?", now).
			Order("next_attempt_at, id").Limit(limit).Find(&due).Error
		if err != nil {
			return nil, translate(err, "due mails")
		}
		claimed := due[:0]
		for _, m := range due {
			res := s.q(ctx).Model(&models.Mail{}).
				Where("id = ? AND attempts = ? AND sent_at IS NULL AND failed_at IS NULL", m.ID, m.Attempts).
				Updates(map[string]any{"attempts": m.Attempts + 1, "next_attempt_at": now.Add(lease)})
			if res.Error != nil {
				return claimed, translate(res.Error, "claim mail")
			}
			if res.RowsAffected == 1 {
				m.Attempts++
				claimed = append(claimed, m)
			}
		}
		if len(claimed) > 0 || len(due) == 0 {
			return claimed, nil
		}
	}
	return nil, nil
}

// MailSent records that mail id went out through transport at when. With
// dropBody the text and HTML are emptied (they may hold one-time links);
// kind, recipient, subject and times stay as a log.
func (s *Store) MailSent(ctx context.Context, id int64, transport string, when time.Time, dropBody bool) error {
	set := map[string]any{"sent_at": when.UTC(), "transport": transport, "last_error": ""}
	if dropBody {
		set["text_body"], set["html_body"] = "", ""
	}
	return translate(s.q(ctx).Model(&models.Mail{}).Where("id = ?", id).Updates(set).Error, "mark mail sent")
}

// MailFailed records why sending mail id failed and when to try again;
// a zero retry gives the mail up for good.
func (s *Store) MailFailed(ctx context.Context, id int64, reason string, retry time.Time) error {
	if len(reason) > 500 {
		reason = reason[:500]
	}
	set := map[string]any{"last_error": reason}
	if retry.IsZero() {
		set["failed_at"] = time.Now().UTC()
	} else {
		set["next_attempt_at"] = retry.UTC()
	}
	return translate(s.q(ctx).Model(&models.Mail{}).Where("id = ?", id).Updates(set).Error, "mark mail failed")
}

// Mails returns the newest mails, newest first, without their bodies,
// and how many there are in all.
func (s *Store) Mails(ctx context.Context, limit, offset int) ([]models.Mail, int64, error) {
	var total int64
	if err := s.q(ctx).Model(&models.Mail{}).Count(&total).Error; err != nil {
		return nil, 0, translate(err, "count mails")
	}
	var out []models.Mail
	err := s.q(ctx).Omit("text_body", "html_body").Order("created_at DESC, id DESC").Limit(limit).Offset(offset).Find(&out).Error
	return out, total, translate(err, "list mails")
}

// GetMail returns one mail with its bodies.
func (s *Store) GetMail(ctx context.Context, id int64) (models.Mail, error) {
	var m models.Mail
	err := s.q(ctx).Where("id = ?", id).Take(&m).Error
	return m, translate(err, "mail")
}

// PendingMails counts the mails not yet sent nor given up; /readyz and
// the mailbox page show it.
func (s *Store) PendingMails(ctx context.Context) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&models.Mail{}).Where("sent_at IS NULL AND failed_at IS NULL").Count(&n).Error
	return n, translate(err, "count pending mails")
}
