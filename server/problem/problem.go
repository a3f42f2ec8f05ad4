// Package problem turns errors into RFC 9457 problem details: one mapping
// from the app's errors to HTTP statuses and Danish explanations, used by
// the JSON API (as application/problem+json) and by the browser UI (as a
// readable message).
package problem

import (
	"context"
	"errors"
	"net"
	"net/http"
	"syscall"

	"github.com/labstack/echo/v4"

	"placering/models"
)

// ContentType is the media type of a problem document.
const ContentType = "application/problem+json"

// Problem is an RFC 9457 problem details object. Errors lists every bad
// input field when the problem is a validation error.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Code is the service's error code (models.Code), for clients that
	// branch on more than the status.
	Code   models.Code        `json:"code,omitempty"`
	Errors models.FieldErrors `json:"errors,omitempty"`
}

func (p *Problem) Error() string { return p.Title + ": " + p.Detail }

// Problem types. Relative URIs resolve against the API; each names a kind
// of failure a client can branch on.
const (
	TypeValidation   = "/api/v1/problems/validation"
	TypeConflict     = "/api/v1/problems/conflict"
	TypeNotFound     = "/api/v1/problems/not-found"
	TypeForbidden    = "/api/v1/problems/forbidden"
	TypeAuth         = "/api/v1/problems/unauthenticated"
	TypeBadRequest   = "/api/v1/problems/bad-request"
	TypeThrottled    = "/api/v1/problems/too-many-requests"
	TypeStale        = "/api/v1/problems/stale"
	TypePrecondition = "/api/v1/problems/precondition-required"
	TypeUnavailable  = "/api/v1/problems/unavailable"
	TypeGone         = "/api/v1/problems/gone"
	TypeInternal     = "about:blank"
)

// TypePasswordChange means the user must choose their own password first.
const TypePasswordChange = "/api/v1/problems/password-change-required"

// New makes a problem with the given status, type and Danish texts.
func New(status int, typ, title, detail string) *Problem {
	return &Problem{Type: typ, Title: title, Status: status, Detail: detail}
}

// Validation makes a 422 problem naming every bad field.
func Validation(errs models.FieldErrors) *Problem {
	return &Problem{Type: TypeValidation, Title: "Ugyldige oplysninger", Status: http.StatusUnprocessableEntity, Code: models.EInvalid,
		Detail: "Et eller flere felter er ikke udfyldt korrekt. Se listen under errors.", Errors: errs}
}

// statuses maps each error code to its HTTP status and problem type: the
// one table between the service's errors and HTTP.
var statuses = map[models.Code]struct {
	status int
	typ    string
	title  string
}{
	models.ENotFound:        {http.StatusNotFound, TypeNotFound, "Findes ikke"},
	models.EForbidden:       {http.StatusForbidden, TypeForbidden, "Ingen adgang"},
	models.EInvalid:         {http.StatusUnprocessableEntity, TypeValidation, "Ugyldige oplysninger"},
	models.EConflict:        {http.StatusConflict, TypeConflict, "Konflikt"},
	models.EStale:           {http.StatusConflict, TypeStale, "Ændret af en anden"},
	models.EPrecondition:    {http.StatusPreconditionRequired, TypePrecondition, "Version mangler"},
	models.EUnauthenticated: {http.StatusUnauthorized, TypeAuth, "Log ind"},
	models.EThrottled:       {http.StatusTooManyRequests, TypeThrottled, "For mange forsøg"},
	models.EUnavailable:     {http.StatusServiceUnavailable, TypeUnavailable, "Midlertidigt utilgængelig"},
	models.EBadRequest:      {http.StatusBadRequest, TypeBadRequest, "Ugyldig anmodning"},
	models.EInternal:        {http.StatusInternalServerError, TypeInternal, "Intern fejl"},
	models.EPasswordChange:  {http.StatusForbidden, TypePasswordChange, "Skift adgangskode"},
	models.EGone:            {http.StatusGone, TypeGone, "Linket virker ikke længere"},
}

// Status returns the HTTP status for an error code.
func Status(c models.Code) int {
	if s, ok := statuses[c]; ok {
		return s.status
	}
	return http.StatusInternalServerError
}

// From maps any error to a problem. Every problem's title and detail are
// Danish texts written for people; an error without a code becomes a 500
// that says nothing about internals, and the caller logs the original.
func From(err error) *Problem {
	var p *Problem
	var fe models.FieldErrors
	var he *echo.HTTPError
	switch {
	case errors.As(err, &p):
		return p
	case errors.As(err, &he):
		return fromHTTP(he)
	case models.ErrorCode(err) == models.EInvalid && errors.As(err, &fe):
		return Validation(fe)
	}
	code := models.ErrorCode(err)
	if code == models.EInternal && transient(err) {
		// A safety net below the store's and the cache's own translation:
		// a deadline or a broken connection means "try again", not "our fault".
		code = models.EUnavailable
	}
	s, ok := statuses[code]
	if !ok {
		s = statuses[models.EInternal]
	}
	pr := New(s.status, s.typ, s.title, models.ErrorMessage(err))
	pr.Code = code
	if errors.As(err, &fe) {
		pr.Errors = fe // every item of a bulk write, for a conflict too
	} else if f := models.ErrorField(err); f != "" {
		pr.Errors = models.FieldErrors{{Field: f, Message: pr.Detail}}
	}
	return pr
}

// transient reports whether err is a deadline or a network failure.
func transient(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne)
}

// fromHTTP maps the errors echo itself returns (no route, wrong method,
// body too large, CSRF) to problems with Danish texts only.
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
		return New(status, TypeBadRequest, "Ugyldig anmodning", "Anmodningen kunne ikke behandles.")
	}
	return New(http.StatusInternalServerError, TypeInternal, "Intern fejl", models.DefaultMessage(models.EInternal))
}
