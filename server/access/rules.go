package access

import "placering/models"

// rule decides one action on one kind. r.JobcentreID and r.CompanyID are 0
// for the kind as a whole.
type rule func(a actor, r Resource) error

// Search kinds: one per index, since employers may search only openings.
const (
	SearchOpenings          Kind = "search_openings"
	SearchCompanies         Kind = "search_companies"
	SearchVirksomhedscentre Kind = "search_virksomhedscentre"
)

// Mail is the mail outbox: the mailbox page where administrators read the
// mails the service wrote (all of them, when no mail server is set up).
const Mail Kind = "mail"

// OpeningReview is the jobcentre's review of an opening an employer posted
// for a subsidised scheme: Read is seeing it while it awaits review
// (til_godkendelse), Update approving it or sending it back, and only who
// may Update may publish (set open) such an opening without review.
const OpeningReview Kind = "opening_review"

// SettingsHistory is who changed which of a jobcentre's settings, and when.
const SettingsHistory Kind = "settings_history"

// Interest is an employer's interest in a candidate of their own opening
// (the row names the opening's jobcentre and company).
const Interest Kind = "interest"

// Reference is a placement's reference form (udtalelse): the company
// writes it, the jobcentre reads it.
const Reference Kind = "reference"

// Notification is one user's in-app message (Resource.UserID: its
// recipient); EmployerHome is an employer's home page (their company's
// profile, openings, candidates and placements in one view).
const (
	Notification Kind = "notification"
	EmployerHome Kind = "employer_home"
)

// rules is the permission matrix: kind → action → rule. A kind or action
// missing here is refused. access_test.go spells the same matrix out per
// role.
var rules = map[Kind]map[Action]rule{
	Jobcentre: {
		Read:    anyone,
		Create:  adminOnly("Kun administratorer kan oprette og ændre jobcentre."),
		Update:  adminOnly("Kun administratorer kan oprette og ændre jobcentre."),
		Archive: adminOnly("Kun administratorer kan oprette og ændre jobcentre."),
	},
	User: {
		Read:    staffInTenant("Kun jobcentrets medarbejdere kan se brugere.", "Brugeren hører til et andet jobcenter.", false),
		Create:  adminOnly("Kun administratorer kan oprette brugere."),
		Update:  adminOnly("Kun administratorer kan ændre brugere."),
		Archive: adminOnly("Kun administratorer kan deaktivere brugere."),
	},
	Company: {
		Read:    registerRead("Virksomheden findes ikke."),
		Create:  staffOnly("Kun jobcentrets medarbejdere kan oprette virksomheder."),
		Update:  companyEdit("Virksomheden hører til et andet jobcenter.", "Virksomheden findes ikke.", true),
		Archive: companyEdit("Virksomheden hører til et andet jobcenter.", "Kun jobcentret kan arkivere en virksomhed.", false),
	},
	Virksomhedscenter: {
		Read:    registerRead("Virksomhedscentret findes ikke."),
		Create:  staffOnly("Kun jobcentrets medarbejdere kan indgå aftaler om virksomhedscentre."),
		Update:  staffInTenant("Kun jobcentrets medarbejdere kan ændre virksomhedscentre.", "Virksomhedscentret hører til et andet jobcenter.", false),
		Archive: staffInTenant("Kun jobcentrets medarbejdere kan ændre virksomhedscentre.", "Virksomhedscentret hører til et andet jobcenter.", false),
	},
	Opening: {
		Read:    registerRead("Åbningen findes ikke."),
		Create:  openingCreate,
		Update:  companyEdit("Åbningen hører til et andet jobcenter.", "Åbningen findes ikke.", true),
		Archive: companyEdit("Åbningen hører til et andet jobcenter.", "Åbningen findes ikke.", true),
	},
	Citizen: {
		Read:    citizenRule,
		Create:  citizenRule,
		Update:  citizenRule,
		Archive: citizenRule,
		Erase:   citizenRule,
	},
	Placement: {
		Read:    hostedRead("Din rolle har ikke adgang til placeringer.", "Placeringen findes ikke."),
		Create:  staffInTenant("Kun jobcentrets medarbejdere kan oprette og ændre placeringer.", "Placeringen findes ikke.", true),
		Update:  staffInTenant("Kun jobcentrets medarbejdere kan oprette og ændre placeringer.", "Placeringen findes ikke.", true),
		Archive: staffInTenant("Kun jobcentrets medarbejdere kan oprette og ændre placeringer.", "Placeringen findes ikke.", true),
	},
	Hours: {
		Read:   hostedRead("Din rolle har ikke adgang til timeregistrering.", "Placeringen findes ikke."),
		Create: hostedRead("Din rolle har ikke adgang til timeregistrering.", "Placeringen findes ikke."),
		Update: hostedRead("Din rolle har ikke adgang til timeregistrering.", "Placeringen findes ikke."),
	},
	Match: {
		Read:   staffInTenant("Kun jobcentrets medarbejdere har adgang til matching.", "Matchet findes ikke.", true),
		Create: staffInTenant("Kun jobcentrets medarbejdere har adgang til matching.", "Matchet findes ikke.", true),
		Update: staffInTenant("Kun jobcentrets medarbejdere har adgang til matching.", "Matchet findes ikke.", true),
	},
	Candidates: {
		Read: candidatesRead,
	},
	Rules: {
		Read: rulesRead,
	},
	Settings: {
		Read:   staffInTenant("Kun jobcentrets medarbejdere kan se indstillingerne.", "Kun dit eget jobcenters indstillinger.", false),
		Update: adminOnly("Kun administratorer kan ændre matchingens vægte, regler, tærskler og frister."),
	},
	SettingsHistory: {
		Read: staffInTenant("Kun jobcentrets medarbejdere kan se, hvem der har ændret indstillingerne.", "Kun dit eget jobcenters indstillinger.", false),
	},
	Alert: {
		Read:   staffInTenant("Kun jobcentrets medarbejdere ser advarsler.", "Advarslen findes ikke.", true),
		Update: staffInTenant("Kun jobcentrets medarbejdere kan kvittere for advarsler.", "Advarslen findes ikke.", true),
	},
	Report: {
		Read: staffInTenant("Kun jobcentrets medarbejdere kan se rapporter.", "Kun dit eget jobcenters rapporter.", false),
	},
	Audit: {
		Read: staffInTenant("Kun jobcentrets medarbejdere kan se adgangsloggen.", "Kun dit eget jobcenters adgangslog.", false),
	},
	Mail: {
		Read: adminOnly("Kun administratorer kan læse postkassen."),
	},
	LoginConfig: {
		Read:   adminOnly("Kun administratorer kan se og ændre jobcentrets log ind-indstillinger."),
		Update: adminOnly("Kun administratorer kan se og ændre jobcentrets log ind-indstillinger."),
	},
	Invitation: {
		Read:    staffInTenant("Kun jobcentrets medarbejdere kan se invitationer.", "Invitationen findes ikke.", true),
		Create:  invite(false),
		Archive: invite(true),
	},
	Interest: {
		Read:   interestRule(true),
		Create: interestRule(false),
	},
	Reference: {
		Read:   hostedRead("Din rolle har ikke adgang til udtalelser.", "Placeringen findes ikke."),
		Update: referenceWrite,
	},
	HourConfirmation: {
		Create: hourConfirm,
	},
	Notification: {Read: ownRows, Update: ownRows},
	EmployerHome: {Read: employerHome},
	OpeningReview: {
		Read:   reviewRead,
		Update: staffInTenant("Kun jobcentrets konsulenter kan godkende åbninger og sende dem tilbage.", "Åbningen hører til et andet jobcenter.", false),
	},
	SearchOpenings:          {Read: searchRule},
	SearchCompanies:         {Read: searchRule},
	SearchVirksomhedscentre: {Read: searchRule},
}

func forbidden(msg string) error { return models.Forbidden(msg) }
func hidden(msg string) error    { return models.NotFound(msg) }

func anyone(actor, Resource) error { return nil }

func adminOnly(msg string) rule {
	return func(a actor, _ Resource) error {
		if a.admin() {
			return nil
		}
		return forbidden(msg)
	}
}

func staffOnly(msg string) rule {
	return func(a actor, _ Resource) error {
		if a.staff() {
			return nil
		}
		return forbidden(msg)
	}
}

// staffInTenant lets administrators act on every jobcentre's rows and
// consultants on their own jobcentre's. A row of another jobcentre is
// refused with other, as not found when hide is set (its existence would
// leak personal data).
func staffInTenant(role, other string, hide bool) rule {
	return func(a actor, r Resource) error {
		switch {
		case a.admin():
			return nil
		case !a.consultant():
			return forbidden(role)
		case a.inTenant(r.JobcentreID):
			return nil
		case hide:
			return hidden(other)
		}
		return forbidden(other)
	}
}

// registerRead is the shared register (companies, virksomhedscentre,
// openings): every role reads it, except that an employer sees only their
// own company's rows and another company's row is not found.
func registerRead(missing string) rule {
	return func(a actor, r Resource) error {
		if a.employer() && r.CompanyID != 0 && !a.ownsCompany(r.CompanyID) {
			return hidden(missing)
		}
		return nil
	}
}

// companyEdit lets administrators, consultants of the row's jobcentre and
// (when employers is set) the employer of the row's company change it.
// Another company's row is not found for an employer; other roles get
// refused.
func companyEdit(otherJobcentre, employerNo string, employers bool) rule {
	return func(a actor, r Resource) error {
		switch {
		case a.admin():
			return nil
		case a.consultant() && a.inTenant(r.JobcentreID):
			return nil
		case a.consultant():
			return forbidden(otherJobcentre)
		case a.employer() && employers && (r.CompanyID == 0 || a.ownsCompany(r.CompanyID)):
			return nil
		case a.employer() && employers:
			return hidden(employerNo)
		case a.employer():
			return forbidden(employerNo)
		}
		return forbidden("Din rolle kan ikke ændre virksomheder og åbninger.")
	}
}

func openingCreate(a actor, r Resource) error {
	switch {
	case a.admin():
		return nil
	case a.consultant() && a.inTenant(r.JobcentreID):
		return nil
	case a.consultant():
		return forbidden("Virksomheden hører til et andet jobcenter.")
	case a.employer() && (r.CompanyID == 0 || a.ownsCompany(r.CompanyID)):
		return nil
	case a.employer():
		return forbidden("Du kan kun oprette åbninger for din egen virksomhed.")
	}
	return forbidden("Din rolle kan ikke oprette åbninger.")
}

// citizenRule: only jobcentre staff see citizens, a consultant only their
// own jobcentre's; another jobcentre's citizen is not found.
var citizenRule = staffInTenant("Kun jobcentrets medarbejdere har adgang til borgere.", "Borgeren findes ikke.", true)

// hostedRead lets staff see their jobcentre's rows and an employer the rows
// of their own company (placements and hours of the people they host, the
// candidates for their own openings). Event staff see none.
func hostedRead(role, missing string) rule {
	return func(a actor, r Resource) error {
		switch {
		case a.admin():
			return nil
		case a.consultant() && a.inTenant(r.JobcentreID):
			return nil
		case a.consultant():
			return hidden(missing)
		case a.employer() && a.company != 0 && (r.CompanyID == 0 || a.ownsCompany(r.CompanyID)):
			return nil
		case a.employer() && a.company == 0:
			return forbidden("Din bruger er ikke knyttet til en virksomhed.")
		case a.employer():
			return hidden(missing)
		}
		return forbidden(role)
	}
}

// rulesRead: the rule table is no secret. Employers read it for their
// company's jobcentre (the resource names their company), consultants for
// their own jobcentre, administrators for any. Event staff have no part
// in matching.
func rulesRead(a actor, r Resource) error {
	switch {
	case a.admin():
		return nil
	case a.eventStaff():
		return forbidden("Eventpersonale har ikke adgang til matching.")
	case a.consultant() && a.inTenant(r.JobcentreID):
		return nil
	case a.employer() && (r.JobcentreID == 0 || a.ownsCompany(r.CompanyID)):
		return nil
	}
	return forbidden("Kun dit eget jobcenters regler.")
}

// searchRule: staff and event staff search every index; an employer only
// the openings index (the service scopes it to their company).
func searchRule(a actor, r Resource) error {
	switch {
	case a.staff(), a.eventStaff():
		return nil
	case a.employer() && r.Kind != SearchOpenings:
		return forbidden("Arbejdsgivere kan kun søge i egne åbninger.")
	case a.employer() && a.company == 0:
		return forbidden("Din bruger er ikke knyttet til en virksomhed.")
	case a.employer():
		return nil
	}
	return forbidden("Din rolle kan ikke søge.")
}

// candidatesRead: staff rank their own jobcentre's citizens for any opening
// of the shared marketplace; an employer sees the consenting candidates for
// their own company's openings only.
func candidatesRead(a actor, r Resource) error {
	switch {
	case a.staff():
		return nil
	case a.employer() && a.company != 0 && (r.CompanyID == 0 || a.ownsCompany(r.CompanyID)):
		return nil
	case a.employer() && a.company == 0:
		return forbidden("Din bruger er ikke knyttet til en virksomhed.")
	case a.employer():
		return hidden("Åbningen findes ikke.")
	}
	return forbidden("Din rolle kan ikke se kandidater.")
}

// invite: administrators invite anyone; a consultant invites employers
// (for companies of their own jobcentre) and event staff for their own
// jobcentre. For invitations as a whole (jobcentre 0, Role "") a
// consultant may, so the page and its link show. An existing invitation
// of another jobcentre is not found when hide is set (it names a person);
// a new one for another jobcentre's company is refused (the company
// register is shared, so that leaks nothing).
func invite(hide bool) rule {
	return func(a actor, r Resource) error {
		switch {
		case a.admin():
			return nil
		case !a.consultant():
			return forbidden("Din rolle kan ikke invitere brugere.")
		case !a.inTenant(r.JobcentreID) && hide:
			return hidden("Invitationen findes ikke.")
		case !a.inTenant(r.JobcentreID):
			return forbidden("Du kan kun invitere til dit eget jobcenter og dets virksomheder.")
		case r.Role == models.RoleAdmin || r.Role == models.RoleConsultant:
			return forbidden("Kun administratorer kan invitere konsulenter og administratorer.")
		}
		return nil
	}
}

// interestRule: only the employer of the opening's company shows interest
// in its candidates; they and (when staff is set, to read) the staff of
// the opening's jobcentre see the interests. Another company's opening is
// not found for an employer.
func interestRule(staff bool) rule {
	return func(a actor, r Resource) error {
		switch {
		case staff && a.admin():
			return nil
		case staff && a.consultant() && a.inTenant(r.JobcentreID):
			return nil
		case a.employer() && a.company != 0 && (r.CompanyID == 0 || a.ownsCompany(r.CompanyID)):
			return nil
		case a.employer() && a.company == 0:
			return forbidden("Din bruger er ikke knyttet til en virksomhed.")
		case a.employer():
			return hidden("Åbningen findes ikke.")
		}
		return forbidden("Kun arbejdsgiveren bag åbningen kan vise interesse for en kandidat.")
	}
}

// referenceWrite: the reference is the company's own statement, so only an
// employer of the placement's company writes it (the jobcentre reads it).
// Another company's placement is not found.
func referenceWrite(a actor, r Resource) error {
	switch {
	case a.employer() && a.company == 0:
		return forbidden("Din bruger er ikke knyttet til en virksomhed.")
	case a.employer() && (r.CompanyID == 0 || a.ownsCompany(r.CompanyID)):
		return nil
	case a.employer():
		return hidden("Placeringen findes ikke.")
	case a.consultant() && !a.inTenant(r.JobcentreID):
		return hidden("Placeringen findes ikke.")
	}
	return forbidden("Udtalelsen skrives af virksomheden, hvor borgeren var placeret.")
}

// ownRows: every logged-in user reads and marks their own rows (their
// notifications); for the kind as a whole (UserID 0) the service scopes
// the query to the user. Another user's row is not found, whatever the
// role: notifications can name what happened at a company or to a case.
func ownRows(a actor, r Resource) error {
	if r.UserID == 0 || r.UserID == a.id {
		return nil
	}
	return hidden("Beskeden findes ikke.")
}

// employerHome: the employer home is an employer's own company's page;
// other roles have their own start pages.
func employerHome(a actor, r Resource) error {
	switch {
	case !a.employer():
		return forbidden("Forsiden for arbejdsgivere er kun for arbejdsgivere.")
	case a.company == 0:
		return forbidden("Din bruger er ikke knyttet til en virksomhed.")
	case r.CompanyID != 0 && !a.ownsCompany(r.CompanyID):
		return hidden("Virksomheden findes ikke.")
	}
	return nil
}

// reviewRead: an opening awaiting review is seen by its company's
// employers and its jobcentre's staff; to everyone else it does not exist.
func reviewRead(a actor, r Resource) error {
	if a.admin() || a.consultant() && a.inTenant(r.JobcentreID) || a.ownsCompany(r.CompanyID) {
		return nil
	}
	return hidden("Åbningen findes ikke.")
}
