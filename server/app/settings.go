package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// A jobcentre's settings pages: the contact quota (new here), and the
// history of who changed which setting. Every save of a jobcentre's
// settings (matching, progression thresholds, contact quota, retention)
// goes through saveSettings, which writes the row and one history row per
// changed field in one transaction; the API and the browser call the same
// Save functions, so both are recorded alike.

// Settings sections, as the history names them.
const (
	SectionMatching     = "matching"
	SectionProgression  = "progression"
	SectionContactQuota = "contact_quota"
	SectionRetention    = "retention"
)

// The contact quota: how many times a company may show interest in a
// candidate per calendar month (issue 11's employer interest; each
// interest makes the consultant contact a citizen). Modelled on Immersion
// Facilitée's caps on employer contacts, so that neither citizens nor the
// consultants are flooded. 20 a month is the default; a jobcentre may
// choose 1–200.
const (
	DefaultInterestsPerCompanyMonth = 20
	MaxInterestsPerCompanyMonth     = 200
)

// ContactQuotaSettings are a jobcentre's contact quota.
type ContactQuotaSettings struct {
	JobcentreID int64 `json:"jobcentre_id"`
	// InterestsPerCompanyMonth: a company may show interest in at most
	// this many candidates per calendar month.
	InterestsPerCompanyMonth int `json:"interests_per_company_month"`
	// Default is true while the jobcentre uses the default (read only).
	Default bool `json:"default"`
}

// DefaultContactQuota is the quota of a jobcentre nobody has changed.
func DefaultContactQuota(jc int64) ContactQuotaSettings {
	return ContactQuotaSettings{JobcentreID: jc, InterestsPerCompanyMonth: DefaultInterestsPerCompanyMonth, Default: true}
}

// Validate checks a quota an administrator typed.
func (in *ContactQuotaSettings) Validate() models.FieldErrors {
	var errs models.FieldErrors
	if in.InterestsPerCompanyMonth < 1 || in.InterestsPerCompanyMonth > MaxInterestsPerCompanyMonth {
		errs.Add("interests_per_company_month", "Antal interesser skal være et helt tal mellem 1 og %d.", MaxInterestsPerCompanyMonth)
	}
	return errs
}

func (a *App) contactQuota(ctx context.Context, jc int64) (ContactQuotaSettings, error) {
	row, err := a.store.GetContactQuotaSettings(ctx, jc)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return DefaultContactQuota(jc), nil
	case err != nil:
		return ContactQuotaSettings{}, err
	}
	return ContactQuotaSettings{JobcentreID: jc, InterestsPerCompanyMonth: row.InterestsPerCompanyMonth}, nil
}

// ContactQuotaFor returns a jobcentre's contact quota (the default until an
// administrator changes it); jc 0 means the actor's own jobcentre.
func (a *App) ContactQuotaFor(ctx context.Context, u Actor, jc int64) (ContactQuotaSettings, error) {
	if s := access.ScopeOf(u); jc == 0 && !s.All {
		jc = s.JobcentreID
	}
	if err := can(u, access.Read, access.Row(access.Settings, jc, 0)); err != nil {
		return ContactQuotaSettings{}, err
	}
	if jc == 0 {
		return DefaultContactQuota(0), nil
	}
	if _, err := a.store.GetJobcentre(ctx, jc); err != nil {
		return ContactQuotaSettings{}, notFound(err, "jobcenter")
	}
	return a.contactQuota(ctx, jc)
}

// SaveContactQuota lets an administrator change a jobcentre's contact quota.
func (a *App) SaveContactQuota(ctx context.Context, u Actor, in ContactQuotaSettings) (ContactQuotaSettings, error) {
	errs := in.Validate()
	if err := a.settingsTarget(ctx, u, in.JobcentreID, &errs); err != nil {
		return ContactQuotaSettings{}, err
	}
	if err := errs.Err(); err != nil {
		return ContactQuotaSettings{}, err
	}
	old, err := a.contactQuota(ctx, in.JobcentreID)
	if err != nil {
		return ContactQuotaSettings{}, err
	}
	row := store.ContactQuotaSettings{JobcentreID: in.JobcentreID, InterestsPerCompanyMonth: in.InterestsPerCompanyMonth, UpdatedBy: &u.ID}
	if err := a.saveSettings(ctx, u, in.JobcentreID, SectionContactQuota, old, in, func(tx *store.Store) error {
		return tx.SaveContactQuotaSettings(ctx, &row)
	}); err != nil {
		return ContactQuotaSettings{}, err
	}
	return a.contactQuota(ctx, in.JobcentreID)
}

// saveSettings runs save and records every field that differs between old
// and next in the settings history, in one transaction, then audits the
// change. Fields that do not belong to the settings (jobcentre_id,
// default, as_of) are not compared.
func (a *App) saveSettings(ctx context.Context, u Actor, jc int64, section string, old, next any, save func(tx *store.Store) error) error {
	changes, err := diffSettings(old, next)
	if err != nil {
		return err
	}
	now := a.Now().UTC()
	rows := make([]store.SettingsChange, len(changes))
	for i, c := range changes {
		rows[i] = store.SettingsChange{JobcentreID: jc, Section: section, Field: c.field,
			OldValue: c.old, NewValue: c.new, ChangedBy: u.ID, ChangedAt: now}
	}
	if err := a.store.Tx(ctx, func(tx *store.Store) error {
		if err := save(tx); err != nil {
			return err
		}
		return tx.AddSettingsChanges(ctx, rows)
	}); err != nil {
		return err
	}
	return a.audit(ctx, u, "update", section+"_settings", jc)
}

type fieldChange struct{ field, old, new string }

// diffSettings flattens both values to JSON paths (weights.goal) and lists
// the paths whose JSON differs, in path order. Lists are compared whole.
func diffSettings(old, next any) ([]fieldChange, error) {
	o, err := flatten(old)
	if err != nil {
		return nil, err
	}
	n, err := flatten(next)
	if err != nil {
		return nil, err
	}
	paths := map[string]bool{}
	for p := range o {
		paths[p] = true
	}
	for p := range n {
		paths[p] = true
	}
	var out []fieldChange
	for p := range paths {
		if o[p] != n[p] {
			ov, nv := o[p], n[p]
			if ov == "" {
				ov = "null"
			}
			if nv == "" {
				nv = "null"
			}
			out = append(out, fieldChange{field: p, old: ov, new: nv})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].field < out[j].field })
	return out, nil
}

// notSettings are JSON fields of the settings types that are no setting.
var notSettings = map[string]bool{"jobcentre_id": true, "default": true, "as_of": true, "rule_params.as_of": true}

func flatten(v any) (map[string]string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode settings: %w", err)
	}
	var tree map[string]any
	if err := json.Unmarshal(b, &tree); err != nil {
		return nil, fmt.Errorf("decode settings: %w", err)
	}
	out := map[string]string{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			p := prefix + k
			if notSettings[p] {
				continue
			}
			if sub, ok := v.(map[string]any); ok {
				walk(p+".", sub)
				continue
			}
			b, _ := json.Marshal(v)
			out[p] = string(b)
		}
	}
	walk("", tree)
	return out, nil
}

// SettingsChange is one changed setting of a jobcentre, for the history.
type SettingsChange struct {
	ID          int64  `json:"id"`
	JobcentreID int64  `json:"jobcentre_id"`
	Section     string `json:"section"`
	// Field is the setting's path in its section's JSON (weights.goal).
	Field string `json:"field"`
	// Label names the setting in Danish.
	Label string `json:"label"`
	// OldValue and NewValue are the values as JSON text ("30", "[\"gruppe_1\"]").
	OldValue      string    `json:"old_value"`
	NewValue      string    `json:"new_value"`
	ChangedBy     int64     `json:"changed_by"`
	ChangedByName string    `json:"changed_by_name"`
	ChangedAt     time.Time `json:"changed_at"`
}

// MaxSettingsHistory is how many changes the history shows.
const MaxSettingsHistory = 200

// SettingsHistory lists who changed which of jobcentre jc's settings, and
// when, newest first (jc 0: the actor's own jobcentre).
func (a *App) SettingsHistory(ctx context.Context, u Actor, jc int64) ([]SettingsChange, error) {
	if s := access.ScopeOf(u); jc == 0 && !s.All {
		jc = s.JobcentreID
	}
	if err := can(u, access.Read, access.Row(access.SettingsHistory, jc, 0)); err != nil {
		return nil, err
	}
	if jc == 0 {
		return []SettingsChange{}, nil
	}
	if _, err := a.store.GetJobcentre(ctx, jc); err != nil {
		return nil, notFound(err, "jobcenter")
	}
	rows, err := a.store.SettingsHistory(ctx, jc, MaxSettingsHistory)
	if err != nil {
		return nil, err
	}
	out := make([]SettingsChange, len(rows))
	for i, r := range rows {
		out[i] = SettingsChange{ID: r.ID, JobcentreID: r.JobcentreID, Section: r.Section, Field: r.Field,
			Label: SettingLabel(r.Section, r.Field), OldValue: r.OldValue, NewValue: r.NewValue,
			ChangedBy: r.ChangedBy, ChangedByName: r.ChangedByName, ChangedAt: r.ChangedAt.UTC()}
	}
	return out, nil
}

// SettingLabel names a setting in Danish: "Vægt: jobmål".
func SettingLabel(section, field string) string {
	if l, ok := settingLabels[section+"."+field]; ok {
		return l
	}
	for _, p := range []struct{ prefix, label string }{
		{"rule_params.allowed_groups.", "Målgrupper der må placeres i "},
		{"rule_params.via_virksomhedscenter.", "Målgrupper kun via virksomhedscenter i "},
	} {
		if k, ok := strings.CutPrefix(field, p.prefix); ok && section == SectionMatching {
			return p.label + models.Kind(k).Label()
		}
	}
	return field
}

var settingLabels = map[string]string{
	"matching.weights.goal":                            "Vægt: jobmål",
	"matching.weights.distance":                        "Vægt: afstand",
	"matching.weights.hours":                           "Vægt: timer",
	"matching.weights.mentor":                          "Vægt: mentor",
	"matching.weights.virksomhedscenter":               "Vægt: virksomhedscenter",
	"matching.weights.start":                           "Vægt: opstart",
	"matching.weights.history":                         "Vægt: tidligere forløb",
	"matching.weights.breakdown_penalty":               "Straf for afbrudt forløb samme sted",
	"matching.weights.load_penalty_per_proposal":       "Belastningsstraf pr. nyligt forslag",
	"matching.weights.load_penalty_max":                "Største belastningsstraf",
	"matching.weights.weights":                         "Vægtene i alt",
	"matching.rule_params.igu_min_age":                 "IGU: mindste alder",
	"matching.rule_params.igu_max_age":                 "IGU: højeste alder",
	"matching.rule_params.igu_max_years_since_arrival": "IGU: højst år siden ankomst",
	"matching.rule_params.step_up_hours":               "Tilladt timestigning",
	"matching.rule_params.default_max_commute_km":      "Længste transport (standard, km)",
	"matching.stalled_after_days":                      "Dage før et match går i stå",
	"progression.stagnation_weeks":                     "Stilstand: uger uden stigning",
	"progression.min_increase_hours":                   "Mindste stigning (timer)",
	"progression.shortfall_share":                      "Underskud: andel af planlagte timer",
	"progression.shortfall_weeks":                      "Underskud: uger i træk",
	"progression.absence_streak_weeks":                 "Fravær: uger i træk",
	"progression.plan_reached_weeks":                   "Mål nået: uger i træk",
	"progression.revisitation_hours":                   "Revisitering: timer i snit",
	"progression.trend_weeks":                          "Tendens: uger tilbage",
	"progression.deadline_warn_weeks":                  "Frister: varsel i uger",
	"progression.replacement_weeks":                    "Genplacering: højst uger",
	"progression.rule_225_hours":                       "225-timersreglen: timer om året",
	"progression.rule_225_groups":                      "225-timersreglen: målgrupper",
	"progression.deadlines":                            "Frister pr. målgruppe",
	"contact_quota.interests_per_company_month":        "Interesser pr. virksomhed pr. måned",
	"retention.archived_citizen_years":                 "Arkiverede borgere slettes efter (år)",
	"retention.audit_years":                            "Adgangsloggen gemmes i (år)",
}
