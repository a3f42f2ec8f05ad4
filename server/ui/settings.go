package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// The settings page: a jobcentre's matching weights and rule parameters,
// alert thresholds, contact quota and retention periods, each its own form
// that posts to the same server/app function as the API, and the history
// of who changed what. Administrators edit; the jobcentre's consultants
// see the values and the history.

const settingsPath = "/indstillinger"

const flashSettingsSaved = "settings_saved"

func init() { flashText[flashSettingsSaved] = "Indstillingerne er gemt." }

// settingField is one number on the settings page: its path in the
// section's JSON (which is also the form field's name and the field the
// service names in its errors) and whether it takes decimals.
type settingField struct {
	name    string
	decimal bool
	hint    string
}

// settingsSections lists the editable numbers of each section, in the
// order the page shows them. Lists and tables (allowed groups, deadlines)
// keep their values; the API edits them.
var settingsSections = map[string][]settingField{
	app.SectionMatching: {
		{"weights.goal", true, ""}, {"weights.distance", true, ""}, {"weights.hours", true, ""},
		{"weights.mentor", true, ""}, {"weights.virksomhedscenter", true, ""}, {"weights.start", true, ""},
		{"weights.history", true, ""},
		{"weights.breakdown_penalty", true, "Point der trækkes fra, når et forløb i samme virksomhed er brudt sammen."},
		{"weights.load_penalty_per_proposal", true, ""}, {"weights.load_penalty_max", true, "Højst 5 point."},
		{"rule_params.igu_min_age", false, ""}, {"rule_params.igu_max_age", false, ""},
		{"rule_params.igu_max_years_since_arrival", false, ""},
		{"rule_params.step_up_hours", true, "Timer om ugen over borgerens nuværende timetal."},
		{"rule_params.default_max_commute_km", true, "Når borgeren ikke selv har angivet en grænse."},
		{"stalled_after_days", false, ""},
	},
	app.SectionProgression: {
		{"stagnation_weeks", false, ""}, {"min_increase_hours", true, ""},
		{"shortfall_share", true, "En andel mellem 0 og 1, fx 0,75."}, {"shortfall_weeks", false, ""},
		{"absence_streak_weeks", false, ""}, {"plan_reached_weeks", false, ""},
		{"revisitation_hours", true, ""}, {"trend_weeks", false, ""},
		{"deadline_warn_weeks", false, ""}, {"replacement_weeks", false, ""}, {"rule_225_hours", true, ""},
	},
	app.SectionContactQuota: {
		{"interests_per_company_month", false, fmt.Sprintf("Hvor mange kandidater en virksomhed højst kan vise interesse for pr. kalendermåned (1–%d, standard %d).",
			app.MaxInterestsPerCompanyMonth, app.DefaultInterestsPerCompanyMonth)},
	},
	app.SectionRetention: {
		{"archived_citizen_years", false, fmt.Sprintf("Hele år, %d–%d (standard %d).",
			app.MinArchivedCitizenYears, app.MaxArchivedCitizenYears, app.DefaultArchivedCitizenYears)},
		{"audit_years", false, fmt.Sprintf("Hele år, %d–%d (standard %d).", app.MinAuditYears, app.MaxAuditYears, app.DefaultAuditYears)},
	},
}

// settingsForm is one section's form: its fields to draw and what was typed.
type settingsForm struct {
	Section, Action, Title string
	Form                   *web.Form
	Fields                 []settingsFieldView
	Default                bool
}

// settingsFieldView is what the template passes to fld for one number:
// its name and the options "inputmode=…" and "hint=…".
type settingsFieldView struct{ Name, InputMode, Hint string }

type settingsContent struct {
	Jobcentres    []models.Option // for administrators: which jobcentre
	JobcentreID   int64
	JobcentreName string
	CanEdit       bool
	Sections      []*settingsForm
	History       []settingsLine
	// Invalid is the form that came back with errors, for the summary.
	Invalid *web.Form
}

type settingsLine struct{ When, Who, Label, Old, New string }

var settingsTitles = []struct{ section, slug, title string }{
	{app.SectionMatching, "matching", "Matchingens vægte og regler"},
	{app.SectionProgression, "advarsler", "Tærskler for advarsler"},
	{app.SectionContactQuota, "kontaktkvote", "Kontaktkvote"},
	{app.SectionRetention, "opbevaring", "Opbevaringsfrister"},
}

func (h *Handler) settingsPage(c echo.Context) error {
	jc, err := strconv.ParseInt(c.QueryParam("jobcentre_id"), 10, 64)
	if err != nil {
		jc = 0
	}
	return h.renderSettings(c, http.StatusOK, jc, "", nil)
}

// renderSettings draws the page for jobcentre jc (0: the user's own, or
// for an administrator the first). The section named by failed shows the
// typed values and their errors instead of the stored ones.
func (h *Handler) renderSettings(c echo.Context, status int, jc int64, failed string, typed *web.Form) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	content := &settingsContent{}
	jcs, err := h.App.Jobcentres(ctx)
	if err != nil {
		return err
	}
	if u.JobcentreID != nil && jc == 0 {
		jc = *u.JobcentreID
	}
	if u.Role == models.RoleAdmin {
		for _, j := range jcs {
			content.Jobcentres = append(content.Jobcentres, models.Option{Code: itoa(j.ID), Label: j.Name})
		}
		if jc == 0 && len(jcs) > 0 {
			jc = jcs[0].ID
		}
	}
	for _, j := range jcs {
		if j.ID == jc {
			content.JobcentreName = j.Name
		}
	}
	content.JobcentreID = jc
	if jc == 0 {
		// An administrator before the first jobcentre exists: nothing to set.
		p := newPage(c, "Indstillinger", "indstillinger", content)
		return renderPage(c, status, "settings", p)
	}
	content.CanEdit = access.Allowed(u, access.Update, access.Row(access.Settings, jc, 0))
	values, defaults, err := h.settingsValues(ctx, u, jc)
	if err != nil {
		return err
	}
	for _, t := range settingsTitles {
		form := web.NewForm(settingsLabels(t.section), values[t.section])
		if t.section == failed && typed != nil {
			form = typed
			content.Invalid = typed
		}
		sf := &settingsForm{Section: t.section, Action: settingsPath + "/" + t.slug, Title: t.title, Form: form, Default: defaults[t.section]}
		for _, f := range settingsSections[t.section] {
			v := settingsFieldView{Name: f.name, InputMode: "inputmode=numeric"}
			if f.decimal {
				v.InputMode = "inputmode=decimal"
			}
			if f.hint != "" {
				v.Hint = "hint=" + f.hint
			}
			sf.Fields = append(sf.Fields, v)
		}
		content.Sections = append(content.Sections, sf)
	}
	hist, err := h.App.SettingsHistory(ctx, u, jc)
	if err != nil {
		return err
	}
	for _, ch := range hist {
		content.History = append(content.History, settingsLine{
			When: web.FormatDate(ch.ChangedAt) + " kl. " + ch.ChangedAt.In(copenhagen).Format("15.04"),
			Who:  orDefault(ch.ChangedByName, "en slettet bruger"), Label: ch.Label,
			Old: settingValue(ch.OldValue), New: settingValue(ch.NewValue),
		})
	}
	p := newPage(c, "Indstillinger", "indstillinger", content)
	p.Invalid = typed != nil && typed.Invalid()
	return renderPage(c, status, "settings", p)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func settingsLabels(section string) map[string]string {
	out := map[string]string{"jobcentre_id": "Jobcenter", "weights.weights": app.SettingLabel(section, "weights.weights")}
	for _, f := range settingsSections[section] {
		out[f.name] = app.SettingLabel(section, f.name)
	}
	return out
}

// settingsValues reads the four sections through the service and flattens
// each to form values ("weights.goal" → "30"), with whether it is still
// the default.
func (h *Handler) settingsValues(ctx context.Context, u *models.User, jc int64) (map[string]url.Values, map[string]bool, error) {
	m, err := h.App.MatchingSettings(ctx, u, jc)
	if err != nil {
		return nil, nil, err
	}
	p, err := h.App.ProgressionSettingsFor(ctx, u, jc)
	if err != nil {
		return nil, nil, err
	}
	q, err := h.App.ContactQuotaFor(ctx, u, jc)
	if err != nil {
		return nil, nil, err
	}
	r, err := h.App.RetentionSettingsFor(ctx, u, jc)
	if err != nil {
		return nil, nil, err
	}
	values := map[string]url.Values{}
	for section, v := range map[string]any{app.SectionMatching: m, app.SectionProgression: p.Settings,
		app.SectionContactQuota: q, app.SectionRetention: r} {
		tree, err := toTree(v)
		if err != nil {
			return nil, nil, err
		}
		vals := url.Values{}
		for _, f := range settingsSections[section] {
			if n, ok := lookup(tree, f.name).(float64); ok {
				vals.Set(f.name, numStr(n))
			}
		}
		values[section] = vals
	}
	return values, map[string]bool{app.SectionMatching: m.Default, app.SectionProgression: p.Default,
		app.SectionContactQuota: q.Default, app.SectionRetention: r.Default}, nil
}

func toTree(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var tree map[string]any
	return tree, json.Unmarshal(b, &tree)
}

func lookup(tree map[string]any, path string) any {
	var cur any = tree
	for _, k := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[k]
	}
	return cur
}

func assign(tree map[string]any, path string, v any) {
	keys := strings.Split(path, ".")
	for _, k := range keys[:len(keys)-1] {
		sub, ok := tree[k].(map[string]any)
		if !ok {
			sub = map[string]any{}
			tree[k] = sub
		}
		tree = sub
	}
	tree[keys[len(keys)-1]] = v
}

// settingValue writes a history value (JSON text) for people: numbers
// with a decimal comma, lists comma-separated.
func settingValue(raw string) string {
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return raw
	}
	switch x := v.(type) {
	case float64:
		return numStr(x)
	case nil:
		return "ingen"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			if s, ok := e.(string); ok {
				parts[i] = orCode(models.TargetGroup(s).Label(), s)
			} else {
				b, _ := json.Marshal(e)
				parts[i] = string(b)
			}
		}
		if len(parts) == 0 {
			return "ingen"
		}
		return strings.Join(parts, ", ")
	}
	return raw
}

// settingsSave is the handler of one section's form: it reads the typed
// numbers onto the section's current settings (so lists the page does not
// show keep their values) and saves them through the same service call
// as the API.
func (h *Handler) settingsSave(c echo.Context) error {
	section := ""
	for _, t := range settingsTitles {
		if t.slug == c.Param("section") {
			section = t.section
		}
	}
	if section == "" {
		return models.NotFound("Siden findes ikke.")
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	jc, _ := strconv.ParseInt(vals.Get("jobcentre_id"), 10, 64)
	form := web.NewForm(settingsLabels(section), vals)
	parsed := map[string]float64{}
	for _, f := range settingsSections[section] {
		n, msg := parseSetting(vals.Get(f.name), f.decimal)
		if msg != "" {
			form.Errors.Add(f.name, "%s", msg)
		}
		parsed[f.name] = n
	}
	save := func() error {
		switch section {
		case app.SectionMatching:
			cur, err := h.App.MatchingSettings(ctx, u, jc)
			if err != nil {
				return err
			}
			if err := onto(&cur, parsed); err != nil {
				return err
			}
			cur.JobcentreID = jc
			_, err = h.App.SaveMatchingSettings(ctx, u, cur)
			return err
		case app.SectionProgression:
			cur, err := h.App.ProgressionSettingsFor(ctx, u, jc)
			if err != nil {
				return err
			}
			if err := onto(&cur.Settings, parsed); err != nil {
				return err
			}
			cur.JobcentreID = jc
			_, err = h.App.SaveProgressionSettings(ctx, u, cur)
			return err
		case app.SectionContactQuota:
			in := app.ContactQuotaSettings{JobcentreID: jc}
			if err := onto(&in, parsed); err != nil {
				return err
			}
			_, err := h.App.SaveContactQuota(ctx, u, in)
			return err
		default:
			in := app.RetentionSettings{JobcentreID: jc}
			if err := onto(&in, parsed); err != nil {
				return err
			}
			_, err := h.App.SaveRetentionSettings(ctx, u, in)
			return err
		}
	}
	if !form.Invalid() {
		err := save()
		if err == nil {
			setFlash(c, flashSettingsSaved, h.SecureCookies)
			return c.Redirect(http.StatusSeeOther, fmt.Sprintf("%s?jobcentre_id=%d", settingsPath, jc))
		}
		errs, status, rest := formErrors(err)
		if rest != nil {
			return rest
		}
		form.Errors = errs
		return h.renderSettings(c, status, jc, section, form)
	}
	return h.renderSettings(c, http.StatusUnprocessableEntity, jc, section, form)
}

// parseSetting reads one typed number; a whole number unless decimal.
func parseSetting(s string, decimal bool) (float64, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, "Skriv et tal."
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1_000_000 {
		if decimal {
			return 0, "Skriv et tal, fx 12,5."
		}
		return 0, "Skriv et helt tal, fx 10."
	}
	if !decimal && f != math.Trunc(f) {
		return 0, "Skriv et helt tal, fx 10."
	}
	return f, ""
}

// onto sets the parsed numbers on v by their JSON paths.
func onto(v any, parsed map[string]float64) error {
	tree, err := toTree(v)
	if err != nil {
		return err
	}
	for k, n := range parsed {
		assign(tree, k, n)
	}
	b, err := json.Marshal(tree)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
