package api

import (
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// openapi serves the OpenAPI 3 document built from the route table, with
// schemas read off the Go types by reflection and the parameters' own
// declarations (the ones newQuery checks), so the document describes
// exactly what the API reads, writes and enforces.
func (h *Handler) openapi(c echo.Context) error {
	return c.JSON(http.StatusOK, h.OpenAPI())
}

// tagDescriptions introduces each group of operations.
var tagDescriptions = map[string]string{
	"Login":             "Log ind med e-mail og adgangskode; brug det returnerede token som Bearer-token.",
	"Dokumentation":     "Dette dokument.",
	"Ordforråd":         "Koder og danske betegnelser.",
	"Brugere":           "Brugere og roller.",
	"Søgning":           "Fritekstsøgning i åbninger, virksomhedscentre og virksomheder.",
	"Matching":          "Forslag med begrundelser, kandidater og optimal fordeling.",
	"Match":             "Match-forløbet fra forslag til start.",
	"Virksomheder":      "Det fælles virksomhedsregister.",
	"Virksomhedscentre": "Virksomheder med en fast aftale om at tage imod flere borgere med mentorstøtte.",
	"Åbninger":          "Pladser i virksomhedspraktik, løntilskud, IGU, fleksjob og ordinære timer.",
	"Borgere":           "Jobcentrets borgere. CPR-numre kan kun skrives.",
	"Placeringer":       "Placeringer og deres forløb.",
	"Timer":             "Ugentlige timer pr. placering, med alle revisioner.",
	"Progression":       "Timeudvikling, advarsler og frister.",
	"Rapporter":         "Månedsrapporter pr. målgruppe.",
	"Opbevaring":        "Hvor længe arkiverede borgere og adgangsloggen gemmes, pr. jobcenter.",
	"Mail":              "Postkassen: de mails, tjenesten har skrevet (invitationer, nulstilling af adgangskode), og om de er sendt.",
	"Indstillinger":     "Jobcentrets kontaktkvote og historikken over ændrede indstillinger.",
	"Identitetsudbyder": "Jobcentrets log ind via kommunens identitetsudbyder (OpenID Connect), pr. jobcenter.",
}

// OpenAPI returns the API's OpenAPI 3.0 document.
func (h *Handler) OpenAPI() map[string]any {
	s := &schemas{defs: map[string]any{}}
	paths := map[string]map[string]any{}
	tags := map[string]bool{}
	for _, r := range h.routes() {
		p := "/api/v1" + oaPath(r.path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		tags[r.tag] = true
		paths[p][strings.ToLower(r.method)] = operation(s, r)
	}
	s.defs["Problem"] = problemSchema()
	var tagList []any
	for _, t := range sorted(keys(tags)) {
		tagList = append(tagList, map[string]any{"name": t, "description": tagDescriptions[t]})
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":   "Placering: jobcentrenes markedsplads for virksomhedsplaceringer",
			"version": "1",
			"description": "JSON-API for virksomheder, virksomhedscentre, åbninger, borgere, matching og placeringer. " +
				"Fejl returneres som application/problem+json (RFC 9457) med en kode og danske tekster. " +
				"CPR-numre kan kun skrives; læsninger viser cpr_masked.",
			"license": map[string]any{"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/da/"},
		},
		"servers": []any{map[string]any{"url": "/", "description": "Samme adresse som dette dokument (lokalt http://localhost:8080; i drift kommunens egen)."}},
		"tags":    tagList,
		"paths":   paths,
		"components": map[string]any{
			"schemas":         s.defs,
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
		},
	}
}

func operation(s *schemas, r route) map[string]any {
	op := map[string]any{
		"tags":        []string{r.tag},
		"summary":     r.summary,
		"operationId": strings.ToLower(r.method) + strings.NewReplacer("/", "_", ":", "", "-", "_").Replace(r.path),
		"responses":   responses(s, r),
	}
	var params []any
	for _, part := range strings.Split(r.path, "/") {
		name, ok := strings.CutPrefix(part, ":")
		if !ok {
			continue
		}
		sch := map[string]any{"type": "string"}
		switch name {
		case "id":
			sch = map[string]any{"type": "integer", "format": "int64", "minimum": 1}
		case "iso_week":
			sch = s.of(weekType, write)
			delete(sch, "nullable")
		case "token":
			sch = map[string]any{"type": "string", "pattern": "^[A-Za-z0-9_-]{43}$",
				"description": "Engangslinkets nøgle (43 tegn), som den står i linket."}
		}
		params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": sch})
	}
	for _, qp := range r.params {
		params = append(params, queryParam(qp))
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if r.body != nil {
		var sch map[string]any
		if r.patchOf != nil {
			sch = s.patchObject(reflect.TypeOf(r.patchOf), reflect.TypeOf(r.body))
		} else {
			sch = s.of(reflect.TypeOf(r.body), write)
		}
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"application/json": map[string]any{"schema": sch}}}
		if r.optional {
			op["requestBody"].(map[string]any)["required"] = false
		}
	}
	if r.public {
		op["security"] = []any{}
	} else {
		op["security"] = []any{map[string]any{"bearer": []string{}}}
	}
	return op
}

// queryParam describes a query parameter from the declaration newQuery
// checks it against.
func queryParam(qp param) map[string]any {
	sch := map[string]any{"type": qp.Type}
	switch qp.Type {
	case "integer":
		sch["format"] = "int64"
	case "number":
		sch["format"] = "double"
	}
	if qp.Enum != nil {
		sch["enum"] = qp.Enum
	}
	if qp.Min != nil {
		sch["minimum"] = *qp.Min
	}
	if qp.Max != nil {
		sch["maximum"] = *qp.Max
	}
	if qp.Pattern != "" {
		sch["pattern"] = qp.Pattern
	}
	if qp.MaxLength > 0 {
		sch["maxLength"] = qp.MaxLength
	}
	if qp.Format != "" {
		sch["format"] = qp.Format
	}
	desc := qp.Description
	if qp.MaxLength > 0 {
		desc += fmt.Sprintf(" Fritekst: højst %d tegn, ingen styretegn, ikke kun usynlige tegn.", qp.MaxLength)
	}
	out := map[string]any{"name": qp.Name, "in": "query", "description": desc, "schema": sch}
	if qp.Repeat {
		out["schema"] = map[string]any{"type": "array", "items": sch}
		out["explode"] = true
	}
	if qp.Required {
		out["required"] = true
	}
	return out
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

// errorStatuses are the problems any operation can answer with: bad
// request, not logged in, refused, not found, conflict or stale, too
// large, wrong media type, invalid, version missing, throttled, and our
// own faults.
var errorStatuses = []int{400, 401, 403, 404, 409, 413, 415, 422, 428, 429, 500, 503}

func responses(s *schemas, r route) map[string]any {
	out := map[string]any{}
	ok := map[string]any{"description": http.StatusText(r.status)}
	if r.response != nil {
		sch := s.of(reflect.TypeOf(r.response), read)
		if r.alt != nil {
			sch = map[string]any{"oneOf": []any{sch, s.of(reflect.TypeOf(r.alt), read)}}
		}
		if r.list {
			sch = map[string]any{"type": "object", "required": []string{"items", "total", "page", "per_page"},
				"properties": map[string]any{
					"items": map[string]any{"type": "array", "items": sch},
					"total": map[string]any{"type": "integer", "minimum": 0}, "page": map[string]any{"type": "integer", "minimum": 1},
					"per_page": map[string]any{"type": "integer", "minimum": 1},
				}}
		}
		content := map[string]any{"application/json": map[string]any{"schema": sch}}
		if r.csv {
			content["text/csv"] = map[string]any{"schema": map[string]any{"type": "string",
				"description": "Semikolonsepareret, decimalkomma, UTF-8 med BOM, dansk overskriftsrække."}}
		}
		ok["content"] = content
	} else if r.path == "/openapi.json" {
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "object"}}}
	}
	out[strconv.Itoa(r.status)] = ok
	problemRef := map[string]any{"$ref": "#/components/schemas/Problem"}
	for _, code := range append(errorStatuses[:len(errorStatuses):len(errorStatuses)], r.extra...) {
		if r.public && r.method == http.MethodGet && (code == 401 || code == 403) || r.body == nil && (code == 413 || code == 415) ||
			code == 428 && r.method != http.MethodPut && r.method != http.MethodPost {
			continue
		}
		resp := map[string]any{"description": http.StatusText(code),
			"content": map[string]any{"application/problem+json": map[string]any{"schema": problemRef}}}
		switch code {
		case 429:
			resp["headers"] = map[string]any{"Retry-After": map[string]any{
				"description": "Sekunder, før et nyt forsøg kan lykkes.", "schema": map[string]any{"type": "integer", "minimum": 0}}}
		case 410:
			resp["description"] = "Gone: linket er brugt, trukket tilbage eller udløbet."
		case 503:
			resp["description"] = "Service Unavailable: en bagvedliggende tjeneste (database eller cache) svarer ikke lige nu, " +
				"eller anmodningen nåede ikke at blive færdig inden for sin tidsgrænse. Intet er gemt halvt; prøv igen. " +
				"Et gyldigt token er stadig gyldigt."
			resp["headers"] = map[string]any{"Retry-After": map[string]any{
				"description": "Sekunder, før et nyt forsøg giver mening.", "required": true,
				"schema": map[string]any{"type": "integer", "minimum": 0}}}
		}
		out[strconv.Itoa(code)] = resp
	}
	return out
}

func problemSchema() map[string]any {
	str := map[string]any{"type": "string"}
	return map[string]any{"type": "object", "required": []string{"type", "title", "status"},
		"properties": map[string]any{
			"type": str, "title": str, "detail": str, "instance": str,
			"status": map[string]any{"type": "integer", "minimum": 400, "maximum": 599},
			"code":   map[string]any{"type": "string", "enum": codes(errorCodes)},
			"errors": map[string]any{"type": "array", "items": map[string]any{"type": "object", "required": []string{"field", "message"},
				"properties": map[string]any{"field": str, "message": str}}},
		}}
}

func keys[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
