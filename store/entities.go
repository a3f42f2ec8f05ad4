package store

import (
	"context"
	"fmt"
	"strings"

	"placering/models"
)

var companySorts = sortsOf(models.CompanySorts)

// ListCompanies returns one page of companies and the total count.
func (s *Store) ListCompanies(ctx context.Context, f models.CompanyFilter) ([]models.Company, int64, error) {
	q := live(s.q(ctx).Model(&models.Company{}), f.IncludeArchived)
	q = s.textMatch(q, f.Q, "name", "cvr", "town")
	if len(f.Branches) > 0 {
		q = q.Where("branch IN ?", f.Branches)
	}
	if f.Town != "" {
		q = q.Where(s.lowerFn()+"(town) = ?", lower(f.Town))
	}
	if f.JobcentreID != 0 {
		q = q.Where("jobcentre_id = ?", f.JobcentreID)
	}
	if f.ID != 0 {
		q = q.Where("id = ?", f.ID)
	}
	return list[models.Company](q, f.Page, companySorts, "name", "companies")
}

// CreateCompany inserts c and sets its id.
func (s *Store) CreateCompany(ctx context.Context, c *models.Company) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := create(ctx, tx, c, "company"); err != nil {
			return err
		}
		return outboxErr(IndexCompanies, tx.enqueue(ctx, IndexCompanies, c.ID))
	})
}

// GetCompany returns a company by id, archived or not.
func (s *Store) GetCompany(ctx context.Context, id int64) (models.Company, error) {
	return get[models.Company](ctx, s, id, "company")
}

// UpdateCompany writes c's writable fields; c must be live.
func (s *Store) UpdateCompany(ctx context.Context, c *models.Company) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := update(ctx, tx, c, "company"); err != nil {
			return err
		}
		return tx.enqueueCompany(ctx, c.ID)
	})
}

// enqueueCompany records a company and everything whose search document
// shows its name or place: its openings and virksomhedscentre.
func (s *Store) enqueueCompany(ctx context.Context, id int64) error {
	if err := s.enqueue(ctx, IndexCompanies, id); err != nil {
		return outboxErr(IndexCompanies, err)
	}
	if err := s.enqueueWhere(ctx, IndexOpenings, "openings", "company_id = ?", id); err != nil {
		return outboxErr(IndexOpenings, err)
	}
	return outboxErr(IndexVirksomhedscentre, s.enqueueWhere(ctx, IndexVirksomhedscentre, "virksomhedscentre", "company_id = ?", id))
}

// ArchiveCompany archives a live company.
func (s *Store) ArchiveCompany(ctx context.Context, id int64, by *int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := archive[models.Company](ctx, tx, id, by, "company"); err != nil {
			return err
		}
		return tx.enqueueCompany(ctx, id)
	})
}

// CompanyNames returns the names of the given companies, for lists that show
// a company next to each row without a query per row.
func (s *Store) CompanyNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	return s.names(ctx, &models.Company{}, ids, "company names")
}

// UserNames returns the names of the given users, in one query.
func (s *Store) UserNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	return s.names(ctx, &models.User{}, ids, "user names")
}

// names returns id → name of the rows of model with the given ids.
func (s *Store) names(ctx context.Context, model any, ids []int64, what string) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID   int64
		Name string
	}
	if err := s.q(ctx).Model(model).Select("id, name").Where("id IN ?", models.UniqueIDs(ids)).Scan(&rows).Error; err != nil {
		return nil, translate(err, what)
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

var vcSorts = sortsOf(models.VirksomhedscenterSorts)

// ListVirksomhedscentre returns one page of virksomhedscentre and the total count.
func (s *Store) ListVirksomhedscentre(ctx context.Context, f models.VirksomhedscenterFilter) ([]models.Virksomhedscenter, int64, error) {
	q := live(s.q(ctx).Model(&models.Virksomhedscenter{}), f.IncludeArchived)
	if strings.TrimSpace(f.Q) != "" {
		companies := s.textMatch(s.q(ctx).Model(&models.Company{}).Select("id"), f.Q, "name", "town")
		q = q.Where("(company_id IN (?) OR "+s.lowerFn()+`(notes) LIKE ? ESCAPE '\')`, companies, like(f.Q))
	}
	if f.CompanyID != 0 {
		q = q.Where("company_id = ?", f.CompanyID)
	}
	if f.JobcentreID != 0 {
		q = q.Where("jobcentre_id = ?", f.JobcentreID)
	}
	if f.TargetGroup != "" {
		// target_groups is a JSON array of codes; codes contain no quotes, so
		// matching the quoted code is exact in both dialects.
		q = q.Where("target_groups LIKE ?", `%"`+f.TargetGroup+`"%`)
	}
	if !f.ActiveOn.IsZero() {
		q = q.Where("valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)", f.ActiveOn, f.ActiveOn)
	}
	return list[models.Virksomhedscenter](q, f.Page, vcSorts, "-valid_from", "virksomhedscentre")
}

// CreateVirksomhedscenter inserts v and sets its id.
func (s *Store) CreateVirksomhedscenter(ctx context.Context, v *models.Virksomhedscenter) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := create(ctx, tx, v, "virksomhedscenter"); err != nil {
			return err
		}
		return outboxErr(IndexVirksomhedscentre, tx.enqueue(ctx, IndexVirksomhedscentre, v.ID))
	})
}

// GetVirksomhedscenter returns an virksomhedscenter by id.
func (s *Store) GetVirksomhedscenter(ctx context.Context, id int64) (models.Virksomhedscenter, error) {
	return get[models.Virksomhedscenter](ctx, s, id, "virksomhedscenter")
}

// UpdateVirksomhedscenter writes v's writable fields.
func (s *Store) UpdateVirksomhedscenter(ctx context.Context, v *models.Virksomhedscenter) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := update(ctx, tx, v, "virksomhedscenter"); err != nil {
			return err
		}
		return outboxErr(IndexVirksomhedscentre, tx.enqueue(ctx, IndexVirksomhedscentre, v.ID))
	})
}

// ArchiveVirksomhedscenter archives a live virksomhedscenter.
func (s *Store) ArchiveVirksomhedscenter(ctx context.Context, id int64, by *int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := archive[models.Virksomhedscenter](ctx, tx, id, by, "virksomhedscenter"); err != nil {
			return err
		}
		return outboxErr(IndexVirksomhedscentre, tx.enqueue(ctx, IndexVirksomhedscentre, id))
	})
}

var openingSorts = sortsOf(models.OpeningSorts)

// ListOpenings returns one page of openings and the total count.
func (s *Store) ListOpenings(ctx context.Context, f models.OpeningFilter) ([]models.Opening, int64, error) {
	q := live(s.q(ctx).Model(&models.Opening{}), f.IncludeArchived)
	q = s.textMatch(q, f.Q, "title", "tasks", "town")
	if len(f.Kinds) > 0 {
		q = q.Where("kind IN ?", f.Kinds)
	}
	if len(f.Branches) > 0 {
		q = q.Where("branch IN ?", f.Branches)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("status IN ?", f.Statuses)
	}
	if f.CompanyID != 0 {
		q = q.Where("company_id = ?", f.CompanyID)
	}
	if f.JobcentreID != 0 {
		q = q.Where("jobcentre_id = ?", f.JobcentreID)
	}
	q = hideToReview(q, f)
	return list[models.Opening](q, f.Page, openingSorts, "-id", "openings")
}

// CreateOpening inserts o and sets its id.
func (s *Store) CreateOpening(ctx context.Context, o *models.Opening) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := create(ctx, tx, o, "opening"); err != nil {
			return err
		}
		return outboxErr(IndexOpenings, tx.enqueue(ctx, IndexOpenings, o.ID))
	})
}

// GetOpening returns an opening by id.
func (s *Store) GetOpening(ctx context.Context, id int64) (models.Opening, error) {
	return get[models.Opening](ctx, s, id, "opening")
}

// UpdateOpening writes o's writable fields.
func (s *Store) UpdateOpening(ctx context.Context, o *models.Opening) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := update(ctx, tx, o, "opening"); err != nil {
			return err
		}
		return outboxErr(IndexOpenings, tx.enqueue(ctx, IndexOpenings, o.ID))
	})
}

// ArchiveOpening archives a live opening.
func (s *Store) ArchiveOpening(ctx context.Context, id int64, by *int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := archive[models.Opening](ctx, tx, id, by, "opening"); err != nil {
			return err
		}
		return outboxErr(IndexOpenings, tx.enqueue(ctx, IndexOpenings, id))
	})
}

var citizenSorts = sortsOf(models.CitizenSorts)

// ListCitizens returns one page of citizens and the total count.
func (s *Store) ListCitizens(ctx context.Context, f models.CitizenFilter) ([]models.Citizen, int64, error) {
	q := live(s.q(ctx).Model(&models.Citizen{}), f.IncludeArchived).Where("erased_at IS NULL")
	q = s.textMatch(q, f.Q, "name")
	if len(f.TargetGroups) > 0 {
		q = q.Where("target_group IN ?", f.TargetGroups)
	}
	if f.JobcentreID != 0 {
		q = q.Where("jobcentre_id = ?", f.JobcentreID)
	}
	if f.ConsultantID != 0 {
		q = q.Where("consultant_id = ?", f.ConsultantID)
	}
	return list[models.Citizen](q, f.Page, citizenSorts, "name", "citizens")
}

// CreateCitizen inserts c and sets its id.
func (s *Store) CreateCitizen(ctx context.Context, c *models.Citizen) error {
	return create(ctx, s, c, "citizen")
}

// GetCitizen returns a citizen by id, archived or not; an erased citizen
// is not found.
func (s *Store) GetCitizen(ctx context.Context, id int64) (models.Citizen, error) {
	var c models.Citizen
	err := s.q(ctx).Where("id = ? AND erased_at IS NULL", id).First(&c).Error
	return c, translate(err, fmt.Sprintf("get citizen %d", id))
}

// CitizenByCPRHash finds a jobcentre's live citizen with the given keyed
// CPR hash. A CPR number is unique per jobcentre, not across them: one
// jobcentre learns nothing about another's register from its own writes.
func (s *Store) CitizenByCPRHash(ctx context.Context, jobcentreID int64, hash string) (models.Citizen, error) {
	var c models.Citizen
	err := s.q(ctx).Where("jobcentre_id = ? AND cpr_hash = ? AND archived_at IS NULL", jobcentreID, hash).First(&c).Error
	return c, translate(err, "citizen by cpr")
}

// UpdateCitizen writes c's writable fields, including the CPR columns.
func (s *Store) UpdateCitizen(ctx context.Context, c *models.Citizen) error {
	return update(ctx, s, c, "citizen")
}

// ArchiveCitizen archives a live citizen.
func (s *Store) ArchiveCitizen(ctx context.Context, id int64, by *int64) error {
	return archive[models.Citizen](ctx, s, id, by, "citizen")
}

// CreateOpenings inserts many openings in batches, for demo and load data.
func (s *Store) CreateOpenings(ctx context.Context, os []models.Opening) error {
	if len(os) == 0 {
		return nil
	}
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.q(ctx).CreateInBatches(os, 500).Error; err != nil {
			return translate(err, "create openings")
		}
		ids := make([]int64, len(os))
		for i, o := range os {
			ids[i] = o.ID
		}
		return outboxErr(IndexOpenings, tx.enqueue(ctx, IndexOpenings, ids...))
	})
}

// CountCompanies counts live companies; the demo loader uses it to see
// whether a database already holds data.
func (s *Store) CountCompanies(ctx context.Context) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&models.Company{}).Where("archived_at IS NULL").Count(&n).Error
	return n, translate(err, "count companies")
}

// OpeningFacets counts the openings f selects by kind and by branch, for
// the database fallback of the search page.
func (s *Store) OpeningFacets(ctx context.Context, f models.OpeningFilter) (map[string]map[string]int, error) {
	out := map[string]map[string]int{"kind": {}, "branch": {}}
	for field := range out {
		q := live(s.q(ctx).Model(&models.Opening{}), f.IncludeArchived)
		q = s.textMatch(q, f.Q, "title", "tasks", "town")
		if len(f.Kinds) > 0 {
			q = q.Where("kind IN ?", f.Kinds)
		}
		if len(f.Branches) > 0 {
			q = q.Where("branch IN ?", f.Branches)
		}
		if len(f.Statuses) > 0 {
			q = q.Where("status IN ?", f.Statuses)
		}
		if f.CompanyID != 0 {
			q = q.Where("company_id = ?", f.CompanyID)
		}
		if f.JobcentreID != 0 {
			q = q.Where("jobcentre_id = ?", f.JobcentreID)
		}
		q = hideToReview(q, f)
		var rows []struct {
			Value string
			N     int
		}
		if err := q.Select(field + " AS value, COUNT(*) AS n").Group(field).Scan(&rows).Error; err != nil {
			return nil, translate(err, "opening facets")
		}
		for _, r := range rows {
			out[field][r.Value] = r.N
		}
	}
	return out, nil
}
