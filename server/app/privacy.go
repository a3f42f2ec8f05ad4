package app

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// Personal data rights: erasure (GDPR art. 17), insight (art. 15).

// EraseInput is an erasure request: why the citizen's data is erased (the
// citizen's request, a decision, the end of the retention period). The
// reason is kept in the audit log; write no personal data in it.
type EraseInput struct {
	Reason string `json:"reason"`
}

// MaxEraseReason bounds an erasure's reason.
const MaxEraseReason = 500

// Validate checks the reason.
func (in *EraseInput) Validate() models.FieldErrors {
	var errs models.FieldErrors
	in.Reason = strings.TrimSpace(in.Reason)
	switch n := len([]rune(in.Reason)); {
	case n == 0:
		errs.Add("reason", "Angiv hvorfor borgerens oplysninger slettes, fx »Borgerens anmodning af 3. marts«.")
	case n > MaxEraseReason:
		errs.Add("reason", "Begrundelsen må højst være %d tegn (den er %d).", MaxEraseReason, n)
	}
	return errs
}

// EraseCitizen irreversibly anonymises a citizen of the actor's jobcentre
// (administrators: any): name, contact details, CPR number, birth date,
// coordinates and every free-text note about them are gone, while the
// anonymous counts the reports need (target group, placements, hours)
// stay. The erasure is audited with its reason; afterwards the citizen is
// not found anywhere.
func (a *App) EraseCitizen(ctx context.Context, u Actor, id int64, in EraseInput) error {
	c, err := a.citizen(ctx, u, id)
	if err != nil {
		return err
	}
	if err := can(u, access.Erase, access.Row(access.Citizen, c.JobcentreID, 0)); err != nil {
		return err
	}
	if err := in.Validate().Err(); err != nil {
		return err
	}
	if err := a.store.EraseCitizen(ctx, id, u.ID, a.Now()); err != nil {
		return notFound(err, "borger")
	}
	return a.auditReason(ctx, u, "erase", "citizen", in.Reason, id)
}

// AccessLogEntry is one audit row about a citizen: who read or changed
// what, when, from where.
type AccessLogEntry struct {
	models.AuditEntry
	UserName string `json:"user_name"`
}

// AccessLog is a citizen's access log, newest first.
type AccessLog struct {
	CitizenID int64            `json:"citizen_id"`
	Items     []AccessLogEntry `json:"items"`
}

// maxAccessLog bounds one access log read.
const maxAccessLog = 1000

// CitizenAccessLog returns who read or changed a citizen's data and when
// (GDPR art. 15), from the audit log: entries naming the citizen and the
// citizen's placements. Staff of the citizen's jobcentre may read it; the
// read is itself audited.
func (a *App) CitizenAccessLog(ctx context.Context, u Actor, id int64) (AccessLog, error) {
	c, err := a.citizen(ctx, u, id)
	if err != nil {
		return AccessLog{}, err
	}
	if err := can(u, access.Read, access.Row(access.Audit, c.JobcentreID, 0)); err != nil {
		return AccessLog{}, err
	}
	out, err := a.accessLog(ctx, c)
	if err != nil {
		return AccessLog{}, err
	}
	return out, a.audit(ctx, u, "read", "citizen", id)
}

func (a *App) accessLog(ctx context.Context, c models.Citizen) (AccessLog, error) {
	out := AccessLog{CitizenID: c.ID, Items: []AccessLogEntry{}}
	entries, _, err := a.store.ListAudit(ctx, models.AuditFilter{Entity: "citizen", EntityID: c.ID, Page: models.Page{PerPage: maxAccessLog}})
	if err != nil {
		return out, err
	}
	ps, err := a.store.PlacementsOfCitizens(ctx, []int64{c.ID})
	if err != nil {
		return out, err
	}
	for _, p := range ps[c.ID] {
		more, _, err := a.store.ListAudit(ctx, models.AuditFilter{Entity: "placement", EntityID: p.ID, Page: models.Page{PerPage: maxAccessLog}})
		if err != nil {
			return out, err
		}
		entries = append(entries, more...)
	}
	slices.SortFunc(entries, func(x, y models.AuditEntry) int { return cmp.Compare(y.ID, x.ID) })
	names := map[int64]string{}
	for _, e := range entries {
		name, ok := names[e.UserID]
		if !ok {
			if usr, err := a.store.GetUser(ctx, e.UserID); err == nil {
				name = usr.Name
			}
			names[e.UserID] = name
		}
		out.Items = append(out.Items, AccessLogEntry{AuditEntry: e, UserName: name})
	}
	return out, nil
}

// CitizenExport is everything the service holds about one citizen (GDPR
// art. 15): the citizen, their placements with every week of hours and
// its revisions, their matches and the access log.
type CitizenExport struct {
	ExportedAt time.Time         `json:"exported_at"`
	Citizen    models.Citizen    `json:"citizen"`
	Placements []ExportPlacement `json:"placements"`
	Matches    []models.Match    `json:"matches"`
	AccessLog  []AccessLogEntry  `json:"access_log"`
}

// ExportPlacement is a placement with its hours and their revisions, and
// the company's reference (null when none is written).
type ExportPlacement struct {
	models.Placement
	Hours     []models.WeeklyHours  `json:"hours"`
	Revisions []models.HourRevision `json:"revisions"`
	Reference *ReferenceView        `json:"reference"`
	// Confirmations are the employer's confirmations and disputes of the
	// weeks, oldest first.
	Confirmations []models.HourConfirmation `json:"confirmations"`
}

// ExportCitizen gathers a citizen's data for an insight request. Staff of
// the citizen's jobcentre may export; the export is audited.
func (a *App) ExportCitizen(ctx context.Context, u Actor, id int64) (CitizenExport, error) {
	c, err := a.citizen(ctx, u, id)
	if err != nil {
		return CitizenExport{}, err
	}
	if err := can(u, access.Read, access.Row(access.Audit, c.JobcentreID, 0)); err != nil {
		return CitizenExport{}, err
	}
	withC := []models.Citizen{c}
	if err := a.withConsents(ctx, withC); err != nil {
		return CitizenExport{}, err
	}
	out := CitizenExport{ExportedAt: a.Now().UTC(), Citizen: withC[0], Placements: []ExportPlacement{}}
	ps, err := a.store.PlacementsOfCitizens(ctx, []int64{id})
	if err != nil {
		return out, err
	}
	for _, p := range ps[id] {
		ep := ExportPlacement{Placement: p, Revisions: []models.HourRevision{}}
		if ep.Hours, err = a.store.HoursOfPlacement(ctx, p.ID); err != nil {
			return out, err
		}
		revs, err := a.store.RevisionsOfPlacement(ctx, p.ID)
		if err != nil {
			return out, err
		}
		ep.Revisions = append(ep.Revisions, revs...)
		switch r, err := a.store.GetReference(ctx, p.ID); {
		case err == nil:
			v, err := a.referenceView(ctx, r)
			if err != nil {
				return out, err
			}
			ep.Reference = &v
		case !errors.Is(err, store.ErrNotFound):
			return out, err
		}
		if ep.Confirmations, err = a.store.ConfirmationsOfPlacement(ctx, p.ID); err != nil {
			return out, err
		}
		if ep.Hours == nil {
			ep.Hours = []models.WeeklyHours{}
		}
		out.Placements = append(out.Placements, ep)
	}
	if out.Matches, _, err = a.store.ListMatches(ctx, models.MatchFilter{CitizenID: id, JobcentreID: c.JobcentreID, Page: models.Page{PerPage: maxAccessLog}}); err != nil {
		return out, err
	}
	if out.Matches == nil {
		out.Matches = []models.Match{}
	}
	log, err := a.accessLog(ctx, c)
	if err != nil {
		return out, err
	}
	out.AccessLog = log.Items
	return out, a.audit(ctx, u, "export", "citizen", id)
}
