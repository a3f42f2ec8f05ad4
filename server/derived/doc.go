// Package derived keeps results the service computes from the database,
// so that repeated requests need not compute them again. Nothing here is
// a source of truth: every value can be thrown away and recomputed, and
// none is ever written back.
//
// # Stamped results (Cache)
//
// Cache holds values computed from a jobcentre's data, such as its alerts
// and monthly reports.
//
//   - What: one value per key, shared read-only between callers; a caller
//     must not modify a value it got.
//   - Key: whatever names the computation (a jobcentre, a jobcentre and a
//     month range).
//   - Stamp: a string naming the state of the data the value was computed
//     from, read from the database before computing, for instance the
//     day and the store's progression fingerprint. The fingerprint changes
//     with every write that could change the result, on any replica.
//   - Use: an entry is returned only when its stamp equals the caller's
//     current one. Otherwise it is recomputed (Update hands the stale
//     value to the computation, so it may bring it up to date rather than
//     start over) and replaces the entry.
//   - Invalidation: by the stamp alone. A replica never serves a value
//     computed from older data than the stamp it just read, because the
//     stamp comes from the shared database, not from the process; there is
//     no time-to-live and no explicit invalidation to forget.
//   - Bound: at most Max entries (DefaultMax when zero); inserting a new
//     key into a full cache empties it first.
//   - Concurrency: safe for concurrent use. The lock is not held while
//     computing, so concurrent misses on one key may compute twice; the
//     results are equal and the last one stored wins. A failed computation
//     stores nothing.
//
// # The match snapshot (Openings)
//
// Openings holds every live, open opening of the marketplace, indexed for
// ranking (matching.OpeningIndex), one copy per process, shared by every
// jobcentre: a request views it through its own virksomhedscentre.
//
//   - What: the opening rows as last read, and a Snapshot built from them
//     with the free seats and recent proposals counted at build time.
//   - Key: none; there is one snapshot per Openings.
//   - Use: a snapshot younger than SnapshotTTL is returned as it is.
//   - Invalidation: Invalidate drops it after a write in this process that
//     changes what matching sees; writes on another replica are seen
//     within SnapshotTTL. Because a snapshot can thus be a few seconds
//     old, callers check what they show against the database first (the
//     service's stillCurrent) and rebuild when it went stale: a proposal
//     is never shown from a stale copy.
//   - Rebuild: the rows are read whole the first time and every
//     RowsFullReload, otherwise only those changed since the newest
//     updated_at seen, less RowsOverlap (transactions that commit after
//     their updated_at, replica clocks a little apart).
//   - Bound: one snapshot and one row per open opening.
//   - Concurrency: safe for concurrent use; builds are serialised, so
//     concurrent requests that find no snapshot wait for one build. A
//     Snapshot is never modified once returned.
package derived
