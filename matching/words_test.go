package matching

import "testing"

func TestTitleOverlap(t *testing.T) {
	cases := []struct {
		goal, title string
		want        float64
	}{
		{"Lagermedarbejder", "Lagermedarbejder til varemodtagelse", 1},
		{"lagermedarbejder", "LAGERMEDARBEJDER", 1},
		{"Lager", "Lagerchef", 1},                     // goal word prefixes the title word
		{"Plejehjemsassistent", "Pleje og omsorg", 1}, // title word prefixes the goal word
		{"Butiksassistent", "Kassemedarbejder", 0},
		{"Rengøring og køkken", "Køkkenmedhjælper", 0.5},
		{"KØKKEN", "køkkenhjælp", 1},
		{"IT-supporter", "Supporter, 1st level", 1},
		{"Medarbejder", "Medarbejder", 0}, // only generic words: nothing to match
		{"", "Lager", 0},
		{"Kok", "Kok i kantine", 1},
		{"Kok", "Kokkeelev", 0}, // 3-letter words match whole words only
		{"lage", "Lagerchef", 1},
		{"lag", "Lagerchef", 0},
		{"Chauffør chauffør", "Chauffør", 1}, // repeats count once
	}
	for _, tc := range cases {
		var g goalWords
		g.set(tc.goal)
		if got := g.overlap(tc.title); got != tc.want {
			t.Errorf("overlap(%q, %q) = %v, want %v", tc.goal, tc.title, got, tc.want)
		}
	}
}

func TestTitleMatchDoesNotAllocate(t *testing.T) {
	var g goalWords
	g.set("Rengøringsassistent i køkken")
	n := testing.AllocsPerRun(100, func() {
		g.set("Rengøringsassistent i køkken")
		_ = g.overlap("Rengøring og køkkenhjælp på hotel")
	})
	if n != 0 {
		t.Fatalf("%v allocations per run", n)
	}
}
