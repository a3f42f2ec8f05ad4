package store

import (
	"database/sql/driver"
	"strings"
	"sync"

	gosqlite "github.com/glebarez/go-sqlite"

	"placering/migrations"
)

// SQLite's own LOWER() folds only ASCII letters, so "Øresund" would never
// match "øresund". The SQLite driver lets us add a Unicode-aware function;
// registration is per process, for every connection opened after it.
var registerSQLiteFuncs = sync.OnceValue(func() error {
	return gosqlite.RegisterDeterministicScalarFunction("unicode_lower", 1,
		func(_ *gosqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			switch v := args[0].(type) {
			case string:
				return strings.ToLower(v), nil
			case []byte:
				return strings.ToLower(string(v)), nil
			}
			return args[0], nil
		})
})

// lowerFn is the SQL function that lower-cases text in every script.
func (s *Store) lowerFn() string {
	if s.dialect == migrations.SQLite {
		return "unicode_lower"
	}
	return "LOWER"
}
