package api_test

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"placering/models"
	"placering/server/cprvault"
)

// What an employer sees of the candidates for their openings. The tests
// play the employer as an attacker: the candidate lists once carried each
// citizen's id and exact distance, so three openings placed a home to
// within centimetres. The test itself, unlike the employer, knows the
// server's key (newEnv's vault), so it can tell whom an item is about.

// employerKeys are the only fields an employer's candidate carries.
var employerKeys = []string{"candidate_ref", "distance_band", "fit", "reasons"} // and interest_state once interest is shown

var (
	bands = []string{"under_5_km", "5_10_km", "10_20_km", "over_20_km"}
	fits  = []string{"meget_god", "god", "mulig"}
)

// oracle is the test's own copy of the server's key: it computes the
// reference the server gives a citizen on an opening.
func oracle(t *testing.T) *cprvault.Vault {
	v, err := cprvault.New(bytes.Repeat([]byte{3}, cprvault.KeySize))
	must(t, err)
	return v
}

// employerList reads an opening's candidates as the employer and checks
// every item's shape: exactly the employer fields, a band, a fit, reasons
// that name nothing sensitive.
func employerList(t *testing.T, e *env, opening int64) []map[string]any {
	t.Helper()
	r := e.do("employer", "GET", fmt.Sprintf("/api/v1/openings/%d/candidates?limit=200", opening), "")
	if r.status != 200 {
		t.Fatalf("employer candidates of %d: %d %s", opening, r.status, r.body)
	}
	if keys := keysOf(r.json); !slices.Equal(keys, []string{"items"}) {
		t.Fatalf("employer list has fields %v, want only items: %s", keys, r.body)
	}
	refs := map[string]bool{}
	for _, it := range r.items() {
		keys := slices.DeleteFunc(keysOf(it), func(k string) bool { return k == "interest_state" })
		if !slices.Equal(keys, employerKeys) {
			t.Fatalf("employer candidate has fields %v, want %v: %s", keys, employerKeys, r.body)
		}
		ref, _ := it["candidate_ref"].(string)
		if len(ref) < 20 || refs[ref] {
			t.Fatalf("candidate_ref %q is short or repeated: %s", ref, r.body)
		}
		refs[ref] = true
		if !slices.Contains(bands, it["distance_band"].(string)) || !slices.Contains(fits, it["fit"].(string)) {
			t.Fatalf("band or fit outside the vocabulary: %v", it)
		}
		for _, x := range it["reasons"].([]any) {
			checkEmployerReason(t, x.(string))
		}
	}
	return r.items()
}

func keysOf(m map[string]any) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// sensitive are words that would name or hint at a target group, health,
// a home, the commute limit or the internal factors.
var sensitive = []string{"km", "grænse", "hjem", "adresse", "bopæl", "afstand", "mentor", "virksomhedscenter", "målgruppe", "gruppe",
	"flygtning", "familiesammenført", "visiteret", "fleksjob", "helbred", "syg", "skåne", "støtte", "handicap", "belastning",
	"forslag", "point", "historik", "brød sammen", "ledig", "ydelse", "cpr", "integration"}

func checkEmployerReason(t *testing.T, text string) {
	t.Helper()
	low := strings.ToLower(text)
	for _, w := range sensitive {
		if strings.Contains(low, w) {
			t.Fatalf("employer reason %q hints at %q", text, w)
		}
	}
}

// refOf finds the item the test's oracle says is the citizen's.
func refOf(items []map[string]any, ref string) map[string]any {
	for _, it := range items {
		if it["candidate_ref"] == ref {
			return it
		}
	}
	return nil
}

// cpr makes the n-th valid CPR number born in the given year (2 digits).
func cpr(n int, yy int) string { return fmt.Sprintf("%02d%02d%02d%04d", 1+n%28, 1+n/28, yy, 1000+n) }

// TestCandidateTrilaterationLearnsOnlyBands repeats the attack: an
// employer with three openings at different places reads the three
// candidate lists and tries to locate the citizens. It cannot join the
// lists (every reference differs), and even given the join it cannot
// place anyone more finely than the bands allow.
func TestCandidateTrilaterationLearnsOnlyBands(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		// Nine homes around Helsingør, 1 to 19 km from the company.
		homes := [][2]float64{{56.045, 12.600}, {56.020, 12.640}, {56.000, 12.580}, {56.070, 12.530}, {55.980, 12.520},
			{56.100, 12.480}, {55.950, 12.600}, {56.030, 12.400}, {55.900, 12.450}}
		ids := make([]int64, len(homes))
		for i, h := range homes {
			ids[i] = e.mkCitizen("consA", fmt.Sprintf(`{"cpr":%q,"name":"Borger %d","target_group":"gruppe1",
				"goal_branch":"transport_lager_logistik","goal_title":"Lagermedarbejder","danish_level":"flydende",
				"lat":%g,"lon":%g,"max_commute_km":60,"hours_capacity":20,"consent_kinds":["virksomhedspraktik"]}`, cpr(i, 88), i, h[0], h[1]))
		}
		places := [][2]float64{{56.036, 12.612}, {56.005, 12.545}, {56.065, 12.555}} // 3–5 km apart
		openings := make([]int64, len(places))
		lists := make([][]map[string]any, len(places))
		for j, p := range places {
			openings[j] = e.mkOpening("virksomhedspraktik", fmt.Sprintf("Lagermedarbejder %d", j+1), 10, 25, 3,
				fmt.Sprintf(`,"lat":%g,"lon":%g`, p[0], p[1]))
			lists[j] = employerList(t, e, openings[j])
			if len(lists[j]) != len(homes) {
				t.Fatalf("opening %d: %d candidates, want all %d who consented to praktik", j, len(lists[j]), len(homes))
			}
		}

		// The attacker's join: a reference seen on two openings. None is.
		seen := map[string]int{}
		for j, l := range lists {
			for _, it := range l {
				ref := it["candidate_ref"].(string)
				if k, ok := seen[ref]; ok {
					t.Fatalf("reference %s appears on opening %d and %d: the lists can be joined", ref, k, j)
				}
				seen[ref] = j
			}
		}
		// Nor does the order join them: each list is by fit, then by
		// reference (which is random to the employer), not by distance.
		for _, l := range lists {
			for i := 1; i < len(l); i++ {
				a, b := l[i-1], l[i]
				if slices.Index(fits, a["fit"].(string)) > slices.Index(fits, b["fit"].(string)) ||
					a["fit"] == b["fit"] && a["candidate_ref"].(string) > b["candidate_ref"].(string) {
					t.Fatalf("list not ordered by fit, then reference: %v before %v", a, b)
				}
			}
		}

		// Even an attacker who could join the lists (the test can, with
		// the key) learns only that the home lies where the three bands
		// overlap: a region kilometres across, not a point.
		v := oracle(t)
		for i, h := range homes {
			observed := make([]string, len(places))
			for j := range places {
				it := refOf(lists[j], v.CandidateRef(openings[j], ids[i]))
				if it == nil {
					t.Fatalf("citizen %d missing from opening %d", i, j)
				}
				observed[j] = it["distance_band"].(string)
				if want := bandName(models.DistanceKm(h[0], h[1], places[j][0], places[j][1])); observed[j] != want {
					t.Fatalf("citizen %d, opening %d: band %s, want %s", i, j, observed[j], want)
				}
			}
			spread, area := feasibleRegion(h, places, observed)
			t.Logf("citizen %d: bands %v; the home could be anywhere in %.0f km² up to %.1f km from the truth", i, observed, area, spread)
			if spread < 2.5 || area < 5 {
				t.Fatalf("citizen %d: three bands narrow the home to %.1f km (%.1f km²): finer than a band", i, spread, area)
			}
		}
	})
}

// bandName is the band of a distance, as the server computes it.
func bandName(km float64) string {
	switch {
	case km < 5:
		return "under_5_km"
	case km < 10:
		return "5_10_km"
	case km < 20:
		return "10_20_km"
	}
	return "over_20_km"
}

// feasibleRegion walks a grid of points (about 220 m apart) around the
// true home and keeps those the observed bands allow: it returns the
// farthest such point's distance from the truth and the region's area.
func feasibleRegion(home [2]float64, places [][2]float64, observed []string) (spread, area float64) {
	const step = 0.002 // degrees of latitude, about 220 m
	lonStep := step / math.Cos(home[0]*math.Pi/180)
	cell := models.DistanceKm(home[0], home[1], home[0]+step, home[1]) * models.DistanceKm(home[0], home[1], home[0], home[1]+lonStep)
	for dy := -150; dy <= 150; dy++ {
		for dx := -150; dx <= 150; dx++ {
			lat, lon := home[0]+float64(dy)*step, home[1]+float64(dx)*lonStep
			ok := true
			for j, p := range places {
				if bandName(models.DistanceKm(lat, lon, p[0], p[1])) != observed[j] {
					ok = false
					break
				}
			}
			if ok {
				area += cell
				spread = max(spread, models.DistanceKm(home[0], home[1], lat, lon))
			}
		}
	}
	return spread, area
}

// TestCandidateRefDiffersPerOpening: the same citizen has a different
// reference on each opening, the same one every time on one opening.
func TestCandidateRefDiffersPerOpening(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		id := e.mkCitizen("consA", `{"cpr":"1203881234","name":"Eneste Kandidat","target_group":"gruppe1","goal_branch":"transport_lager_logistik",
			"danish_level":"flydende","lat":56.03,"lon":12.60,"max_commute_km":20,"hours_capacity":20,"consent_kinds":["virksomhedspraktik"]}`)
		o1 := e.mkOpening("virksomhedspraktik", "Lagermedarbejder", 10, 25, 1, "")
		o2 := e.mkOpening("virksomhedspraktik", "Pakkeassistent", 10, 25, 1, "")
		a, b := employerList(t, e, o1), employerList(t, e, o2)
		if len(a) != 1 || len(b) != 1 {
			t.Fatalf("one consenting citizen, one candidate on each opening: %v / %v", a, b)
		}
		ra, rb := a[0]["candidate_ref"].(string), b[0]["candidate_ref"].(string)
		if ra == rb {
			t.Fatalf("the same citizen has the same reference %s on two openings", ra)
		}
		if again := employerList(t, e, o1); again[0]["candidate_ref"] != ra {
			t.Fatalf("reference not stable for one opening: %s then %s", ra, again[0]["candidate_ref"])
		}
		v := oracle(t)
		if ra != v.CandidateRef(o1, id) || rb != v.CandidateRef(o2, id) {
			t.Fatalf("references are not the keyed HMAC of opening and citizen: %s %s", ra, rb)
		}
	})
}

// TestCandidatesNeedConsentForTheKind: a fleksjob or IGU list shows only
// citizens who consented for that kind; a general consent or one for
// another kind is not enough, and a withdrawal takes effect at once. The
// consultant's full view is unchanged.
func TestCandidatesNeedConsentForTheKind(t *testing.T) {
	eachBackend(t, func(t *testing.T, e *env) {
		arrived := time.Now().AddDate(0, 0, -200).Format("2006-01-02")
		fleks := func(n int, consent string) int64 {
			return e.mkCitizen("consA", fmt.Sprintf(`{"cpr":%q,"name":"Fleks %d","target_group":"ledig_fleksjobvisiteret",
				"goal_branch":"transport_lager_logistik","danish_level":"flydende","lat":56.03,"lon":12.60,"max_commute_km":20,
				"hours_capacity":15%s}`, cpr(n, 85), n, consent))
		}
		refugee := func(n int, consent string) int64 {
			return e.mkCitizen("consA", fmt.Sprintf(`{"cpr":%q,"name":"Flygtning %d","target_group":"flygtning","arrival_date":%q,
				"goal_branch":"transport_lager_logistik","goal_title":"Lagerelev","danish_level":"basis","lat":56.02,"lon":12.59,
				"max_commute_km":20,"hours_capacity":30%s}`, cpr(n, 95), n, arrived, consent))
		}
		general := fleks(1, `,"consent_share":true`)
		praktikOnly := fleks(2, `,"consent_share":true,"consent_kinds":["virksomhedspraktik"]`)
		fleksOK := fleks(3, `,"consent_kinds":["fleksjob","fleksjob"]`)
		refGeneral := refugee(4, `,"consent_share":true,"consent_kinds":["virksomhedspraktik","fleksjob"]`)
		refOK := refugee(5, `,"consent_kinds":["igu"]`)
		fj := e.mkOpening("fleksjob", "Lagermedarbejder på fleksjob", 10, 20, 2, "")
		igu := e.mkOpening("igu", "Lagerelev (IGU)", 25, 37, 2, `,"danish_level":"basis"`)
		v := oracle(t)

		if l := employerList(t, e, fj); len(l) != 1 || l[0]["candidate_ref"] != v.CandidateRef(fj, fleksOK) {
			t.Fatalf("fleksjob list must be the fleksjob-consenting citizen alone: %v", l)
		}
		if l := employerList(t, e, igu); len(l) != 1 || l[0]["candidate_ref"] != v.CandidateRef(igu, refOK) {
			t.Fatalf("IGU list must be the IGU-consenting refugee alone: %v", l)
		}

		// The consultant's full view: everyone eligible, with names,
		// scores, factors and distances, consent or not.
		r := e.do("consA", "GET", fmt.Sprintf("/api/v1/openings/%d/candidates", fj), "")
		for _, id := range []int64{general, praktikOnly, fleksOK} {
			it := itemFor(r.items(), "citizen_id", id)
			if it == nil || it["name"] == "" || it["target_group"] != "ledig_fleksjobvisiteret" || it["factors"] == nil || it["distance_km"] == nil {
				t.Fatalf("consultant's full view lacks citizen %d: %s", id, r.body)
			}
		}
		if r := e.do("consA", "GET", fmt.Sprintf("/api/v1/openings/%d/candidates", igu), ""); itemFor(r.items(), "citizen_id", refGeneral) == nil {
			t.Fatalf("consultant's IGU view lacks the refugee without IGU consent: %s", r.body)
		}

		// Reads show each consent with its date and recorder; a repeated
		// kind is recorded once.
		me := e.do("consA", "GET", "/api/v1/me", "")
		c := e.do("consA", "GET", fmt.Sprintf("/api/v1/citizens/%d", fleksOK), "")
		cs, _ := c.json["consents"].([]any)
		if len(cs) != 1 {
			t.Fatalf("consents: %s", c.body)
		}
		first := cs[0].(map[string]any)
		if first["kind"] != "fleksjob" || first["given_at"] == nil || num(first["recorded_by"]) != num(me.json["id"]) {
			t.Fatalf("consent should say fleksjob, when and by consA: %s", c.body)
		}
		if c := e.do("consA", "GET", fmt.Sprintf("/api/v1/citizens/%d", general), ""); c.json["consent_share"] != true || len(c.json["consents"].([]any)) != 0 {
			t.Fatalf("general consent only: %s", c.body)
		}

		// A PATCH without consent_kinds keeps them (and their date); one
		// with a list replaces them: withdrawing takes the citizen off.
		p := e.do("consA", "PATCH", fmt.Sprintf("/api/v1/citizens/%d", fleksOK), `{"phone":"12345678"}`)
		if p.status != 200 || len(p.json["consents"].([]any)) != 1 || p.json["consents"].([]any)[0].(map[string]any)["given_at"] != first["given_at"] {
			t.Fatalf("patch without consent_kinds: %d %s", p.status, p.body)
		}
		p = e.do("consA", "PATCH", fmt.Sprintf("/api/v1/citizens/%d", fleksOK), `{"consent_kinds":["virksomhedspraktik"]}`)
		if p.status != 200 || len(p.json["consents"].([]any)) != 1 || p.json["consents"].([]any)[0].(map[string]any)["kind"] != "virksomhedspraktik" {
			t.Fatalf("patch consent_kinds: %d %s", p.status, p.body)
		}
		if l := employerList(t, e, fj); len(l) != 0 {
			t.Fatalf("withdrawn fleksjob consent still shows the citizen: %v", l)
		}
		// A PATCH may send back what GET returned, consents and all.
		back := e.do("consA", "GET", fmt.Sprintf("/api/v1/citizens/%d", refOK), "")
		if p := e.do("consA", "PATCH", fmt.Sprintf("/api/v1/citizens/%d", refOK), back.body); p.status != 200 || len(p.json["consents"].([]any)) != 1 {
			t.Fatalf("sending a read back: %d %s", p.status, p.body)
		}
		if p := e.do("consA", "PATCH", fmt.Sprintf("/api/v1/citizens/%d", general), `{"consent_kinds":["vikariat"]}`); p.status != 422 || !p.hasField("consent_kinds") {
			t.Fatalf("unknown kind: %d %s", p.status, p.body)
		}
	})
}
