package api

import (
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/search"
)

// openapi serves the OpenAPI 3 document built from the route table, with
// schemas read off the Go types by reflection, so the document describes
// exactly the fields the API reads and writes.
func (h *Handler) openapi(c echo.Context) error {
	return c.JSON(http.StatusOK, h.OpenAPI())
}

// OpenAPI returns the API's OpenAPI 3.0 document.
func (h *Handler) OpenAPI() map[string]any {
	s := &schemas{defs: map[string]any{}}
	paths := map[string]map[string]any{}
	for _, r := range h.routes() {
		p := "/api/v1" + oaPath(r.path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		op := map[string]any{
			"tags":        []string{r.tag},
			"summary":     r.summary,
			"operationId": strings.ToLower(r.method) + strings.NewReplacer("/", "_", ":", "", "{", "", "}", "").Replace(r.path),
			"responses":   responses(s, r),
		}
		var params []any
		if strings.Contains(r.path, ":id") {
			params = append(params, map[string]any{"name": "id", "in": "path", "required": true, "schema": map[string]any{"type": "integer", "minimum": 1}})
		}
		for _, part := range strings.Split(r.path, "/") {
			if name, ok := strings.CutPrefix(part, ":"); ok && name != "id" { // e.g. :iso_week, :key
				params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
			}
		}
		for _, qp := range r.params {
			sch := map[string]any{"type": qp.Type}
			if qp.Repeat {
				sch = map[string]any{"type": "array", "items": map[string]any{"type": qp.Type}}
			}
			params = append(params, map[string]any{"name": qp.Name, "in": "query", "description": qp.Description, "schema": sch, "explode": true})
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if r.body != nil {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": s.of(reflect.TypeOf(r.body))}}}
		}
		if !r.public {
			op["security"] = []any{map[string]any{"bearer": []string{}}}
		}
		paths[p][strings.ToLower(r.method)] = op
	}
	s.defs["Problem"] = problemSchema()
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":       "Placering: jobcentrenes markedsplads for virksomhedsplaceringer",
			"version":     "1",
			"description": "JSON-API for virksomheder, virksomhedscentre, åbninger og borgere. Fejl returneres som application/problem+json (RFC 9457). CPR-numre kan kun skrives; læsninger viser cpr_masked.",
		},
		"paths": paths,
		"components": map[string]any{
			"schemas":         s.defs,
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
		},
	}
}

func oaPath(p string) string {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		if strings.HasPrefix(part, ":") {
			parts[i] = "{" + part[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

func responses(s *schemas, r route) map[string]any {
	out := map[string]any{}
	ok := map[string]any{"description": "OK"}
	if r.response != nil {
		sch := s.of(reflect.TypeOf(r.response))
		if r.list {
			sch = map[string]any{"type": "object", "properties": map[string]any{
				"items": map[string]any{"type": "array", "items": sch},
				"total": map[string]any{"type": "integer"}, "page": map[string]any{"type": "integer"},
				"per_page": map[string]any{"type": "integer"},
			}}
		}
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": sch}}
	}
	out[strconv.Itoa(r.status)] = ok
	problemRef := map[string]any{"$ref": "#/components/schemas/Problem"}
	for _, code := range []int{400, 401, 403, 404, 409, 415, 422, 429} {
		out[strconv.Itoa(code)] = map[string]any{"description": http.StatusText(code),
			"content": map[string]any{"application/problem+json": map[string]any{"schema": problemRef}}}
	}
	return out
}

func problemSchema() map[string]any {
	return map[string]any{"type": "object", "properties": map[string]any{
		"type": map[string]any{"type": "string"}, "title": map[string]any{"type": "string"},
		"status": map[string]any{"type": "integer"}, "detail": map[string]any{"type": "string"},
		"instance": map[string]any{"type": "string"},
		"errors": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
			"field": map[string]any{"type": "string"}, "message": map[string]any{"type": "string"}}}},
	}}
}

// enums lists the closed vocabularies, so the document can say which
// values a field takes.
var enums = map[reflect.Type][]string{
	reflect.TypeOf(models.Kind("")):           codes(models.Kinds),
	reflect.TypeOf(models.TargetGroup("")):    codes(models.TargetGroups),
	reflect.TypeOf(models.OpeningStatus("")):  codes(models.OpeningStatuses),
	reflect.TypeOf(models.DanishLevel("")):    codes(models.DanishLevels),
	reflect.TypeOf(models.PhysicalDemand("")): append([]string{""}, codes(models.PhysicalDemands)...),
	reflect.TypeOf(models.Role("")):           {"admin", "consultant", "employer", "event_staff"},
	reflect.TypeOf(models.MatchState("")):     codes(models.MatchStates),
}

func codes[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

var (
	timeType = reflect.TypeOf(time.Time{})
	dateType = reflect.TypeOf(models.Date{})
	hitType  = reflect.TypeOf(search.Hit{})
)

type schemas struct{ defs map[string]any }

// of returns the schema of t, registering named structs as components.
func (s *schemas) of(t reflect.Type) map[string]any {
	nullable := false
	for t.Kind() == reflect.Pointer {
		t, nullable = t.Elem(), true
	}
	var out map[string]any
	switch {
	case t == timeType:
		out = map[string]any{"type": "string", "format": "date-time"}
	case t == dateType:
		out = map[string]any{"type": "string", "format": "date", "nullable": true}
	case t == reflect.TypeOf(models.ISOWeek{}): // placements: weekly hours are keyed by ISO week
		out = map[string]any{"type": "string", "pattern": `^\d{4}-W\d{2}$`, "example": "2027-W03", "nullable": true}
	case t == hitType:
		// A hit is the document's own fields plus distance_km and _formatted.
		out = map[string]any{"type": "object", "additionalProperties": true, "properties": map[string]any{
			"id": map[string]any{"type": "string"}, "distance_km": map[string]any{"type": "number"},
			"_formatted": map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"},
				"description": "Fremhævede felter som sikker HTML med <mark> om de fundne ord."},
		}}
	case enums[t] != nil:
		out = map[string]any{"type": "string", "enum": enums[t]}
	default:
		switch t.Kind() {
		case reflect.String:
			out = map[string]any{"type": "string"}
		case reflect.Bool:
			out = map[string]any{"type": "boolean"}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			out = map[string]any{"type": "integer"}
		case reflect.Float32, reflect.Float64:
			out = map[string]any{"type": "number"}
		case reflect.Slice, reflect.Array:
			out = map[string]any{"type": "array", "items": s.of(t.Elem())}
		case reflect.Map:
			out = map[string]any{"type": "object"}
		case reflect.Struct:
			name := t.Name()
			if _, done := s.defs[name]; !done {
				s.defs[name] = map[string]any{} // placeholder against recursion
				s.defs[name] = s.object(t)
			}
			out = map[string]any{"$ref": "#/components/schemas/" + name}
		default:
			out = map[string]any{}
		}
	}
	if nullable {
		if _, isRef := out["$ref"]; !isRef {
			out["nullable"] = true
		}
	}
	return out
}

func (s *schemas) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	eachJSONField(t, func(name string, f reflect.StructField) {
		sch := s.of(f.Type)
		if name == "cpr" {
			sch = map[string]any{"type": "string", "writeOnly": true, "pattern": `^\d{6}-?\d{4}$`,
				"description": "CPR-nummer. Kan kun skrives; læsninger viser cpr_masked."}
		}
		props[name] = sch
	})
	return map[string]any{"type": "object", "properties": props}
}
