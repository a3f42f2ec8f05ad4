package models

import (
	"errors"
	"strings"
)

// Code names a kind of failure that a program can branch on. The HTTP layer
// maps each code to one status (server/problem) and the UI to one page; the
// service layer and below never think in HTTP statuses.
type Code string

// The failure codes. Every error a person can meet has one of these.
const (
	ENotFound        Code = "not_found"           // the row does not exist, or the user may not know it does
	EForbidden       Code = "forbidden"           // the user's role or tenant may not do this
	EInvalid         Code = "invalid"             // input fails validation (see FieldErrors)
	EConflict        Code = "conflict"            // a uniqueness or state rule refuses the write
	EStale           Code = "stale"               // the client changed a version it read before someone else's change
	EUnauthenticated Code = "unauthenticated"     // no or wrong credentials
	EThrottled       Code = "too_many_requests"   // slow down and try again
	EUnavailable     Code = "unavailable"         // a backend is down; try again later
	EBadRequest      Code = "bad_request"         // the request itself is malformed
	EInternal        Code = "internal"            // a fault of ours; the person is told nothing more
	EPrecondition    Code = "precondition_needed" // the request must say which version it changes
	EGone            Code = "gone"                // a one-time link was used, revoked or has expired
)

// EPasswordChange means the user logged in with a generated one-time password
// and must choose their own before anything else (403).
const EPasswordChange Code = "password_change_required"

// Error is a failure a person can be told about. Message is Danish and
// written for people; Op and Err are English context for the log and are
// never shown. Field names the input the message belongs next to, if any.
//
// Wrapping an *Error with fmt.Errorf("…: %w") adds log context without
// changing what a person sees: ErrorMessage reads Message, not Error().
type Error struct {
	Code    Code
	Field   string
	Message string
	Op      string // what was being done, for the log
	Err     error  // the underlying cause, for the log
}

// Error returns the log form: op, code, message and cause.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	b.WriteString(string(e.Code))
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is an *Error with the same code and no message
// of its own, so that errors.Is(err, ErrForbidden) asks for the code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Field == "" && t.Code == e.Code
}

// Sentinels for errors.Is: they match any *Error with their code.
var (
	ErrNotFound  = &Error{Code: ENotFound}
	ErrForbidden = &Error{Code: EForbidden}
	ErrConflict  = &Error{Code: EConflict}
	ErrStale     = &Error{Code: EStale}
)

// NotFound returns a not-found error with a Danish message.
func NotFound(message string) *Error { return &Error{Code: ENotFound, Message: message} }

// Forbidden returns a forbidden error with a Danish message.
func Forbidden(message string) *Error { return &Error{Code: EForbidden, Message: message} }

// Conflict returns a conflict error about field with a Danish message.
func Conflict(field, message string) *Error {
	return &Error{Code: EConflict, Field: field, Message: message}
}

// Errorf returns an error of code with a Danish message, wrapping cause
// (which may be nil) under op for the log.
func Errorf(code Code, op string, cause error, message string) *Error {
	return &Error{Code: code, Op: op, Err: cause, Message: message}
}

// ErrorCode returns the code of err: the code of the outermost *Error in
// its chain, EInvalid for FieldErrors, "" for nil and EInternal for
// anything else.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var fe FieldErrors
	if errors.As(err, &fe) {
		return EInvalid
	}
	return EInternal
}

// ErrorMessage returns the Danish message to show for err: the message of
// its *Error, or the default for its code. An error without a code gets the
// internal-error message, so no English fragment ever reaches a person.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	var fe FieldErrors
	if errors.As(err, &fe) {
		return DefaultMessage(EInvalid)
	}
	return DefaultMessage(ErrorCode(err))
}

// ErrorField returns the input field err concerns, or "".
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// DefaultMessage is the Danish text for a code when the error carries none.
func DefaultMessage(c Code) string {
	switch c {
	case ENotFound:
		return "Det, du bad om, findes ikke, eller du har ikke adgang til det."
	case EForbidden:
		return "Din rolle giver ikke adgang til dette."
	case EInvalid:
		return "Et eller flere felter er ikke udfyldt korrekt."
	case EConflict:
		return "Ændringen strider mod data, der allerede findes."
	case EStale:
		return "En anden har ændret dette, siden du hentede det. Hent det igen, og prøv så igen."
	case EUnauthenticated:
		return "Du skal være logget ind."
	case EThrottled:
		return "For mange forsøg. Vent lidt, og prøv igen."
	case EUnavailable:
		return "Tjenesten er midlertidigt utilgængelig. Prøv igen om lidt."
	case EBadRequest:
		return "Anmodningen kunne ikke behandles."
	case EPrecondition:
		return "Angiv hvilken version, du ændrer."
	case EPasswordChange:
		return "Du skal vælge din egen adgangskode, før du kan fortsætte. Skift den med PUT /api/v1/me/password eller på siden Skift adgangskode."
	case EGone:
		return "Linket er brugt, tilbagekaldt eller udløbet."
	}
	return "Der skete en fejl hos os. Prøv igen om lidt; fortsætter det, så kontakt support."
}

// definite is the Danish definite form of each row noun, for messages.
var definite = map[string]string{
	"advarsel": "Advarslen", "borger": "Borgeren", "bruger": "Brugeren", "jobcenter": "Jobcentret",
	"match": "Matchet", "placering": "Placeringen", "token": "Nøglen", "virksomhed": "Virksomheden",
	"virksomhedscenter": "Virksomhedscentret", "åbning": "Åbningen", "uge": "Ugen",
}

func definiteOf(noun string) string {
	if d, ok := definite[noun]; ok {
		return d
	}
	return "Det"
}

// RowNotFound returns the not-found error for a row noun ("borger" gives
// "Borgeren findes ikke.").
func RowNotFound(noun string) *Error {
	return &Error{Code: ENotFound, Op: noun, Message: definiteOf(noun) + " findes ikke."}
}

// RowArchived returns the not-found error for an archived row.
func RowArchived(noun string) *Error {
	return &Error{Code: ENotFound, Op: noun, Message: definiteOf(noun) + " er arkiveret."}
}
