package search

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// Document is one flat search document: field name to value. Values are
// strings, numbers, booleans, lists of strings, and "_geo", an object with
// "lat" and "lng". Documents that went through JSON (an outbox payload, a
// Meilisearch hit) hold float64 where the builders put int; read them with
// the typed accessors, which accept both.
type Document map[string]any

// ID returns the document's id as a string, or "" when it has none. A
// whole number is accepted and formatted, since JSON may carry ids as numbers.
func (d Document) ID() string {
	switch v := d[FieldID].(type) {
	case string:
		return v
	case nil:
		return ""
	default:
		if n, ok := d.Int(FieldID); ok {
			return strconv.FormatInt(n, 10)
		}
		return ""
	}
}

// String returns the string value of field, or "".
func (d Document) String(field string) string {
	s, _ := d[field].(string)
	return s
}

// Float returns the numeric value of field.
func (d Document) Float(field string) (float64, bool) { return toFloat(d[field]) }

// Int returns the value of field as a whole number.
func (d Document) Int(field string) (int64, bool) {
	f, ok := toFloat(d[field])
	if !ok || f != math.Trunc(f) {
		return 0, false
	}
	return int64(f), true
}

// Bool returns the boolean value of field; a missing field is false.
func (d Document) Bool(field string) bool {
	b, _ := d[field].(bool)
	return b
}

// Strings returns the list of strings in field. A single string counts as a
// list of one.
func (d Document) Strings(field string) []string {
	switch v := d[field].(type) {
	case []string:
		return v
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// Geo returns the document's "_geo" point.
func (d Document) Geo() (lat, lng float64, ok bool) {
	var la, lo any
	switch g := d[FieldGeo].(type) {
	case map[string]any:
		la, lo = g["lat"], g["lng"]
	case map[string]float64:
		return g["lat"], g["lng"], true
	default:
		return 0, 0, false
	}
	lat, ok1 := toFloat(la)
	lng, ok2 := toFloat(lo)
	return lat, lng, ok1 && ok2
}

// Clone returns a copy of the top-level map. Nested values (lists, "_geo")
// are shared; treat them as read-only.
func (d Document) Clone() Document {
	c := make(Document, len(d)+2)
	for k, v := range d {
		c[k] = v
	}
	return c
}

// ValidID reports whether id is acceptable as a document id: 1 to 511 bytes
// of ASCII letters, digits, '-' and '_', which is what Meilisearch accepts.
func ValidID(id string) bool {
	if id == "" || len(id) > 511 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// CheckDocuments returns an error wrapping ErrInvalidDocument for the first
// document without a valid id. Engines call it before writing anything, so
// a bad batch is rejected whole.
func CheckDocuments(docs []Document) error {
	for i, d := range docs {
		if _, ok := d[FieldID].(string); !ok || !ValidID(d.ID()) {
			return fmt.Errorf("document %d: id %v: %w", i, d[FieldID], ErrInvalidDocument)
		}
	}
	return nil
}

func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case int32:
		return float64(n), true
	case uint32:
		return float64(n), true
	case uint64:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}
