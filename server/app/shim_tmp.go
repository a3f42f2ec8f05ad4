package app

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"placering/models"
)

// TEMPORARY: role predicates for the files not yet moved onto server/access.

func isAdmin(u Actor) bool                 { return u.Role == models.RoleAdmin }
func isConsultant(u Actor) bool            { return u.Role == models.RoleConsultant }
func isEmployer(u Actor) bool              { return u.Role == models.RoleEmployer }
func sameJobcentre(u Actor, id int64) bool { return u.JobcentreID != nil && *u.JobcentreID == id }
func ownCompany(u Actor, companyID int64) bool {
	return isEmployer(u) && u.CompanyID != nil && *u.CompanyID == companyID
}
func forbid(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	r, n := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[n:]
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return models.Forbidden(msg)
}
