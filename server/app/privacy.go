package app

import (
	"context"
	"strings"

	"placering/models"
	"placering/server/access"
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
