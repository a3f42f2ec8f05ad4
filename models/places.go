package models

import (
	"strconv"
	"strings"
	"unicode"
)

// Place is a Danish postal district with a point near its virksomhedscenter, good
// enough for "distance from here" in search (a town is a few km across).
type Place struct {
	Postcode string // four digits, "3000"
	Name     string // as the postal district is written: "København NV"
	Lat, Lon float64
}

// placeRow is one line of the table. Most districts have one postcode;
// central København and Frederiksberg C span a range (from..to).
type placeRow struct {
	from, to int
	name     string
	lat, lon float64
}

// places covers the hundred-odd largest towns and the districts of the
// capital area, not every postcode in Denmark. Points are approximate town
// virksomhedscentre; where a town lies on the coast the point is a little inland.
// When several districts share a town name ("København", "Aarhus",
// "Odense"), the first row is the one a bare town name finds.
var places = []placeRow{
	// København, Frederiksberg and the capital area.
	{1000, 1499, "København K", 55.6820, 12.5730},
	{1500, 1799, "København V", 55.6700, 12.5500},
	{1800, 1999, "Frederiksberg C", 55.6790, 12.5410},
	{2000, 2000, "Frederiksberg", 55.6786, 12.5330},
	{2100, 2100, "København Ø", 55.7090, 12.5760},
	{2200, 2200, "København N", 55.6960, 12.5450},
	{2300, 2300, "København S", 55.6600, 12.5980},
	{2400, 2400, "København NV", 55.7060, 12.5250},
	{2450, 2450, "København SV", 55.6500, 12.5400},
	{2500, 2500, "Valby", 55.6630, 12.5130},
	{2600, 2600, "Glostrup", 55.6666, 12.4036},
	{2605, 2605, "Brøndby", 55.6480, 12.4180},
	{2610, 2610, "Rødovre", 55.6806, 12.4537},
	{2620, 2620, "Albertslund", 55.6569, 12.3638},
	{2625, 2625, "Vallensbæk", 55.6200, 12.3850},
	{2630, 2630, "Taastrup", 55.6517, 12.2922},
	{2635, 2635, "Ishøj", 55.6154, 12.3518},
	{2640, 2640, "Hedehusene", 55.6500, 12.1950},
	{2650, 2650, "Hvidovre", 55.6572, 12.4736},
	{2670, 2670, "Greve", 55.5833, 12.3000},
	{2680, 2680, "Solrød Strand", 55.5330, 12.2200},
	{2700, 2700, "Brønshøj", 55.7050, 12.4980},
	{2720, 2720, "Vanløse", 55.6870, 12.4900},
	{2730, 2730, "Herlev", 55.7237, 12.4400},
	{2740, 2740, "Skovlunde", 55.7220, 12.4010},
	{2750, 2750, "Ballerup", 55.7310, 12.3630},
	{2760, 2760, "Måløv", 55.7480, 12.3230},
	{2770, 2770, "Kastrup", 55.6350, 12.6450},
	{2791, 2791, "Dragør", 55.5930, 12.6720},
	{2800, 2800, "Kongens Lyngby", 55.7704, 12.5038},
	{2820, 2820, "Gentofte", 55.7500, 12.5500},
	{2830, 2830, "Virum", 55.7960, 12.4730},
	{2840, 2840, "Holte", 55.8150, 12.4730},
	{2850, 2850, "Nærum", 55.8170, 12.5400},
	{2860, 2860, "Søborg", 55.7330, 12.5100},
	{2880, 2880, "Bagsværd", 55.7600, 12.4550},
	{2900, 2900, "Hellerup", 55.7317, 12.5700},
	{2920, 2920, "Charlottenlund", 55.7520, 12.5800},
	{2970, 2970, "Hørsholm", 55.8810, 12.5010},
	{2980, 2980, "Kokkedal", 55.9040, 12.5000},
	{2990, 2990, "Nivå", 55.9330, 12.5070},
	// Nordsjælland.
	{3000, 3000, "Helsingør", 56.0300, 12.5950},
	{3050, 3050, "Humlebæk", 55.9640, 12.5340},
	{3060, 3060, "Espergærde", 55.9920, 12.5450},
	{3070, 3070, "Snekkersten", 55.9990, 12.5800},
	{3080, 3080, "Tikøb", 55.9720, 12.4680},
	{3100, 3100, "Hornbæk", 56.0830, 12.4560},
	{3140, 3140, "Ålsgårde", 56.0720, 12.5250},
	{3150, 3150, "Hellebæk", 56.0660, 12.5450},
	{3200, 3200, "Helsinge", 56.0220, 12.1970},
	{3250, 3250, "Gilleleje", 56.1230, 12.3100},
	{3300, 3300, "Frederiksværk", 55.9700, 12.0220},
	{3390, 3390, "Hundested", 55.9650, 11.8500},
	{3400, 3400, "Hillerød", 55.9267, 12.3109},
	{3450, 3450, "Allerød", 55.8700, 12.3500},
	{3460, 3460, "Birkerød", 55.8450, 12.4300},
	{3480, 3480, "Fredensborg", 55.9750, 12.4050},
	{3500, 3500, "Værløse", 55.7830, 12.3690},
	{3520, 3520, "Farum", 55.8083, 12.3600},
	{3550, 3550, "Slangerup", 55.8500, 12.1780},
	{3600, 3600, "Frederikssund", 55.8396, 12.0689},
	{3650, 3650, "Ølstykke", 55.7950, 12.1590},
	{3660, 3660, "Stenløse", 55.7680, 12.1930},
	// Bornholm.
	{3700, 3700, "Rønne", 55.1009, 14.7066},
	{3730, 3730, "Nexø", 55.0600, 15.1300},
	// Sjælland and the islands south of it.
	{4000, 4000, "Roskilde", 55.6415, 12.0803},
	{4040, 4040, "Jyllinge", 55.7500, 12.1000},
	{4100, 4100, "Ringsted", 55.4426, 11.7900},
	{4180, 4180, "Sorø", 55.4320, 11.5560},
	{4200, 4200, "Slagelse", 55.4028, 11.3546},
	{4220, 4220, "Korsør", 55.3300, 11.1400},
	{4300, 4300, "Holbæk", 55.7175, 11.7128},
	{4340, 4340, "Tølløse", 55.6120, 11.7710},
	{4400, 4400, "Kalundborg", 55.6794, 11.0886},
	{4500, 4500, "Nykøbing Sj", 55.9250, 11.6710},
	{4550, 4550, "Asnæs", 55.8110, 11.5010},
	{4600, 4600, "Køge", 55.4580, 12.1821},
	{4640, 4640, "Faxe", 55.2560, 12.1190},
	{4690, 4690, "Haslev", 55.3230, 11.9640},
	{4700, 4700, "Næstved", 55.2299, 11.7609},
	{4720, 4720, "Præstø", 55.1230, 12.0450},
	{4760, 4760, "Vordingborg", 55.0080, 11.9110},
	{4780, 4780, "Stege", 54.9870, 12.2850},
	{4800, 4800, "Nykøbing F", 54.7691, 11.8742},
	{4900, 4900, "Nakskov", 54.8310, 11.1450},
	{4930, 4930, "Maribo", 54.7760, 11.5000},
	// Fyn.
	{5000, 5000, "Odense C", 55.3959, 10.3883},
	{5200, 5200, "Odense V", 55.3960, 10.3300},
	{5220, 5220, "Odense SØ", 55.3730, 10.4350},
	{5230, 5230, "Odense M", 55.3750, 10.4000},
	{5300, 5300, "Kerteminde", 55.4490, 10.6580},
	{5400, 5400, "Bogense", 55.5670, 10.0890},
	{5500, 5500, "Middelfart", 55.5058, 9.7304},
	{5600, 5600, "Faaborg", 55.0950, 10.2420},
	{5610, 5610, "Assens", 55.2700, 9.9000},
	{5700, 5700, "Svendborg", 55.0598, 10.6068},
	{5750, 5750, "Ringe", 55.2380, 10.4800},
	{5800, 5800, "Nyborg", 55.3127, 10.7896},
	// Sønderjylland and Sydvestjylland.
	{6000, 6000, "Kolding", 55.4904, 9.4722},
	{6100, 6100, "Haderslev", 55.2531, 9.4892},
	{6200, 6200, "Aabenraa", 55.0443, 9.4174},
	{6230, 6230, "Rødekro", 55.0700, 9.3350},
	{6270, 6270, "Tønder", 54.9330, 8.8670},
	{6300, 6300, "Gråsten", 54.9190, 9.5950},
	{6330, 6330, "Padborg", 54.8250, 9.3620},
	{6400, 6400, "Sønderborg", 54.9138, 9.7922},
	{6430, 6430, "Nordborg", 55.0570, 9.7450},
	{6500, 6500, "Vojens", 55.2480, 9.3050},
	{6600, 6600, "Vejen", 55.4800, 9.1400},
	{6700, 6700, "Esbjerg", 55.4765, 8.4594},
	{6740, 6740, "Bramming", 55.4650, 8.7000},
	{6760, 6760, "Ribe", 55.3280, 8.7610},
	{6800, 6800, "Varde", 55.6210, 8.4810},
	{6880, 6880, "Tarm", 55.9080, 8.5290},
	{6900, 6900, "Skjern", 55.9500, 8.4950},
	{6950, 6950, "Ringkøbing", 56.0900, 8.2440},
	// Trekantområdet and Midtjylland.
	{7000, 7000, "Fredericia", 55.5657, 9.7526},
	{7100, 7100, "Vejle", 55.7093, 9.5357},
	{7130, 7130, "Juelsminde", 55.7150, 10.0150},
	{7190, 7190, "Billund", 55.7300, 9.1100},
	{7200, 7200, "Grindsted", 55.7570, 8.9270},
	{7323, 7323, "Give", 55.8450, 9.2400},
	{7330, 7330, "Brande", 55.9430, 9.1280},
	{7400, 7400, "Herning", 56.1393, 8.9738},
	{7430, 7430, "Ikast", 56.1390, 9.1570},
	{7500, 7500, "Holstebro", 56.3601, 8.6161},
	{7600, 7600, "Struer", 56.4910, 8.5930},
	{7620, 7620, "Lemvig", 56.5490, 8.3100},
	{7700, 7700, "Thisted", 56.9570, 8.6940},
	{7800, 7800, "Skive", 56.5669, 9.0271},
	{7900, 7900, "Nykøbing M", 56.7950, 8.8600},
	// Østjylland.
	{8000, 8000, "Aarhus C", 56.1567, 10.2108},
	{8200, 8200, "Aarhus N", 56.1900, 10.1900},
	{8210, 8210, "Aarhus V", 56.1650, 10.1600},
	{8220, 8220, "Brabrand", 56.1550, 10.1050},
	{8250, 8250, "Egå", 56.2140, 10.2780},
	{8260, 8260, "Viby J", 56.1280, 10.1620},
	{8270, 8270, "Højbjerg", 56.1130, 10.2080},
	{8300, 8300, "Odder", 55.9730, 10.1530},
	{8310, 8310, "Tranbjerg J", 56.0930, 10.1350},
	{8370, 8370, "Hadsten", 56.3280, 10.0490},
	{8382, 8382, "Hinnerup", 56.2660, 10.0630},
	{8400, 8400, "Ebeltoft", 56.1950, 10.6800},
	{8464, 8464, "Galten", 56.1590, 9.9080},
	{8500, 8500, "Grenaa", 56.4160, 10.8780},
	{8520, 8520, "Lystrup", 56.2370, 10.2370},
	{8600, 8600, "Silkeborg", 56.1697, 9.5451},
	{8620, 8620, "Kjellerup", 56.2860, 9.4340},
	{8660, 8660, "Skanderborg", 56.0380, 9.9300},
	{8680, 8680, "Ry", 56.0900, 9.7650},
	{8700, 8700, "Horsens", 55.8607, 9.8503},
	{8722, 8722, "Hedensted", 55.7700, 9.7000},
	{8800, 8800, "Viborg", 56.4532, 9.4020},
	{8850, 8850, "Bjerringbro", 56.3760, 9.6600},
	{8900, 8900, "Randers C", 56.4607, 10.0364},
	// Nordjylland.
	{9000, 9000, "Aalborg", 57.0488, 9.9217},
	{9230, 9230, "Svenstrup J", 56.9730, 9.8500},
	{9240, 9240, "Nibe", 56.9830, 9.6390},
	{9300, 9300, "Sæby", 57.3340, 10.5330},
	{9400, 9400, "Nørresundby", 57.0590, 9.9230},
	{9440, 9440, "Aabybro", 57.1620, 9.7300},
	{9500, 9500, "Hobro", 56.6380, 9.7900},
	{9530, 9530, "Støvring", 56.8870, 9.8380},
	{9550, 9550, "Mariager", 56.6500, 10.0000},
	{9600, 9600, "Aars", 56.8030, 9.5170},
	{9670, 9670, "Løgstør", 56.9660, 9.2590},
	{9700, 9700, "Brønderslev", 57.2700, 9.9410},
	{9800, 9800, "Hjørring", 57.4642, 9.9823},
	{9850, 9850, "Hirtshals", 57.5880, 9.9600},
	{9900, 9900, "Frederikshavn", 57.4407, 10.5366},
	{9990, 9990, "Skagen", 57.7209, 10.5839},
}

// placeAliases are names people write that are not the district's postal
// name, folded as by foldPlace.
var placeAliases = map[string]int{
	"kbh":                 1000,
	"lyngby":              2800,
	"nykoebing":           4800, // the largest of the three
	"nykoebing falster":   4800,
	"nykoebing mors":      7900,
	"nykoebing sjaelland": 4500,
}

// PlaceByPostcode returns the postal district of a four-digit postcode in
// the table. The returned Postcode is the one asked for, also where the
// district spans a range ("1360" is in København K).
func PlaceByPostcode(code string) (Place, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(code))
	if err != nil || len(strings.TrimSpace(code)) != 4 {
		return Place{}, false
	}
	for _, r := range places {
		if n >= r.from && n <= r.to {
			return Place{Postcode: strconv.Itoa(n), Name: r.name, Lat: r.lat, Lon: r.lon}, true
		}
	}
	return Place{}, false
}

// FindPlace finds a place from what a person typed: a postcode ("3000"), a
// town ("Helsingør", also written "Helsingoer" or "helsingør"), both ("3000
// Helsingør"), or a town without its district letter ("Aarhus" for
// "Aarhus C"). A known postcode wins over the name beside it.
func FindPlace(s string) (Place, bool) {
	var words []string
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ",.")
		if len(w) == 4 && isDigits(w) {
			if p, ok := PlaceByPostcode(w); ok {
				return p, true
			}
			continue // an unknown postcode; the name may still be known
		}
		if w != "" {
			words = append(words, w)
		}
	}
	name := foldPlace(strings.Join(words, " "))
	if name == "" {
		return Place{}, false
	}
	if code, ok := placeAliases[name]; ok {
		return PlaceByPostcode(strconv.Itoa(code))
	}
	for _, r := range places {
		if foldPlace(r.name) == name {
			return Place{Postcode: strconv.Itoa(r.from), Name: r.name, Lat: r.lat, Lon: r.lon}, true
		}
	}
	// "Aarhus" for "Aarhus C", "Odense" for "Odense C": the district
	// suffix is a short last word. The first such row wins.
	for _, r := range places {
		if base, suffix, ok := cutLast(r.name); ok && len([]rune(suffix)) <= 2 && foldPlace(base) == name {
			return Place{Postcode: strconv.Itoa(r.from), Name: r.name, Lat: r.lat, Lon: r.lon}, true
		}
	}
	return Place{}, false
}

// foldPlace lower-cases a place name and writes æ, ø and å the ASCII way
// (ae, oe, aa), so that "Køge", "koege" and "KØGE" compare equal, and
// "Århus" equals "Aarhus".
func foldPlace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == 'æ':
			b.WriteString("ae")
		case r == 'ø' || r == 'ö':
			b.WriteString("oe")
		case r == 'å':
			b.WriteString("aa")
		case r == 'é':
			b.WriteByte('e')
		case r == 'ü':
			b.WriteByte('u')
		case unicode.IsSpace(r) || r == '-' || r == '.':
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		default:
			b.WriteRune(r)
		}
		space = false
	}
	return strings.TrimSpace(b.String())
}

func cutLast(name string) (base, last string, ok bool) {
	i := strings.LastIndexByte(name, ' ')
	if i < 0 {
		return name, "", false
	}
	return name[:i], name[i+1:], true
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
