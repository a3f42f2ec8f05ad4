package store

import (
	"context"
	"fmt"

	"placering/models"
)

// GetReference returns the reference written for placement id, or
// ErrNotFound when none is.
func (s *Store) GetReference(ctx context.Context, placementID int64) (models.PlacementReference, error) {
	var r models.PlacementReference
	err := s.q(ctx).Where("placement_id = ?", placementID).First(&r).Error
	return r, translate(err, "get reference")
}

// SaveReference stores r. With revision 0 it is the first reference of its
// placement (ErrConflict when one exists by now); otherwise it replaces
// the reference at that revision (ErrConflict when someone saved since).
// r.Revision is set to the stored revision.
func (s *Store) SaveReference(ctx context.Context, r *models.PlacementReference, revision int) error {
	if revision == 0 {
		r.Revision = 1
		return translate(s.q(ctx).Create(r).Error, "create reference")
	}
	res := s.q(ctx).Model(&models.PlacementReference{}).Where("placement_id = ? AND revision = ?", r.PlacementID, revision).
		Updates(map[string]any{
			"tasks_solved": r.TasksSolved, "comment": r.Comment, "revision": revision + 1,
			"fremmoede": r.Competences.Fremmoede, "samarbejde": r.Competences.Samarbejde, "tempo": r.Competences.Tempo,
			"kvalitet": r.Competences.Kvalitet, "selvstaendighed": r.Competences.Selvstaendighed,
			"dansk_paa_arbejdspladsen": r.Competences.DanskPaaArbejdspladsen,
			"updated_by":               r.UpdatedBy, "updated_at": r.UpdatedAt.UTC(),
		})
	if res.Error != nil {
		return translate(res.Error, "update reference")
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("update reference of placement %d: revision %d is not the latest: %w", r.PlacementID, revision, ErrConflict)
	}
	r.Revision = revision + 1
	return nil
}

// PlacementsWithoutReference returns company's live placements that have
// begun (aktiv, afsluttet or afbrudt, started on or before today) and have
// no reference yet, whose last day (the day it ended, else the planned
// end) lies between from and until; soonest first. An open-ended active
// placement has no last day and is not among them.
func (s *Store) PlacementsWithoutReference(ctx context.Context, company int64, today, from, until models.Date) ([]models.Placement, error) {
	var out []models.Placement
	begun := []models.PlacementStatus{models.PlacementActive, models.PlacementCompleted, models.PlacementInterrupted}
	err := s.q(ctx).Where("company_id = ? AND archived_at IS NULL AND status IN ? AND start_date <= ?", company, begun, today).
		Where("COALESCE(ended_on, end_date) IS NOT NULL AND COALESCE(ended_on, end_date) BETWEEN ? AND ?", from, until).
		Where("NOT EXISTS (SELECT 1 FROM placement_references r WHERE r.placement_id = placements.id)").
		Order("COALESCE(ended_on, end_date), id").Limit(200).Find(&out).Error
	return out, translate(err, "placements without reference")
}
