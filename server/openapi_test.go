package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

// The openapi command prints the API's document without any backend, so CI
// can lint it.
func TestPrintOpenAPI(t *testing.T) {
	var out bytes.Buffer
	if err := printOpenAPI(&out); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.Bytes())
	}
	if doc["openapi"] != "3.0.3" {
		t.Errorf(`"openapi" = %v, want "3.0.3"`, doc["openapi"])
	}
	if paths, _ := doc["paths"].(map[string]any); len(paths) == 0 {
		t.Error("document has no paths")
	}
}
