package search

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"placering/models"
)

// Query is one search request. The zero Query matches every document of
// the index, in relevance (here: index) order, first page of 20.
//
// List filters are OR within a list and AND across lists: Kinds
// {praktik, løntilskud} and Branches {lager} means "(praktik or
// løntilskud) and lager". A document without the filtered field does not
// match a filter on it.
type Query struct {
	// Q is the text typed. Every word must match (in any searchable
	// field); the last word also matches as a prefix unless Q ends with a
	// space. Only the first MaxQueryWords words are used.
	Q string

	Kinds        []string // opening kinds (models.Kind codes)
	Branches     []string // branch codes (models.Branches)
	Statuses     []string // opening statuses (models.OpeningStatus codes)
	TargetGroups []string // target groups a virksomhedscenter takes (models.TargetGroup codes)
	JobcentreIDs []int64  // the jobcentres that own the documents
	CompanyIDs   []int64  // the companies; the API sets this to an employer's own company

	// HoursMin and HoursMax select openings whose weekly hours range
	// [hours_min, hours_max] overlaps the requested range. With only
	// HoursMin: openings that can offer at least that many hours
	// (hours_max >= HoursMin). With only HoursMax: openings that can be
	// done in at most that many hours (hours_min <= HoursMax), e.g. a
	// citizen who can work 10 hours finds openings starting at 10 or
	// fewer. 0 means no bound.
	HoursMin float64
	HoursMax float64

	// SeatsFreeMin keeps documents with at least this many free seats.
	// 0 means no filter.
	SeatsFreeMin int

	// MentorAvailable keeps only documents with a mentor when true.
	MentorAvailable bool

	// MaxDanishLevel keeps openings whose Danish requirement is at most
	// this level, typically the citizen's own level. "" means no filter.
	MaxDanishLevel models.DanishLevel

	// Near is the point distances are measured from. With Near set, every
	// hit that has a location gets distance_km.
	Near *Point

	// RadiusKm keeps documents within this distance of Near. 0 means no
	// radius. It requires Near.
	RadiusKm float64

	// Sort orders the hits; the default is relevance. An explicit sort
	// comes first and relevance breaks ties. Documents without the sort
	// field come last.
	Sort Sort

	// Page is 1-based. PerPage is capped at MaxPerPage.
	Page    int
	PerPage int

	// Facets names the fields to count values of among all matches (not
	// only the page). nil means DefaultFacets. The counts reflect every
	// filter, including a filter on the counted field itself.
	Facets []string
}

// Point is a place on Earth in decimal degrees.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Sort is a sort order of hits.
type Sort string

// The sort orders.
const (
	SortRelevance     Sort = ""
	SortStartDate     Sort = "start_date"  // earliest start first
	SortStartDateDesc Sort = "-start_date" // latest start first
	SortDistance      Sort = "distance"    // nearest first; requires Near
)

// Paging defaults and limits.
const (
	DefaultPerPage = 20
	MaxPerPage     = 100
	// MaxPage bounds how deep paging can go (Page*PerPage ≤ 10,000 at the
	// cap), because no one reads page 5,000 and deep pages cost every
	// backend more.
	MaxPage = 100
	// MaxQueryWords is how many words of Q are used, as in Meilisearch.
	MaxQueryWords = 10
	// MaxQueryLength bounds Q in characters.
	MaxQueryLength = 200
	// MaxRadiusKm is larger than Denmark is wide.
	MaxRadiusKm = 1000
)

// Normalize returns q with defaults applied (page 1, 20 per page, default
// facets), per_page capped at MaxPerPage, lists deduplicated, and checks the
// rest. Errors are models.FieldErrors keyed by the API's parameter names,
// worded in Danish for the person who typed them.
func (q Query) Normalize() (Query, error) {
	var errs models.FieldErrors
	q.Q = strings.TrimLeft(q.Q, " \t\r\n")
	if utf8.RuneCountInString(q.Q) > MaxQueryLength {
		errs.Add("q", "Søgeteksten må højst være %d tegn.", MaxQueryLength)
	} else if strings.TrimSpace(q.Q) != "" || !utf8.ValidString(q.Q) {
		// What no one types (NUL, control characters, only invisible
		// characters) is refused here, so every engine and the database
		// fallback get the same answer.
		if msg := models.TextProblem(q.Q, false); msg != "" {
			errs.Add("q", "%s", msg)
		}
	}
	if q.Page <= 0 {
		q.Page = 1
	}
	if q.Page > MaxPage {
		errs.Add("page", "Siden må højst være %d.", MaxPage)
	}
	if q.PerPage <= 0 {
		q.PerPage = DefaultPerPage
	}
	if q.PerPage > MaxPerPage {
		q.PerPage = MaxPerPage
	}
	q.Kinds = dedupe(q.Kinds)
	q.Branches = dedupe(q.Branches)
	q.Statuses = dedupe(q.Statuses)
	q.TargetGroups = dedupe(q.TargetGroups)
	q.JobcentreIDs = dedupe(q.JobcentreIDs)
	q.CompanyIDs = dedupe(q.CompanyIDs)

	if bad(q.HoursMin) || q.HoursMin < 0 || q.HoursMin > 168 {
		errs.Add("hours_min", "Timer skal være mellem 0 og 168.")
	}
	if bad(q.HoursMax) || q.HoursMax < 0 || q.HoursMax > 168 {
		errs.Add("hours_max", "Timer skal være mellem 0 og 168.")
	}
	if q.HoursMin > 0 && q.HoursMax > 0 && q.HoursMin > q.HoursMax {
		errs.Add("hours_max", "Højst antal timer skal være mindst lige så mange som mindst antal timer.")
	}
	if q.SeatsFreeMin < 0 {
		errs.Add("seats_free", "Antal ledige pladser kan ikke være negativt.")
	}
	if q.MaxDanishLevel != "" && !slices.Contains(models.DanishLevels, q.MaxDanishLevel) {
		errs.Add("danish_level", "Ukendt danskniveau %q.", q.MaxDanishLevel)
	}
	if q.Near != nil {
		if bad(q.Near.Lat) || q.Near.Lat < -90 || q.Near.Lat > 90 {
			errs.Add("lat", "Breddegraden skal være mellem -90 og 90.")
		}
		if bad(q.Near.Lon) || q.Near.Lon < -180 || q.Near.Lon > 180 {
			errs.Add("lon", "Længdegraden skal være mellem -180 og 180.")
		}
	}
	switch {
	case bad(q.RadiusKm) || q.RadiusKm < 0 || q.RadiusKm > MaxRadiusKm:
		errs.Add("radius_km", "Afstanden skal være mellem 0 og %d km.", MaxRadiusKm)
	case q.RadiusKm > 0 && q.Near == nil:
		errs.Add("radius_km", "Afstand kræver et punkt (lat og lon).")
	}
	switch q.Sort {
	case SortRelevance, SortStartDate, SortStartDateDesc:
	case SortDistance:
		if q.Near == nil {
			errs.Add("sort", "Sortering efter afstand kræver et punkt (lat og lon).")
		}
	default:
		errs.Add("sort", "Ukendt sortering %q; brug start_date, -start_date eller distance.", q.Sort)
	}
	if q.Facets == nil {
		q.Facets = DefaultFacets
	}
	q.Facets = dedupe(q.Facets)
	for _, f := range q.Facets {
		if !slices.Contains(FacetFields, f) {
			errs.Add("facets", "Kan ikke tælle feltet %q.", f)
		}
	}
	if err := errs.Err(); err != nil {
		return q, fmt.Errorf("%w: %w", ErrInvalidQuery, err)
	}
	return q, nil
}

// HasText reports whether the query has words to match, as opposed to only
// filters.
func (q Query) HasText() bool { return strings.TrimSpace(q.Q) != "" }

// Offset is the number of hits before the requested page.
func (q Query) Offset() int { return (q.Page - 1) * q.PerPage }

func bad(f float64) bool { return math.IsNaN(f) || math.IsInf(f, 0) }

func dedupe[T comparable](in []T) []T {
	if len(in) < 2 {
		return in
	}
	out := make([]T, 0, len(in))
	for _, v := range in {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
