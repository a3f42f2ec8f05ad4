package ui

import (
	"net/http"

	"github.com/labstack/echo/v4"
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
