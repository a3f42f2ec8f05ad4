package memsearch

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"placering/search"
)

// store is the content of one index: the documents, a column of typed
// filter values per document, and an inverted index from folded words to
// the documents and fields they occur in.
//
// A store is not safe for concurrent use; index guards it with a RWMutex
// (searches read, writes lock).
type store struct {
	// docs holds each document as JSON, by slot (nil for a free slot).
	// Bytes cost a third of the memory of a map[string]any, hold no
	// pointers for the garbage collector to chase, and are decoded only
	// for the few hits of a page.
	docs [][]byte
	cols []cols            // by slot
	ids  map[string]uint32 // document id → slot
	free []uint32          // free slots, reused before the slices grow
	live int
	// alive has a bit per slot that holds a document: the starting set
	// of candidates of every search.
	alive bitset

	// dict interns the values of categorical fields (kind, branch,
	// status, target_groups); id 0 is "missing".
	dict   map[string]uint16
	values []string

	terms   []term
	termIDs map[string]uint32   // folded word → term id
	stems   map[string][]uint32 // stem → ids of terms with that stem
	sorted  []uint32            // term ids in order of text, for prefix ranges

	scratch sync.Pool // *scratch sized for this store
	toks    []token   // tokenizer buffer for writes (writes are serialized)
}

// term is one folded word and where it occurs.
type term struct {
	text     string
	stem     string
	postings []posting
}

// posting records that a term occurs in a document's field. Only the first
// position per document and field is kept: it is what ranking and
// proximity use, and it keeps the index small.
type posting struct {
	slot  uint32
	pos   uint16
	field uint8
}

// cols holds a document's filter and sort values, parsed once at write
// time so that a search scans plain numbers.
type cols struct {
	alive              bool
	mentor             bool
	hasGeo             bool
	danish             int8 // -1 when missing
	kind, branch       uint16
	status             uint16
	targets            []uint16
	hoursMin, hoursMax float32 // NaN when missing
	seatsFree          int32   // math.MinInt32 when missing
	start              int32   // 20270115; 0 when missing
	jobcentre, company int64   // 0 when missing
	lat, lon           float64
}

// Searchable fields by position in search.SearchableFields; the position
// is the field's rank (0 is the most important).
var (
	searchable = search.SearchableFields
	exactField = func() []bool {
		out := make([]bool, len(searchable))
		for i, f := range searchable {
			out[i] = search.IsExactField(f)
		}
		return out
	}()
)

func newStore() *store {
	return &store{
		ids:     map[string]uint32{},
		dict:    map[string]uint16{},
		values:  []string{""},
		termIDs: map[string]uint32{},
		stems:   map[string][]uint32{},
	}
}

// encoded is a document ready to index: its id, its JSON, and the
// caller's map, which is read while indexing and never kept.
type encoded struct {
	id  string
	doc search.Document
	raw []byte
}

// encode checks and serializes docs. It runs before any lock is taken.
func encode(docs []search.Document) ([]encoded, error) {
	if err := search.CheckDocuments(docs); err != nil {
		return nil, err
	}
	out := make([]encoded, len(docs))
	var buf []byte
	var keys []string
	for i, d := range docs {
		var raw []byte
		var err error
		raw, buf, keys, err = marshal(d, buf, keys)
		if err != nil {
			return nil, fmt.Errorf("document %s: %w: %w", d.ID(), search.ErrInvalidDocument, err)
		}
		out[i] = encoded{id: d.ID(), doc: d, raw: raw}
	}
	return out, nil
}

// decode returns the stored document at slot as a new map.
func (s *store) decode(slot uint32) search.Document {
	var d search.Document
	if err := json.Unmarshal(s.docs[slot], &d); err != nil {
		panic(fmt.Sprintf("memsearch: stored document %d does not decode: %v", slot, err)) // we encoded it
	}
	return d
}

// upsert adds or replaces documents.
func (s *store) upsert(docs []encoded) {
	var added []uint32
	for _, e := range docs {
		slot, exists := s.ids[e.id]
		switch {
		case exists:
			s.unindex(slot)
		case len(s.free) > 0:
			slot = s.free[len(s.free)-1]
			s.free = s.free[:len(s.free)-1]
			s.live++
		default:
			slot = uint32(len(s.docs))
			s.docs = append(s.docs, nil)
			s.cols = append(s.cols, cols{})
			s.live++
			if int(slot>>6) >= len(s.alive) {
				s.alive = append(s.alive, 0)
			}
		}
		s.alive.set(slot)
		s.ids[e.id] = slot
		s.docs[slot] = e.raw
		s.cols[slot] = s.columns(e.doc)
		added = s.index(slot, e.doc, added)
	}
	s.mergeSorted(added)
}

// remove deletes the documents with the given ids; unknown ids are ignored.
func (s *store) remove(ids []string) {
	for _, id := range ids {
		slot, ok := s.ids[id]
		if !ok {
			continue
		}
		s.unindex(slot)
		delete(s.ids, id)
		s.docs[slot] = nil
		s.cols[slot] = cols{}
		s.alive.clear(slot)
		s.free = append(s.free, slot)
		s.live--
	}
}

// index adds the postings of document d at slot and returns newTerms with
// the ids of terms it created appended.
func (s *store) index(slot uint32, d search.Document, newTerms []uint32) []uint32 {
	for f, field := range searchable {
		text := d.String(field)
		if text == "" {
			continue
		}
		s.toks = tokenizeAppend(s.toks[:0], text, math.MaxUint16)
		for pos, tok := range s.toks {
			for _, form := range tok.forms {
				if form == "" {
					continue
				}
				tid, ok := s.termIDs[form]
				if !ok {
					tid = uint32(len(s.terms))
					s.terms = append(s.terms, term{text: form, stem: stem(form)})
					s.termIDs[form] = tid
					st := s.terms[tid].stem
					s.stems[st] = append(s.stems[st], tid)
					newTerms = append(newTerms, tid)
				}
				ps := s.terms[tid].postings
				if n := len(ps); n > 0 && ps[n-1].slot == slot && ps[n-1].field == uint8(f) {
					continue // already recorded at an earlier position
				}
				s.terms[tid].postings = append(ps, posting{slot: slot, pos: uint16(pos), field: uint8(f)})
			}
		}
	}
	return newTerms
}

// unindex removes the postings of the document at slot. The terms are
// found by tokenizing the stored document again, which costs less memory
// than remembering them.
func (s *store) unindex(slot uint32) {
	d := s.decode(slot)
	seen := map[uint32]bool{}
	for _, field := range searchable {
		s.toks = tokenizeAppend(s.toks[:0], d.String(field), math.MaxUint16)
		for _, tok := range s.toks {
			for _, form := range tok.forms {
				if tid, ok := s.termIDs[form]; ok && form != "" && !seen[tid] {
					seen[tid] = true
					t := &s.terms[tid]
					t.postings = slices.DeleteFunc(t.postings, func(p posting) bool { return p.slot == slot })
				}
			}
		}
	}
}

// mergeSorted adds new term ids to the sorted list in one merge, so that a
// batch of many documents costs one pass instead of one insert per word.
func (s *store) mergeSorted(added []uint32) {
	if len(added) == 0 {
		return
	}
	byText := func(a, b uint32) int { return strings.Compare(s.terms[a].text, s.terms[b].text) }
	slices.SortFunc(added, byText)
	merged := make([]uint32, 0, len(s.sorted)+len(added))
	i, j := 0, 0
	for i < len(s.sorted) && j < len(added) {
		if byText(s.sorted[i], added[j]) <= 0 {
			merged = append(merged, s.sorted[i])
			i++
		} else {
			merged = append(merged, added[j])
			j++
		}
	}
	merged = append(merged, s.sorted[i:]...)
	merged = append(merged, added[j:]...)
	s.sorted = merged
}

// prefixRange returns the ids of the terms that start with p.
func (s *store) prefixRange(p string) []uint32 {
	lo, _ := slices.BinarySearchFunc(s.sorted, p, func(id uint32, p string) int {
		return strings.Compare(s.terms[id].text, p)
	})
	hi := lo
	for hi < len(s.sorted) && strings.HasPrefix(s.terms[s.sorted[hi]].text, p) {
		hi++
	}
	return s.sorted[lo:hi]
}

// columns parses the filter values of d.
func (s *store) columns(d search.Document) cols {
	c := cols{
		alive:     true,
		mentor:    d.Bool(search.FieldMentorAvailable),
		danish:    -1,
		kind:      s.intern(d.String(search.FieldKind)),
		branch:    s.intern(d.String(search.FieldBranch)),
		status:    s.intern(d.String(search.FieldStatus)),
		hoursMin:  float32(math.NaN()),
		hoursMax:  float32(math.NaN()),
		seatsFree: math.MinInt32,
	}
	for _, g := range d.Strings(search.FieldTargetGroups) {
		if id := s.intern(g); id != 0 {
			c.targets = append(c.targets, id)
		}
	}
	if v, ok := d.Int(search.FieldDanishLevel); ok {
		c.danish = int8(max(-1, min(v, 100)))
	}
	if v, ok := d.Float(search.FieldHoursMin); ok {
		c.hoursMin = float32(v)
	}
	if v, ok := d.Float(search.FieldHoursMax); ok {
		c.hoursMax = float32(v)
	}
	if v, ok := d.Int(search.FieldSeatsFree); ok {
		c.seatsFree = int32(max(math.MinInt32+1, min(v, math.MaxInt32)))
	}
	if v, ok := d.Int(search.FieldStartDateInt); ok && v > 0 && v < math.MaxInt32 {
		c.start = int32(v)
	}
	c.jobcentre, _ = d.Int(search.FieldJobcentreID)
	c.company, _ = d.Int(search.FieldCompanyID)
	if lat, lon, ok := d.Geo(); ok {
		c.hasGeo, c.lat, c.lon = true, lat, lon
	}
	return c
}

// intern returns the dictionary id of a categorical value, 0 for "".
func (s *store) intern(v string) uint16 {
	if v == "" {
		return 0
	}
	if id, ok := s.dict[v]; ok {
		return id
	}
	if len(s.values) > math.MaxUint16 {
		return 0 // absurdly many distinct values; treat the rest as missing
	}
	id := uint16(len(s.values))
	s.dict[v] = id
	s.values = append(s.values, v)
	return id
}

// lookup returns the dictionary id of v, or 0 when no document has it.
func (s *store) lookup(v string) uint16 { return s.dict[v] }
