package models

import "time"

// Filters select rows for the list calls of the service and the store.
// Zero fields do not filter.

// Page selects one page of a sorted list. The zero Page is the first
// DefaultPerPage rows in the list's default order.
type Page struct {
	Page    int    // 1-based; 0 means 1
	PerPage int    // 0 means DefaultPerPage; capped at MaxPerPage
	Sort    string // a field name, "-" in front for descending; "" for default
}

// The fields each list sorts by; a "-" in front sorts descending. The store
// sorts by exactly these, and the API documents and checks them.
var (
	CompanySorts           = []string{"id", "name", "town", "branch", "created_at", "updated_at"}
	VirksomhedscenterSorts = []string{"id", "valid_from", "valid_to", "seats", "created_at"}
	OpeningSorts           = []string{"id", "title", "start_date", "created_at", "updated_at", "hours_max", "seats"}
	CitizenSorts           = []string{"id", "name", "target_group", "group_entered_on", "created_at", "updated_at"}
	MatchSorts             = []string{"id", "score", "state_changed_at", "created_at"}
	PlacementSorts         = []string{"id", "start_date", "end_date", "status", "created_at", "updated_at"}
	AuditSorts             = []string{"id", "at"}
)

// Paging limits.
const (
	DefaultPerPage = 50
	MaxPerPage     = 200
	// MaxPage bounds the page number, so that the row offset stays far
	// from overflowing (a huge page wrapped round to the first page on
	// SQLite and failed on PostgreSQL).
	MaxPage = 100_000
)

// Normalized returns p with defaults and caps applied.
func (p Page) Normalized() Page {
	if p.Page < 1 {
		p.Page = 1
	}
	if p.PerPage <= 0 {
		p.PerPage = DefaultPerPage
	}
	if p.PerPage > MaxPerPage {
		p.PerPage = MaxPerPage
	}
	if p.Page > MaxPage {
		p.Page = MaxPage
	}
	return p
}

// CompanyFilter selects companies. Zero fields do not filter.
type CompanyFilter struct {
	Page
	Q               string   // substring of name, CVR or town
	Branches        []string // any of
	Town            string
	JobcentreID     int64
	ID              int64 // only this company (an employer's view)
	IncludeArchived bool
}

// VirksomhedscenterFilter selects virksomhedscentre.
type VirksomhedscenterFilter struct {
	Page
	Q               string // substring of the company's name or town, or the virksomhedscenter's notes
	CompanyID       int64
	JobcentreID     int64
	TargetGroup     string // takes this group
	ActiveOn        Date
	IncludeArchived bool
}

// OpeningFilter selects openings.
type OpeningFilter struct {
	Page
	Q               string // substring of title or tasks
	Kinds           []string
	Branches        []string
	Statuses        []string
	CompanyID       int64
	JobcentreID     int64
	IncludeArchived bool
	// HideToReview leaves out openings awaiting review (til_godkendelse),
	// except those of jobcentre ToReviewOf when it is not 0: only their
	// company and their jobcentre's staff see them.
	HideToReview bool
	ToReviewOf   int64
}

// CitizenFilter selects citizens. Callers must set JobcentreID for anyone
// but an administrator: citizens never cross a tenant boundary.
type CitizenFilter struct {
	Page
	Q               string // substring of name
	TargetGroups    []string
	JobcentreID     int64
	ConsultantID    int64
	IncludeArchived bool
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	Page
	UserID      int64
	Entity      string
	EntityID    int64 // entries naming this id
	JobcentreID int64
}

// MatchFilter selects match records.
type MatchFilter struct {
	Page
	JobcentreID  int64
	CitizenID    int64
	OpeningID    int64
	CompanyID    int64
	ConsultantID int64
	States       []string
	Kinds        []string // the opening's kind
	Branches     []string // the opening's branch
	// StalledBefore, when not nil, keeps only open matches whose state has
	// not changed since their jobcentre's cutoff (jobcentre id → cutoff);
	// each jobcentre sets its own limit. Jobcentres missing from the map
	// have no stalled matches.
	StalledBefore map[int64]time.Time
}

// PlacementFilter selects placements. Zero fields do not filter.
type PlacementFilter struct {
	Page
	JobcentreID int64
	CitizenID   int64
	CompanyID   int64
	OpeningID   int64
	// ConsultantID keeps the placements of the citizens this consultant
	// is responsible for.
	ConsultantID int64
	// LiveCitizens keeps the placements of citizens who are not archived.
	LiveCitizens bool
	Statuses     []string
	Kinds        []string
	// ActiveOn keeps placements under way on the day: planned or active,
	// started by then and not past their planned end.
	ActiveOn        Date
	IncludeArchived bool
}

// UniqueIDs returns ids without repeats, keeping the first of each in order.
func UniqueIDs(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
