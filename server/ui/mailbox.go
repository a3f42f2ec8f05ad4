package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/session"
	"placering/web"
)

// The mailbox (/postkasse): administrators read the mails the service
// wrote, newest first, with where each is in the outbox. Without a mail
// server nothing is sent and this is where the mails are read (invitation
// links can be passed on from here); with one, a sent mail's text is gone
// (it may hold one-time links) and its row stays as a log.

const (
	secMailbox     = "postkasse"
	mailboxPath    = "/postkasse"
	mailboxPerPage = 50
)

type mailRow struct {
	models.Mail
	Created, Sent string
}

type mailboxContent struct {
	Rows     []mailRow
	Total    int64
	Pending  int64
	Embedded bool
	Pager    web.Pager
}

type mailContent struct {
	Mail              mailRow
	Embedded, Dropped bool
}

// when writes a moment the Danish way, "3. dec. 2026 kl. 14.05".
func when(t *time.Time) string {
	if t == nil {
		return "–"
	}
	return web.FormatDate(t) + " kl. " + t.Local().Format("15.04")
}

func viewMail(m models.Mail) mailRow {
	created := m.CreatedAt
	return mailRow{Mail: m, Created: when(&created), Sent: when(m.SentAt)}
}

func (h *Handler) mailbox(c echo.Context) error {
	page, _ := strconv.Atoi(c.QueryParam("side"))
	if page < 1 || page > 10000 {
		page = 1
	}
	box, err := h.App.Mailbox(c.Request().Context(), session.UserFrom(c), mailboxPerPage, (page-1)*mailboxPerPage)
	if err != nil {
		return fmt.Errorf("mailbox: %w", err)
	}
	content := &mailboxContent{Total: box.Total, Pending: box.Pending, Embedded: box.Embedded}
	for _, m := range box.Mails {
		content.Rows = append(content.Rows, viewMail(m))
	}
	pages := int((box.Total + mailboxPerPage - 1) / mailboxPerPage)
	content.Pager = web.Pager{Total: box.Total, Page: page, Pages: pages}
	link := func(p int) string { return mailboxPath + "?" + url.Values{"side": {strconv.Itoa(p)}}.Encode() }
	if page > 1 {
		content.Pager.PrevURL = link(min(page-1, max(pages, 1)))
	}
	if page < pages {
		content.Pager.NextURL = link(page + 1)
	}
	return renderPage(c, http.StatusOK, "mailbox/list", newPage(c, "Postkasse", secMailbox, content))
}

func (h *Handler) mailShow(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	m, err := h.App.Mail(c.Request().Context(), session.UserFrom(c), id)
	if err != nil {
		return err
	}
	content := &mailContent{Mail: viewMail(m), Embedded: m.Transport != models.MailSMTP, Dropped: m.SentAt != nil && m.Text == ""}
	return renderPage(c, http.StatusOK, "mailbox/show", newPage(c, "Mail: "+m.Subject, secMailbox, content))
}
