package models

import "testing"

// Every subsidised kind has a checklist with distinct keys, ordinary hours
// none; a review keeps the whole checklist and refuses keys of another
// scheme.
func TestReviewChecklists(t *testing.T) {
	for _, k := range Kinds {
		items := ChecklistFor(k)
		if k.Subsidised() != (len(items) > 0) {
			t.Errorf("%s: subsidised %v with %d checklist items", k, k.Subsidised(), len(items))
		}
		seen := map[string]bool{}
		for _, it := range items {
			if seen[it.Key] || it.Label == "" {
				t.Errorf("%s: key %q repeated or unlabelled", k, it.Key)
			}
			seen[it.Key] = true
		}
	}
	in := ReviewInput{Checklist: map[string]bool{"rimelighedskrav": true, "merbeskaeftigelse": true}}
	got, errs := in.Checked(KindLoentilskud)
	if len(errs) != 0 || len(got) != 3 || !got["rimelighedskrav"] || got["loen_og_vilkaar"] {
		t.Errorf("løntilskud checklist = %v, %v", got, errs)
	}
	if _, errs := in.Checked(KindPraktik); !errs.Has("checklist.merbeskaeftigelse") || errs.Has("checklist.rimelighedskrav") {
		t.Errorf("praktik with a løntilskud key: %v", errs)
	}
	r := ReturnInput{ReviewInput{Comment: " \t"}}
	if errs := r.Validate(); !errs.Has("comment") {
		t.Errorf("return without a comment: %v", errs)
	}
}
