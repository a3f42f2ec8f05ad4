// Package search defines the search engine layer of the placement
// marketplace: the indexes, the documents stored in them, the query and
// result types of the search API, and the Engine interface that both
// backends implement.
//
// Two backends implement Engine: search/memsearch, an in-process index used
// by default and in tests, and search/meili, an adapter for a Meilisearch
// server in production. Both follow the same rules (Meilisearch's rules), and
// search/searchtest holds the contract suite that proves it.
//
// Documents hold no personal data about citizens. They are built from the
// models with OpeningDoc, VirksomhedscenterDoc and CompanyDoc, which copy only
// the fields that search needs.
package search

import (
	"context"
	"errors"
	"iter"
)

// Index names one collection of documents. The values are the index names
// used in Meilisearch and the path segment of the search API.
type Index string

// The three indexes.
const (
	Openings          Index = "openings"
	Virksomhedscentre Index = "virksomhedscentre"
	Companies         Index = "companies"
)

// Indexes lists every index, in the order Setup creates them.
var Indexes = []Index{Openings, Virksomhedscentre, Companies}

// Valid reports whether idx is one of the three indexes.
func (idx Index) Valid() bool {
	switch idx {
	case Openings, Virksomhedscentre, Companies:
		return true
	}
	return false
}

// Errors an Engine returns, wrapped with context. Test with errors.Is.
var (
	// ErrUnknownIndex is returned for an Index that is not one of Indexes.
	ErrUnknownIndex = errors.New("unknown search index")

	// ErrUnavailable means the backend could not be reached or failed on its
	// side. The caller may fall back (for instance to the database) and
	// retry later; the outbox keeps the writes.
	ErrUnavailable = errors.New("search backend unavailable")

	// ErrInvalidDocument is returned by Upsert for a document without a
	// usable id; nothing in the batch is written.
	ErrInvalidDocument = errors.New("invalid search document")

	// ErrInvalidQuery is returned by Search for a query that Normalize
	// rejects. The wrapped error is a models.FieldErrors worded for users.
	ErrInvalidQuery = errors.New("invalid search query")
)

// Engine is a search backend. Implementations are safe for concurrent use
// by multiple goroutines.
//
// Writes are upserts and deletes by document id, so applying the same
// change twice is harmless: the outbox worker may retry freely. Upsert and
// Delete return only when the change is visible to Search, so a caller that
// gets nil back knows the change is searchable.
type Engine interface {
	// Setup creates the indexes that do not exist and applies the index
	// settings (searchable, filterable and sortable fields, synonyms, typo
	// rules, ranking rules). It is idempotent; call it at start.
	Setup(ctx context.Context) error

	// Upsert adds the documents to idx, replacing whole documents that
	// have the same id. Each document must have a non-empty string "id"
	// made of letters, digits, '-' and '_'.
	Upsert(ctx context.Context, idx Index, docs []Document) error

	// Delete removes the documents with the given ids from idx. Ids that
	// are not in the index are ignored.
	Delete(ctx context.Context, idx Index, ids []string) error

	// Search runs q against idx. The query is normalized first (see
	// Query.Normalize); an invalid query gives an error wrapping
	// ErrInvalidQuery.
	Search(ctx context.Context, idx Index, q Query) (Result, error)

	// Health reports whether the backend can serve searches now.
	Health(ctx context.Context) error

	// Rebuild replaces the whole content of idx with the documents that
	// docs yields, without downtime: it builds a new index aside while the
	// old one keeps answering, then swaps them. If docs yields an error,
	// or ctx ends, the old index stays in place and Rebuild returns the
	// error.
	//
	// Upserts and deletes made through this Engine while Rebuild runs are
	// applied to the old index at once and replayed onto the new one
	// before the swap, so none is lost. Writes made by other processes
	// against the same backend are not seen; a reindex command that runs
	// beside other writers should replay the outbox from a mark taken
	// before it started reading docs.
	Rebuild(ctx context.Context, idx Index, docs iter.Seq2[Document, error]) error
}

// InflectionMatcher is implemented by engines that match Danish inflections
// and compounds in both directions: "lageret" and "lagerarbejde" find a
// document saying "lager". Every engine matches the prefix direction
// ("lager" finds "lageret" and "lagerarbejde") through prefix search.
// Meilisearch has no stemming, so its adapter does not implement this; the
// contract suite checks the extra cases only for engines that do.
type InflectionMatcher interface {
	MatchesInflections() bool
}
