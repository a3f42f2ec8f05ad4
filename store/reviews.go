package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"placering/models"
)

// ReviewOpening moves a live opening awaiting review (til_godkendelse) to
// status to and stores the review r (every review is kept), in one
// transaction with the search outbox entry. An opening no longer awaiting
// review (someone decided first) is ErrConflict; fn, when not nil, runs in
// the same transaction (the notifications).
func (s *Store) ReviewOpening(ctx context.Context, r *models.OpeningReview, to models.OpeningStatus, fn func(tx *Store) error) error {
	return s.Tx(ctx, func(tx *Store) error {
		at := r.ReviewedAt.UTC()
		res := tx.q(ctx).Model(&models.Opening{}).
			Where("id = ? AND status = ? AND archived_at IS NULL", r.OpeningID, models.StatusToReview).
			Updates(map[string]any{"status": to, "updated_at": at, "updated_by": r.ReviewedBy})
		if res.Error != nil {
			return translate(res.Error, "review opening")
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("review opening %d: %w", r.OpeningID, ErrConflict)
		}
		r.ID, r.ReviewedAt = 0, at
		if err := tx.q(ctx).Create(r).Error; err != nil {
			return translate(err, "add opening review")
		}
		if err := outboxErr(IndexOpenings, tx.enqueue(ctx, IndexOpenings, r.OpeningID)); err != nil {
			return err
		}
		if fn != nil {
			return fn(tx)
		}
		return nil
	})
}

// LatestOpeningReviews returns the latest review of each of the openings
// ids that has one, by opening id.
func (s *Store) LatestOpeningReviews(ctx context.Context, ids []int64) (map[int64]models.OpeningReview, error) {
	out := map[int64]models.OpeningReview{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []models.OpeningReview
	latest := s.q(ctx).Model(&models.OpeningReview{}).Select("MAX(id)").Where("opening_id IN ?", ids).Group("opening_id")
	if err := s.q(ctx).Where("id IN (?)", latest).Find(&rows).Error; err != nil {
		return nil, translate(err, "latest opening reviews")
	}
	for _, r := range rows {
		out[r.OpeningID] = r
	}
	return out, nil
}

// hideToReview applies f's HideToReview to an openings query.
func hideToReview(q *gorm.DB, f models.OpeningFilter) *gorm.DB {
	switch {
	case !f.HideToReview:
		return q
	case f.ToReviewOf != 0:
		return q.Where("(status <> ? OR jobcentre_id = ?)", models.StatusToReview, f.ToReviewOf)
	}
	return q.Where("status <> ?", models.StatusToReview)
}
