package memsearch

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"placering/search"
)

// appendJSON encodes a flat document: scalar values, lists of scalars and
// one level of objects (such as "_geo"), with keys in sorted order like
// encoding/json. It exists because encoding/json's reflection was more
// than half the cost of indexing 100,000 documents. Values of any other
// type make it report false, and the caller falls back to encoding/json.
func appendJSON(b []byte, d search.Document, keys []string) ([]byte, []string, bool) {
	keys = keys[:0]
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		var ok bool
		if b, ok = appendValue(b, d[k], true); !ok {
			return b, keys, false
		}
	}
	return append(b, '}'), keys, true
}

func appendValue(b []byte, v any, nest bool) ([]byte, bool) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), true
	case string:
		return appendString(b, x), true
	case bool:
		return strconv.AppendBool(b, x), true
	case int:
		return strconv.AppendInt(b, int64(x), 10), true
	case int64:
		return strconv.AppendInt(b, x, 10), true
	case int32:
		return strconv.AppendInt(b, int64(x), 10), true
	case float64:
		return appendFloat(b, x)
	case float32:
		return appendFloat(b, float64(x))
	case json.Number:
		if _, err := x.Float64(); err != nil {
			return b, false
		}
		return append(b, x...), true
	case []string:
		b = append(b, '[')
		for i, s := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, s)
		}
		return append(b, ']'), true
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			var ok bool
			if b, ok = appendValue(b, e, false); !ok {
				return b, false
			}
		}
		return append(b, ']'), true
	case map[string]any:
		if !nest {
			return b, false
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			var ok bool
			if b, ok = appendValue(b, x[k], false); !ok {
				return b, false
			}
		}
		return append(b, '}'), true
	case map[string]float64:
		m := make(map[string]any, len(x))
		for k, f := range x {
			m[k] = f
		}
		return appendValue(b, m, nest)
	}
	return b, false
}

func appendFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, false
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.AppendInt(b, int64(f), 10), true
	}
	return strconv.AppendFloat(b, f, 'g', -1, 64), true
}

// appendString writes s as a JSON string. Invalid UTF-8 becomes U+FFFD,
// as with encoding/json.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// marshal encodes d with appendJSON into buf, falling back to
// encoding/json, and returns an exactly sized copy plus the buffers for
// reuse.
func marshal(d search.Document, buf []byte, keys []string) (out, _ []byte, _ []string, err error) {
	buf, keys, ok := appendJSON(buf[:0], d, keys)
	if !ok {
		out, err = json.Marshal(d)
		return out, buf, keys, err
	}
	return slices.Clone(buf), buf, keys, nil
}
