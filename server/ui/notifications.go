package ui

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/session"
	"placering/web"
)

// The messages page (/beskeder): every user's own notifications in the
// app, newest first, unread ones marked, each with its link; one form
// marks them all read, another one of them. The menu item "Beskeder"
// shows how many are unread: one COUNT on an index per page, made only
// when a page with the menu is drawn.

const (
	secNotifications  = "beskeder"
	notificationsPath = "/beskeder"
	// unreadKey holds, on the echo context of a logged-in request, a
	// function that counts the user's unread notifications.
	unreadKey = "ui.unread"
)

// unread counts u's unread notifications for the menu; a failure (the
// database gone) shows no count rather than failing the page.
func (h *Handler) unread(ctx context.Context, u *models.User) int64 {
	n, err := h.App.UnreadNotifications(ctx, u)
	if err != nil {
		slog.Debug("unread notifications", "err", err)
		return 0
	}
	return n
}

// unreadCount is the count for the menu of the page being drawn; htmx
// fragments draw no menu and count nothing.
func unreadCount(c echo.Context) int64 {
	f, ok := c.Get(unreadKey).(func() int64)
	if !ok || isFragment(c) {
		return 0
	}
	return f()
}

type notificationRow struct {
	ID     int64
	Text   string
	Link   string
	When   string
	Unread bool
}

type notificationsContent struct {
	Rows   []notificationRow
	Unread int64
}

func (h *Handler) notifications(c echo.Context) error {
	u := session.UserFrom(c)
	items, unread, err := h.App.Notifications(c.Request().Context(), u, false)
	if err != nil {
		return err
	}
	lang := langOf(c, u)
	content := &notificationsContent{Unread: unread, Rows: make([]notificationRow, 0, len(items))}
	for _, n := range items {
		text := n.Text
		if lang == web.English && n.TextEN != "" {
			text = n.TextEN
		}
		link := n.Link
		if !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//") {
			link = "" // only paths of this service
		}
		at := when(&n.CreatedAt)
		if lang == web.English {
			at = n.CreatedAt.Local().Format("2 Jan 2006, 15:04")
		}
		content.Rows = append(content.Rows, notificationRow{ID: n.ID, Text: text, Link: link, Unread: n.ReadAt == nil, When: at})
	}
	return renderPage(c, http.StatusOK, "notifications/list", newPage(c, "Beskeder", secNotifications, content))
}

// notificationsRead marks the user's notifications read: the one named by
// id, or all of them without it. Another user's id marks nothing.
func (h *Handler) notificationsRead(c echo.Context) error {
	var ids []int64
	if v := c.FormValue("id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			return models.NotFound("Beskeden findes ikke.")
		}
		ids = []int64{id}
	}
	if err := h.App.MarkNotificationsRead(c.Request().Context(), session.UserFrom(c), ids); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, notificationsPath)
}
