package access

// HourConfirmation is an employer's confirmation or dispute of a week's
// hours at a placement their company hosts.
const HourConfirmation Kind = "hour_confirmation"

// hourConfirm: only the employer hosting the placement confirms or
// disputes its hours (the employer's login is also what the workplace
// mentor uses). Jobcentre staff enter hours but cannot confirm them on
// the employer's behalf, or a confirmation would prove nothing. Another
// company's placement, like another jobcentre's, is not found.
func hourConfirm(a actor, r Resource) error {
	switch {
	case a.employer() && a.company != 0 && (r.CompanyID == 0 || a.ownsCompany(r.CompanyID)):
		return nil
	case a.employer() && a.company == 0:
		return forbidden("Din bruger er ikke knyttet til en virksomhed.")
	case a.employer():
		return hidden("Placeringen findes ikke.")
	case a.consultant() && !a.inTenant(r.JobcentreID):
		return hidden("Placeringen findes ikke.")
	}
	return forbidden("Kun arbejdsgiveren, der har borgeren i placering, kan bekræfte eller bestride timerne.")
}
