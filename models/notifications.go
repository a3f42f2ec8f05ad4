package models

import "time"

// NotificationKind says what a notification tells about.
type NotificationKind string

// Notification kinds.
const (
	NotifyOpeningToReview  NotificationKind = "opening_to_review"
	NotifyOpeningApproved  NotificationKind = "opening_approved"
	NotifyOpeningReturned  NotificationKind = "opening_returned"
	NotifyInterest         NotificationKind = "interest"
	NotifyOpeningPaused    NotificationKind = "opening_paused"
	NotifyHoursDisputed    NotificationKind = "hours_disputed"
	NotifyReferenceWritten NotificationKind = "reference_written"
)

// Notification is one message in a user's list in the app: what happened,
// in Danish (and English for an employer who chose it), with a link to
// where to act. ReadAt is set when the user marked it read.
type Notification struct {
	ID        int64            `gorm:"primaryKey" json:"id"`
	UserID    int64            `gorm:"column:user_id" json:"-"`
	Kind      NotificationKind `gorm:"column:kind" json:"kind"`
	Text      string           `gorm:"column:text" json:"text"`
	TextEN    string           `gorm:"column:text_en" json:"text_en,omitempty"`
	Link      string           `gorm:"column:link" json:"link"`
	CreatedAt time.Time        `gorm:"column:created_at" json:"created_at"`
	ReadAt    *time.Time       `gorm:"column:read_at" json:"read_at"`
}
