package meili

import (
	"encoding/json"
	"fmt"
	"html/template"

	"github.com/meilisearch/meilisearch-go"

	"placering/models"
	"placering/search"
)

// encodeDocuments returns docs as the JSON array Meilisearch takes, each
// prepared by prepare. The caller has checked the ids.
func encodeDocuments(docs []search.Document) ([]byte, error) {
	out := make([]search.Document, len(docs))
	for i, d := range docs {
		out[i] = prepare(d)
	}
	b, err := json.Marshal(out)
	if err != nil { // NaN, ±Inf or a value JSON cannot hold
		return nil, fmt.Errorf("%w: %w", search.ErrInvalidDocument, err)
	}
	return b, nil
}

// prepare returns a copy of d as stored in Meilisearch:
//
//   - "_geo" as {"lat", "lng"} numbers, or no "_geo" when d has no usable
//     point: Meilisearch rejects the whole batch for one malformed _geo,
//     while the embedded engine treats it as "no location";
//   - the hidden folded fields (fold.go).
func prepare(d search.Document) search.Document {
	c := d.Clone()
	delete(c, search.FieldGeo)
	if lat, lng, ok := d.Geo(); ok && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180 {
		c[search.FieldGeo] = map[string]float64{"lat": lat, "lng": lng}
	}
	delete(c, fieldFoldedText)
	delete(c, fieldFoldedExact)
	var text, exact []string
	for _, f := range search.SearchableFields {
		if s := d.String(f); s != "" {
			if search.IsExactField(f) {
				exact = append(exact, s)
			} else {
				text = append(text, s)
			}
		}
	}
	if s := foldedWords(text...); s != "" {
		c[fieldFoldedText] = s
	}
	if s := foldedWords(exact...); s != "" {
		c[fieldFoldedExact] = s
	}
	return c
}

// Keys of a Meilisearch hit that are not document fields.
const (
	hitFormatted   = "_formatted"
	hitGeoDistance = "_geoDistance" // metres from the _geoPoint of the sort
)

// decodeHit turns one Meilisearch hit into a search.Hit: the document
// without the hidden fields, distance_km when the query gave a point and
// the document has one, and the highlight fields as safe HTML.
func decodeHit(raw meilisearch.Hit, near *search.Point) (search.Hit, error) {
	d := make(search.Document, len(raw))
	for k, v := range raw {
		switch k {
		case hitFormatted, hitGeoDistance, fieldFoldedText, fieldFoldedExact:
			continue
		}
		var val any
		if err := json.Unmarshal(v, &val); err != nil {
			return search.Hit{}, fmt.Errorf("hit field %q: %w", k, err)
		}
		d[k] = val
	}
	h := search.Hit{Document: d}

	if near != nil {
		if lat, lng, ok := d.Geo(); ok {
			// Meilisearch gives _geoDistance (whole metres) only when
			// sorting by _geoPoint; otherwise measure here, with the
			// formula the embedded engine uses.
			var metres float64
			if v, ok := raw[hitGeoDistance]; ok && json.Unmarshal(v, &metres) == nil {
				km := metres / 1000
				h.DistanceKm = &km
			} else {
				km := models.DistanceKm(near.Lat, near.Lon, lat, lng)
				h.DistanceKm = &km
			}
		}
	}

	var formatted map[string]any
	if v, ok := raw[hitFormatted]; ok {
		if err := json.Unmarshal(v, &formatted); err != nil {
			return search.Hit{}, fmt.Errorf("hit _formatted: %w", err)
		}
	}
	h.Formatted = make(map[string]template.HTML, len(search.HighlightFields))
	for _, f := range search.HighlightFields {
		text, ok := d[f].(string)
		if !ok {
			continue
		}
		// Meilisearch returns the text as stored, with the markers
		// around matches and nothing escaped: MarkedHTML escapes it and
		// turns only the markers into <mark> tags.
		if marked, ok := formatted[f].(string); ok {
			text = marked
		}
		h.Formatted[f] = search.MarkedHTML(text)
	}
	return h, nil
}
