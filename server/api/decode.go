package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/problem"
)

// decode reads a JSON object into dst strictly and reports every problem
// at once: unknown fields and wrong types are named field by field, and
// merged with the validation errors of the fields that did decode, so that
// a client fixes its request in one round trip.
//
// dst must be a pointer to a struct.
func decode(c echo.Context, dst any) error { return decodePatch(c, dst, nil) }

// decodePatch is decode for a PATCH: dst already holds the current values
// and only the fields present in the body change. Fields named in ignore
// (what the server sets, as a GET returned them) are accepted and
// ignored, so a client can send back what it read.
func decodePatch(c echo.Context, dst any, ignore map[string]bool) error {
	mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if mt != echo.MIMEApplicationJSON && mt != "application/merge-patch+json" {
		return problem.New(http.StatusUnsupportedMediaType, problem.TypeBadRequest, "Forkert indholdstype",
			"Send JSON med Content-Type: application/json.")
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var he *echo.HTTPError
		if errors.As(err, &he) {
			return he // body limit
		}
		return fmt.Errorf("read body: %w", err)
	}
	return decodeJSON(body, dst, ignore)
}

// decodeJSON is decodePatch on a body already read: the pure part, which
// the fuzz test drives. Its errors are problems (400 for a body that is
// not one JSON object, 422 naming each bad field).
func decodeJSON(body []byte, dst any, ignore map[string]bool) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return problem.New(http.StatusBadRequest, problem.TypeBadRequest, "Tom anmodning", "Anmodningen skal indeholde et JSON-objekt.")
	}
	if bytes.Equal(bytes.TrimSpace(body), []byte("null")) {
		return problem.New(http.StatusBadRequest, problem.TypeBadRequest, "Ugyldig JSON", "Anmodningen skal være et JSON-objekt, ikke null.")
	}
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&raw); err != nil {
		return malformed(err)
	}
	// More misses a stray closing bracket ("{} }"); only the end will do.
	if _, err := dec.Token(); err != io.EOF {
		return problem.New(http.StatusBadRequest, problem.TypeBadRequest, "Ugyldig JSON", "Der står mere efter JSON-objektet.")
	}
	if raw == nil { // null with white space or comments around it
		return problem.New(http.StatusBadRequest, problem.TypeBadRequest, "Ugyldig JSON", "Anmodningen skal være et JSON-objekt, ikke null.")
	}
	// Keys the map above silently merged (a duplicate keeps the last) and
	// keys inside nested objects that encoding/json silently drops.
	errs := scanKeys(body, reflect.TypeOf(dst).Elem())

	known := jsonFields(reflect.TypeOf(dst).Elem())
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if ignore[k] && !known[k] {
			continue
		}
		if !known[k] {
			errs.Add(k, "Ukendt felt, eller et felt der ikke kan ændres.")
			continue
		}
		if errs.Has(k) || hasUnder(errs, k) {
			continue // a duplicate, or an unknown key inside it
		}
		name, _ := json.Marshal(k)
		one := append(append(append([]byte{'{'}, name...), ':'), raw[k]...)
		one = append(one, '}')
		if err := json.Unmarshal(one, dst); err != nil {
			errs.Add(k, "%s", typeMessage(err))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	// Add what validation says about the other fields, on a copy: the
	// request fails either way, but the client learns everything now.
	cp := reflect.New(reflect.TypeOf(dst).Elem())
	cp.Elem().Set(reflect.ValueOf(dst).Elem())
	if v, ok := cp.Interface().(interface{ Validate() models.FieldErrors }); ok {
		for _, fe := range v.Validate() {
			if !errs.Has(fe.Field) {
				errs = append(errs, fe)
			}
		}
	}
	return problem.Validation(errs)
}

func malformed(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return problem.New(http.StatusBadRequest, problem.TypeBadRequest, "Ugyldig JSON",
			fmt.Sprintf("JSON-fejl ved tegn %d: %s.", se.Offset, se.Error()))
	case errors.As(err, &te):
		return problem.New(http.StatusBadRequest, problem.TypeBadRequest, "Ugyldig JSON", "Anmodningen skal være et JSON-objekt.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return problem.New(http.StatusBadRequest, problem.TypeBadRequest, "Ugyldig JSON", "JSON-objektet slutter for tidligt.")
	}
	return problem.New(http.StatusBadRequest, problem.TypeBadRequest, "Ugyldig JSON", err.Error())
}

// typeMessage explains in Danish which JSON type a field wanted.
func typeMessage(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "Forkert type (" + te.Value + "): forventede " + expected(te.Type) + "."
	}
	// Custom decoders (dates) already speak Danish.
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return strings.ToUpper(msg[:1]) + msg[1:] + "."
}

func expected(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "et heltal"
	case reflect.Float32, reflect.Float64:
		return "et tal"
	case reflect.Bool:
		return "true eller false"
	case reflect.String:
		return "tekst"
	case reflect.Slice, reflect.Array:
		return "en liste"
	}
	return "et objekt"
}

// jsonFields returns the JSON names a struct accepts.
func jsonFields(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	eachJSONField(t, func(name string, _ reflect.StructField) { out[name] = true })
	return out
}

// eachJSONField calls fn with each field encoding/json reads and writes
// for struct type t and its JSON name, looking through embedded structs the
// way encoding/json does.
func eachJSONField(t reflect.Type, fn func(name string, f reflect.StructField)) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			eachJSONField(f.Type, fn)
		case !f.IsExported():
		case name == "":
			fn(f.Name, f)
		default:
			fn(name, f)
		}
	}
}

// serverFields returns the fields a GET of read type t returns that a PATCH
// of w cannot change: the ones decodePatch ignores.
func serverFields(t, w reflect.Type) map[string]bool {
	writable := jsonFields(w)
	out := map[string]bool{}
	for name := range jsonFields(t) {
		if !writable[name] {
			out[name] = true
		}
	}
	return out
}

// scanKeys walks a JSON object and returns a field error for every key
// that appears twice in one object (at any depth) and for every key inside
// a nested object that t's field there does not have (contacts[0].x,
// weights.x). Top-level keys are left to the caller, which knows which
// server-set fields to ignore. Objects of a type with its own decoder, of
// maps and of fields the caller ignores are checked for duplicates only.
// A syntax error ends the walk; the caller has already reported it.
func scanKeys(body []byte, t reflect.Type) models.FieldErrors {
	s := keyScanner{dec: json.NewDecoder(bytes.NewReader(body))}
	s.dec.UseNumber()
	_ = s.value(t, "", true)
	return s.errs
}

type keyScanner struct {
	dec  *json.Decoder
	errs models.FieldErrors
}

var jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()

// shape is the type whose keys and elements a JSON value is checked
// against: pointers looked through, nil for a type that decodes itself
// or takes anything.
func shape(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() == reflect.Interface || reflect.PointerTo(t).Implements(jsonUnmarshaler) {
		return nil
	}
	return t
}

func (s *keyScanner) value(t reflect.Type, path string, top bool) error {
	tok, err := s.dec.Token()
	if err != nil {
		return err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return nil
	}
	t = shape(t)
	switch d {
	case '{':
		var fields map[string]reflect.Type
		var elem reflect.Type
		switch {
		case t != nil && t.Kind() == reflect.Struct:
			fields = map[string]reflect.Type{}
			eachJSONField(t, func(name string, f reflect.StructField) { fields[name] = f.Type })
		case t != nil && t.Kind() == reflect.Map:
			elem = t.Elem()
		}
		seen := map[string]bool{}
		for s.dec.More() {
			kt, err := s.dec.Token()
			if err != nil {
				return err
			}
			k, _ := kt.(string)
			at := k
			if path != "" {
				at = path + "." + k
			}
			if seen[k] && !s.errs.Has(at) {
				s.errs.Add(at, "Feltet står mere end én gang i samme JSON-objekt.")
			}
			seen[k] = true
			ft := elem
			if fields != nil {
				var known bool
				ft, known = fields[k]
				if !known && !top && !s.errs.Has(at) {
					s.errs.Add(at, "Ukendt felt.")
				}
			}
			if err := s.value(ft, at, false); err != nil {
				return err
			}
		}
	case '[':
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for i := 0; s.dec.More(); i++ {
			if err := s.value(elem, path+"["+strconv.Itoa(i)+"]", false); err != nil {
				return err
			}
		}
	}
	_, err = s.dec.Token() // the closing delimiter
	return err
}

// hasUnder reports whether errs names a field inside field (field.x,
// field[0]).
func hasUnder(errs models.FieldErrors, field string) bool {
	for _, fe := range errs {
		if strings.HasPrefix(fe.Field, field+".") || strings.HasPrefix(fe.Field, field+"[") {
			return true
		}
	}
	return false
}
