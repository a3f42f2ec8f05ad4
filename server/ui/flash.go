package ui

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// A flash is a one-line confirmation shown on the page a form redirects to
// (POST-redirect-GET). The cookie carries only a key into this table, never
// text, so a planted cookie cannot put words on the page.
const flashCookie = "placering_flash"

const (
	flashLoggedOut                 = "logged_out"
	flashCompanyCreated            = "company_created"
	flashCompanySaved              = "company_saved"
	flashCompanyArchived           = "company_archived"
	flashVirksomhedscenterCreated  = "virksomhedscenter_created"
	flashVirksomhedscenterSaved    = "virksomhedscenter_saved"
	flashVirksomhedscenterArchived = "virksomhedscenter_archived"
	flashOpeningCreated            = "opening_created"
	flashOpeningSaved              = "opening_saved"
	flashOpeningArchived           = "opening_archived"
	flashCitizenCreated            = "citizen_created"
	flashCitizenSaved              = "citizen_saved"
	flashCitizenArchived           = "citizen_archived"
	flashCitizenErased             = "citizen_erased"
	flashMatchCreated              = "match_created"
	flashMatchMoved                = "match_moved"
	flashOpeningApproved           = "opening_approved"
	flashOpeningReturned           = "opening_returned"

	flashPlacementCreated = "placement_created"
	flashPlacementSaved   = "placement_saved"
	flashPlacementStarted = "placement_started"
	flashPlacementEnded   = "placement_ended"
	flashEvaluationSaved  = "evaluation_saved"
	flashHoursSaved       = "hours_saved"
	flashReferenceSaved   = "reference_saved"
	flashHoursNothing     = "hours_nothing"
	flashAlertAcked       = "alert_acked"
	flashAlertGone        = "alert_gone"
	flashPasswordChanged  = "password_changed"

	flashInvitationRevoked  = "invitation_revoked"
	flashInvitationAccepted = "invitation_accepted"
	flashWelcome            = "welcome"
	flashPasswordReset      = "password_reset"

	flashHoursConfirmed = "hours_confirmed"
	flashHoursDisputed  = "hours_disputed"
)

var flashText = map[string]string{
	flashLoggedOut:                 "Du er logget ud.",
	flashCompanyCreated:            "Virksomheden er oprettet.",
	flashCompanySaved:              "Ændringerne til virksomheden er gemt.",
	flashCompanyArchived:           "Virksomheden er arkiveret.",
	flashVirksomhedscenterCreated:  "Aftalen om virksomhedscenter er oprettet.",
	flashVirksomhedscenterSaved:    "Ændringerne til aftalen er gemt.",
	flashVirksomhedscenterArchived: "Aftalen er arkiveret.",
	flashOpeningCreated:            "Åbningen er oprettet.",
	flashOpeningSaved:              "Ændringerne til åbningen er gemt.",
	flashOpeningArchived:           "Åbningen er arkiveret.",
	flashCitizenCreated:            "Borgeren er oprettet.",
	flashCitizenSaved:              "Ændringerne til borgeren er gemt.",
	flashCitizenArchived:           "Borgeren er arkiveret.",
	flashCitizenErased:             "Borgerens personoplysninger er slettet.",
	flashMatchCreated:              "Matchet er oprettet og står på tavlen under Foreslået.",
	flashMatchMoved:                "Matchet er flyttet.",
	flashOpeningApproved:           "Åbningen er godkendt og er nu åben. Arbejdsgiveren har fået besked.",
	flashOpeningReturned:           "Åbningen er sendt tilbage til arbejdsgiveren med din kommentar.",

	flashPlacementCreated: "Placeringen er oprettet.",
	flashPlacementSaved:   "Ændringerne til placeringen er gemt.",
	flashPlacementStarted: "Placeringen er markeret som aktiv.",
	flashPlacementEnded:   "Placeringen er afsluttet.",
	flashEvaluationSaved:  "Udfald og evaluering er gemt.",
	flashHoursSaved:       "Timerne er gemt.",
	flashReferenceSaved:   "Udtalelsen er gemt. Jobcentret har fået besked.",
	flashHoursNothing:     "Der var ingen ændringer at gemme.",
	flashAlertAcked:       "Advarslen er kvitteret og fjernet fra listen.",
	flashAlertGone:        "Advarslen er allerede behandlet og er fjernet fra listen.",
	flashPasswordChanged:  "Din adgangskode er skiftet. Du er logget ud alle andre steder.",

	flashInvitationRevoked:  "Invitationen er trukket tilbage. Linket virker ikke længere.",
	flashInvitationAccepted: "Din bruger er oprettet. Log ind med din e-mailadresse og den adgangskode, du valgte.",
	flashWelcome:            "Velkommen til Placering. Din bruger er oprettet, og du er logget ind.",
	flashPasswordReset:      "Din adgangskode er skiftet. Log ind med den nye adgangskode.",

	flashHoursConfirmed: "Timerne er bekræftet. Tak.",
	flashHoursDisputed:  "Timerne er bestridt. Jobcentret har fået besked.",
}

func setFlash(c echo.Context, key string, secure bool) {
	c.SetCookie(&http.Cookie{
		Name: flashCookie, Value: key, Path: "/", MaxAge: 60,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secure,
	})
}

// takeFlash returns the pending message and clears it, so that a reload
// does not show it again. htmx fragment requests leave it for the page.
func takeFlash(c echo.Context) string {
	if isFragment(c) {
		return ""
	}
	ck, err := c.Cookie(flashCookie)
	if err != nil || ck.Value == "" {
		return ""
	}
	c.SetCookie(&http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	return flashText[ck.Value]
}

// isFragment reports whether htmx asked for part of a page. A history
// restore also comes from htmx but needs the whole page.
func isFragment(c echo.Context) bool {
	h := c.Request().Header
	return h.Get("HX-Request") == "true" && h.Get("HX-History-Restore-Request") != "true"
}
