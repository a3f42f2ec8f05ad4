package store

import "context"

// Exec runs raw SQL, for tests that must store what the service never
// would (a row written before a rule existed).
func (s *Store) Exec(ctx context.Context, sql string, args ...any) error {
	return s.q(ctx).Exec(sql, args...).Error
}
