package models

import "testing"

func TestPlaceTable(t *testing.T) {
	if len(places) < 100 {
		t.Errorf("places has %d rows; want the hundred-odd largest towns", len(places))
	}
	names := map[string]bool{}
	for i, r := range places {
		if r.from < 1000 || r.to > 9999 || r.to < r.from {
			t.Errorf("%s: bad postcode range %d-%d", r.name, r.from, r.to)
		}
		if i > 0 && r.from <= places[i-1].to {
			t.Errorf("%s: postcodes %d-%d overlap or are out of order after %s", r.name, r.from, r.to, places[i-1].name)
		}
		if !InDenmark(r.lat, r.lon) {
			t.Errorf("%s: %g,%g is not in Denmark", r.name, r.lat, r.lon)
		}
		if names[foldPlace(r.name)] {
			t.Errorf("%s: name twice", r.name)
		}
		names[foldPlace(r.name)] = true
		// Every row is found by its own name, exactly.
		if p, ok := FindPlace(r.name); !ok || p.Name != r.name {
			t.Errorf("FindPlace(%q) = %+v, %v", r.name, p, ok)
		}
	}
	for alias, code := range placeAliases {
		if _, ok := PlaceByPostcode(itoa4(code)); !ok {
			t.Errorf("alias %q points at unknown postcode %d", alias, code)
		}
	}
}

func itoa4(n int) string {
	b := []byte("0000")
	for i := 3; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b)
}

func TestFindPlace(t *testing.T) {
	cases := []struct {
		in, name, postcode string
	}{
		{"3000", "Helsingør", "3000"},
		{" 3000 ", "Helsingør", "3000"},
		{"Helsingør", "Helsingør", "3000"},
		{"helsingoer", "Helsingør", "3000"},
		{"HELSINGØR", "Helsingør", "3000"},
		{"3000 Helsingør", "Helsingør", "3000"},
		{"Helsingør 3000", "Helsingør", "3000"},
		{"1360", "København K", "1360"},             // inside the K range
		{"1620 København V", "København V", "1620"}, // the range, not the name, decides
		{"København", "København K", "1000"},
		{"Aarhus", "Aarhus C", "8000"},
		{"Århus", "Aarhus C", "8000"},
		{"aarhus c", "Aarhus C", "8000"},
		{"Odense", "Odense C", "5000"},
		{"Lyngby", "Kongens Lyngby", "2800"},
		{"Køge", "Køge", "4600"},
		{"koege", "Køge", "4600"},
		{"Måløv", "Måløv", "2760"},
		{"Nykøbing Falster", "Nykøbing F", "4800"},
		{"Frederiksberg", "Frederiksberg", "2000"},
		{"9999 Aalborg", "Aalborg", "9000"}, // unknown postcode, known name
		{"Rønne", "Rønne", "3700"},
	}
	for _, c := range cases {
		p, ok := FindPlace(c.in)
		if !ok || p.Name != c.name || p.Postcode != c.postcode {
			t.Errorf("FindPlace(%q) = %+v, %v; want %s %s", c.in, p, ok, c.postcode, c.name)
		}
	}
	for _, in := range []string{"", "  ", "Atlantis", "0000", "123", "30000", "Helsingør Syd X"} {
		if p, ok := FindPlace(in); ok {
			t.Errorf("FindPlace(%q) = %+v; want not found", in, p)
		}
	}
}

func TestPlaceDistance(t *testing.T) {
	// A sanity check of the coordinates: København–Aarhus is about 157 km
	// as the crow flies, Helsingør–Helsingør's neighbour Snekkersten ~3 km.
	k, _ := FindPlace("København")
	a, _ := FindPlace("Aarhus")
	if d := DistanceKm(k.Lat, k.Lon, a.Lat, a.Lon); d < 145 || d > 170 {
		t.Errorf("København–Aarhus = %.0f km", d)
	}
	h, _ := FindPlace("Helsingør")
	s, _ := FindPlace("Snekkersten")
	if d := DistanceKm(h.Lat, h.Lon, s.Lat, s.Lon); d > 5 {
		t.Errorf("Helsingør–Snekkersten = %.1f km", d)
	}
}
