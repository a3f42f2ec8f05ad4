package search

// Field names of the documents. The engines share these lists so that both
// backends search, filter, sort and highlight the same fields.
const (
	FieldID              = "id"
	FieldTitle           = "title"
	FieldTasks           = "tasks"
	FieldCompanyName     = "company_name"
	FieldTown            = "town"
	FieldPostcode        = "postcode"
	FieldCVR             = "cvr"
	FieldBranch          = "branch"
	FieldKind            = "kind"
	FieldStatus          = "status"
	FieldHoursMin        = "hours_min"
	FieldHoursMax        = "hours_max"
	FieldSeats           = "seats"
	FieldSeatsFree       = "seats_free"
	FieldStartDate       = "start_date"
	FieldStartDateInt    = "start_date_int"
	FieldDurationWeeks   = "duration_weeks"
	FieldMentorAvailable = "mentor_available"
	FieldDanishLevel     = "danish_level"
	FieldDanishLevelCode = "danish_level_code"
	FieldDriversLicence  = "drivers_licence"
	FieldPhysicalDemands = "physical_demands"
	FieldJobcentreID     = "jobcentre_id"
	FieldCompanyID       = "company_id"
	FieldTargetGroups    = "target_groups"
	FieldValidFrom       = "valid_from"
	FieldValidTo         = "valid_to"
	FieldGeo             = "_geo"

	// Keys added to hits, not stored in documents.
	FieldDistanceKm = "distance_km"
	FieldFormatted  = "_formatted"
)

// SearchableFields are the fields full-text search looks in, most important
// first: a match in the title ranks above one in the tasks, which ranks
// above the company name, then the town.
var SearchableFields = []string{FieldTitle, FieldTasks, FieldCompanyName, FieldTown, FieldCVR}

// ExactFields are searchable fields matched without typo tolerance,
// stemming or compound splitting: only the word itself or, for the last
// word typed, a prefix of it. Names and numbers are not words with typos:
// the query "vigile" must not find the company "VIGIER".
var ExactFields = []string{FieldCompanyName, FieldCVR}

// HighlightFields are the fields returned in a hit's "_formatted".
var HighlightFields = []string{FieldTitle, FieldTasks, FieldCompanyName, FieldTown}

// FilterableFields are the fields Query filters on.
var FilterableFields = []string{
	FieldKind, FieldBranch, FieldStatus, FieldHoursMin, FieldHoursMax, FieldSeatsFree,
	FieldTargetGroups, FieldMentorAvailable, FieldDanishLevel, FieldJobcentreID,
	FieldCompanyID, FieldStartDateInt, FieldGeo,
}

// SortableFields are the fields Query sorts on.
var SortableFields = []string{FieldStartDateInt, FieldGeo}

// FacetFields are the fields a Query may ask facet counts for.
var FacetFields = []string{FieldBranch, FieldKind, FieldStatus, FieldTargetGroups}

// DefaultFacets are counted on every result unless the query names others.
var DefaultFacets = []string{FieldBranch, FieldKind}

// IsExactField reports whether field is one of ExactFields.
func IsExactField(field string) bool {
	for _, f := range ExactFields {
		if f == field {
			return true
		}
	}
	return false
}
