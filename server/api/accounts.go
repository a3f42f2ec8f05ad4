package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/server/app"
	"placering/server/session"
)

func (h *Handler) listTokens(c echo.Context) error {
	ts, err := h.App.ListTokens(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ts)
}

func (h *Handler) revokeToken(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := h.App.RevokeToken(c.Request().Context(), actor(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// changePassword is throttled like a login: guessing the current password
// through a stolen token is as slow as guessing it at the login.
func (h *Handler) changePassword(c echo.Context) error {
	var in app.PasswordChange
	if err := decode(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	u := actor(c)
	ok, wait, err := h.Throttle.Allow(ctx, u.Email, c.RealIP())
	if err != nil {
		return err
	}
	if !ok {
		return h.throttled(c, wait)
	}
	_, err = h.App.ChangePassword(ctx, u, in, session.TokenIDFrom(c))
	if err == app.ErrWrongPassword {
		if ferr := h.Throttle.Failed(ctx, u.Email, c.RealIP()); ferr != nil {
			return ferr
		}
	}
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *Handler) updateUser(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in app.UserPatch
	if err := decode(c, &in); err != nil {
		return err
	}
	u, err := h.App.UpdateUser(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, u)
}
