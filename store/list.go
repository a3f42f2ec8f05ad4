package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"placering/models"
)

// sorts maps the sort names a list accepts to columns. Only these reach SQL,
// so a sort parameter can never inject anything.
type sorts map[string]string

// sortsOf maps each sort name to the column of the same name.
func sortsOf(names []string) sorts {
	so := make(sorts, len(names))
	for _, n := range names {
		so[n] = n
	}
	return so
}

func (so sorts) names() []string {
	out := make([]string, 0, len(so))
	for k := range so {
		out = append(out, k)
	}
	return out
}

// order turns "name" or "-name" into an ORDER BY clause with the id as a
// tie-breaker, so that paging is stable.
func (so sorts) order(sort, def string) (string, error) {
	if sort == "" {
		sort = def
	}
	desc := strings.HasPrefix(sort, "-")
	col, ok := so[strings.TrimPrefix(sort, "-")]
	if !ok {
		var fe models.FieldErrors
		fe.Add("sort", "Ukendt sortering %q. Mulige: %s (med - foran for faldende).", sort, strings.Join(sortedNames(so), ", "))
		return "", fe
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	if col == "id" {
		return "id" + dir, nil
	}
	return col + dir + ", id" + dir, nil
}

func sortedNames(so sorts) []string {
	names := so.names()
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && names[j] < names[j-1]; j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
	return names
}

// list counts the rows q selects and returns one page of them.
func list[T any](q *gorm.DB, p models.Page, so sorts, def, what string) ([]T, int64, error) {
	p = p.Normalized()
	order, err := so.order(p.Sort, def)
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := q.Session(&gorm.Session{}).Model(new(T)).Count(&total).Error; err != nil {
		return nil, 0, translate(err, "count "+what)
	}
	items := make([]T, 0, min(p.PerPage, int(total)))
	if total > int64((p.Page-1)*p.PerPage) {
		err := q.Session(&gorm.Session{}).Order(order).Limit(p.PerPage).Offset((p.Page - 1) * p.PerPage).Find(&items).Error
		if err != nil {
			return nil, 0, translate(err, "list "+what)
		}
	}
	return items, total, nil
}

// like builds a case-insensitive substring pattern, escaping the wildcards
// a user might type.
func like(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(strings.TrimSpace(q))) + "%"
}

// textMatch adds "any of cols contains q", ignoring letter case (æ, ø
// and å included), to the query.
func (s *Store) textMatch(db *gorm.DB, q string, cols ...string) *gorm.DB {
	if strings.TrimSpace(q) == "" {
		return db
	}
	parts := make([]string, len(cols))
	args := make([]any, len(cols))
	for i, c := range cols {
		parts[i] = s.lowerFn() + "(" + c + `) LIKE ? ESCAPE '\'`
		args[i] = like(q)
	}
	return db.Where("("+strings.Join(parts, " OR ")+")", args...)
}

func live(db *gorm.DB, includeArchived bool) *gorm.DB {
	if includeArchived {
		return db
	}
	return db.Where("archived_at IS NULL")
}

func create[T any](ctx context.Context, s *Store, v *T, what string) error {
	return translate(s.q(ctx).Create(v).Error, "create "+what)
}

func get[T any](ctx context.Context, s *Store, id int64, what string) (T, error) {
	var v T
	err := s.q(ctx).First(&v, id).Error
	return v, translate(err, fmt.Sprintf("get %s %d", what, id))
}

// update writes every writable column of a live row. v must carry its id.
func update[T any](ctx context.Context, s *Store, v *T, what string) error {
	res := s.q(ctx).Model(v).Where("archived_at IS NULL").
		Select("*").Omit("id", "created_at", "created_by", "archived_at").Updates(v)
	if res.Error != nil {
		return translate(res.Error, "update "+what)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("update %s: %w", what, ErrNotFound)
	}
	return nil
}

// archive hides a live row from lists and blocks further edits.
func archive[T any](ctx context.Context, s *Store, id int64, by *int64, what string) error {
	now := time.Now().UTC()
	res := s.q(ctx).Model(new(T)).Where("id = ? AND archived_at IS NULL", id).
		Updates(map[string]any{"archived_at": now, "updated_at": now, "updated_by": by})
	if res.Error != nil {
		return translate(res.Error, "archive "+what)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("archive %s %d: %w", what, id, ErrNotFound)
	}
	return nil
}
