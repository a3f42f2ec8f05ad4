package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"placering/cache"
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

// NewToken returns a random 256-bit token and its hex SHA-256 hash, for
// sessions and API tokens alike.
func NewToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("random token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken returns the hex SHA-256 of a token.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

func sessionKey(token string) string { return "session:" + HashToken(token) }

// Create starts a session for userID and returns the cookie token.
func (s *Sessions) Create(ctx context.Context, userID int64) (string, error) {
	token, _, err := NewToken()
	if err != nil {
		return "", err
	}
	now := time.Now().UTC()
	b, _ := json.Marshal(sessionData{UserID: userID, Created: now, Touched: now})
	if err := s.Cache.Set(ctx, sessionKey(token), b, s.ttl()); err != nil {
		return "", fmt.Errorf("store session: %w", err)
	}
	return token, nil
}

// Lookup returns the user of a live session and extends its life when it
// has not been extended for a while (rather than on every request, which
// would turn each page view into a cache write).
func (s *Sessions) Lookup(ctx context.Context, token string) (int64, error) {
	if token == "" {
		return 0, ErrNoSession
	}
	b, err := s.Cache.Get(ctx, sessionKey(token))
	if errors.Is(err, cache.ErrMiss) {
		return 0, ErrNoSession
	}
	if err != nil {
		return 0, fmt.Errorf("read session: %w", err)
	}
	var d sessionData
	if err := json.Unmarshal(b, &d); err != nil {
		return 0, ErrNoSession
	}
	if now := time.Now().UTC(); now.Sub(d.Touched) > s.ttl()/16 {
		d.Touched = now
		nb, _ := json.Marshal(d)
		if err := s.Cache.Set(ctx, sessionKey(token), nb, s.ttl()); err != nil {
			return 0, fmt.Errorf("extend session: %w", err)
		}
	}
	return d.UserID, nil
}

// Destroy ends a session (log out).
func (s *Sessions) Destroy(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	if err := s.Cache.Delete(ctx, sessionKey(token)); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}
