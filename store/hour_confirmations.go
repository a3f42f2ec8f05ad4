package store

import (
	"context"

	"placering/models"
)

// AddHourConfirmation appends a confirmation or dispute of a week's hours.
// Rows are never changed; the latest of a week is its state.
func (s *Store) AddHourConfirmation(ctx context.Context, c *models.HourConfirmation) error {
	c.ID = 0
	c.DecidedAt = c.DecidedAt.UTC()
	return translate(s.q(ctx).Create(c).Error, "add hour confirmation")
}

// LatestHourConfirmations returns, per placement and week, the latest
// confirmation or dispute given for any of the placements (in one query
// per maxInList ids), of every week or only of week when it is given.
// Whether it still counts (its revision is the week's current one) is for
// the caller to decide.
func (s *Store) LatestHourConfirmations(ctx context.Context, placementIDs []int64, week ...models.ISOWeek) (map[int64]map[models.ISOWeek]models.HourConfirmation, error) {
	out := map[int64]map[models.ISOWeek]models.HourConfirmation{}
	err := inChunks(models.UniqueIDs(placementIDs), func(ids []int64) error {
		var rows []models.HourConfirmation
		q := s.q(ctx).Where("placement_id IN ?", ids)
		if len(week) == 1 {
			q = q.Where("week_start = ?", week[0].Monday())
		}
		if err := q.Order("id").Find(&rows).Error; err != nil {
			return translate(err, "hour confirmations")
		}
		for _, r := range rows {
			if out[r.PlacementID] == nil {
				out[r.PlacementID] = map[models.ISOWeek]models.HourConfirmation{}
			}
			out[r.PlacementID][r.Week] = r // later rows replace earlier ones
		}
		return nil
	})
	return out, err
}

// HoursOfPlacements returns the current weeks of several placements,
// by placement and oldest first.
func (s *Store) HoursOfPlacements(ctx context.Context, placementIDs []int64) ([]models.WeeklyHours, error) {
	var out []models.WeeklyHours
	err := inChunks(models.UniqueIDs(placementIDs), func(ids []int64) error {
		var rows []models.WeeklyHours
		if err := s.q(ctx).Where("placement_id IN ?", ids).Order("placement_id, week_start").Find(&rows).Error; err != nil {
			return translate(err, "hours of placements")
		}
		out = append(out, rows...)
		return nil
	})
	return out, err
}

// ConfirmationsOfPlacement returns every confirmation and dispute of a
// placement's weeks, oldest first (the citizen's insight export).
func (s *Store) ConfirmationsOfPlacement(ctx context.Context, placementID int64) ([]models.HourConfirmation, error) {
	out := []models.HourConfirmation{}
	err := s.q(ctx).Where("placement_id = ?", placementID).Order("id").Find(&out).Error
	return out, translate(err, "confirmations of placement")
}
