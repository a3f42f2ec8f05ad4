package meili_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"placering/search"
	"placering/search/meili"
	"placering/search/searchtest"
)

// TestContract runs the shared contract suite against a real Meilisearch
// server at MEILI_URL (with MEILI_API_KEY if it needs one), for example
//
//	docker run -p 7700:7700 getmeili/meilisearch:v1.16
//	MEILI_URL=http://127.0.0.1:7700 go test ./search/meili -run TestContract
//
// Without MEILI_URL the test skips. Unlike PostgreSQL and Redis it does not
// fail under REQUIRE_BACKENDS/CI (storetest.Required): Meilisearch cannot be
// installed on the build machine, whose CI sets REQUIRE_BACKENDS, and the
// adapter is tested there against recorded HTTP exchanges (http_test.go).
// Set REQUIRE_MEILI=1 where a server is provided to make its absence fail.
//
// Each engine gets indexes of its own under a random prefix, removed when
// the test ends, so the suite can share a server with other runs.
func TestContract(t *testing.T) {
	url := os.Getenv("MEILI_URL")
	if url == "" {
		hint := "set MEILI_URL=http://127.0.0.1:7700 (and MEILI_API_KEY if the server has a master key)"
		if os.Getenv("REQUIRE_MEILI") != "" {
			t.Fatal("Meilisearch contract suite required (REQUIRE_MEILI is set) but MEILI_URL is unset: " + hint)
		}
		t.Skip("Meilisearch contract suite skipped: " + hint)
	}
	key := os.Getenv("MEILI_API_KEY")
	admin := meilisearch.New(url, meilisearch.WithAPIKey(key))
	searchtest.Run(t, func(t *testing.T) search.Engine {
		b := make([]byte, 4)
		rand.Read(b)
		prefix := "test_" + hex.EncodeToString(b) + "_"
		e, err := meili.New(url, meili.WithAPIKey(key), meili.WithIndexPrefix(prefix), meili.WithPollInterval(10*time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			for _, idx := range search.Indexes {
				if info, err := admin.DeleteIndexWithContext(ctx, prefix+string(idx)); err == nil {
					admin.WaitForTaskWithContext(ctx, info.TaskUID, 10*time.Millisecond)
				}
			}
		})
		return e
	})
}

// TestInflectionsNotClaimed documents the one part of the contract that
// Meilisearch cannot do: it has no stemming, so the adapter must not claim
// to match inflections (the suite then skips those cases).
func TestInflectionsNotClaimed(t *testing.T) {
	e, err := meili.New("http://127.0.0.1:7700")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := any(e).(search.InflectionMatcher); ok {
		t.Error("meili.Engine implements search.InflectionMatcher, but Meilisearch has no stemming")
	}
}
