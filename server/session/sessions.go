// Package session keeps track of who is logged in on the web side: browser
// sessions and login throttling, both kept in the shared cache so that any
// replica can serve any request, and the helpers that put the authenticated
// user on an echo request context and read it back. It may import
// placering/cache, placering/models, server/auth and echo; server/app must
// not import it, so that the application core stays free of HTTP.
package session

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"placering/cache"
	"placering/models"
	"placering/server/auth"
)

// ErrNoSession means the cookie names no live session.
var ErrNoSession = errors.New("no session")

// Sessions keeps browser sessions in the shared cache, so that any replica
// behind the load balancer can serve any request. The cookie holds a random
// token; the cache key is its hash, so a cache dump cannot be replayed.
type Sessions struct {
	Cache cache.Cache
	// TTL is how long an idle session lives. Zero means 8 hours, a working day.
	TTL time.Duration
}

type sessionData struct {
	UserID  int64     `json:"user_id"`
	Created time.Time `json:"created"`
	Touched time.Time `json:"touched"`
}

func (s *Sessions) ttl() time.Duration {
	if s.TTL <= 0 {
		return 8 * time.Hour
	}
	return s.TTL
}

func sessionKey(token string) string { return "session:" + auth.HashToken(token) }

// Create starts a session for userID and returns the cookie token.
func (s *Sessions) Create(ctx context.Context, userID int64) (string, error) {
	token, _, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	now := time.Now().UTC()
	b, _ := json.Marshal(sessionData{UserID: userID, Created: now, Touched: now})
	if err := s.Cache.Set(ctx, sessionKey(token), b, s.ttl()); err != nil {
		return "", unavailable("store session", err)
	}
	return token, nil
}

// LookupCreated returns the user of a live session and when the session
// started, and extends its life when it has not been extended for a while
// (rather than on every request, which would turn each page view into a
// cache write). The start lets the caller end sessions from before the
// user's password change or
// deactivation (models.User.SessionsValidAfter, in the database, which
// every replica reads).
func (s *Sessions) LookupCreated(ctx context.Context, token string) (int64, time.Time, error) {
	id, created, err := s.lookup(ctx, token)
	return id, created, err
}

func (s *Sessions) lookup(ctx context.Context, token string) (int64, time.Time, error) {
	if token == "" {
		return 0, time.Time{}, ErrNoSession
	}
	b, err := s.Cache.Get(ctx, sessionKey(token))
	if errors.Is(err, cache.ErrMiss) {
		return 0, time.Time{}, ErrNoSession
	}
	if err != nil {
		return 0, time.Time{}, unavailable("read session", err)
	}
	var d sessionData
	if err := json.Unmarshal(b, &d); err != nil {
		return 0, time.Time{}, ErrNoSession
	}
	if now := time.Now().UTC(); now.Sub(d.Touched) > s.ttl()/16 {
		d.Touched = now
		nb, _ := json.Marshal(d)
		if err := s.Cache.Set(ctx, sessionKey(token), nb, s.ttl()); err != nil {
			return 0, time.Time{}, unavailable("extend session", err)
		}
	}
	return d.UserID, d.Created, nil
}

// Destroy ends a session (log out).
func (s *Sessions) Destroy(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	if err := s.Cache.Delete(ctx, sessionKey(token)); err != nil {
		return unavailable("delete session", err)
	}
	return nil
}

// unavailable is the error for a cache that could not answer: the code
// EUnavailable (503, try again), never "no session", so a person is not
// logged out because the cache was briefly away.
func unavailable(op string, err error) error {
	return &models.Error{Code: models.EUnavailable, Op: op, Err: err, Message: models.DefaultMessage(models.EUnavailable)}
}
