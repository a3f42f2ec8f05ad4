package models

import "time"

// AlertAck records that a consultant has seen a computed alert and what
// they did. Alerts are not stored (they are derived from placements and
// hours each time), so the acknowledgement is keyed by the alert's stable
// key; an alert whose key has an acknowledgement is shown as handled.
type AlertAck struct {
	ID          int64     `json:"id" gorm:"primaryKey"`
	JobcentreID int64     `json:"jobcentre_id"`
	AlertKey    string    `json:"alert_key"`
	Kind        string    `json:"kind"`
	CitizenID   int64     `json:"citizen_id"`
	Note        string    `json:"note"`
	AckedBy     int64     `json:"acked_by"`
	AckedAt     time.Time `json:"acked_at"`
}

// TableName names the acknowledgements table.
func (AlertAck) TableName() string { return "alert_acks" }
