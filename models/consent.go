package models

import "time"

// CitizenConsent is a citizen's consent to be shown to employers for one
// kind of opening: an anonymous candidate on that kind's openings only
// (a fleksjob list never shows someone who consented only to praktik, or
// only in general). GivenAt is when it was recorded, RecordedBy the user
// who recorded it. A withdrawn consent is deleted.
type CitizenConsent struct {
	CitizenID  int64     `json:"-" gorm:"primaryKey;autoIncrement:false"`
	Kind       Kind      `json:"kind" gorm:"primaryKey"`
	GivenAt    time.Time `json:"given_at"`
	RecordedBy int64     `json:"recorded_by"`
}

// TableName names the consent table.
func (CitizenConsent) TableName() string { return "citizen_consents" }
