package store

import (
	"context"

	"placering/models"
)

// byIDs returns the rows with the given ids, archived or not, in no
// particular order. Missing ids are simply absent.
func byIDs[T any](ctx context.Context, s *Store, ids []int64, what string) ([]T, error) {
	var out []T
	if len(ids) == 0 {
		return out, nil
	}
	err := s.q(ctx).Where("id IN ?", models.UniqueIDs(ids)).Find(&out).Error
	return out, translate(err, what+" by ids")
}

// OpeningsByID returns the openings with the given ids.
func (s *Store) OpeningsByID(ctx context.Context, ids []int64) ([]models.Opening, error) {
	return byIDs[models.Opening](ctx, s, ids, "openings")
}

// CompaniesByID returns the companies with the given ids.
func (s *Store) CompaniesByID(ctx context.Context, ids []int64) ([]models.Company, error) {
	return byIDs[models.Company](ctx, s, ids, "companies")
}

// VirksomhedscentreByID returns the virksomhedscentre with the given ids.
func (s *Store) VirksomhedscentreByID(ctx context.Context, ids []int64) ([]models.Virksomhedscenter, error) {
	return byIDs[models.Virksomhedscenter](ctx, s, ids, "virksomhedscentre")
}

// eachLive calls fn with successive batches of live rows in id order,
// until fn returns false or the rows run out. It pages by id rather than
// offset, so each batch costs the same however far in it is.
func eachLive[T any](ctx context.Context, s *Store, size int, id func(T) int64, fn func([]T) bool) error {
	var after int64
	for {
		var batch []T
		err := s.q(ctx).Where("archived_at IS NULL AND id > ?", after).Order("id").Limit(size).Find(&batch).Error
		if err != nil {
			return translate(err, "scan rows")
		}
		if len(batch) == 0 || !fn(batch) {
			return nil
		}
		after = id(batch[len(batch)-1])
	}
}

// EachOpening streams every live opening in batches.
func (s *Store) EachOpening(ctx context.Context, size int, fn func([]models.Opening) bool) error {
	return eachLive(ctx, s, size, func(o models.Opening) int64 { return o.ID }, fn)
}

// EachCompany streams every live company in batches.
func (s *Store) EachCompany(ctx context.Context, size int, fn func([]models.Company) bool) error {
	return eachLive(ctx, s, size, func(c models.Company) int64 { return c.ID }, fn)
}

// EachVirksomhedscenter streams every live virksomhedscenter in batches.
func (s *Store) EachVirksomhedscenter(ctx context.Context, size int, fn func([]models.Virksomhedscenter) bool) error {
	return eachLive(ctx, s, size, func(v models.Virksomhedscenter) int64 { return v.ID }, fn)
}
