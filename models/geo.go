package models

import "math"

// Denmark's bounding box including Bornholm and Skagen, with a small margin.
// Coordinates outside it are almost always a swapped lat/lon or a typo.
const (
	MinLat = 54.4
	MaxLat = 57.9
	MinLon = 7.9
	MaxLon = 15.3
)

// InDenmark reports whether the point lies within Denmark's bounding box.
func InDenmark(lat, lon float64) bool {
	return lat >= MinLat && lat <= MaxLat && lon >= MinLon && lon <= MaxLon
}

const earthRadiusKm = 6371.0088

// DistanceKm is the great-circle (haversine) distance between two points.
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(a)))
}
