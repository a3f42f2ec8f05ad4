package store

import (
	"context"
	"slices"
	"time"

	"placering/models"
)

// CitizenConsents returns the consents per kind of the given citizens, by
// citizen, each citizen's in the order of models.Kinds.
func (s *Store) CitizenConsents(ctx context.Context, ids []int64) (map[int64][]models.CitizenConsent, error) {
	out := map[int64][]models.CitizenConsent{}
	err := inChunks(ids, func(part []int64) error {
		var rows []models.CitizenConsent
		if err := s.q(ctx).Where("citizen_id IN ?", part).Find(&rows).Error; err != nil {
			return translate(err, "citizen consents")
		}
		for _, r := range rows {
			out[r.CitizenID] = append(out[r.CitizenID], r)
		}
		return nil
	})
	for id, cs := range out {
		slices.SortFunc(cs, func(a, b models.CitizenConsent) int {
			return slices.Index(models.Kinds, a.Kind) - slices.Index(models.Kinds, b.Kind)
		})
		out[id] = cs
	}
	return out, err
}

// SetCitizenConsents makes kinds the citizen's consents: a kind no longer
// listed is withdrawn (deleted), a new one is recorded as given at by
// user by, and one already given keeps its date and recorder.
func (s *Store) SetCitizenConsents(ctx context.Context, citizenID int64, kinds []models.Kind, by int64, at time.Time) error {
	q := s.q(ctx).Where("citizen_id = ?", citizenID)
	if len(kinds) > 0 {
		q = q.Where("kind NOT IN ?", kinds)
	}
	if err := q.Delete(&models.CitizenConsent{}).Error; err != nil {
		return translate(err, "withdraw consents")
	}
	var have []models.CitizenConsent
	if err := s.q(ctx).Where("citizen_id = ?", citizenID).Find(&have).Error; err != nil {
		return translate(err, "consents")
	}
	for _, k := range kinds {
		if slices.ContainsFunc(have, func(c models.CitizenConsent) bool { return c.Kind == k }) {
			continue
		}
		row := models.CitizenConsent{CitizenID: citizenID, Kind: k, GivenAt: at.UTC(), RecordedBy: by}
		if err := s.q(ctx).Create(&row).Error; err != nil {
			return translate(err, "record consent")
		}
	}
	return nil
}
