package memsearch

import (
	"math"
	"math/bits"

	"placering/models"
	"placering/search"
)

// bitset is a set of slots.
type bitset []uint64

func (b bitset) has(i uint32) bool { return b[i>>6]&(1<<(i&63)) != 0 }
func (b bitset) set(i uint32)      { b[i>>6] |= 1 << (i & 63) }
func (b bitset) clear(i uint32)    { b[i>>6] &^= 1 << (i & 63) }

// each calls f for every slot in the set, in ascending order.
func (b bitset) each(f func(uint32)) {
	for w, word := range b {
		for word != 0 {
			i := bits.TrailingZeros64(word)
			f(uint32(w<<6 + i))
			word &= word - 1
		}
	}
}

// compiledFilter is a Query's filters resolved against the store's
// dictionary, so that checking a document compares small integers.
type compiledFilter struct {
	none  bool // a list filter names only values no document has
	empty bool // no filter at all: every live document passes

	kinds, branches, statuses, targets []bool // by dictionary id; nil = no filter
	jobcentres, companies              map[int64]bool

	hoursMin, hoursMax float32 // 0 = no bound
	seatsFree          int32
	hasSeats           bool
	mentor             bool
	danish             int8
	hasDanish          bool

	near                           *search.Point
	radiusKm                       float64
	minLat, maxLat, minLon, maxLon float64
}

func (s *store) compileFilter(q search.Query) compiledFilter {
	f := compiledFilter{
		hoursMin:  float32(q.HoursMin),
		hoursMax:  float32(q.HoursMax),
		seatsFree: int32(min(q.SeatsFreeMin, math.MaxInt32)),
		hasSeats:  q.SeatsFreeMin > 0,
		mentor:    q.MentorAvailable,
		near:      q.Near,
		radiusKm:  q.RadiusKm,
	}
	f.kinds = s.valueSet(q.Kinds, &f.none)
	f.branches = s.valueSet(q.Branches, &f.none)
	f.statuses = s.valueSet(q.Statuses, &f.none)
	f.targets = s.valueSet(q.TargetGroups, &f.none)
	f.jobcentres = idSet(q.JobcentreIDs)
	f.companies = idSet(q.CompanyIDs)
	if q.MaxDanishLevel != "" {
		f.hasDanish, f.danish = true, int8(q.MaxDanishLevel.Rank())
	}
	f.empty = f.kinds == nil && f.branches == nil && f.statuses == nil && f.targets == nil &&
		f.jobcentres == nil && f.companies == nil && f.hoursMin <= 0 && f.hoursMax <= 0 &&
		!f.hasSeats && !f.mentor && !f.hasDanish && q.RadiusKm <= 0
	if q.Near != nil && q.RadiusKm > 0 {
		// A bounding box around the circle rejects most documents
		// before the haversine formula runs.
		const kmPerDegree = 111.19
		dLat := q.RadiusKm / kmPerDegree
		cos := math.Cos(q.Near.Lat * math.Pi / 180)
		dLon := 360.0
		if cos > 1e-6 {
			dLon = min(360, q.RadiusKm/(kmPerDegree*cos))
		}
		f.minLat, f.maxLat = q.Near.Lat-dLat*1.01, q.Near.Lat+dLat*1.01
		f.minLon, f.maxLon = q.Near.Lon-dLon*1.01, q.Near.Lon+dLon*1.01
	}
	return f
}

// valueSet turns a list of values into a lookup by dictionary id. If no
// document has any of the values, nothing can match, and none is set.
func (s *store) valueSet(vals []string, none *bool) []bool {
	if len(vals) == 0 {
		return nil
	}
	set := make([]bool, len(s.values))
	found := false
	for _, v := range vals {
		if id := s.lookup(v); id != 0 {
			set[id], found = true, true
		}
	}
	if !found {
		*none = true
	}
	return set
}

func idSet(ids []int64) map[int64]bool {
	if len(ids) == 0 {
		return nil
	}
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// match reports whether document c passes every filter. When the filter
// has a radius, dist receives the distance in km.
func (f *compiledFilter) match(c *cols, dist *float64) bool {
	if !c.alive {
		return false
	}
	if f.kinds != nil && !f.kinds[c.kind] ||
		f.branches != nil && !f.branches[c.branch] ||
		f.statuses != nil && !f.statuses[c.status] {
		return false
	}
	if f.targets != nil {
		ok := false
		for _, t := range c.targets {
			if f.targets[t] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	// Hours: the opening's range must overlap the requested one. NaN
	// (missing) fails every comparison, so documents without hours drop
	// out as soon as an hours bound is given.
	if f.hoursMin > 0 && !(c.hoursMax >= f.hoursMin) {
		return false
	}
	if f.hoursMax > 0 && !(c.hoursMin <= f.hoursMax) {
		return false
	}
	if f.hasSeats && c.seatsFree < f.seatsFree {
		return false
	}
	if f.mentor && !c.mentor {
		return false
	}
	if f.hasDanish && (c.danish < 0 || c.danish > f.danish) {
		return false
	}
	if f.jobcentres != nil && !f.jobcentres[c.jobcentre] {
		return false
	}
	if f.companies != nil && !f.companies[c.company] {
		return false
	}
	if f.radiusKm > 0 {
		if !c.hasGeo || c.lat < f.minLat || c.lat > f.maxLat || c.lon < f.minLon || c.lon > f.maxLon {
			return false
		}
		d := models.DistanceKm(f.near.Lat, f.near.Lon, c.lat, c.lon)
		if d > f.radiusKm {
			return false
		}
		*dist = d
	}
	return true
}
