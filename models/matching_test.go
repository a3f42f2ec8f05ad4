package models

import (
	"slices"
	"testing"
)

func TestMatchStateTransitions(t *testing.T) {
	allowed := map[MatchState][]MatchState{
		MatchProposed:  {MatchContacted, MatchInterview, MatchAgreed, MatchRejected},
		MatchContacted: {MatchInterview, MatchAgreed, MatchRejected},
		MatchInterview: {MatchAgreed, MatchRejected},
		MatchAgreed:    {MatchStarted, MatchRejected},
		MatchStarted:   nil,
		MatchRejected:  nil,
	}
	for from, want := range allowed {
		if got := from.Next(); !slices.Equal(got, want) {
			t.Errorf("%s may move to %v, want %v", from, got, want)
		}
		if from.CanMoveTo("ansat") || from.CanMoveTo(from) {
			t.Errorf("%s may move to an unknown state or to itself", from)
		}
	}
	for _, s := range MatchStates {
		if !s.Valid() || s.Label() == "" {
			t.Errorf("state %q has no label", s)
		}
	}
	seen := map[string]bool{}
	for _, r := range RejectionReasons {
		if seen[r.Code] || r.Label == "" || (r.By != "borger" && r.By != "arbejdsgiver" && r.By != "jobcenter") {
			t.Errorf("bad rejection reason %+v", r)
		}
		seen[r.Code] = true
		if got, ok := LookupRejectionReason(r.Code); !ok || got != r {
			t.Errorf("lookup %q: %+v", r.Code, got)
		}
	}
	if _, ok := LookupRejectionReason("gider ikke"); ok {
		t.Error("unknown reason found")
	}
}
