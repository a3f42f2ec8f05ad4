package models

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// List is a small list stored as a JSON array in one TEXT column (contact
// persons, mentors, target groups). A nil List is stored and sent as [],
// never null, so clients and the NOT NULL columns see one shape.
type List[T any] []T

// MarshalJSON writes [] for a nil list.
func (l List[T]) MarshalJSON() ([]byte, error) {
	if l == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]T(l))
}

// Value stores the list as JSON text.
func (l List[T]) Value() (driver.Value, error) {
	b, err := l.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("encode list: %w", err)
	}
	return string(b), nil
}

// Scan reads JSON text (or bytes) into the list.
func (l *List[T]) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		*l = nil
		return nil
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("scan list: unsupported type %T", src)
	}
	var out []T
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Errorf("decode list: %w", err)
	}
	*l = out
	return nil
}
