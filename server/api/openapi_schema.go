package api

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"placering/matching"
	"placering/matching/progression"
	"placering/models"
	"placering/search"
	"placering/server/app"
)

// mode is the direction a schema describes. A type read and a type
// written differ: what a read always carries is required and what the
// server sets is readOnly; what a write needs is required (asked of the
// type's own validation) and nothing else may be sent.
type mode int

const (
	read  mode = iota
	write      // a create or replace body
	patch      // a PATCH body: every writable field optional, read-only fields ignored
)

// schemas builds the components of the document from the Go types.
type schemas struct {
	defs  map[string]any
	types map[string]reflect.Type // which Go type each component describes
}

// enums lists the closed vocabularies by Go type, so that every coded
// field carries its values.
var enums = map[reflect.Type][]string{
	reflect.TypeOf(models.Kind("")):             codes(models.Kinds),
	reflect.TypeOf(models.TargetGroup("")):      codes(models.TargetGroups),
	reflect.TypeOf(models.OpeningStatus("")):    codes(models.OpeningStatuses),
	reflect.TypeOf(models.DanishLevel("")):      codes(models.DanishLevels),
	reflect.TypeOf(models.PhysicalDemand("")):   codes(models.PhysicalDemands),
	reflect.TypeOf(models.Role("")):             {"admin", "consultant", "employer", "event_staff"},
	reflect.TypeOf(models.MatchState("")):       codes(models.MatchStates),
	reflect.TypeOf(models.PlacementStatus("")):  codes(models.PlacementStatuses),
	reflect.TypeOf(models.Outcome("")):          codes(models.Outcomes),
	reflect.TypeOf(models.Completion("")):       codes(models.Completions),
	reflect.TypeOf(models.AbsenceReason("")):    codes(models.AbsenceReasons),
	reflect.TypeOf(models.HourSource("")):       codes(models.HourSources),
	reflect.TypeOf(progression.Kind("")):        codes(progression.Kinds),
	reflect.TypeOf(progression.Severity("")):    codes(progression.Severities),
	reflect.TypeOf(models.Code("")):             codes(errorCodes),
	reflect.TypeOf(matching.RuleID("")):         codes(matching.RuleIDs),
	reflect.TypeOf(progression.Requirement("")): codes(progression.Requirements),
	reflect.TypeOf(progression.ClockStart("")):  codes(progression.ClockStarts),
	reflect.TypeOf(app.DistanceBand("")):        codes(app.DistanceBands),
	reflect.TypeOf(app.Fit("")):                 codes(app.Fits),
	reflect.TypeOf(models.ReviewDecision("")):   codes(models.ReviewDecisions),
}

// closed are read types whose objects carry exactly the properties
// described (additionalProperties: false), so the contract test proves
// that nothing more is sent: what employers see of candidates.
var closed = map[string]bool{"EmployerCandidateList": true, "EmployerCandidate": true}

// errorCodes are the codes a problem carries.
var errorCodes = []models.Code{models.ENotFound, models.EForbidden, models.EInvalid, models.EConflict, models.EStale,
	models.EUnauthenticated, models.EThrottled, models.EUnavailable, models.EBadRequest, models.EInternal, models.EPrecondition,
	models.EPasswordChange, models.EGone}

// emptyAllowed reports whether "" is a value of a coded type: on writes
// when validation accepts it (or fills in the default), on reads when the
// server can send it.
func emptyAllowed(t reflect.Type, m mode) bool {
	v := reflect.New(t).Elem()
	if valid, ok := v.Interface().(interface{ Valid() bool }); ok && valid.Valid() {
		return true
	}
	// Validation fills in these defaults when they are left out.
	return m != read && (t == reflect.TypeOf(models.DanishLevel("")) || t == reflect.TypeOf(models.OpeningStatus("")))
}

// limits are the bounds the validation in package models enforces, by JSON
// field name, so that the document promises what the server checks.
var limits = map[string]map[string]any{
	"cvr":            {"pattern": `^\d{8}$`, "description": "8 cifre, der består modulus 11-kontrollen."},
	"postcode":       {"pattern": `^$|^(0[89]\d{2}|[1-9]\d{3})$`},
	"hours_min":      {"minimum": 0, "maximum": models.MaxWeeklyHours},
	"hours_max":      {"minimum": 0, "exclusiveMinimum": true, "maximum": models.MaxWeeklyHours},
	"hours_capacity": {"minimum": 0, "maximum": models.MaxWeeklyHours},
	"seats":          {"minimum": 1, "maximum": models.MaxSeats},
	"duration_weeks": {"minimum": 0, "maximum": models.MaxDurationWeeks},
	"max_commute_km": {"minimum": 0, "maximum": models.MaxCommuteKm},
	"planned":        {"minimum": 0, "maximum": models.MaxLoggedHours},
	"worked":         {"minimum": 0, "maximum": models.MaxLoggedHours},
	"absent":         {"minimum": 0, "maximum": models.MaxLoggedHours},
	"ordinary":       {"minimum": 0, "maximum": models.MaxLoggedHours},
	"lat":            {"description": "Breddegrad i Danmark (54,5–57,8); 0 sammen med lon 0 betyder ukendt."},
	"lon":            {"description": "Længdegrad i Danmark (8,0–15,2); 0 sammen med lat 0 betyder ukendt."},
	"email":          {"maxLength": models.MaxShortText},
	"name":           {"maxLength": models.MaxShortText},
	"title":          {"maxLength": models.MaxShortText},
	"address":        {"maxLength": models.MaxShortText},
	"town":           {"maxLength": models.MaxShortText},
	"phone":          {"maxLength": models.MaxShortText},
	"goal_title":     {"maxLength": models.MaxShortText},
	"tasks":          {"maxLength": models.MaxLongText},
	"notes":          {"maxLength": models.MaxLongText},
	"note":           {"maxLength": models.MaxLongText},
	"reason":         {"enum": append(rejectionCodes(), "")},
	"consent_kinds": {"description": "Ordninger, borgeren har givet samtykke til at blive vist for arbejdsgivere under (anonymt, som kandidat). " +
		"Erstatter de gemte; udeladt i en PATCH bevares de. consent_share alene viser ingen for arbejdsgivere."},
	"consent_share": {"description": "Borgerens generelle samtykke til at dele sin profil. Alene viser det ingen for arbejdsgivere; det gør kun consent_kinds."},
	"consents":      {"description": "Samtykker pr. ordning: hvornår givet (given_at) og af hvem registreret (recorded_by, bruger-id)."},
	"candidate_ref": {"description": "Uigennemsigtig reference til kandidaten, forskellig for hver åbning (aldrig borgerens id)."},
	"distance_band": {"description": "Afstand fra hjemmet til arbejdspladsen som interval (aldrig km). Borgere uden kendt bopæl vises ikke for arbejdsgivere."},
	"fit":           {"description": "Hvor godt kandidaten passer (jobmål, timer, opstart), som bånd; aldrig point."},
	"reasons":       {"description": "Begrundelser for arbejdsgivere: jobmål, timer og opstart."},
}

// typeLimits and typeRules replace limits and rules for one field of one
// body type, where a field name means something else there.
var typeLimits = map[string]map[string]map[string]any{
	"EraseInput": {"reason": {"minLength": 1, "maxLength": app.MaxEraseReason}},
	"OIDCSettingsInput": {
		"client_secret": {"writeOnly": true, "maxLength": 1000,
			"description": "Klienthemmeligheden. Kan kun skrives (gemmes krypteret); udeladt eller null beholder den gemte, \"\" fjerner den."},
		"issuer":      {"minLength": 1, "description": "Udbyderens adresse (issuer), https:// (http:// kun for 127.0.0.1 og localhost)."},
		"client_id":   {"minLength": 1, "maxLength": models.MaxShortText},
		"email_claim": {"pattern": `^$|^[A-Za-z0-9_:./-]{1,100}$`, "description": "Claim med e-mailadressen (standard email)."},
	},
	"GroupMappingInput": {
		"claim": {"pattern": `^$|^[A-Za-z0-9_:./-]{1,100}$`, "description": "Claim med grupperne (standard groups)."},
	},
	"RetentionSettingsInput": {
		"archived_citizen_years": {"minimum": app.MinArchivedCitizenYears, "maximum": app.MaxArchivedCitizenYears,
			"description": "Arkiverede borgere slettes efter så mange år (standard " + strconv.Itoa(app.DefaultArchivedCitizenYears) + ")."},
		"audit_years": {"minimum": app.MinAuditYears, "maximum": app.MaxAuditYears,
			"description": "Adgangsloggen gemmes så mange år (standard " + strconv.Itoa(app.DefaultAuditYears) + ")."},
	},
	"ReferenceInput": {
		"tasks_solved": {"minItems": 1, "maxItems": models.MaxReferenceTasks,
			"description": "Arbejdsopgaver, borgeren har løst: 1-20 linjer, hver 1-200 tegn og ikke blank."},
		"comment": {"maxLength": models.MaxReferenceComment},
	},
	"ReferenceCompetencesInput": {
		"fremmoede":                {"minimum": models.MinRating, "maximum": models.MaxRating},
		"samarbejde":               {"minimum": models.MinRating, "maximum": models.MaxRating},
		"tempo":                    {"minimum": models.MinRating, "maximum": models.MaxRating},
		"kvalitet":                 {"minimum": models.MinRating, "maximum": models.MaxRating},
		"selvstaendighed":          {"minimum": models.MinRating, "maximum": models.MaxRating},
		"dansk_paa_arbejdspladsen": {"minimum": models.MinRating, "maximum": models.MaxRating, "description": "1-5, eller null: ikke relevant."},
	},
	"ContactQuotaSettingsInput": {
		"interests_per_company_month": {"minimum": 1, "maximum": app.MaxInterestsPerCompanyMonth,
			"description": "Så mange kandidater kan en virksomhed højst vise interesse for pr. kalendermåned (standard " + strconv.Itoa(app.DefaultInterestsPerCompanyMonth) + ")."},
	},
}

var typeRules = map[string]map[string]string{
	"GroupMappingInput": {"roles": "Gruppe → rolle: consultant, event_staff eller admin (admin giver kun adgang til eksisterende administratorer). Mindst én, når enabled er true."},
	"ReferenceInput":    {"revision": "Den revision, klienten læste. Kræves for at rette en udtalelse, der allerede er skrevet."},
	"EraseInput":        {"reason": "Hvorfor borgerens oplysninger slettes (gemmes i adgangsloggen). Skriv ingen personoplysninger her."},
}

func limitsFor(typeName, field string) map[string]any {
	if l, ok := typeLimits[typeName][field]; ok {
		return l
	}
	return limits[field]
}

func ruleFor(typeName, field string) (string, bool) {
	if r, ok := typeRules[typeName][field]; ok {
		return r, true
	}
	r, ok := rules[field]
	return r, ok
}

func rejectionCodes() []string {
	out := make([]string, len(models.RejectionReasons))
	for i, r := range models.RejectionReasons {
		out[i] = r.Code
	}
	return out
}

// rules states the conditional rules the validation enforces, field by
// field, where a schema keyword cannot say them.
var rules = map[string]string{
	"arrival_date":   "Skal udfyldes, når target_group er flygtning (boligplacering/ankomst).",
	"reason":         "Skal udfyldes, når state er afvist (en kode fra /matching/rejection-reasons).",
	"outcome":        "Skal udfyldes, når status er afsluttet eller afbrudt.",
	"ended_on":       "Skal udfyldes, når status er afsluttet eller afbrudt.",
	"absence_reason": "Skal udfyldes, når absent er over 0, og være tom ellers.",
	"jobcentre_id":   "Administratorer angiver jobcentret; for andre er det deres eget.",
	"revision":       "Den revision, klienten læste. Kræves for at ændre en uge, der allerede er gemt.",
}

// requiredExtra are fields a write needs that the service, not the type's
// own validation, checks.
var requiredExtra = map[string][]string{
	"CitizenInput":       {"cpr"},
	"BulkHoursInput":     {"items"},
	"BulkHoursItemInput": {"placement_id", "iso_week"},
	"UserInput":          {"email", "name", "password", "role"},
	"tokenRequest":       {"email", "password"},
}

// filledIn are fields validation needs but the service fills in when they
// are left out, with what it fills in.
var filledIn = map[string]map[string]string{
	"OpeningInput": {
		"company_id": "Udeladt for en arbejdsgiver: egen virksomhed.",
		"branch":     "Udeladt: virksomhedens branche.",
	},
	"PlacementInput": {
		"company_id": "Udeladt: åbningens virksomhed (kræves uden opening_id).",
		"kind":       "Udeladt: åbningens ordning (kræves uden opening_id).",
		"start_date": "Udeladt: åbningens startdato (kræves uden opening_id).",
	},
}

// decodedOntoCurrent are bodies decoded onto the stored values (or the
// defaults), so only the fields named here are needed.
var decodedOntoCurrent = map[string][]string{
	"ProgressionSettingsInput":  {"jobcentre_id"},
	"RetentionSettingsInput":    {},
	"ContactQuotaSettingsInput": {},
	"SettingsInput":             {"jobcentre_id"},
}

var (
	timeType    = reflect.TypeOf(time.Time{})
	dateType    = reflect.TypeOf(models.Date{})
	weekType    = reflect.TypeOf(models.ISOWeek{})
	hitType     = reflect.TypeOf(search.Hit{})
	fieldErrors = reflect.TypeOf(models.FieldErrors{})
)

// serverSet are fields the server sets on every row it returns.
var serverSet = map[string]bool{"id": true, "created_at": true, "updated_at": true, "created_by": true,
	"updated_by": true, "archived_at": true, "jobcentre_id": true, "posted_by": true, "cpr_masked": true, "birth_date": true}

// of returns the schema of t in mode m, registering named structs as
// components.
func (s *schemas) of(t reflect.Type, m mode) map[string]any {
	nullable := false
	for t.Kind() == reflect.Pointer {
		t, nullable = t.Elem(), true
	}
	var out map[string]any
	switch {
	case t == timeType:
		out = map[string]any{"type": "string", "format": "date-time"}
	case t == dateType:
		// The zero date is sent as null; on writes "" means none too.
		out = map[string]any{"type": "string", "format": "date", "description": "ÅÅÅÅ-MM-DD, mellem 1900-01-01 og 2100-12-31."}
		nullable = true
	case t == weekType:
		out = map[string]any{"type": "string", "pattern": `^(19\d\d|20\d\d|2100)-W(0[1-9]|[1-4]\d|5[0-3])$`, "example": "2027-W03"}
		nullable = true
	case t == hitType:
		// A hit is the document's own fields plus distance_km and _formatted.
		out = map[string]any{"type": "object", "additionalProperties": true, "properties": map[string]any{
			"id": map[string]any{"type": "string"}, "distance_km": map[string]any{"type": "number"},
			"_formatted": map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"},
				"description": "Fremhævede felter som sikker HTML med <mark> om de fundne ord."},
		}}
	case enums[t] != nil:
		values := slices.Clone(enums[t])
		if emptyAllowed(t, m) {
			values = append(values, "")
		}
		out = map[string]any{"type": "string", "enum": values}
	default:
		out = s.kind(t, m)
	}
	if nullable {
		if _, isRef := out["$ref"]; isRef {
			return map[string]any{"type": "object", "allOf": []any{out}, "nullable": true}
		}
		out["nullable"] = true
	}
	return out
}

func (s *schemas) kind(t reflect.Type, m mode) map[string]any {
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int8, reflect.Int16, reflect.Int32:
		return map[string]any{"type": "integer", "format": "int32"}
	case reflect.Int, reflect.Int64:
		return map[string]any{"type": "integer", "format": "int64"}
	case reflect.Float32:
		return map[string]any{"type": "number", "format": "float"}
	case reflect.Float64:
		return map[string]any{"type": "number", "format": "double"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": s.of(t.Elem(), m)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": s.of(t.Elem(), m)}
	case reflect.Struct:
		name := componentName(t, m)
		if other, ok := s.types[name]; ok && other != t {
			name = t.Name() + name // two types would share a name: keep both apart
		}
		if s.types == nil {
			s.types = map[string]reflect.Type{}
		}
		s.types[name] = t
		if _, done := s.defs[name]; !done {
			s.defs[name] = map[string]any{} // placeholder against recursion
			s.defs[name] = s.object(t, m, name)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

// componentName names a struct's component per mode: Company is read,
// CompanyInput written.
func componentName(t reflect.Type, m mode) string {
	name := t.Name()
	switch m {
	case write:
		if !strings.HasSuffix(name, "Input") && !strings.HasSuffix(name, "Request") {
			name = strings.TrimSuffix(name, "Fields") + "Input"
		}
	case patch:
		name += "Patch"
	}
	return name
}

// object describes a struct's JSON object in mode m.
func (s *schemas) object(t reflect.Type, m mode, name string) map[string]any {
	props := map[string]any{}
	var required []string
	writable := writableFields(t)
	eachJSONField(t, func(field string, f reflect.StructField) {
		sub := m
		if m == patch {
			sub = write // nested values are written whole
		}
		sch := s.of(f.Type, sub)
		for k, v := range limitsFor(name, field) {
			if m != read || k == "description" {
				if _, isRef := sch["$ref"]; !isRef {
					sch[k] = v
				}
			}
		}
		if r, ok := ruleFor(name, field); ok && m != read {
			sch = withDescription(sch, r)
		}
		omitEmpty := strings.Contains(f.Tag.Get("json"), ",omitempty")
		switch {
		case field == "cpr":
			sch = map[string]any{"type": "string", "writeOnly": true, "pattern": `^\d{6}-?\d{4}$`,
				"description": "CPR-nummer. Kan kun skrives; læsninger viser cpr_masked."}
		case m == read && (serverSet[field] || writable != nil && !writable[field]):
			sch = withFlag(sch, "readOnly")
		}
		if m == read && !omitEmpty && (f.Type.Kind() == reflect.Slice || f.Type.Kind() == reflect.Map) && f.Type != fieldErrors {
			sch["nullable"] = true // a nil list is sent as null
		}
		props[field] = sch
		if m == read && !omitEmpty {
			required = append(required, field)
		}
	})
	out := map[string]any{"type": "object", "properties": props}
	if m == read && closed[name] {
		out["additionalProperties"] = false
	}
	switch m {
	case write:
		required = append(validationRequired(t), requiredExtra[name]...)
		if only, ok := decodedOntoCurrent[name]; ok {
			required = slices.Clone(only)
		}
		for field, how := range filledIn[name] {
			required = slices.DeleteFunc(required, func(f string) bool { return f == field })
			if sch, ok := props[field].(map[string]any); ok {
				props[field] = withDescription(sch, how)
			}
		}
		out["additionalProperties"] = false
	case patch:
		out["additionalProperties"] = false
	}
	required = slices.DeleteFunc(slices.Compact(sorted(required)), func(f string) bool { _, ok := props[f]; return !ok })
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}

// patchObject is the body of a PATCH on a resource read as t and written as
// w: every writable field optional, and every other field of t accepted and
// ignored, so a client can send back what it read.
func (s *schemas) patchObject(t, w reflect.Type) map[string]any {
	name := t.Name() + "Patch"
	if _, done := s.defs[name]; !done {
		props := map[string]any{}
		writable := map[string]bool{}
		eachJSONField(w, func(field string, f reflect.StructField) {
			writable[field] = true
			sch := s.of(f.Type, write)
			for k, v := range limits[field] {
				if _, isRef := sch["$ref"]; !isRef {
					sch[k] = v
				}
			}
			if r, ok := rules[field]; ok {
				sch = withDescription(sch, r)
			}
			if field == "cpr" {
				sch = map[string]any{"type": "string", "writeOnly": true, "pattern": `^\d{6}-?\d{4}$`,
					"description": "CPR-nummer. Kan kun skrives; læsninger viser cpr_masked."}
			}
			props[field] = sch
		})
		eachJSONField(t, func(field string, f reflect.StructField) {
			if !writable[field] {
				props[field] = map[string]any{"description": "Sættes af serveren; ignoreres, hvis det sendes med tilbage."}
			}
		})
		s.defs[name] = map[string]any{"type": "object", "properties": props, "additionalProperties": false,
			"description": "Kun de felter, der sendes, ændres. Et svar fra GET kan sendes tilbage uændret."}
	}
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

// writableFields returns the fields of the *Fields struct t embeds (what a
// client may change), or nil when it embeds none.
func writableFields(t reflect.Type) map[string]bool {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct && strings.HasSuffix(f.Type.Name(), "Fields") {
			out := map[string]bool{}
			eachJSONField(f.Type, func(name string, _ reflect.StructField) { out[name] = true })
			return out
		}
	}
	return nil
}

// validationRequired asks a body type's own validation which fields a
// write cannot leave out: those it complains about on the zero value.
func validationRequired(t reflect.Type) []string {
	v, ok := reflect.New(t).Interface().(interface{ Validate() models.FieldErrors })
	if !ok {
		// A body that wraps a validated struct (CompanyInput) is asked
		// through it.
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.Anonymous && f.Type.Kind() == reflect.Struct {
				if out := validationRequired(f.Type); out != nil {
					return out
				}
			}
		}
		return nil
	}
	var out []string
	for _, fe := range v.Validate() {
		name, _, _ := strings.Cut(fe.Field, "[")
		name, _, _ = strings.Cut(name, ".")
		if name != "lat" && name != "lon" { // 0/0 means unknown, not missing
			out = append(out, name)
		}
	}
	return out
}

func withDescription(sch map[string]any, d string) map[string]any {
	if _, isRef := sch["$ref"]; isRef {
		return map[string]any{"allOf": []any{sch}, "description": d}
	}
	sch["description"] = d
	return sch
}

func withFlag(sch map[string]any, flag string) map[string]any {
	if _, isRef := sch["$ref"]; isRef {
		return map[string]any{"allOf": []any{sch}, flag: true}
	}
	sch[flag] = true
	return sch
}

func sorted(xs []string) []string {
	slices.Sort(xs)
	return xs
}

func codes[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
