// Package problem turns errors into RFC 9457 problem details: one mapping
// from the app's errors to HTTP statuses and Danish explanations, used by
// the JSON API (as application/problem+json) and by the browser UI (as a
// readable message).
package problem

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/app"
)

// ContentType is the media type of a problem document.
const ContentType = "application/problem+json"

// Problem is an RFC 9457 problem details object. Errors lists every bad
// input field when the problem is a validation error.
type Problem struct {
	Type     string             `json:"type"`
	Title    string             `json:"title"`
	Status   int                `json:"status"`
	Detail   string             `json:"detail,omitempty"`
	Instance string             `json:"instance,omitempty"`
	Errors   models.FieldErrors `json:"errors,omitempty"`
}

func (p *Problem) Error() string { return p.Title + ": " + p.Detail }

// Problem types. Relative URIs resolve against the API; each names a kind
// of failure a client can branch on.
const (
	TypeValidation = "/api/v1/problems/validation"
	TypeConflict   = "/api/v1/problems/conflict"
	TypeNotFound   = "/api/v1/problems/not-found"
	TypeForbidden  = "/api/v1/problems/forbidden"
	TypeAuth       = "/api/v1/problems/unauthenticated"
	TypeBadRequest = "/api/v1/problems/bad-request"
	TypeThrottled  = "/api/v1/problems/too-many-requests"
	TypeInternal   = "about:blank"
)

// New makes a problem with the given status, type and Danish texts.
func New(status int, typ, title, detail string) *Problem {
	return &Problem{Type: typ, Title: title, Status: status, Detail: detail}
}

// Validation makes a 422 problem naming every bad field.
func Validation(errs models.FieldErrors) *Problem {
	return &Problem{Type: TypeValidation, Title: "Ugyldige oplysninger", Status: http.StatusUnprocessableEntity,
		Detail: "Et eller flere felter er ikke udfyldt korrekt. Se listen under errors.", Errors: errs}
}

// From maps any error to a problem. Unknown errors become a 500 that says
// nothing about internals; the caller logs the original.
func From(err error) *Problem {
	var p *Problem
	var fe models.FieldErrors
	var ce *app.ConflictError
	var he *echo.HTTPError
	switch {
	case errors.As(err, &p):
		return p
	case errors.As(err, &fe):
		return Validation(fe)
	case errors.As(err, &ce):
		pr := New(http.StatusConflict, TypeConflict, "Konflikt", ce.Message)
		if ce.Field != "" {
			pr.Errors = models.FieldErrors{{Field: ce.Field, Message: ce.Message}}
		}
		return pr
	case errors.Is(err, app.ErrNotFound):
		return New(http.StatusNotFound, TypeNotFound, "Findes ikke", "Det, du bad om, findes ikke, eller du har ikke adgang til det.")
	case errors.Is(err, app.ErrForbidden):
		return New(http.StatusForbidden, TypeForbidden, "Ingen adgang", forbiddenDetail(err))
	case errors.Is(err, app.ErrBadCredentials):
		return New(http.StatusUnauthorized, TypeAuth, "Forkert login", "Forkert e-mail eller adgangskode.")
	case errors.As(err, &he):
		return fromHTTP(he)
	}
	return New(http.StatusInternalServerError, TypeInternal, "Intern fejl", "Der skete en fejl hos os. Prøv igen om lidt; fortsætter det, så kontakt support.")
}

// forbiddenDetail is the Danish reason the app gave, which is safe to show.
func forbiddenDetail(err error) string {
	msg := err.Error()
	if i := len(msg) - len(": "+app.ErrForbidden.Error()); i > 0 {
		msg = msg[:i]
	}
	if msg == "" {
		return "Din rolle giver ikke adgang til dette."
	}
	return "Du har ikke adgang: " + msg + "."
}

func fromHTTP(he *echo.HTTPError) *Problem {
	status := he.Code
	switch status {
	case http.StatusNotFound:
		return New(status, TypeNotFound, "Findes ikke", "Adressen findes ikke.")
	case http.StatusMethodNotAllowed:
		return New(status, TypeBadRequest, "Metoden er ikke tilladt", "Denne adresse understøtter ikke den HTTP-metode.")
	case http.StatusUnauthorized:
		return New(status, TypeAuth, "Log ind", "Du skal være logget ind (API: Authorization: Bearer <token>).")
	case http.StatusForbidden:
		return New(status, TypeForbidden, "Ingen adgang", "Anmodningen blev afvist (CSRF-beskyttelse eller manglende rettighed).")
	case http.StatusRequestEntityTooLarge:
		return New(status, TypeBadRequest, "For stor anmodning", "Anmodningen er for stor.")
	case http.StatusTooManyRequests:
		return New(status, TypeThrottled, "For mange forsøg", "Vent lidt, og prøv igen.")
	case http.StatusUnsupportedMediaType:
		return New(status, TypeBadRequest, "Forkert indholdstype", "Send JSON med Content-Type: application/json.")
	}
	if status >= 400 && status < 500 {
		return New(status, TypeBadRequest, http.StatusText(status), "Anmodningen kunne ikke behandles.")
	}
	return New(http.StatusInternalServerError, TypeInternal, "Intern fejl", "Der skete en fejl hos os. Prøv igen om lidt.")
}
