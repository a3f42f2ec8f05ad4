package search

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"placering/models"
)

// ParseQuery reads the search API's query parameters into a Query and
// normalizes it. The parameters are:
//
//	q                      text
//	kind, branch, status,  repeated means OR (kind=igu&kind=fleksjob);
//	target_group           a comma-separated list works too
//	jobcentre_id, company_id  repeated or comma-separated numbers
//	hours_min, hours_max   weekly hours range (see Query.HoursMin)
//	seats_free             minimum free seats
//	mentor                 "true" or "1": only with a mentor
//	danish_level           the highest Danish requirement accepted
//	lat, lon, radius_km    point and radius in km
//	sort                   start_date, -start_date or distance
//	page, per_page         paging
//	facet                  repeated: fields to count (default branch, kind)
//
// Errors wrap ErrInvalidQuery and a models.FieldErrors naming every bad
// parameter. The caller decides which filters a user may set: for an
// employer it must overwrite CompanyIDs with the employer's own company.
func ParseQuery(v url.Values) (Query, error) {
	var errs models.FieldErrors
	p := paramReader{v: v, errs: &errs}
	q := Query{
		Q:               v.Get("q"),
		Kinds:           p.list("kind"),
		Branches:        p.list("branch"),
		Statuses:        p.list("status"),
		TargetGroups:    p.list("target_group"),
		JobcentreIDs:    p.ids("jobcentre_id"),
		CompanyIDs:      p.ids("company_id"),
		HoursMin:        p.float("hours_min"),
		HoursMax:        p.float("hours_max"),
		SeatsFreeMin:    p.int("seats_free"),
		MentorAvailable: p.bool("mentor"),
		MaxDanishLevel:  models.DanishLevel(v.Get("danish_level")),
		RadiusKm:        p.float("radius_km"),
		Sort:            Sort(v.Get("sort")),
		Page:            p.int("page"),
		PerPage:         p.int("per_page"),
	}
	if f := p.list("facet"); len(f) > 0 {
		q.Facets = f
	}
	lat, lon := v.Get("lat"), v.Get("lon")
	switch {
	case lat != "" && lon != "":
		q.Near = &Point{Lat: p.float("lat"), Lon: p.float("lon")}
	case lat != "" || lon != "":
		errs.Add("lat", "Angiv både lat og lon.")
	}
	if err := errs.Err(); err != nil {
		return q, fmt.Errorf("%w: %w", ErrInvalidQuery, err)
	}
	return q.Normalize()
}

// FieldErrors returns the per-parameter problems inside an error from
// ParseQuery, Normalize or Engine.Search, or nil.
func FieldErrors(err error) models.FieldErrors {
	var fe models.FieldErrors
	if errors.As(err, &fe) {
		return fe
	}
	return nil
}

type paramReader struct {
	v    url.Values
	errs *models.FieldErrors
}

func (p paramReader) list(name string) []string {
	var out []string
	for _, raw := range p.v[name] {
		for _, s := range strings.Split(raw, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func (p paramReader) ids(name string) []int64 {
	var out []int64
	for _, s := range p.list(name) {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			p.errs.Add(name, "%q er ikke et gyldigt id.", s)
			continue
		}
		out = append(out, n)
	}
	return out
}

func (p paramReader) float(name string) float64 {
	s := strings.TrimSpace(p.v.Get(name))
	if s == "" {
		return 0
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil {
		p.errs.Add(name, "%q er ikke et tal.", s)
	}
	return f
}

func (p paramReader) int(name string) int {
	s := strings.TrimSpace(p.v.Get(name))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p.errs.Add(name, "%q er ikke et heltal.", s)
	}
	return n
}

func (p paramReader) bool(name string) bool {
	switch strings.ToLower(strings.TrimSpace(p.v.Get(name))) {
	case "", "false", "0", "nej":
		return false
	case "true", "1", "ja":
		return true
	default:
		p.errs.Add(name, "Skal være true eller false.")
		return false
	}
}
