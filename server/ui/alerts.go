package ui

import (
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/matching/progression"
	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// The alert dashboard (/advarsler), a consultant's start page: the open
// alerts of the jobcentre's citizens, soonest due first, each with what to
// do and a form to acknowledge it with a note. With htmx the acknowledged
// alert leaves the list in place and a status line says so; without, the
// form posts and the page comes back.

const (
	secAlerts     = "advarsler"
	alertsPath    = "/advarsler"
	alertsPerPage = 50
)

var alertLabels = map[string]string{
	"kind":         "Slags advarsel",
	"vis":          "Vis advarsler for",
	"jobcentre_id": "Jobcenter",
	"note":         "Note",
}

// alertQuery is the dashboard's cleaned filter.
type alertQuery struct {
	values url.Values
	filter app.AlertFilter
	page   int
}

func alertKindOptions() []models.Option {
	out := make([]models.Option, len(progression.Kinds))
	for i, k := range progression.Kinds {
		out[i] = models.Option{Code: string(k), Label: k.Label()}
	}
	return out
}

func readAlertQuery(v url.Values, u *models.User, jobcentres []models.Option) alertQuery {
	q := alertQuery{values: url.Values{}}
	if k := v.Get("kind"); hasOption(alertKindOptions(), k) {
		q.values.Set("kind", k)
		q.filter.Kinds = []string{k}
	}
	// A consultant's dashboard is their own citizens' alerts (and that is
	// far less to compute); the whole jobcentre's is one choice away.
	if u.Role == models.RoleConsultant {
		if v.Get("vis") == viewAll {
			q.values.Set("vis", viewAll)
		} else {
			q.filter.ConsultantID = u.ID
		}
	}
	if id, err := strconv.ParseInt(v.Get("citizen_id"), 10, 64); err == nil && id > 0 {
		q.values.Set("citizen_id", itoa(id))
		q.filter.CitizenID = id
	}
	if jc := v.Get("jobcentre_id"); hasOption(jobcentres, jc) {
		q.values.Set("jobcentre_id", jc)
		q.filter.JobcentreID, _ = strconv.ParseInt(jc, 10, 64)
	}
	q.page, _ = strconv.Atoi(v.Get("side"))
	if q.page < 1 || q.page > 10000 {
		q.page = 1
	}
	q.filter.Page = models.Page{Page: q.page, PerPage: alertsPerPage}
	return q
}

func (q alertQuery) link(page int) string {
	v := url.Values{}
	for k, vs := range q.values {
		v[k] = vs
	}
	if page > 1 {
		v.Set("side", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return alertsPath
	}
	return alertsPath + "?" + v.Encode()
}

type alertsContent struct {
	Filter     *web.Form
	Kinds      []models.Option
	Jobcentres []models.Option
	Views      []models.Option
	CanMine    bool
	// PickJobcentre: an administrator must choose whose alerts to see.
	PickJobcentre bool
	Total         int64
	Pager         web.Pager
	Rows          []*alertView
	// Settings are the jobcentre's thresholds, shown so that a consultant
	// can see why an alert came (nil when no jobcentre is chosen).
	Settings *app.ProgressionSettings
	// Fragment is the one row an htmx acknowledgement answers with.
	Fragment *alertView
	Message  string
	Query    string
}

// alertView is one alert as the list draws it.
type alertView struct {
	app.AlertRow
	CSRF          string
	Query         string
	SeverityLabel string
	Error         string
	Note          string
}

// ID is the alert's element id: keys hold colons, ids should not.
func (a *alertView) ID() string { return "advarsel-" + web.FieldID(a.Key)[2:] }

// DueText writes the due date, Danish.
func (a *alertView) DueText() string { return web.FormatDate(a.Due) }

// GroupLabel names the citizen's target group.
func (a *alertView) GroupLabel() string { return orText(a.TargetGroup.Label(), string(a.TargetGroup)) }

func (h *Handler) alertList(c echo.Context) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	if err := access.Can(u, access.Read, access.Of(access.Alert)); err != nil {
		return err
	}
	jcs, err := h.jobcentreChoices(ctx, u)
	if err != nil {
		return err
	}
	q := readAlertQuery(c.QueryParams(), u, jcs)
	return h.renderAlerts(c, http.StatusOK, q, jcs, nil)
}

// renderAlerts draws the dashboard; problem, when set, is a refused
// acknowledgement to show on its row.
func (h *Handler) renderAlerts(c echo.Context, status int, q alertQuery, jcs []models.Option, problem *alertView) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	content := &alertsContent{Filter: web.NewForm(alertLabels, q.values), Kinds: alertKindOptions(), Jobcentres: jcs,
		Views: sheetViews, CanMine: u.Role == models.RoleConsultant, Query: q.values.Encode()}
	csrf, _ := c.Get(csrfField).(string)
	if u.Role == models.RoleAdmin && q.filter.JobcentreID == 0 {
		content.PickJobcentre = true
	} else {
		res, err := h.App.AlertList(ctx, u, q.filter)
		if err != nil {
			return fmt.Errorf("alerts: %w", err)
		}
		content.Total = res.Total
		pages := int((res.Total + alertsPerPage - 1) / alertsPerPage)
		content.Pager = web.Pager{Total: res.Total, Page: q.page, Pages: pages}
		if q.page > 1 {
			content.Pager.PrevURL = q.link(min(q.page-1, max(pages, 1)))
		}
		if q.page < pages {
			content.Pager.NextURL = q.link(q.page + 1)
		}
		for _, it := range res.Items {
			v := &alertView{AlertRow: it, CSRF: csrf, Query: content.Query, SeverityLabel: severityLabel(it.Severity)}
			if problem != nil && problem.Key == it.Key {
				v.Error, v.Note = problem.Error, problem.Note
			}
			content.Rows = append(content.Rows, v)
		}
	}
	jc := q.filter.JobcentreID
	if jc == 0 && u.JobcentreID != nil {
		jc = *u.JobcentreID
	}
	if jc != 0 {
		s, err := h.App.ProgressionSettingsFor(ctx, u, jc)
		if err != nil {
			return fmt.Errorf("progression settings: %w", err)
		}
		content.Settings = &s
	}
	p := newPage(c, "Advarsler", secAlerts, content)
	p.Invalid = problem != nil
	return renderPage(c, status, "alerts/list", p)
}

func (h *Handler) alertAck(c echo.Context) error {
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	if err := access.Can(u, access.Update, access.Of(access.Alert)); err != nil {
		return err
	}
	jcs, err := h.jobcentreChoices(ctx, u)
	if err != nil {
		return err
	}
	filter, _ := url.ParseQuery(vals.Get("filter"))
	q := readAlertQuery(filter, u, jcs)
	key, note := vals.Get("key"), strings.TrimSpace(vals.Get("note"))
	it, err := h.App.AckAlert(ctx, u, key, app.AckInput{Note: note})
	switch {
	case err == nil:
	case models.ErrorCode(err) == models.ENotFound || models.ErrorCode(err) == models.EConflict:
		// Someone else acknowledged it, or it has resolved itself: either
		// way it no longer belongs on the list.
		if !isFragment(c) {
			setFlash(c, flashAlertGone, h.SecureCookies)
			return c.Redirect(http.StatusSeeOther, q.link(q.page))
		}
		return c.HTML(http.StatusOK, ackMessage("Advarslen er allerede behandlet og er fjernet fra listen."))
	default:
		var fe models.FieldErrors
		if !errors.As(err, &fe) {
			return err
		}
		problem := &alertView{AlertRow: app.AlertRow{AlertItem: app.AlertItem{Alert: progression.Alert{Key: key}}},
			Error: fe.For("note"), Note: note}
		if problem.Error == "" {
			problem.Error = fe[0].Message
		}
		if isFragment(c) {
			return h.alertFragment(c, q, problem)
		}
		return h.renderAlerts(c, http.StatusUnprocessableEntity, q, jcs, problem)
	}
	if !isFragment(c) {
		setFlash(c, flashAlertAcked, h.SecureCookies)
		return c.Redirect(http.StatusSeeOther, q.link(q.page))
	}
	// htmx swaps the alert's row for nothing and puts the message in the
	// status line, out of band.
	return c.HTML(http.StatusOK, ackMessage(it.KindLabel+" for "+it.CitizenName+" er kvitteret og fjernet fra listen."))
}

// ackMessage is the out-of-band status line an htmx acknowledgement
// answers with; the row it replaces becomes empty.
func ackMessage(msg string) string {
	var b strings.Builder
	b.WriteString(`<div id="advarsel-besked" hx-swap-oob="innerHTML">`)
	b.WriteString(html.EscapeString(msg))
	b.WriteString(`</div>`)
	return b.String()
}

// alertFragment answers a refused htmx acknowledgement with the alert's
// row and the problem on it. htmx swaps only 2xx answers.
func (h *Handler) alertFragment(c echo.Context, q alertQuery, problem *alertView) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	f := q.filter
	f.Page = models.Page{PerPage: models.MaxPerPage}
	citizen, _ := progression.KeySubject(problem.Key)
	if citizen != 0 {
		f.CitizenID = citizen
	}
	res, err := h.App.AlertList(ctx, u, f)
	if err != nil {
		return fmt.Errorf("alert row: %w", err)
	}
	csrf, _ := c.Get(csrfField).(string)
	content := &alertsContent{Query: q.values.Encode()}
	for _, it := range res.Items {
		if it.Key == problem.Key {
			content.Fragment = &alertView{AlertRow: it, CSRF: csrf, Query: content.Query, SeverityLabel: severityLabel(it.Severity),
				Error: problem.Error, Note: problem.Note}
		}
	}
	if content.Fragment == nil {
		return c.HTML(http.StatusOK, ackMessage("Advarslen er ikke længere aktuel og er fjernet fra listen."))
	}
	return renderBlock(c, http.StatusOK, "alerts/list", "fragment", newPage(c, "Advarsler", secAlerts, content))
}

// Pct writes a share as a percentage, "75 %".
func (*alertsContent) Pct(f float64) string { return decimal(f*100, 1) + " %" }

// Num writes a number of hours.
func (*alertsContent) Num(f float64) string { return decimal(f, 1) }

// Groups names target groups, "Gruppe 1, Gruppe 2".
func (*alertsContent) Groups(gs []models.TargetGroup) string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = orText(g.Label(), string(g))
	}
	return strings.Join(out, "; ")
}
