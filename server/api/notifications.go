package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/server/app"
)

// notificationParams: the notifications list, optionally unread only.
var notificationParams = []param{
	p("unread", "boolean", "true: kun ulæste beskeder.", false),
}

// notificationRoutes are the user's own notifications (every role reads
// only their own) and the employer's home page as JSON.
func (h *Handler) notificationRoutes() []route {
	return []route{
		{method: http.MethodGet, path: "/notifications", handler: h.listNotifications, tag: "Beskeder", params: notificationParams,
			summary:  "Mine beskeder i appen, nyeste først (højst 100), og hvor mange der er ulæste; text_en er den engelske tekst til arbejdsgivere, når den findes",
			response: app.NotificationList{}, status: http.StatusOK},
		{method: http.MethodPost, path: "/notifications/read", handler: h.readNotifications, tag: "Beskeder",
			summary: "Markér mine beskeder som læst: de nævnte ids, eller alle, når ids er tom eller udeladt (andres beskeder berøres aldrig)",
			body:    app.NotificationsRead{}, status: http.StatusNoContent},
		{method: http.MethodGet, path: "/employer/home", handler: h.employerHome, tag: "Arbejdsgiver",
			summary:  "Arbejdsgiverens forside: virksomheden (uden jobcentrets noter), åbninger med status og henvisninger, kandidater at overveje, placeringer og opgaver (kun arbejdsgivere)",
			response: app.EmployerHome{}, status: http.StatusOK},
	}
}

func (h *Handler) listNotifications(c echo.Context) error {
	q := newQuery(c, notificationParams)
	unread := q.bool("unread")
	if err := q.err(); err != nil {
		return err
	}
	out, err := h.App.NotificationList(c.Request().Context(), actor(c), unread)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (h *Handler) readNotifications(c echo.Context) error {
	var in app.NotificationsRead
	if err := decode(c, &in); err != nil {
		return err
	}
	if err := h.App.MarkNotificationsRead(c.Request().Context(), actor(c), in.IDs); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *Handler) employerHome(c echo.Context) error {
	out, err := h.App.EmployerHome(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
