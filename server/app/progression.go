package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"placering/matching/progression"
	"placering/models"
	"placering/server/access"
	"placering/store"
)

// Hour progression and alerts: the service side of matching/progression.
// Alerts are computed on every call from placements and hours, never
// stored; only acknowledgements are, keyed by the alert's stable key.

// ProgressionSettings are a jobcentre's progression thresholds.
type ProgressionSettings struct {
	JobcentreID int64 `json:"jobcentre_id"`
	progression.Settings
	Default bool `json:"default"`
}

// ProgressionSettingsFor returns a jobcentre's thresholds (the defaults
// until an administrator changes them), to its own staff.
func (a *App) ProgressionSettingsFor(ctx context.Context, u Actor, jc int64) (ProgressionSettings, error) {
	if err := can(u, access.Read, access.Row(access.Settings, jc, 0)); err != nil {
		return ProgressionSettings{}, err
	}
	s, def, err := a.progressionSettings(ctx, jc)
	return ProgressionSettings{JobcentreID: jc, Settings: s, Default: def}, err
}

func (a *App) progressionSettings(ctx context.Context, jc int64) (progression.Settings, bool, error) {
	s := progression.DefaultSettings()
	row, err := a.store.GetProgressionSettings(ctx, jc)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return s, true, nil
	case err != nil:
		return s, false, err
	}
	if err := json.Unmarshal([]byte(row.Params), &s); err != nil {
		return s, false, fmt.Errorf("stored progression settings of jobcentre %d: %w", jc, err)
	}
	return s, false, nil
}

// SaveProgressionSettings lets an administrator change a jobcentre's
// thresholds and deadline table.
func (a *App) SaveProgressionSettings(ctx context.Context, u Actor, in ProgressionSettings) (ProgressionSettings, error) {
	if err := can(u, access.Update, access.Row(access.Settings, in.JobcentreID, 0)); err != nil {
		return ProgressionSettings{}, err
	}
	errs := in.Settings.Validate()
	if _, err := a.store.GetJobcentre(ctx, in.JobcentreID); err != nil {
		errs.Add("jobcentre_id", "Jobcentret findes ikke.")
	}
	if err := errs.Err(); err != nil {
		return ProgressionSettings{}, err
	}
	b, err := json.Marshal(in.Settings)
	if err != nil {
		return ProgressionSettings{}, fmt.Errorf("encode progression settings: %w", err)
	}
	old, _, err := a.progressionSettings(ctx, in.JobcentreID)
	if err != nil {
		return ProgressionSettings{}, err
	}
	row := store.ProgressionSettings{JobcentreID: in.JobcentreID, Params: string(b), UpdatedBy: &u.ID}
	if err := a.saveSettings(ctx, u, in.JobcentreID, SectionProgression, old, in.Settings, func(tx *store.Store) error {
		return tx.SaveProgressionSettings(ctx, &row)
	}); err != nil {
		return ProgressionSettings{}, err
	}
	return a.ProgressionSettingsFor(ctx, u, in.JobcentreID)
}

// AlertItem is an alert with what a list needs beside it, and its
// acknowledgement when it has one.
type AlertItem struct {
	progression.Alert
	KindLabel    string             `json:"kind_label"`
	CitizenName  string             `json:"citizen_name"`
	TargetGroup  models.TargetGroup `json:"target_group"`
	ConsultantID *int64             `json:"consultant_id,omitempty"`
	Acknowledged *models.AlertAck   `json:"acknowledged,omitempty"`
}

// ProgressionView is a citizen's hour progression: the weekly series over
// all their placements, the metrics and the current alerts.
type ProgressionView struct {
	CitizenID      int64               `json:"citizen_id"`
	TargetGroup    models.TargetGroup  `json:"target_group"`
	GroupEnteredOn models.Date         `json:"group_entered_on"`
	AsOf           models.Date         `json:"as_of"`
	Series         []progression.Point `json:"series"`
	Metrics        progression.Metrics `json:"metrics"`
	Alerts         []AlertItem         `json:"alerts"`
	Placements     []models.Placement  `json:"placements"`
	// Confirmation totals the hours of every placement, worked and
	// confirmed by the employer.
	Confirmation HoursSummary `json:"confirmation"`
}

// CitizenProgression computes a citizen's progression; a read of the
// citizen, audited.
func (a *App) CitizenProgression(ctx context.Context, u Actor, citizenID int64) (ProgressionView, error) {
	c, err := a.GetCitizen(ctx, u, citizenID)
	if err != nil {
		return ProgressionView{}, err
	}
	s, _, err := a.progressionSettings(ctx, c.JobcentreID)
	if err != nil {
		return ProgressionView{}, err
	}
	ps, err := a.store.PlacementsOfJobcentre(ctx, c.JobcentreID, []int64{c.ID})
	if err != nil {
		return ProgressionView{}, err
	}
	hs, err := a.store.HoursForProgression(ctx, store.HoursFilter{JobcentreID: c.JobcentreID, CitizenIDs: []int64{c.ID}})
	if err != nil {
		return ProgressionView{}, err
	}
	acks, err := a.store.AlertAcks(ctx, c.JobcentreID)
	if err != nil {
		return ProgressionView{}, err
	}
	asOf := models.DateOf(a.Now())
	pc := store.ProgressionCitizen{ID: c.ID, JobcentreID: c.JobcentreID, Name: c.Name, TargetGroup: c.TargetGroup,
		GroupEnteredOn: c.GroupEnteredOn, ArrivalDate: c.ArrivalDate, ConsultantID: c.ConsultantID}
	r := progression.Analyse(progressionSubject(pc, ps, hs), s, asOf, progression.FullSeries)
	v := ProgressionView{CitizenID: c.ID, TargetGroup: c.TargetGroup, GroupEnteredOn: c.GroupEnteredOn, AsOf: asOf,
		Series: r.Series, Metrics: r.Metrics, Alerts: make([]AlertItem, 0, len(r.Alerts)), Placements: ps}
	for _, al := range r.Alerts {
		v.Alerts = append(v.Alerts, alertItem(al, pc, acks))
	}
	if v.Placements == nil {
		v.Placements = []models.Placement{}
	}
	if v.Confirmation, err = a.hoursSummary(ctx, ps); err != nil {
		return ProgressionView{}, err
	}
	return v, nil
}

func progressionSubject(c store.ProgressionCitizen, ps []models.Placement, hs []models.WeeklyHours) progression.Citizen {
	return progression.Citizen{ID: c.ID, TargetGroup: c.TargetGroup, GroupEnteredOn: c.GroupEnteredOn, ArrivalDate: c.ArrivalDate,
		Placements: ps, Hours: hs}
}

func alertItem(al progression.Alert, c store.ProgressionCitizen, acks map[string]models.AlertAck) AlertItem {
	it := AlertItem{Alert: al, KindLabel: al.Kind.Label(), CitizenName: c.Name, TargetGroup: c.TargetGroup, ConsultantID: c.ConsultantID}
	if ack, ok := acks[al.Key]; ok {
		it.Acknowledged = &ack
	}
	return it
}

// AlertFilter selects alerts. Zero fields do not filter, except
// Acknowledged: "" hides acknowledged alerts ("true" shows only those,
// "all" both).
type AlertFilter struct {
	Page         models.Page
	JobcentreID  int64 // for administrators; others get their own
	Kinds        []string
	Severities   []string
	CitizenID    int64
	ConsultantID int64
	TargetGroups []string
	DueBefore    models.Date
	Acknowledged string
}

// Alerts computes the alerts of a jobcentre's citizens, filtered and
// paged, soonest due first. The citizens on the page are audited as read.
func (a *App) Alerts(ctx context.Context, u Actor, f AlertFilter) (ListResult[AlertItem], error) {
	if err := can(u, access.Read, access.Of(access.Alert)); err != nil {
		return ListResult[AlertItem]{}, err
	}
	jc, err := scopeJobcentre(u, f.JobcentreID)
	if err != nil {
		return ListResult[AlertItem]{}, err
	}
	// One citizen: compute just theirs. Otherwise take the jobcentre's
	// alerts (cached while its data is unchanged) and narrow them here.
	cf := store.CitizenFilterLite{JobcentreID: jc}
	if f.CitizenID != 0 {
		cf.IDs = []int64{f.CitizenID}
	}
	all, err := a.JobcentreAlerts(ctx, cf)
	if err != nil {
		return ListResult[AlertItem]{}, err
	}
	kinds, sevs, groups := stringSet(f.Kinds), stringSet(f.Severities), stringSet(f.TargetGroups)
	kept := all[:0]
	for _, it := range all {
		switch {
		case f.ConsultantID != 0 && (it.ConsultantID == nil || *it.ConsultantID != f.ConsultantID):
		case len(groups) > 0 && !groups[string(it.TargetGroup)]:
		case len(kinds) > 0 && !kinds[string(it.Kind)]:
		case len(sevs) > 0 && !sevs[string(it.Severity)]:
		case !f.DueBefore.IsZero() && !it.Due.Before(f.DueBefore):
		case f.Acknowledged == "" && it.Acknowledged != nil:
		case f.Acknowledged == "true" && it.Acknowledged == nil:
		default:
			kept = append(kept, it)
		}
	}
	p := f.Page.Normalized()
	lo := min(len(kept), (p.Page-1)*p.PerPage)
	hi := min(len(kept), lo+p.PerPage)
	items := kept[lo:hi]
	if len(items) > 0 {
		ids := make([]int64, len(items))
		for i, it := range items {
			ids[i] = it.CitizenID
		}
		if err := a.audit(ctx, u, "read", "citizen", models.UniqueIDs(ids)...); err != nil {
			return ListResult[AlertItem]{}, err
		}
	}
	return page(append([]AlertItem{}, items...), int64(len(kept)), f.Page), nil
}

// JobcentreAlerts computes every alert of the citizens cf selects, in due
// order, with acknowledgements. It checks no access and audits nothing:
// callers do (Alerts), or are the service itself (benchmarks, jobs).
//
// A whole jobcentre's alerts are cached under the store's progression
// fingerprint, so a repeated dashboard load costs one small query until
// hours, placements, citizens or thresholds change (on any replica).
func (a *App) JobcentreAlerts(ctx context.Context, cf store.CitizenFilterLite) ([]AlertItem, error) {
	acks, err := a.store.AlertAcks(ctx, cf.JobcentreID)
	if err != nil {
		return nil, err
	}
	var items []AlertItem
	if cf.IDs == nil && cf.ConsultantID == 0 && len(cf.TargetGroups) == 0 {
		items, err = a.cachedAlerts(ctx, cf.JobcentreID)
	} else {
		items, err = a.computeAlerts(ctx, cf)
	}
	if err != nil {
		return nil, err
	}
	out := make([]AlertItem, len(items))
	for i, it := range items {
		if ack, ok := acks[it.Key]; ok {
			it.Acknowledged = &ack
		}
		out[i] = it
	}
	return out, nil
}

// computeAlerts computes the alerts of the citizens cf selects, in due
// order, without acknowledgements.
func (a *App) computeAlerts(ctx context.Context, cf store.CitizenFilterLite) ([]AlertItem, error) {
	jc := cf.JobcentreID
	s, _, err := a.progressionSettings(ctx, jc)
	if err != nil {
		return nil, err
	}
	citizens, err := a.store.ProgressionCitizens(ctx, cf)
	if err != nil {
		return nil, err
	}
	// Narrowed to some citizens: read only theirs. Otherwise read the
	// jobcentre's rows in two scans rather than lists of ids.
	var ids []int64
	if cf.IDs != nil || cf.ConsultantID != 0 || len(cf.TargetGroups) > 0 {
		ids = make([]int64, len(citizens))
		for i, c := range citizens {
			ids[i] = c.ID
		}
	}
	byCitizen := make(map[int64]*progression.Citizen, len(citizens))
	for _, c := range citizens {
		pc := progressionSubject(c, nil, nil)
		byCitizen[c.ID] = &pc
	}
	err = a.store.EachPlacementForProgression(ctx, jc, ids, func(p models.Placement) {
		if c := byCitizen[p.CitizenID]; c != nil {
			c.Placements = append(c.Placements, p)
		}
	})
	if err != nil {
		return nil, err
	}
	asOf := models.DateOf(a.Now())
	since := models.ISOWeekOf(asOf).AddWeeks(-progression.WindowWeeks).Monday()
	err = a.store.EachHoursForProgression(ctx, store.HoursFilter{JobcentreID: jc, CitizenIDs: ids, Since: since}, func(h models.WeeklyHours) {
		if c := byCitizen[h.CitizenID]; c != nil {
			c.Hours = append(c.Hours, h)
		}
	})
	if err != nil {
		return nil, err
	}
	var out []AlertItem
	for _, c := range citizens {
		for _, al := range progression.Analyse(*byCitizen[c.ID], s, asOf, progression.WindowOnly).Alerts {
			out = append(out, alertItem(al, c, nil))
		}
	}
	sortAlerts(out)
	return out, nil
}

// sortAlerts orders alerts soonest due first, then by kind and key, so
// that the order is the same however the list was put together.
func sortAlerts(out []AlertItem) {
	sort.SliceStable(out, func(i, j int) bool {
		x, y := out[i], out[j]
		if x.Due != y.Due {
			return x.Due.Before(y.Due)
		}
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		return x.Key < y.Key
	})
}

// AckInput acknowledges an alert.
type AckInput struct {
	Note string `json:"note"`
}

// AckAlert records that a consultant has handled an alert, with a note.
// The alert must be current: an acknowledgement is for something seen.
func (a *App) AckAlert(ctx context.Context, u Actor, key string, in AckInput) (AlertItem, error) {
	if err := can(u, access.Update, access.Of(access.Alert)); err != nil {
		return AlertItem{}, err
	}
	var errs models.FieldErrors
	models.CheckText(&errs, "note", in.Note, models.MaxLongText, false, true)
	if err := errs.Err(); err != nil {
		return AlertItem{}, err
	}
	// An alert outside the user's jobcentre is reported as missing, the
	// same as one that does not exist, whatever its key names.
	citizenID, placementID := progression.KeySubject(key)
	if placementID != 0 {
		p, err := a.store.GetPlacement(ctx, placementID)
		if err != nil {
			return AlertItem{}, notFound(err, "advarsel")
		}
		if can(u, access.Update, access.Row(access.Alert, p.JobcentreID, 0)) != nil {
			return AlertItem{}, missing("advarsel")
		}
		citizenID = p.CitizenID
	}
	if citizenID == 0 {
		return AlertItem{}, missing("advarsel")
	}
	c, err := a.citizen(ctx, u, citizenID)
	if models.ErrorCode(err) == models.ENotFound {
		return AlertItem{}, missing("advarsel")
	}
	if err != nil {
		return AlertItem{}, err
	}
	items, err := a.JobcentreAlerts(ctx, store.CitizenFilterLite{JobcentreID: c.JobcentreID, IDs: []int64{c.ID}})
	if err != nil {
		return AlertItem{}, err
	}
	for _, it := range items {
		if it.Key != key {
			continue
		}
		if it.Acknowledged != nil {
			return AlertItem{}, models.Conflict("key", "Der er allerede kvitteret for advarslen.")
		}
		ack := models.AlertAck{JobcentreID: c.JobcentreID, AlertKey: key, Kind: string(it.Kind), CitizenID: c.ID,
			Note: in.Note, AckedBy: u.ID, AckedAt: a.Now().UTC()}
		if err := a.store.AckAlert(ctx, &ack); err != nil {
			return AlertItem{}, conflict(err, "key", "Der er allerede kvitteret for advarslen.")
		}
		it.Acknowledged = &ack
		return it, a.audit(ctx, u, "update", "citizen", c.ID)
	}
	return AlertItem{}, &models.Error{Code: models.ENotFound, Op: "ack alert", Message: "Advarslen er ikke længere aktuel."}
}

func stringSet(vs []string) map[string]bool {
	out := make(map[string]bool, len(vs))
	for _, v := range vs {
		out[v] = true
	}
	return out
}
