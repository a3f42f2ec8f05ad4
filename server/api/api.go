// Package api is the JSON API under /api/v1: bearer-token authentication,
// strict decoding, and thin handlers over server/app (which asks
// server/access what each caller may do). Errors leave as RFC 9457
// problem+json through the router's error handler, which maps each error
// code to its status in server/problem. It imports no store package.
package api

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/app"
	"placering/server/problem"
	"placering/server/session"
)

// Handler serves the API. App and Throttle are required.
type Handler struct {
	App      *app.App
	Throttle *session.Throttle
}

// Register mounts the API's routes on g (the /api/v1 group).
func Register(g *echo.Group, h *Handler) {
	for _, r := range h.routes() {
		handler := r.handler
		if !r.public {
			handler = h.requireToken(handler)
		}
		g.Add(r.method, r.path, handler)
	}
}

// requireToken authenticates the request by its bearer token and attaches
// the user and the request details the audit log records.
func (h *Handler) requireToken(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		token, ok := strings.CutPrefix(c.Request().Header.Get(echo.HeaderAuthorization), "Bearer ")
		if !ok || token == "" {
			return echo.NewHTTPError(http.StatusUnauthorized)
		}
		u, tokenID, err := h.App.TokenUser(c.Request().Context(), strings.TrimSpace(token))
		if err != nil && models.ErrorCode(err) != models.ENotFound {
			// The token could not be checked (database down or slow):
			// 503, so that the client keeps its token and tries again.
			return err
		}
		if err != nil {
			return problem.New(http.StatusUnauthorized, problem.TypeAuth, "Ugyldigt token",
				"Tokenet er ukendt eller udløbet. Hent et nyt med POST /api/v1/auth/tokens.")
		}
		session.SetUser(c, &u)
		session.SetTokenID(c, tokenID)
		ctx := app.WithRequest(c.Request().Context(), app.RequestInfo{Route: c.Request().Method + " " + c.Path(), RemoteIP: c.RealIP()})
		c.SetRequest(c.Request().WithContext(ctx))
		if err := requirePasswordChosen(c); err != nil {
			return err
		}
		return next(c)
	}
}

func actor(c echo.Context) app.Actor { return session.UserFrom(c) }

type tokenRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	// Name tells the token apart in GET /auth/tokens ("Fagsystem", "Min
	// bærbare"); optional.
	Name string `json:"name"`
}

// TokenResponse is what POST /auth/tokens returns.
type TokenResponse struct {
	Token     string    `json:"token"`
	TokenType string    `json:"token_type"`
	ExpiresAt time.Time `json:"expires_at"`
}

func (h *Handler) createToken(c echo.Context) error {
	var in tokenRequest
	if err := decode(c, &in); err != nil {
		return err
	}
	var errs models.FieldErrors
	if strings.TrimSpace(in.Email) == "" {
		errs.Add("email", "Feltet skal udfyldes.")
	}
	if in.Password == "" {
		errs.Add("password", "Feltet skal udfyldes.")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	ok, wait, err := h.Throttle.Allow(ctx, in.Email, c.RealIP())
	if err != nil {
		return err
	}
	if !ok {
		return h.throttled(c, wait)
	}
	u, err := h.App.Authenticate(ctx, in.Email, in.Password)
	if errors.Is(err, app.ErrBadCredentials) {
		if ferr := h.Throttle.Failed(ctx, in.Email, c.RealIP()); ferr != nil {
			return ferr
		}
	}
	if err != nil {
		return err
	}
	if err := h.Throttle.Succeeded(ctx, in.Email, c.RealIP()); err != nil {
		return err
	}
	token, exp, err := h.App.IssueToken(ctx, u, in.Name)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, TokenResponse{Token: token, TokenType: "Bearer", ExpiresAt: exp})
}

func (h *Handler) me(c echo.Context) error { return c.JSON(http.StatusOK, actor(c)) }

func (h *Handler) branches(c echo.Context) error { return c.JSON(http.StatusOK, h.App.Branches()) }

func (h *Handler) jobcentres(c echo.Context) error {
	j, err := h.App.Jobcentres(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, j)
}

func (h *Handler) createUser(c echo.Context) error {
	var in app.UserInput
	if err := decode(c, &in); err != nil {
		return err
	}
	u, err := h.App.CreateUser(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, u)
}

// seconds says a number of seconds in Danish: "1 sekund", "30 sekunder".
func seconds(n int) string {
	if n == 1 {
		return "1 sekund"
	}
	return strconv.Itoa(n) + " sekunder"
}

// throttled is the answer to a refused login attempt: 429 with Retry-After.
func (h *Handler) throttled(c echo.Context, wait time.Duration) error {
	secs := max(int(math.Ceil(wait.Seconds())), 1)
	c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
	return problem.New(http.StatusTooManyRequests, problem.TypeThrottled, "For mange loginforsøg",
		"For mange forsøg. Prøv igen om "+seconds(secs)+".")
}
