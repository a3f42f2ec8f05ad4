package matching

import (
	"math"

	"placering/models"
)

// openingMeta is the per-opening data the hot loops read, derived once
// (by OpeningIndex) or on the fly (by the slice functions). It keeps the
// loops off the strings and the 24-byte dates of Opening.
type openingMeta struct {
	lat, lon float64
	cosLat   float64 // for haversine, computed once
	hoursMin float64
	hoursMax float64
	startDay int32 // noDay when rolling start
	seats    int32
	recent   int32
	kind     uint8
	danish   uint8
	vcMask   uint8
	flags    uint8
}

const (
	flagOpen uint8 = 1 << iota
	flagLicence
	flagMentor
	flagLocated
)

func located(lat, lon float64) bool { return lat != 0 || lon != 0 }

func makeMeta(o *Opening) openingMeta {
	m := openingMeta{
		lat:      o.Lat,
		lon:      o.Lon,
		cosLat:   math.Cos(o.Lat * degToRad),
		hoursMin: o.HoursMin,
		hoursMax: o.HoursMax,
		startDay: dayNumber(o.StartDate),
		seats:    int32(min(o.SeatsFree, math.MaxInt32)),
		recent:   int32(min(o.RecentProposals, math.MaxInt32)),
		kind:     kindCode(o.Kind),
		danish:   uint8(o.DanishLevel.Rank()),
		vcMask:   groupMask(o.VirksomhedscenterTargetGroups),
	}
	if o.Status == models.StatusOpen {
		m.flags |= flagOpen
	}
	if o.DriversLicence {
		m.flags |= flagLicence
	}
	if o.MentorAvailable {
		m.flags |= flagMentor
	}
	if located(o.Lat, o.Lon) {
		m.flags |= flagLocated
	}
	return m
}

// citizenQ is a citizen prepared for many comparisons. The goal words are
// tokenised lazily because most pairs are decided before the title matters.
type citizenQ struct {
	c       *Citizen
	gbit    uint8
	danish  uint8
	located bool
	maxKm   float64
	// cosLat and reach are computed on first use: a Candidates scan over
	// 50,000 citizens otherwise spends most of its time in math.Cos.
	cosOK      bool
	cosLat     float64
	reachOK    bool
	reach      box // contains every point within maxKm of home
	arriveDay  int32
	farFromJob bool // needs mentor support (see mentorNeed)
	hasTitle   bool // has a goal title, so the title part can score
	anyRising  bool // some past placement had rising hours
	goalReady  bool
	goal       goalWords
}

// reset prepares q for citizen c. It works in place because citizenQ
// carries the goal-word arrays, which are only filled when needed.
func (q *citizenQ) reset(c *Citizen, cp *compiled) {
	q.c = c
	q.gbit = groupBit(c.TargetGroup)
	q.danish = uint8(c.DanishLevel.Rank())
	q.located = located(c.Lat, c.Lon)
	q.maxKm = c.MaxCommuteKm
	if q.maxKm <= 0 {
		q.maxKm = cp.p.DefaultMaxCommuteKm
	}
	q.cosOK, q.reachOK = false, false
	q.arriveDay = dayNumber(c.ArrivalDate)
	q.farFromJob = mentorNeed(c.TargetGroup, q.arriveDay, cp.asOfDay)
	q.hasTitle = c.GoalTitle != ""
	q.anyRising = false
	for i := range c.History {
		q.anyRising = q.anyRising || c.History[i].HoursRising
	}
	q.goalReady = false
}

func (q *citizenQ) cos() float64 {
	if !q.cosOK {
		q.cosLat, q.cosOK = math.Cos(q.c.Lat*degToRad), true
	}
	return q.cosLat
}

// reachBox is the box around home that holds every point within maxKm; only
// meaningful for a located citizen.
func (q *citizenQ) reachBox() *box {
	if !q.reachOK {
		q.reach, q.reachOK = boxAround(q.c.Lat, q.c.Lon, q.maxKm), true
	}
	return &q.reach
}

func (q *citizenQ) goalWords() *goalWords {
	if !q.goalReady {
		q.goal.set(q.c.GoalTitle)
		q.goalReady = true
	}
	return &q.goal
}

// refugeeEarlyDays is how long after housing placement a refugee counts as
// far from the labour market for the mentor factor: the first year holds
// the intro course, the readiness assessment (within 3 months) and usually
// 26 weeks of Danish before a first praktik (DOMAIN.md §3.3, §4).
const refugeeEarlyDays = 365

// mentorNeed reports whether a citizen of group g is far enough from the
// labour market that mentor support matters (DOMAIN.md §4: mentor when
// there is "considerable doubt" the citizen completes alone; gruppe 4 has a
// mentor by law).
func mentorNeed(g models.TargetGroup, arriveDay, asOfDay int32) bool {
	switch g {
	case models.Gruppe2, models.Gruppe3, models.Gruppe4:
		return true
	case models.Flygtning:
		return arriveDay != noDay && asOfDay-arriveDay < refugeeEarlyDays
	}
	return false
}

// pair is one citizen–opening comparison. The rules and the score read it;
// the distance is computed at most once.
type pair struct {
	q      *citizenQ
	o      *Opening
	m      *openingMeta
	cp     *compiled
	distKm float64
	distOK int8 // 0 not computed, 1 known, -1 unknown (a location is missing)
}

// distance returns the haversine distance and whether it is known.
func (pr *pair) distance() (float64, bool) {
	if pr.distOK == 0 {
		if pr.q.located && pr.m.flags&flagLocated != 0 {
			pr.distKm = haversineKm(pr.q.c.Lat, pr.q.c.Lon, pr.q.cos(), pr.m.lat, pr.m.lon, pr.m.cosLat)
			pr.distOK = 1
		} else {
			pr.distOK = -1
		}
	}
	return pr.distKm, pr.distOK == 1
}

// beyondCommute reports whether the workplace is known to lie farther than
// the citizen's limit. The box test settles most far pairs without haversine.
func (pr *pair) beyondCommute() bool {
	if !pr.q.located || pr.m.flags&flagLocated == 0 {
		return false
	}
	if pr.distOK == 0 && !pr.q.reachBox().contains(pr.m.lat, pr.m.lon) {
		return true
	}
	d, _ := pr.distance()
	return d > pr.q.maxKm
}

const (
	degToRad      = math.Pi / 180
	earthRadiusKm = 6371.0088 // as models.DistanceKm
)

// haversineKm is models.DistanceKm with the two cosines passed in, since
// each side's is computed once rather than once per pair. Same formula,
// same operation order, so the same result (a test holds it to that).
func haversineKm(lat1, lon1, cos1, lat2, lon2, cos2 float64) float64 {
	dLat := (lat2 - lat1) * degToRad
	dLon := (lon2 - lon1) * degToRad
	s1, s2 := math.Sin(dLat/2), math.Sin(dLon/2)
	a := s1*s1 + cos1*cos2*s2*s2
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(a)))
}

// distanceFloor is a lower bound on the haversine distance, without trig:
// with a = sin²(Δφ/2) + cosφ₁cosφ₂·sin²(Δλ/2) and d = 2R·asin(√a) ≥ 2R·√a,
// and sin x ≥ 0.998·x for |x| ≤ 0.1, d ≥ 0.998·R·√(Δφ² + cosφ₁cosφ₂·Δλ²)
// whenever |Δφ|, |Δλ| ≤ 0.2 rad (about 1,200 km). cos is 1-Lipschitz, so
// cosφ₁ ≥ cosφ₂ − |Δφ| stands in for the citizen's cosine, which may not
// be computed yet. Farther apart, only the latitude difference is used: no
// path is shorter than R·|Δφ|.
func (pr *pair) distanceFloor() float64 {
	dLat := (pr.m.lat - pr.q.c.Lat) * degToRad
	dLon := (pr.m.lon - pr.q.c.Lon) * degToRad
	aLat := math.Abs(dLat)
	if aLat <= 0.2 && math.Abs(dLon) <= 0.2 {
		c2 := pr.m.cosLat
		cc := c2 * max(0, c2-aLat)
		return 0.998 * earthRadiusKm * math.Sqrt(dLat*dLat+cc*dLon*dLon)
	}
	return earthRadiusKm * aLat
}

// kmPerDegLat is the length of one degree of latitude on the sphere
// models.DistanceKm uses.
const kmPerDegLat = 111.1951

// box is a latitude/longitude rectangle that contains every point within a
// radius of a virksomhedscenter. Comparing degrees is far cheaper than haversine, so
// it rejects most far-away points first; it never rejects a point inside
// the radius.
type box struct{ latLo, latHi, lonLo, lonHi float64 }

func boxAround(lat, lon, km float64) box {
	km *= 1 + 1e-6 // stay clear of rounding at the edge
	dLat := km / kmPerDegLat
	// The circle is widest in longitude at its pole-ward edge; the cosine
	// there over-estimates the span, which is the safe direction.
	c := math.Cos(math.Min(89.9, math.Abs(lat)+dLat) * math.Pi / 180)
	dLon := km / (kmPerDegLat * c)
	return box{lat - dLat, lat + dLat, lon - dLon, lon + dLon}
}

func (b *box) contains(lat, lon float64) bool {
	return lat >= b.latLo && lat <= b.latHi && lon >= b.lonLo && lon <= b.lonHi
}
