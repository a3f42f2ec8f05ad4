package models

import (
	"encoding/json"
	"time"
)

// Each entity is split in two: the fields a user may write (…Fields, which
// is also what the API and the forms decode into) and the row around them
// (id, tenant, stamps). Decoding a PATCH body onto a copy of the stored
// …Fields gives partial update for free, and keeps ids and stamps out of reach.

// Stamp records when a row was made and last changed, and by which user.
// ArchivedAt set means archived: hidden from lists, kept for history.
type Stamp struct {
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	CreatedBy  *int64     `json:"created_by,omitempty"`
	UpdatedBy  *int64     `json:"updated_by,omitempty"`
	ArchivedAt *time.Time `json:"archived_at,omitempty"`
}

// Archived reports whether the row is archived.
func (s Stamp) Archived() bool { return s.ArchivedAt != nil }

// Jobcentre is the tenant: one municipality's jobcentre.
type Jobcentre struct {
	ID             int64  `json:"id" gorm:"primaryKey"`
	MunicipalityNo string `json:"municipality_no"`
	Name           string `json:"name"`
	Stamp
}

// User is a person who logs in. Consultants and event staff belong to a
// jobcentre; an employer belongs to exactly one company.
type User struct {
	ID           int64  `json:"id" gorm:"primaryKey"`
	Email        string `json:"email"`
	Name         string `json:"name"`
	PasswordHash string `json:"-"`
	Role         Role   `json:"role"`
	JobcentreID  *int64 `json:"jobcentre_id,omitempty"`
	CompanyID    *int64 `json:"company_id,omitempty"`
	// SessionsValidAfter ends the sessions and tokens from before it: a
	// password change or a deactivation sets it.
	SessionsValidAfter *time.Time `json:"-" gorm:"column:sessions_valid_after"`
	// MustChangePassword is set for a user whose password someone else
	// chose: generated for the first administrator, or set by an
	// administrator through POST /api/v1/users. Until they choose their
	// own, they may do nothing else. Changing the password clears it.
	MustChangePassword bool `json:"must_change_password"`
	// LastLoginAt is when the user last logged in with their password.
	LastLoginAt *time.Time `json:"last_login_at"`
	// Active is false for a deactivated user; it is not stored but said by
	// ArchivedAt (MarshalJSON fills it in).
	Active bool `json:"active" gorm:"-"`
	Stamp
}

// MarshalJSON writes the user with active said by ArchivedAt, so that
// every answer that carries a user tells whether it may log in.
func (u User) MarshalJSON() ([]byte, error) {
	type plain User
	p := plain(u)
	p.Active = u.ArchivedAt == nil
	return json.Marshal(p)
}

// Contact is a contact person at a company.
type Contact struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// CompanyFields are the writable fields of a company.
type CompanyFields struct {
	CVR      string        `json:"cvr" gorm:"column:cvr"`
	Name     string        `json:"name"`
	Branch   string        `json:"branch"`
	Address  string        `json:"address"`
	Postcode string        `json:"postcode"`
	Town     string        `json:"town"`
	Lat      float64       `json:"lat"`
	Lon      float64       `json:"lon"`
	Contacts List[Contact] `json:"contacts"`
	Notes    string        `json:"notes"`
}

// Company is an employer that hosts placements. Companies form a shared
// register: every consultant can find them, only the owning jobcentre edits.
type Company struct {
	ID          int64 `json:"id" gorm:"primaryKey"`
	JobcentreID int64 `json:"jobcentre_id"`
	CompanyFields
	Stamp
}

// Mentor is a named mentor at a virksomhedscenter's workplace.
type Mentor struct {
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
}

// VirksomhedscenterFields are the writable fields of an virksomhedscenter.
type VirksomhedscenterFields struct {
	CompanyID    int64             `json:"company_id"`
	ValidFrom    Date              `json:"valid_from"`
	ValidTo      Date              `json:"valid_to"`
	Seats        int               `json:"seats"`
	TargetGroups List[TargetGroup] `json:"target_groups"`
	Mentors      List[Mentor]      `json:"mentors"`
	ConsultantID *int64            `json:"consultant_id"`
	Notes        string            `json:"notes"`
}

// Virksomhedscenter is a company with a standing virksomhedscenter to host several
// citizens of the given target groups with mentor support.
type Virksomhedscenter struct {
	ID          int64 `json:"id" gorm:"primaryKey"`
	JobcentreID int64 `json:"jobcentre_id"`
	VirksomhedscenterFields
	Stamp
}

// TableName keeps the Danish plural the API uses.
func (Virksomhedscenter) TableName() string { return "virksomhedscentre" }

// OpeningFields are the writable fields of an opening.
type OpeningFields struct {
	CompanyID       int64          `json:"company_id"`
	Kind            Kind           `json:"kind"`
	Title           string         `json:"title"`
	Tasks           string         `json:"tasks"`
	Branch          string         `json:"branch"`
	Address         string         `json:"address"`
	Postcode        string         `json:"postcode"`
	Town            string         `json:"town"`
	Lat             float64        `json:"lat"`
	Lon             float64        `json:"lon"`
	HoursMin        float64        `json:"hours_min"`
	HoursMax        float64        `json:"hours_max"`
	Seats           int            `json:"seats"`
	StartDate       Date           `json:"start_date"`
	DurationWeeks   int            `json:"duration_weeks"`
	DanishLevel     DanishLevel    `json:"danish_level"`
	DriversLicence  bool           `json:"drivers_licence"`
	PhysicalDemands PhysicalDemand `json:"physical_demands"`
	MentorAvailable bool           `json:"mentor_available"`
	Status          OpeningStatus  `json:"status"`
	// MaxReferrals, when set, pauses the opening (status pauset) once
	// that many of its matches have reached kontaktet or beyond.
	MaxReferrals *int `json:"max_referrals" gorm:"column:max_referrals"`
}

// Opening (åbning) is a place at a company under one scheme.
type Opening struct {
	ID          int64  `json:"id" gorm:"primaryKey"`
	JobcentreID int64  `json:"jobcentre_id"`
	PostedBy    *int64 `json:"posted_by,omitempty"`
	OpeningFields
	Stamp
	// Review is the jobcentre's latest review of the opening (absent when
	// it was never reviewed); loaded by the service.
	Review *OpeningReview `json:"review,omitempty" gorm:"-"`
}

// CitizenFields are the writable fields of a citizen, except the CPR number,
// which is write-only and travels separately (see app.CitizenInput).
type CitizenFields struct {
	Name           string      `json:"name"`
	Email          string      `json:"email"`
	Phone          string      `json:"phone"`
	TargetGroup    TargetGroup `json:"target_group"`
	GroupEnteredOn Date        `json:"group_entered_on"`
	ArrivalDate    Date        `json:"arrival_date"`
	GoalBranch     string      `json:"goal_branch"`
	GoalTitle      string      `json:"goal_title"`
	DanishLevel    DanishLevel `json:"danish_level"`
	DriversLicence bool        `json:"drivers_licence"`
	Lat            float64     `json:"lat"`
	Lon            float64     `json:"lon"`
	MaxCommuteKm   float64     `json:"max_commute_km"`
	HoursCapacity  float64     `json:"hours_capacity"`
	ConsentShare   bool        `json:"consent_share"`
	ConsultantID   *int64      `json:"consultant_id"`
}

// Citizen is a person the jobcentre helps toward work. The CPR number is
// kept only as ciphertext plus a keyed hash for look-up (see server/cpr);
// CPRMasked ("DDMMYY-XXXX") is all that is ever shown.
type Citizen struct {
	ID          int64  `json:"id" gorm:"primaryKey"`
	JobcentreID int64  `json:"jobcentre_id"`
	CPRMasked   string `json:"cpr_masked" gorm:"column:cpr_masked"`
	CPRHash     string `json:"-" gorm:"column:cpr_hash"`
	CPRCipher   string `json:"-" gorm:"column:cpr_cipher"`
	BirthDate   Date   `json:"birth_date"`
	CitizenFields
	Stamp
	// ErasedAt is set when the citizen's personal data was erased (GDPR
	// art. 17): the row stays, anonymous, for counts; it is never shown.
	ErasedAt *time.Time `json:"-"`
	// Consents are the kinds of opening the citizen consented to be shown
	// to employers for (loaded by the service; null where not loaded).
	Consents []CitizenConsent `json:"consents" gorm:"-"`
}

// AuditEntry attributes an action on personal data to a user. Reads of
// citizens are logged once per request, at the handler that serves them.
type AuditEntry struct {
	ID          int64     `json:"id" gorm:"primaryKey"`
	At          time.Time `json:"at"`
	UserID      int64     `json:"user_id"`
	JobcentreID *int64    `json:"jobcentre_id,omitempty"`
	Action      string    `json:"action"`
	Entity      string    `json:"entity"`
	EntityIDs   string    `json:"entity_ids"`
	Route       string    `json:"route"`
	RemoteIP    string    `json:"remote_ip" gorm:"column:remote_ip"`
	// Reason is why, for an action that needs one (an erasure).
	Reason string `json:"reason,omitempty"`
}

// TableName names the audit table.
func (AuditEntry) TableName() string { return "audit_log" }

// APIToken is a bearer token for API clients. Only a hash is stored.
type APIToken struct {
	ID         int64      `gorm:"primaryKey"`
	UserID     int64      `gorm:"column:user_id"`
	TokenHash  string     `gorm:"column:token_hash"`
	Name       string     `gorm:"column:name"`
	CreatedAt  time.Time  `gorm:"column:created_at"`
	ExpiresAt  time.Time  `gorm:"column:expires_at"`
	LastUsedAt *time.Time `gorm:"column:last_used_at"`
}

// TableName names the token table.
func (APIToken) TableName() string { return "api_tokens" }
