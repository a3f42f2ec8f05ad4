package demo

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Helpers shared by the generators: addresses, phone numbers, coordinates,
// weighted picks and slugs.

func (g *generator) address(t town) string {
	n := strconv.Itoa(1 + g.r.IntN(150))
	if g.r.IntN(8) == 0 {
		n += string(rune('A' + g.r.IntN(4)))
	}
	return pick(g.r, t.Streets) + " " + n
}

// phone returns a Danish eight-digit number written "+45 12 34 56 78".
// Mobile-looking numbers start with 2, 3, 4, 5, 6 or 7 and 9 in Denmark.
func (g *generator) phone() string {
	first := pick(g.r, []int{2, 3, 4, 5, 6, 7, 9})
	n := first*10_000_000 + g.r.IntN(10_000_000)
	s := strconv.Itoa(n)
	return "+45 " + s[0:2] + " " + s[2:4] + " " + s[4:6] + " " + s[6:8]
}

// jitter moves a point up to about spread degrees of latitude (and the same
// distance in longitude) so that addresses in a town do not coincide, and
// rounds to six decimals (about 10 cm), as geocoders give them.
func (g *generator) jitter(lat, lon, spread float64) (float64, float64) {
	dLat := (g.r.Float64()*2 - 1) * spread
	dLon := (g.r.Float64()*2 - 1) * spread / math.Cos(lat*math.Pi/180)
	return round6(lat + dLat), round6(lon + dLon)
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func pickWeighted(r *rand.Rand, xs []weightedOrigin) *origin {
	total := 0
	for _, x := range xs {
		total += x.Weight
	}
	n := r.IntN(total)
	for _, x := range xs {
		if n < x.Weight {
			return x.O
		}
		n -= x.Weight
	}
	return xs[len(xs)-1].O
}

// asciiLower lower-cases s and spells Danish and other letters in ASCII, as
// e-mail addresses are written in practice ("Søren" → "soeren").
func asciiLower(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == 'æ':
			b.WriteString("ae")
		case r == 'ø':
			b.WriteString("oe")
		case r == 'å':
			b.WriteString("aa")
		case r == 'é', r == 'è':
			b.WriteByte('e')
		case r == 'ö':
			b.WriteByte('o')
		case r == 'ü':
			b.WriteByte('u')
		case r == 'ł':
			b.WriteByte('l')
		case r == 'ą':
			b.WriteByte('a')
		case r == 'ę':
			b.WriteByte('e')
		case r == 'ó':
			b.WriteByte('o')
		case r == 'ć':
			b.WriteByte('c')
		case r == 'ś':
			b.WriteByte('s')
		case r == 'ż', r == 'ź':
			b.WriteByte('z')
		case r == 'ń':
			b.WriteByte('n')
		case r == '-':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// slug turns a company name into a host-name label: "Helsingør Lager &
// Logistik ApS" → "helsingoer-lager-logistik".
func slug(name string) string {
	var parts []string
	for _, w := range strings.Fields(name) {
		a := strings.Trim(asciiLower(w), "-")
		switch a {
		case "", "aps", "as", "a/s", "is", "og":
			continue
		}
		parts = append(parts, a)
	}
	s := strings.Join(parts, "-")
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	return s
}
