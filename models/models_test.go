package models

import (
	"testing"
	"time"
)

func TestValidCVR(t *testing.T) {
	cases := map[string]bool{
		"10150817": true,  // Novo Nordisk's CVR, a published real number
		"24256790": true,  // Novo Nordisk A/S
		"10150818": false, // last digit off
		"1015081":  false, // too short
		"01234567": false, // leading zero
		"1015081a": false,
		"":         false,
	}
	for in, want := range cases {
		if got := ValidCVR(in); got != want {
			t.Errorf("ValidCVR(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestCPR(t *testing.T) {
	cases := []struct {
		in    string
		valid bool
		born  string
	}{
		{"010190-1234", true, "1990-01-01"},
		{"0101901234", true, "1990-01-01"},
		{"310105-4000", true, "2005-01-31"}, // 7th digit 4, year ≤ 36: 2000s
		{"310160-4000", true, "1960-01-31"}, // 7th digit 4, year > 36: 1900s
		{"010158-5000", true, "1858-01-01"}, // 7th digit 5, year > 57: 1800s
		{"300290-1234", false, ""},          // 30 February
		{"321290-1234", false, ""},
		{"010190-123", false, ""},
		{"01019O-1234", false, ""},
		{"010190+1234", false, ""},
	}
	for _, c := range cases {
		born, ok := CPRBirthDate(c.in)
		if ok != c.valid {
			t.Errorf("CPRBirthDate(%q) ok = %v, want %v", c.in, ok, c.valid)
			continue
		}
		if ok && born.Format(time.DateOnly) != c.born {
			t.Errorf("CPRBirthDate(%q) = %s, want %s", c.in, born.Format(time.DateOnly), c.born)
		}
	}
	if got := MaskCPR("0101901234"); got != "010190-XXXX" {
		t.Errorf("MaskCPR = %q", got)
	}
	if got := MaskCPR("nonsense"); got != "" {
		t.Errorf("MaskCPR(nonsense) = %q, want empty", got)
	}
}

func TestOpeningValidationNamesEveryBadField(t *testing.T) {
	f := OpeningFields{Kind: "vikar", HoursMin: 30, HoursMax: 10, Seats: 0, Lat: 48.8, Lon: 2.3, Branch: "xx"}
	errs := f.Validate()
	for _, field := range []string{"company_id", "kind", "title", "branch", "hours_min", "seats", "lat", "lon"} {
		if !errs.Has(field) {
			t.Errorf("expected an error for %s, got %v", field, errs)
		}
	}
	if f.Status != StatusOpen {
		t.Errorf("empty status should default to open, got %q", f.Status)
	}
}

func TestCitizenRefugeeNeedsArrivalDate(t *testing.T) {
	f := CitizenFields{Name: "Amina", TargetGroup: Flygtning}
	if errs := f.Validate(); !errs.Has("arrival_date") {
		t.Fatalf("want arrival_date error, got %v", errs)
	}
	f.ArrivalDate = NewDate(2026, 9, 1)
	if errs := f.Validate(); len(errs) != 0 {
		t.Fatalf("want no errors, got %v", errs)
	}
}

func TestDistanceKm(t *testing.T) {
	// Helsingør station to Copenhagen Central: about 40 km as the crow flies.
	d := DistanceKm(56.0339, 12.6113, 55.6727, 12.5646)
	if d < 39 || d > 42 {
		t.Fatalf("DistanceKm = %.1f, want ~40", d)
	}
}

func TestDateJSONRoundTrip(t *testing.T) {
	var d Date
	if err := d.UnmarshalJSON([]byte(`"2027-01-15"`)); err != nil {
		t.Fatal(err)
	}
	b, _ := d.MarshalJSON()
	if string(b) != `"2027-01-15"` {
		t.Fatalf("got %s", b)
	}
	if err := d.UnmarshalJSON([]byte(`"15-01-2027"`)); err == nil {
		t.Fatal("want error for wrong format")
	}
}
