package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"placering/models"
)

// ErrUnavailable matches (with errors.Is) every error the store returns
// because the database could not be reached or did not answer in time: the
// connection was refused, cut or timed out, the server is shutting down,
// a statement ran past its timeout, or SQLite stayed locked. Such an error
// is a *models.Error with the code EUnavailable (HTTP 503: try again
// later), never "not found", so callers can tell "no such token" from
// "cannot check the token now".
var ErrUnavailable = &models.Error{Code: models.EUnavailable}

// Timeouts for PostgreSQL, added to DATABASE_URL unless it sets them: a
// database that does not answer must fail a request within its deadline
// rather than hang it.
const (
	// ConnectTimeout bounds opening a connection (pgx connect_timeout).
	ConnectTimeout = 3 * time.Second
	// StatementTimeout bounds one SQL statement on the server. It is above
	// the longest request deadline (batch work gets 60 s in server/router),
	// so only a runaway statement meets it.
	StatementTimeout = 60 * time.Second
	// IdleInTransactionTimeout ends a session that holds a transaction open
	// without sending anything, so a hung client cannot keep rows locked.
	IdleInTransactionTimeout = 60 * time.Second
	// SQLiteBusyTimeout is how long a SQLite writer waits for the lock
	// before giving up (then: unavailable, try again).
	SQLiteBusyTimeout = 5 * time.Second
)

// withPostgresTimeouts adds the connect and statement timeouts to a
// PostgreSQL URL unless it already has them.
func withPostgresTimeouts(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// The URL may carry a password, so it is not repeated.
		return "", errors.New("DATABASE_URL is not a valid URL")
	}
	q := u.Query()
	set := func(k, v string) {
		if q.Get(k) == "" {
			q.Set(k, v)
		}
	}
	set("connect_timeout", fmt.Sprint(int(ConnectTimeout/time.Second)))
	set("statement_timeout", fmt.Sprint(StatementTimeout.Milliseconds()))
	set("idle_in_transaction_session_timeout", fmt.Sprint(IdleInTransactionTimeout.Milliseconds()))
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// unavailable returns err as an EUnavailable error when it says the
// database could not be reached or did not answer in time, and nil
// otherwise.
func unavailable(err error, what string) error {
	if err == nil || !isUnavailable(err) {
		return nil
	}
	if models.ErrorCode(err) == models.EUnavailable {
		return err
	}
	return &models.Error{Code: models.EUnavailable, Op: what, Err: err,
		Message: models.DefaultMessage(models.EUnavailable)}
}

// isUnavailable reports whether err means "the database cannot answer now"
// rather than "the answer is no".
func isUnavailable(err error) bool {
	if errors.Is(err, ErrUnavailable) {
		return true
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) || pgconn.Timeout(err) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "08"): // connection exception
			return true
		case pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03": // admin/crash shutdown, cannot connect now
			return true
		case pe.Code == "57014": // query_canceled: statement timeout or cancel request
			return true
		case pe.Code == "53300": // too_many_connections
			return true
		case pe.Code == "25P03": // idle_in_transaction_session_timeout
			return true
		}
		return false
	}
	msg := err.Error()
	for _, s := range []string{"database is locked", "SQLITE_BUSY", "conn closed", "connection refused",
		"failed to connect", "broken pipe", "connection reset", "i/o timeout", "unexpected EOF"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
