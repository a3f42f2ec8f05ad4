package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/models"
)

// mailParams pages the mailbox (newest first; no other order).
var mailParams = paging(nil)[:2]

// mailRoutes are the mail outbox, for administrators: what the service
// wrote and whether it went out (without a mail server, the invitation
// links are read here).
func (h *Handler) mailRoutes() []route {
	return []route{
		{method: http.MethodGet, path: "/mails", handler: h.listMails, tag: "Mail", params: mailParams,
			summary:  "Postkassen: mails, tjenesten har skrevet, nyeste først, uden tekst (kun administrator)",
			response: models.Mail{}, status: http.StatusOK, list: true},
		{method: http.MethodGet, path: "/mails/:id", handler: h.getMail, tag: "Mail",
			summary:  "Én mail med tekst og HTML; teksten er tom, når mailen er sendt gennem en mailserver (kun administrator)",
			response: models.Mail{}, status: http.StatusOK},
	}
}

func (h *Handler) listMails(c echo.Context) error {
	q := newQuery(c, mailParams)
	pg := q.page()
	if err := q.err(); err != nil {
		return err
	}
	res, err := h.App.MailList(c.Request().Context(), actor(c), pg)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (h *Handler) getMail(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	m, err := h.App.Mail(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, m)
}
