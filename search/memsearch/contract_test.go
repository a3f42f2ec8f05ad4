package memsearch_test

import (
	"testing"

	"placering/search"
	"placering/search/memsearch"
	"placering/search/searchtest"
)

func TestContract(t *testing.T) {
	searchtest.Run(t, func(t *testing.T) search.Engine { return memsearch.New() })
}
