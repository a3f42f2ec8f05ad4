package app

import (
	"context"
	"fmt"

	"placering/matching"
	"placering/models"
)

// Batch assignment's input and the openings a batch considers. The entry
// point, Assign, is in matching.go with the other access-checked calls.

// AssignInput is a batch to assign: the citizens and openings to consider,
// by id or by filter. Without citizen_ids, every citizen of the jobcentre
// the filters keep; without opening_ids, every open opening the filters
// keep.
type AssignInput struct {
	CitizenIDs []int64 `json:"citizen_ids"`
	OpeningIDs []int64 `json:"opening_ids"`
	// JobcentreID is for administrators; a consultant's is their own.
	JobcentreID  int64                `json:"jobcentre_id"`
	TargetGroups []models.TargetGroup `json:"target_groups"`
	ConsultantID int64                `json:"consultant_id"`
	Kinds        []models.Kind        `json:"kinds"`
	Branches     []string             `json:"branches"`
}

// MaxAssignBatch caps each side of a batch given by id.
const MaxAssignBatch = 20000

// Validate checks the shape of a batch.
func (in *AssignInput) Validate() models.FieldErrors {
	var errs models.FieldErrors
	checkIDs := func(field string, ids []int64, noun string) {
		if len(ids) > MaxAssignBatch {
			errs.Add(field, "Højst %d %s ad gangen.", MaxAssignBatch, noun)
		}
		for _, id := range ids {
			if id <= 0 {
				errs.Add(field, "Id'er skal være positive heltal.")
				return
			}
		}
	}
	checkIDs("citizen_ids", in.CitizenIDs, "borgere")
	checkIDs("opening_ids", in.OpeningIDs, "åbninger")
	if in.JobcentreID < 0 {
		errs.Add("jobcentre_id", "Skal være et positivt heltal.")
	}
	if in.ConsultantID < 0 {
		errs.Add("consultant_id", "Skal være et positivt heltal.")
	}
	for _, g := range in.TargetGroups {
		if !g.Valid() {
			errs.Add("target_groups", "Ukendt målgruppe %q.", g)
		}
	}
	for _, k := range in.Kinds {
		if !k.Valid() {
			errs.Add("kinds", "Ukendt ordning %q.", k)
		}
	}
	for _, b := range in.Branches {
		if !models.ValidBranch(b) {
			errs.Add("branches", "Ukendt branche %q.", b)
		}
	}
	return errs
}

// assignOpenings loads the batch's openings as jobcentre jc sees them:
// the ones named (every id must name a live opening), or every open one
// from the index, with free seats counted now; either way narrowed by the
// kind and branch filters.
func (a *App) assignOpenings(ctx context.Context, jc int64, in AssignInput, errs *models.FieldErrors) ([]matching.Opening, error) {
	kinds, branches := map[models.Kind]bool{}, map[string]bool{}
	for _, k := range in.Kinds {
		kinds[k] = true
	}
	for _, b := range in.Branches {
		branches[b] = true
	}
	keep := func(k models.Kind, branch string) bool {
		return (len(kinds) == 0 || kinds[k]) && (len(branches) == 0 || branches[branch])
	}
	if len(in.OpeningIDs) > 0 {
		rows, err := a.store.OpeningsByID(ctx, in.OpeningIDs)
		if err != nil {
			return nil, err
		}
		found := map[int64]bool{}
		kept := rows[:0]
		for _, o := range rows {
			if !o.Archived() {
				found[o.ID] = true
				if keep(o.Kind, o.Branch) {
					kept = append(kept, o)
				}
			}
		}
		if missing := missingIDs(in.OpeningIDs, found); len(missing) > 0 {
			errs.Add("opening_ids", "Disse åbninger findes ikke: %s.", idList(missing))
			return nil, nil
		}
		return a.toMatchingOpenings(ctx, jc, kept)
	}
	snap, err := a.openingIndex(ctx)
	if err != nil {
		return nil, err
	}
	agr, err := a.virksomhedscentre(ctx, jc)
	if err != nil {
		return nil, err
	}
	taken, err := a.store.SeatsTaken(ctx, nil)
	if err != nil {
		return nil, err
	}
	all := snap.Openings(agr)
	out := all[:0]
	for _, o := range all {
		if keep(o.Kind, o.Branch) {
			o.SeatsFree = max(0, snap.Seats(o.ID)-taken[o.ID])
			out = append(out, o)
		}
	}
	return out, nil
}

// codes turns a list of named strings into plain strings.
func codes[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// missingIDs lists the ids not in found, once each, in the order given.
func missingIDs(ids []int64, found map[int64]bool) []int64 {
	var out []int64
	seen := map[int64]bool{}
	for _, id := range ids {
		if !found[id] && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// idList writes up to ten ids for an error message.
func idList(ids []int64) string {
	s := ""
	for i, id := range ids {
		if i == 10 {
			return s + fmt.Sprintf(" og %d flere", len(ids)-10)
		}
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprint(id)
	}
	return s
}
