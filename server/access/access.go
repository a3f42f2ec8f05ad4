// Package access decides who may read or change what, and which jobcentres
// and company a user's queries are scoped to. It is the only place that
// decides access: server/app asks it before every read and write, and the
// handler layers ask it only to decide which links and buttons to draw.
//
// It is pure: functions over the actor (a *models.User) and a Resource (a
// kind of thing, and for one row the jobcentre and company it belongs to).
// No database, no HTTP. It imports only placering/models.
//
// Denials are *models.Error values with a Danish message: EForbidden when
// the user may know the row exists, ENotFound where even that would leak
// (another jobcentre's citizen, another company's placement).
package access

import "placering/models"

// Action is what a user wants to do with a resource.
type Action string

// The actions.
const (
	Read    Action = "read"    // see one row, or list rows of a kind
	Create  Action = "create"  // add a row
	Update  Action = "update"  // change a row (hours, a match's state, settings)
	Archive Action = "archive" // hide a row from lists; its history stays
	Erase   Action = "erase"   // anonymise a row's personal data for good (GDPR art. 17)
)

// Kind is a kind of resource.
type Kind string

// The kinds of resource.
const (
	Jobcentre         Kind = "jobcentre"
	User              Kind = "user"
	Company           Kind = "company"
	Virksomhedscenter Kind = "virksomhedscenter"
	Opening           Kind = "opening"
	Citizen           Kind = "citizen"
	Placement         Kind = "placement"
	Hours             Kind = "hours"      // a placement's weekly hours
	Match             Kind = "match"      // match records, proposals and batch assignment
	Candidates        Kind = "candidates" // the ranked citizens for one opening
	Rules             Kind = "rules"      // the eligibility rule table
	Settings          Kind = "settings"   // a jobcentre's matching and progression settings
	Alert             Kind = "alert"
	Report            Kind = "report"
	Search            Kind = "search" // the search indexes (companies, openings, virksomhedscentre)
	Audit             Kind = "audit"
	LoginConfig       Kind = "login_config" // a jobcentre's login through its identity provider (OIDC)
	Invitation        Kind = "invitation"   // an invitation to become a user (Resource.Role: the role invited)
)

// Resource is what an action is on. For a kind as a whole (a list, a page,
// a new row before its tenant is known) JobcentreID and CompanyID are 0.
// For one row, JobcentreID is its tenant and CompanyID the company it
// belongs to (a company's own id for a company).
type Resource struct {
	Kind        Kind
	JobcentreID int64
	CompanyID   int64
	// Role is, for an invitation, the role it invites to ("" for
	// invitations as a whole).
	Role models.Role
	// UserID is, for a row that belongs to one user (a notification),
	// that user (0 for the kind as a whole).
	UserID int64
}

// Of returns the kind as a whole.
func Of(k Kind) Resource { return Resource{Kind: k} }

// Row returns one row of kind k that belongs to jobcentre jc and company
// companyID (0 when it belongs to none).
func Row(k Kind, jc, companyID int64) Resource {
	return Resource{Kind: k, JobcentreID: jc, CompanyID: companyID}
}

// Invite returns an invitation to role for jobcentre jc and company
// companyID (0 when none).
func Invite(role models.Role, jc, companyID int64) Resource {
	return Resource{Kind: Invitation, JobcentreID: jc, CompanyID: companyID, Role: role}
}

// Can returns nil when u may do a on r, and otherwise a *models.Error with
// code EForbidden or ENotFound and a Danish message. A nil user may do
// nothing.
func Can(u *models.User, a Action, r Resource) error {
	if u == nil || u.Archived() {
		return &models.Error{Code: models.EUnauthenticated, Message: models.DefaultMessage(models.EUnauthenticated)}
	}
	if u.MustChangePassword {
		return ErrPasswordChange
	}
	byAction, ok := rules[r.Kind]
	if !ok {
		return models.Forbidden("Din rolle giver ikke adgang til dette.")
	}
	rule, ok := byAction[a]
	if !ok {
		return models.Forbidden("Handlingen findes ikke for denne slags data.")
	}
	return rule(actorOf(u), r)
}

// ErrPasswordChange refuses everything to a user who logged in with a
// generated one-time password until they have chosen their own.
var ErrPasswordChange = &models.Error{Code: models.EPasswordChange, Message: "Du er logget ind med en engangsadgangskode. " +
	"Vælg din egen adgangskode, før du fortsætter (PUT /api/v1/me/password eller siden Skift adgangskode)."}

// Allowed reports whether Can returns nil; for deciding which links and
// buttons to draw.
func Allowed(u *models.User, a Action, r Resource) bool { return Can(u, a, r) == nil }

// actor is the part of a user the rules read.
type actor struct {
	id        int64
	role      models.Role
	jobcentre int64 // 0: none
	company   int64 // 0: none
}

func actorOf(u *models.User) actor {
	a := actor{id: u.ID, role: u.Role}
	if u.JobcentreID != nil {
		a.jobcentre = *u.JobcentreID
	}
	if u.CompanyID != nil {
		a.company = *u.CompanyID
	}
	return a
}

func (a actor) admin() bool      { return a.role == models.RoleAdmin }
func (a actor) consultant() bool { return a.role == models.RoleConsultant }
func (a actor) employer() bool   { return a.role == models.RoleEmployer }
func (a actor) eventStaff() bool { return a.role == models.RoleEventStaff }
func (a actor) staff() bool      { return a.admin() || a.consultant() }

// ownsCompany reports whether an employer belongs to company id.
func (a actor) ownsCompany(id int64) bool { return a.employer() && a.company != 0 && a.company == id }

// inTenant reports whether a row of jobcentre jc lies in the actor's
// jobcentre; a kind as a whole (jc 0) does.
func (a actor) inTenant(jc int64) bool { return jc == 0 || a.jobcentre != 0 && a.jobcentre == jc }
