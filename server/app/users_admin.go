package app

import (
	"context"

	"placering/models"
	"placering/server/access"
)

// GetUser returns one user, deactivated or not, for the users pages:
// administrators see every user, consultants their own jobcentre's.
func (a *App) GetUser(ctx context.Context, actor Actor, id int64) (models.User, error) {
	u, err := a.store.GetUser(ctx, id)
	if err != nil {
		return models.User{}, notFound(err, "bruger")
	}
	var jc int64
	if u.JobcentreID != nil {
		jc = *u.JobcentreID
	}
	if err := can(actor, access.Read, access.Row(access.User, jc, 0)); err != nil {
		return models.User{}, err
	}
	return u, nil
}
