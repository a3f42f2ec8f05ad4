package access

import "placering/models"

// Scope is the part of the data a user's queries reach: every jobcentre
// (administrators), one jobcentre (consultants and event staff), or one
// company (employers). A user tied to nothing reaches nothing.
type Scope struct {
	All         bool  // every jobcentre
	JobcentreID int64 // the one jobcentre; 0 for none
	CompanyID   int64 // an employer's company; 0 for none
	Employer    bool  // the scope is CompanyID, not a jobcentre
}

// ScopeOf returns the scope of u's queries.
func ScopeOf(u *models.User) Scope {
	a := actorOf(u)
	switch {
	case a.admin():
		return Scope{All: true}
	case a.employer():
		return Scope{Employer: true, CompanyID: a.company}
	}
	return Scope{JobcentreID: a.jobcentre}
}

// Empty reports whether the scope reaches no rows at all.
func (s Scope) Empty() bool {
	return !s.All && s.JobcentreID == 0 && s.CompanyID == 0
}

// Includes reports whether rows of jobcentre jc lie in the scope. An
// employer's scope is a company, not a jobcentre, so it includes none.
func (s Scope) Includes(jc int64) bool { return s.All || s.JobcentreID != 0 && s.JobcentreID == jc }

// ListJobcentre returns the jobcentre a list is filtered to: the one asked
// for (0: all) for an administrator, the user's own otherwise. ok is false
// when the scope reaches no jobcentre, and the list is then empty.
func (s Scope) ListJobcentre(asked int64) (jc int64, ok bool) {
	switch {
	case s.All:
		return asked, true
	case s.JobcentreID != 0:
		return s.JobcentreID, true
	}
	return 0, false
}

// Jobcentre decides which one jobcentre a jobcentre-wide call (settings,
// alerts, reports, batch assignment) is about: for an administrator the one
// asked for, which must be named; for others their own, and asking for
// another is refused.
func (s Scope) Jobcentre(asked int64) (int64, error) {
	switch {
	case s.All && asked != 0:
		return asked, nil
	case s.All:
		var errs models.FieldErrors
		errs.Add("jobcentre_id", "Vælg jobcenter.")
		return 0, errs
	case s.JobcentreID != 0 && (asked == 0 || asked == s.JobcentreID):
		return s.JobcentreID, nil
	case s.JobcentreID != 0:
		return 0, models.Forbidden("Du har kun adgang til dit eget jobcenter.")
	}
	return 0, models.Forbidden("Din bruger er ikke knyttet til et jobcenter.")
}

// Tenant decides which jobcentre a new row belongs to: for an administrator
// the one named in the input (which must be named), for others their own,
// and naming another is a field error. what names the rows in the message
// ("virksomheder", "borgere").
func Tenant(u *models.User, requested *int64, what string) (int64, models.FieldErrors) {
	var errs models.FieldErrors
	s := ScopeOf(u)
	switch {
	case s.All && requested == nil:
		errs.Add("jobcentre_id", "Vælg jobcenter.")
		return 0, errs
	case s.All:
		return *requested, nil
	case s.JobcentreID == 0:
		errs.Add("jobcentre_id", "Din bruger er ikke knyttet til et jobcenter.")
		return 0, errs
	case requested != nil && *requested != s.JobcentreID:
		errs.Add("jobcentre_id", "Du kan kun oprette %s i dit eget jobcenter.", what)
	}
	return s.JobcentreID, errs
}

// SeesInternalNotes reports whether u reads the jobcentre's own working
// notes (about a company, a virksomhedscenter, a week's hours): staff of a
// jobcentre and administrators do; employers and event staff do not.
func SeesInternalNotes(u *models.User) bool {
	return u != nil && (u.Role == models.RoleAdmin || u.Role == models.RoleConsultant)
}
