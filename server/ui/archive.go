package ui

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/server/app"
	"placering/server/session"
)

// archiveContent is the confirmation page before archiving anything:
// archiving is a POST behind a page that says what will happen, so no
// link or crawler can archive by accident.
type archiveContent struct {
	What, Explain  string
	Action, Cancel string
}

func renderArchive(c echo.Context, section, title string, content *archiveContent) error {
	return renderPage(c, http.StatusOK, "archive", newPage(c, title, section, content))
}

// confirmed is the POST behind such a confirmation page (archive, revoke):
// it does do to the path's id as the logged-in user, then goes to `to`
// with the flash message.
func (h *Handler) confirmed(c echo.Context, do func(context.Context, app.Actor, int64) error, flash, to string) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := do(c.Request().Context(), session.UserFrom(c), id); err != nil {
		return err
	}
	setFlash(c, flash, h.SecureCookies)
	return c.Redirect(http.StatusSeeOther, to)
}
