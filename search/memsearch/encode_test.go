package memsearch

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"placering/search"
	"placering/search/searchtest"
)

// TestMarshalMatchesEncodingJSON checks the fast encoder against
// encoding/json on the fixtures and on awkward values.
func TestMarshalMatchesEncodingJSON(t *testing.T) {
	docs := append(searchtest.OpeningDocs(), searchtest.VirksomhedscenterDocs()...)
	docs = append(docs, search.Document{
		"id": "x", "s": "quote \" backslash \\ nl \n tab \t ctl \x01 bad \xff æøå <>&",
		"f": 1.5e-7, "big": 1e21, "neg": -3.25, "n": json.Number("12"), "nil": nil,
		"list": []any{"a", 1.0, true}, "geo": map[string]float64{"lat": 56.1, "lng": 12.2},
	})
	for _, d := range docs {
		fast, _, _, err := marshal(d, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		slow, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var a, b any
		if err := json.Unmarshal(fast, &a); err != nil {
			t.Fatalf("fast encoding of %s is not JSON: %v\n%s", d.ID(), err, fast)
		}
		json.Unmarshal(slow, &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("document %s:\nfast %s\nslow %s", d.ID(), fast, slow)
		}
	}
	if _, _, _, err := marshal(search.Document{"id": "x", "f": math.NaN()}, nil, nil); err == nil {
		t.Error("NaN should not encode")
	}
	if _, _, _, err := marshal(search.Document{"id": "x", "c": make(chan int)}, nil, nil); err == nil {
		t.Error("a channel should not encode")
	}
}
