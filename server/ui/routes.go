package ui

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// guard is the middleware a UI route runs behind.
type guard int

const (
	// bare: no middleware (the embedded static files).
	bare guard = iota
	// withSession: no-store headers, CSRF check and the session, but no
	// login required (the login and logout forms).
	withSession
	// loggedIn: as withSession, and a logged-in user is required; anonymous
	// visitors are sent to the login page.
	loggedIn
)

// route is one UI page or form action.
type route struct {
	method, path string
	handler      echo.HandlerFunc
	guard        guard
}

// routes is every route of the browser UI, in the order they are mounted.
func (h *Handler) routes() []route {
	const get, head, post = http.MethodGet, http.MethodHead, http.MethodPost
	return []route{
		{get, "/static/*", static, bare},
		{head, "/static/*", static, bare},

		{get, "/login", h.loginPage, withSession},
		{post, "/login", h.login, withSession},
		{post, "/logout", h.logout, withSession},
		{post, "/sprog", h.setLang, withSession},
		{get, "/", h.home, loggedIn},

		// Companies.
		{get, "/virksomheder", h.companyList, loggedIn},
		{get, "/virksomheder/ny", h.companyNew, loggedIn},
		{post, "/virksomheder", h.companyCreate, loggedIn},
		{get, "/virksomheder/:id", h.companyShow, loggedIn},
		{get, "/virksomheder/:id/rediger", h.companyEdit, loggedIn},
		{post, "/virksomheder/:id/rediger", h.companyUpdate, loggedIn},
		{get, "/virksomheder/:id/arkiver", h.companyArchiveForm, loggedIn},
		{post, "/virksomheder/:id/arkiver", h.companyArchive, loggedIn},

		// Virksomhedscentre.
		{get, "/virksomhedscentre", h.virksomhedscenterList, loggedIn},
		{get, "/virksomhedscentre/ny", h.virksomhedscenterNew, loggedIn},
		{post, "/virksomhedscentre", h.virksomhedscenterCreate, loggedIn},
		{get, "/virksomhedscentre/:id", h.virksomhedscenterShow, loggedIn},
		{get, "/virksomhedscentre/:id/rediger", h.virksomhedscenterEdit, loggedIn},
		{post, "/virksomhedscentre/:id/rediger", h.virksomhedscenterUpdate, loggedIn},
		{get, "/virksomhedscentre/:id/arkiver", h.virksomhedscenterArchiveForm, loggedIn},
		{post, "/virksomhedscentre/:id/arkiver", h.virksomhedscenterArchive, loggedIn},

		// Openings.
		{get, "/aabninger", h.openingList, loggedIn},
		{get, reviewQueuePath, h.reviewQueue, loggedIn},                // reviews.go
		{post, "/aabninger/:id/gennemgang", h.openingReview, loggedIn}, // reviews.go
		{get, "/aabninger/ny", h.openingNew, loggedIn},
		{post, "/aabninger", h.openingCreate, loggedIn},
		{get, "/aabninger/:id", h.openingShow, loggedIn},
		{get, "/aabninger/:id/rediger", h.openingEdit, loggedIn},
		{post, "/aabninger/:id/rediger", h.openingUpdate, loggedIn},
		{get, "/aabninger/:id/arkiver", h.openingArchiveForm, loggedIn},
		{post, "/aabninger/:id/arkiver", h.openingArchive, loggedIn},

		// Citizens.
		{get, "/borgere", h.citizenList, loggedIn},
		{get, "/borgere/ny", h.citizenNew, loggedIn},
		{post, "/borgere", h.citizenCreate, loggedIn},
		{get, "/borgere/:id", h.citizenShow, loggedIn},
		{get, "/borgere/:id/rediger", h.citizenEdit, loggedIn},
		{post, "/borgere/:id/rediger", h.citizenUpdate, loggedIn},
		{get, "/borgere/:id/arkiver", h.citizenArchiveForm, loggedIn},
		{post, "/borgere/:id/arkiver", h.citizenArchive, loggedIn},
		{get, "/borgere/:id/slet", h.citizenEraseForm, loggedIn},
		{post, "/borgere/:id/slet", h.citizenErase, loggedIn},
		{get, "/borgere/:id/adgangslog", h.citizenAccessLog, loggedIn},
		{get, "/borgere/:id/udtraek", h.citizenExtract, loggedIn},

		{get, passwordPath, h.passwordForm, loggedIn},
		{post, passwordPath, h.passwordChange, loggedIn},

		{get, searchPath, h.search, loggedIn},
		{get, citizenOptionsPath, h.citizenOptions, loggedIn},

		// Matching: the board, a citizen's proposals, an opening's candidates.
		{get, boardPath, h.board, loggedIn},
		{post, boardPath + "/:id/flyt", h.boardMove, loggedIn},
		{get, "/borgere/:id/forslag", h.proposals, loggedIn},
		{post, "/borgere/:id/forslag", h.proposalCreate, loggedIn},
		{get, "/aabninger/:id/kandidater", h.candidates, loggedIn},
		{post, "/aabninger/:id/kandidater", h.candidateCreate, loggedIn},
		{post, "/aabninger/:id/interesse", h.interestCreate, loggedIn}, // interests.go
		{post, "/aabninger/:id/genaabn", h.openingReopen, loggedIn},

		// Placements, weekly hours, progression, alerts and reports.
		{get, placementPath, h.placementList, loggedIn},
		{get, placementPath + "/ny", h.placementNew, loggedIn},
		{get, placementPath + "/aabningsvalg", h.openingOptions, loggedIn},
		{post, placementPath, h.placementCreate, loggedIn},
		{get, placementPath + "/:id", h.placementShow, loggedIn},
		{get, placementPath + "/:id/rediger", h.placementEdit, loggedIn},
		{post, placementPath + "/:id/rediger", h.placementUpdate, loggedIn},
		{post, placementPath + "/:id/status", h.placementStart, loggedIn},
		{get, placementPath + "/:id/afslut", h.placementEndForm, loggedIn},
		{post, placementPath + "/:id/afslut", h.placementEnd, loggedIn},
		{get, placementPath + "/:id/uger/:week", h.placementWeek, loggedIn},
		{post, placementPath + "/:id/uger/:week", h.placementWeekSave, loggedIn},
		{get, placementPath + "/:id/udtalelse", h.referencePage, loggedIn},
		{post, placementPath + "/:id/udtalelse", h.referenceSave, loggedIn},
		{get, placementPath + "/:id/udtalelse/print", h.referencePrint, loggedIn},
		{get, placementPath + "/:id/udtalelse.pdf", h.referencePDF, loggedIn},
		{get, hoursPath, h.hoursSheet, loggedIn},
		{post, hoursPath, h.hoursSave, loggedIn},
		{get, confirmPath, h.confirmPage, loggedIn},
		{post, confirmPath, h.confirmSave, loggedIn},
		{get, placementPath + "/:id/timer/bekraeft", h.confirmPage, loggedIn},
		{get, "/borgere/:id/progression", h.progression, loggedIn},
		{get, alertsPath, h.alertList, loggedIn},
		{post, alertsPath + "/kvitter", h.alertAck, loggedIn},
		{get, reportsPath, h.report, loggedIn},
		{get, reportsPath + "/csv", h.reportCSV, loggedIn},

		// Administration: jobcentres, the first run's set-up, users.
		{get, jobcentrePath, h.jobcentreList, loggedIn},
		{get, jobcentrePath + "/ny", h.jobcentreNew, loggedIn},
		{post, jobcentrePath, h.jobcentreCreate, loggedIn},
		{get, jobcentrePath + "/:id/rediger", h.jobcentreEdit, loggedIn},
		{post, jobcentrePath + "/:id/rediger", h.jobcentreUpdate, loggedIn},
		{get, jobcentrePath + "/:id/arkiver", h.jobcentreArchiveForm, loggedIn},
		{post, jobcentrePath + "/:id/arkiver", h.jobcentreArchive, loggedIn},
		{get, setupPath, h.setupForm, loggedIn},
		{post, setupPath, h.setupCreate, loggedIn},
		{get, usersPath, h.userList, loggedIn},
		{get, usersPath + "/:id/rediger", h.userEdit, loggedIn},
		{post, usersPath + "/:id/rediger", h.userUpdate, loggedIn},
		{get, usersPath + "/:id/deaktiver", h.userDeactivateForm, loggedIn},
		{post, usersPath + "/:id/deaktiver", h.userSetActive(false), loggedIn},
		{post, usersPath + "/:id/aktiver", h.userSetActive(true), loggedIn},
		// The mailbox: the mails the service wrote, for administrators.
		{get, mailboxPath, h.mailbox, loggedIn},
		{get, mailboxPath + "/:id", h.mailShow, loggedIn},
		// A jobcentre's settings and who changed them (settings.go).
		{get, settingsPath, h.settingsPage, loggedIn},
		{post, settingsPath + "/:section", h.settingsSave, loggedIn},
		// Login through a jobcentre's identity provider (oidc.go).
		{get, oidcCallbackPath, h.oidcCallback, withSession},
		{get, oidcStartPath, h.oidcStart, withSession},
		{get, oidcAdminPath, h.oidcSettingsPage, loggedIn},
		{post, oidcAdminPath, h.oidcSettingsSave, loggedIn},
		// Invitations, and the pages a one-time link in a mail opens.
		{get, invitationsPath, h.invitationList, loggedIn},
		{get, invitationsPath + "/ny", h.invitationNew, loggedIn},
		{post, invitationsPath, h.invitationCreate, loggedIn},
		{post, invitationsPath + "/:id/tilbagekald", h.invitationRevoke, loggedIn},
		{get, acceptPath + "/:token", h.acceptPage, withSession},
		{post, acceptPath + "/:token", h.accept, withSession},
		{get, forgotPath, h.forgotPage, withSession},
		{post, forgotPath, h.forgot, withSession},
		{get, resetPath + "/:token", h.resetPage, withSession},
		{post, resetPath + "/:token", h.reset, withSession},
		// The employer home and every user's messages (employer_home.go, notifications.go).
		{get, employerHomePath, h.employerHome, loggedIn},
		{get, employerHomePath + "/kandidater", h.employerHomeCandidates, loggedIn},
		{get, notificationsPath, h.notifications, loggedIn},
		{post, notificationsPath + "/laest", h.notificationsRead, loggedIn},
	}
}

// Register mounts the UI's routes on e. Middleware is attached per route,
// not to a group, because an echo group with middleware registers
// catch-all routes for its prefix, and the UI's prefix is "/": the API's
// unknown paths would then run through CSRF and session checks.
func Register(e *echo.Echo, h *Handler) {
	session := []echo.MiddlewareFunc{noStore, h.csrf(), h.session}
	mw := map[guard][]echo.MiddlewareFunc{
		bare:        nil,
		withSession: session,
		loggedIn:    append(session[:len(session):len(session)], requireLogin),
	}
	for _, r := range h.routes() {
		e.Add(r.method, r.path, r.handler, mw[r.guard]...)
	}
}
