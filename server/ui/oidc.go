package ui

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/app"
	"placering/server/oidclogin"
	"placering/server/problem"
	"placering/server/session"
	"placering/web"
)

// Login through a jobcentre's identity provider (OpenID Connect): the
// start (/login/oidc/{jobcentre}), the one callback every provider sends
// the browser back to (app.OIDCCallbackPath), and the administrators' page
// for a jobcentre's settings (/jobcentre/{id}/login).

const (
	oidcStartPath    = "/login/oidc/:id"
	oidcCallbackPath = app.OIDCCallbackPath
	// oidcCookie holds the state of a login in progress, so that the
	// callback is accepted only in the browser that started it. Lax, since
	// the provider sends the browser back with a top-level GET.
	oidcCookie = "placering_oidc"
	// oidcAdminPath is the administrators' page for a jobcentre's settings.
	oidcAdminPath = "/jobcentre/:id/login"
)

func (h *Handler) oidcFlow() *oidclogin.Flow {
	if h.OIDC != nil {
		return h.OIDC
	}
	return &oidclogin.Flow{Cache: h.Sessions.Cache}
}

// oidcStart sends the browser to jobcentre id's identity provider.
func (h *Handler) oidcStart(c echo.Context) error {
	jc, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	client, err := h.App.OIDCClientFor(ctx, jc)
	if err != nil {
		return h.oidcRefused(c, err)
	}
	redirect, state, err := h.oidcFlow().Start(ctx, client, safeNext(c.QueryParam("next")))
	if err != nil {
		return h.oidcRefused(c, err)
	}
	c.SetCookie(&http.Cookie{Name: oidcCookie, Value: state, Path: "/login/oidc", MaxAge: int(oidclogin.TTL.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.SecureCookies})
	return c.Redirect(http.StatusSeeOther, redirect)
}

// oidcCallback finishes a login: the protocol checks in oidclogin, who the
// identity is in app.OIDCLogin, then a session exactly as a password login
// makes one.
func (h *Handler) oidcCallback(c echo.Context) error {
	ctx := c.Request().Context()
	cb := oidclogin.Callback{State: c.QueryParam("state"), Code: c.QueryParam("code"), Error: c.QueryParam("error")}
	if ck, err := c.Cookie(oidcCookie); err == nil {
		cb.BrowserState = ck.Value
	}
	c.SetCookie(&http.Cookie{Name: oidcCookie, Value: "", Path: "/login/oidc", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.SecureCookies})
	res, err := h.oidcFlow().Finish(ctx, cb, func(jc int64) (app.OIDCClient, error) { return h.App.OIDCClientFor(ctx, jc) })
	if err != nil {
		return h.oidcRefused(c, err)
	}
	u, err := h.App.OIDCLogin(ctx, res.JobcentreID, res.Identity)
	if err != nil {
		return h.oidcRefused(c, err)
	}
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		// Whoever was logged in in this browser before is not any more.
		if err := h.Sessions.Destroy(ctx, ck.Value); err != nil {
			return err
		}
	}
	token, err := h.Sessions.Create(ctx, u.ID)
	if err != nil {
		return err
	}
	h.setSessionCookie(c, token)
	return c.Redirect(http.StatusSeeOther, safeNext(res.Next))
}

// oidcRefused answers a login that did not go through with a Danish page
// and no session. The reason goes to the log without any token.
func (h *Handler) oidcRefused(c echo.Context, err error) error {
	code := models.ErrorCode(err)
	if code != models.EForbidden && code != models.ENotFound && code != models.EUnavailable && code != models.EConflict {
		return err
	}
	slog.Info("oidc login refused", "code", code, "err", err)
	status := problem.Status(code)
	if code == models.EConflict {
		status = http.StatusConflict
	}
	return RenderError(c, problem.New(status, problem.TypeForbidden, "Du blev ikke logget ind", models.ErrorMessage(err)))
}

var oidcLabels = map[string]string{
	"enabled":           "Log ind via identitetsudbyderen er slået til",
	"issuer":            "Udbyderens adresse (issuer)",
	"client_id":         "Klient-id",
	"client_secret":     "Klienthemmelighed",
	"clear_secret":      "Fjern den gemte klienthemmelighed",
	"email_claim":       "Claim med e-mailadressen",
	"group_claim":       "Claim med grupperne",
	"consultant_groups": "Grupper, der giver rollen konsulent",
	"event_groups":      "Grupper, der giver rollen eventpersonale",
	"admin_groups":      "Grupper, der giver rollen administrator",
}

// oidcFieldOf maps the service's field names to the form's.
var oidcFieldOf = map[string]string{"groups.claim": "group_claim", "groups.roles": "consultant_groups"}

type oidcContent struct {
	Form        *web.Form
	Jobcentre   string
	Action      string
	SecretSet   bool
	RedirectURI string
	Saved       bool
}

func (h *Handler) oidcSettingsPage(c echo.Context) error {
	jc, err := pathID(c)
	if err != nil {
		return err
	}
	s, err := h.App.OIDCSettingsFor(c.Request().Context(), session.UserFrom(c), jc)
	if err != nil {
		return err
	}
	v := url.Values{"issuer": {s.Issuer}, "client_id": {s.ClientID}, "email_claim": {s.EmailClaim}, "group_claim": {s.Groups.Claim}}
	if s.Enabled {
		v.Set("enabled", "on")
	}
	byRole := map[models.Role][]string{}
	for g, r := range s.Groups.Roles {
		byRole[r] = append(byRole[r], g)
	}
	for field, r := range map[string]models.Role{"consultant_groups": models.RoleConsultant, "event_groups": models.RoleEventStaff, "admin_groups": models.RoleAdmin} {
		sort.Strings(byRole[r])
		v.Set(field, strings.Join(byRole[r], "\n"))
	}
	return h.renderOIDC(c, http.StatusOK, jc, s, web.NewForm(oidcLabels, v), c.QueryParam("gemt") == "1")
}

func (h *Handler) oidcSettingsSave(c echo.Context) error {
	jc, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	in := app.OIDCSettingsInput{Enabled: vals.Get("enabled") == "on", Issuer: vals.Get("issuer"), ClientID: vals.Get("client_id"),
		EmailClaim: vals.Get("email_claim"), Groups: app.GroupMapping{Claim: vals.Get("group_claim"), Roles: map[string]models.Role{}}}
	if secret := vals.Get("client_secret"); secret != "" {
		in.ClientSecret = &secret
	} else if vals.Get("clear_secret") == "on" {
		in.ClientSecret = &secret
	}
	for field, r := range map[string]models.Role{"admin_groups": models.RoleAdmin, "event_groups": models.RoleEventStaff, "consultant_groups": models.RoleConsultant} {
		for _, g := range strings.Split(vals.Get(field), "\n") {
			if g = strings.TrimSpace(g); g != "" {
				in.Groups.Roles[g] = r
			}
		}
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	_, err = h.App.SaveOIDCSettings(ctx, u, jc, in)
	if errs, status, rest := formErrors(err); rest != nil {
		return rest
	} else if status != 0 {
		for i := range errs {
			if f, ok := oidcFieldOf[errs[i].Field]; ok {
				errs[i].Field = f
			}
		}
		vals.Del("client_secret") // a secret is never shown again
		form := web.NewForm(oidcLabels, vals)
		form.Errors = errs
		s, err := h.App.OIDCSettingsFor(ctx, u, jc)
		if err != nil {
			return err
		}
		return h.renderOIDC(c, status, jc, s, form, false)
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/jobcentre/%d/login?gemt=1", jc))
}

func (h *Handler) renderOIDC(c echo.Context, status int, jc int64, s app.OIDCSettings, form *web.Form, saved bool) error {
	name := fmt.Sprintf("jobcenter %d", jc)
	jcs, err := h.App.Jobcentres(c.Request().Context())
	if err != nil {
		return err
	}
	for _, j := range jcs {
		if j.ID == jc {
			name = j.Name
		}
	}
	p := newPage(c, "Log ind via identitetsudbyder: "+name, "", &oidcContent{Form: form, Jobcentre: name,
		Action: fmt.Sprintf("/jobcentre/%d/login", jc), SecretSet: s.ClientSecretSet, RedirectURI: s.RedirectURI, Saved: saved})
	p.Invalid = form.Invalid()
	return renderPage(c, status, "oidc_settings", p)
}
