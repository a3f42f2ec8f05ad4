package api

import (
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/app"
)

// invitationRoutes are the invitations and the password reset by mail:
// the one-time links answer 410 once used, revoked or expired.
func (h *Handler) invitationRoutes() []route {
	gone := []int{http.StatusGone}
	return []route{
		{method: http.MethodPost, path: "/invitations", handler: h.createInvitation, tag: "Brugere",
			summary: "Invitér en bruger pr. mail (administrator: alle roller; konsulent: arbejdsgivere for eget jobcenters virksomheder og eventpersonale i eget jobcenter); svaret har engangslinket, som også mailes",
			body:    app.InvitationInput{}, response: app.InvitationCreated{}, status: http.StatusCreated, extra: []int{http.StatusTooManyRequests}},
		{method: http.MethodGet, path: "/invitations", handler: h.listInvitations, tag: "Brugere",
			summary: "Ventende invitationer (administrator: alle; konsulent: eget jobcenter); aldrig linket", response: []app.InvitationInfo{}, status: http.StatusOK},
		{method: http.MethodDelete, path: "/invitations/:id", handler: h.revokeInvitation, tag: "Brugere",
			summary: "Træk en ventende invitation tilbage (linket holder op med at virke)", status: http.StatusNoContent, extra: gone},
		{method: http.MethodPost, path: "/invitations/:token/accept", handler: h.acceptInvitation, public: true, tag: "Brugere",
			summary: "Tag imod en invitation: vælg navn og adgangskode; svaret er den nye bruger. Et brugt, tilbagekaldt eller udløbet link giver 410",
			body:    app.AcceptInput{}, response: models.User{}, status: http.StatusCreated, extra: gone},
		{method: http.MethodPost, path: "/auth/password-reset", handler: h.requestPasswordReset, public: true, tag: "Login",
			summary: "Bed om et link til at nulstille adgangskoden; svarer altid 202 (om adressen har en bruger, siges ikke), og mailen sendes kun til en aktiv bruger og højst et par gange i timen",
			body:    app.PasswordResetRequest{}, status: http.StatusAccepted},
		{method: http.MethodPost, path: "/auth/password-reset/:token", handler: h.resetPassword, public: true, tag: "Login",
			summary: "Vælg en ny adgangskode med linket fra mailen; afslutter alle brugerens sessioner og tokens. Et brugt eller udløbet link giver 410",
			body:    app.NewPasswordInput{}, status: http.StatusNoContent, extra: gone},
	}
}

func (h *Handler) createInvitation(c echo.Context) error {
	var in app.InvitationInput
	if err := decode(c, &in); err != nil {
		return err
	}
	out, err := h.App.CreateInvitation(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}

func (h *Handler) listInvitations(c echo.Context) error {
	out, err := h.App.ListInvitations(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (h *Handler) revokeInvitation(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := h.App.RevokeInvitation(c.Request().Context(), actor(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *Handler) acceptInvitation(c echo.Context) error {
	var in app.AcceptInput
	if err := decode(c, &in); err != nil {
		return err
	}
	ctx := app.WithRequest(c.Request().Context(), app.RequestInfo{Route: c.Request().Method + " " + c.Path(), RemoteIP: c.RealIP()})
	u, err := h.App.AcceptInvitation(ctx, c.Param("token"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, u)
}

// requestPasswordReset answers 202 whether or not the address has a user;
// the throttle (per address and per source) only decides whether a mail
// goes out.
func (h *Handler) requestPasswordReset(c echo.Context) error {
	var in app.PasswordResetRequest
	if err := decode(c, &in); err != nil {
		return err
	}
	if err := in.Validate().Err(); err != nil {
		return err
	}
	ctx := app.WithRequest(c.Request().Context(), app.RequestInfo{Route: c.Request().Method + " " + c.Path(), RemoteIP: c.RealIP()})
	may, err := h.Throttle.MailAllowed(ctx, in.Email, c.RealIP())
	if err != nil {
		slog.Warn("password reset: mail throttle unavailable; no mail", "err", err)
		may = false
	}
	if err := h.App.RequestPasswordReset(ctx, in.Email, may); err != nil {
		return err
	}
	return c.NoContent(http.StatusAccepted)
}

func (h *Handler) resetPassword(c echo.Context) error {
	var in app.NewPasswordInput
	if err := decode(c, &in); err != nil {
		return err
	}
	ctx := app.WithRequest(c.Request().Context(), app.RequestInfo{Route: c.Request().Method + " " + c.Path(), RemoteIP: c.RealIP()})
	if _, err := h.App.ResetPassword(ctx, c.Param("token"), in); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
