package ui

import (
	"bytes"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/problem"
	"placering/server/session"
	"placering/web"
)

// Sections of the main navigation, by key.
const (
	secCompanies         = "virksomheder"
	secVirksomhedscentre = "virksomhedscentre"
	secOpenings          = "aabninger"
	secCitizens          = "borgere"
	secSearch            = "soeg"
	secInvitations       = "invitationer"
)

// navFor lists the sections a user works in. Borgere is hidden from roles
// that may not see citizens; the app refuses them anyway, this only keeps
// the menu honest.
func navFor(u *models.User, current string) []web.NavItem {
	if u == nil {
		return nil
	}
	items := []web.NavItem{
		{Label: "Virksomheder", Href: "/virksomheder"},
		{Label: "Virksomhedscentre", Href: "/virksomhedscentre"},
		{Label: "Åbninger", Href: "/aabninger"},
	}
	if seesCitizens(u) {
		items = append(items, web.NavItem{Label: "Borgere", Href: "/borgere"})
	}
	items = append(items, web.NavItem{Label: "Søg", Href: "/soeg"})
	if isStaff(u) {
		items = append(items, web.NavItem{Label: "Tavle", Href: boardPath})
	}
	if access.Allowed(u, access.Update, access.Of(access.OpeningReview)) {
		items = append(items, web.NavItem{Label: "Godkendelser", Href: reviewQueuePath}) // reviews.go
	}
	if usesPlacements(u) {
		items = append(items, web.NavItem{Label: "Placeringer", Href: placementPath}, web.NavItem{Label: "Timer", Href: hoursPath})
	}
	if access.Allowed(u, access.Read, access.Of(access.Alert)) {
		items = append(items, web.NavItem{Label: "Advarsler", Href: alertsPath}, web.NavItem{Label: "Rapporter", Href: reportsPath})
	}
	items = append(items, adminNav(u)...) // users.go
	if access.Allowed(u, access.Read, access.Of(access.Mail)) {
		items = append(items, web.NavItem{Label: "Postkasse", Href: mailboxPath})
	}
	if access.Allowed(u, access.Update, access.Of(access.Settings)) {
		items = append(items, web.NavItem{Label: "Indstillinger", Href: settingsPath})
	}
	if access.Allowed(u, access.Read, access.Of(access.Invitation)) {
		items = append(items, web.NavItem{Label: "Invitationer", Href: invitationsPath})
	}
	if u.Role == models.RoleEmployer && u.CompanyID != nil {
		items = append([]web.NavItem{{Label: "Forside", Href: employerHomePath}}, items...)
	}
	items = append(items, web.NavItem{Label: "Beskeder", Href: notificationsPath}) // notifications.go
	for i := range items {
		items[i].Current = strings.TrimPrefix(items[i].Href, "/") == current
	}
	return items
}

// newPage fills in what every page needs from the request: the user, the
// CSRF value for forms, the navigation and a pending flash message.
func newPage(c echo.Context, title, section string, content any) *web.Page {
	u := session.UserFrom(c)
	csrf, _ := c.Get(csrfField).(string)
	lang := langOf(c, u)
	nav := navFor(u, section)
	for i := range nav {
		nav[i].Label = web.Translate(lang, nav[i].Label)
		if nav[i].Href == notificationsPath {
			nav[i].Count = unreadCount(c)
		}
	}
	return &web.Page{
		Title:    web.Translate(lang, title),
		Nav:      nav,
		User:     u,
		CSRF:     csrf,
		Flash:    web.Translate(lang, takeFlash(c)),
		Lang:     lang,
		ShowLang: offersLang(u),
		Content:  content,
	}
}

// renderPage renders into a buffer first, so that a template error becomes
// a clean error page instead of half a page with a 200.
func renderPage(c echo.Context, status int, name string, p *web.Page) error {
	var buf bytes.Buffer
	if err := web.Render(&buf, name, p); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

func renderBlock(c echo.Context, status int, name, block string, p *web.Page) error {
	var buf bytes.Buffer
	if err := web.RenderBlock(&buf, name, block, p); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

type errorContent struct {
	Status int
	Detail string
	Errors models.FieldErrors
	// Resend carries what a form posted when the service was unavailable,
	// so that nothing typed is lost: the page sends it again as it was.
	Resend *resend
}

type resend struct {
	Action string
	Fields []resendField
}

type resendField struct{ Name, Value string }

// resendOf returns what a failed form post sent, to post it again, or nil
// when the request was no form post. Passwords are never echoed.
func resendOf(c echo.Context) *resend {
	r := c.Request()
	if r.Method != http.MethodPost || r.URL.Path == "/login" || r.URL.Path == "/logout" {
		return nil
	}
	ct := r.Header.Get(echo.HeaderContentType)
	if !strings.HasPrefix(ct, echo.MIMEApplicationForm) && !strings.HasPrefix(ct, echo.MIMEMultipartForm) {
		return nil
	}
	vals, err := c.FormParams()
	if err != nil || len(vals) == 0 {
		return nil
	}
	out := &resend{Action: r.URL.RequestURI()}
	names := make([]string, 0, len(vals))
	for k := range vals {
		if k != "password" && !strings.HasSuffix(k, "_password") {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		for _, v := range vals[k] {
			out.Fields = append(out.Fields, resendField{Name: k, Value: v})
		}
	}
	return out
}

// RenderError answers a browser request that failed: a 401 goes to the
// login page, everything else gets a Danish error page in the layout.
func RenderError(c echo.Context, p *problem.Problem) error {
	if p.Status == http.StatusUnauthorized {
		return redirectToLogin(c)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	if c.Request().Method == http.MethodHead {
		return c.NoContent(p.Status)
	}
	content := &errorContent{Status: p.Status, Detail: p.Detail, Errors: p.Errors}
	if p.Status == http.StatusServiceUnavailable {
		content.Resend = resendOf(c)
	}
	page := newPage(c, p.Title, "", content)
	page.Flash = ""
	var buf bytes.Buffer
	if err := web.Render(&buf, "error", page); err != nil {
		// Last resort: the error page itself failed. Say so in plain text.
		_ = c.String(p.Status, p.Title+": "+p.Detail)
		return fmt.Errorf("render error page: %w", err)
	}
	return c.HTMLBlob(p.Status, buf.Bytes())
}
