package app

import (
	"context"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// The match board (matchtavle) shows the jobcentre's match records as
// columns, one per state. It is ListMatches per state plus what a card
// needs to be read without opening each record: the citizen, the opening
// and the company.

// BoardColumnLimit caps the cards drawn per column. Total still counts
// them all, so a column can say how many it leaves out.
const BoardColumnLimit = 100

// BoardFilter narrows the board. Zero values mean no filter.
type BoardFilter struct {
	ConsultantID int64
	Kinds        []string
	Branches     []string
	StalledOnly  bool
}

// BoardCard is one match as the board shows it.
type BoardCard struct {
	models.Match
	// CitizenName and CPRMasked are empty for an archived citizen.
	CitizenName  string
	CPRMasked    string
	OpeningTitle string
	CompanyName  string
	Kind         models.Kind
	Branch       string
	// DaysInState counts whole days since the last change of state.
	DaysInState int
	// Next lists the states the match may move to now.
	Next []models.MatchState
}

// BoardColumn is the cards in one state, longest waiting first for open
// states and most recent first for final ones.
type BoardColumn struct {
	State models.MatchState
	Cards []BoardCard
	Total int64
}

// Board is every column in pipeline order.
type Board struct {
	Columns []BoardColumn
}

// MatchBoard returns the board of the actor's jobcentre (every jobcentre
// for an administrator). Each column is one audited ListMatches call, so
// the rules about who sees which matches are those of the list.
func (a *App) MatchBoard(ctx context.Context, u Actor, f BoardFilter) (Board, error) {
	if err := can(u, access.Read, access.Of(access.Match)); err != nil {
		return Board{}, err
	}
	b := Board{Columns: make([]BoardColumn, 0, len(models.MatchStates))}
	var all []models.Match
	for _, s := range models.MatchStates {
		// Open cards waiting longest come first: they need a push. Of the
		// final ones the newest matter; the old ones are history.
		sort := "state_changed_at"
		if s.Final() {
			sort = "-state_changed_at"
		}
		res, err := a.ListMatches(ctx, u, models.MatchFilter{
			Page:         models.Page{PerPage: BoardColumnLimit, Sort: sort},
			States:       []string{string(s)},
			ConsultantID: f.ConsultantID, Kinds: f.Kinds, Branches: f.Branches,
		}, f.StalledOnly)
		if err != nil {
			return Board{}, err
		}
		b.Columns = append(b.Columns, BoardColumn{State: s, Total: res.Total})
		all = append(all, res.Items...)
	}
	cards, err := a.boardCards(ctx, all)
	if err != nil {
		return Board{}, err
	}
	for _, c := range cards {
		for i := range b.Columns {
			if b.Columns[i].State == c.State {
				b.Columns[i].Cards = append(b.Columns[i].Cards, c)
			}
		}
	}
	return b, nil
}

// boardCards adds the citizen, opening and company to matches the actor
// has already been allowed to list.
func (a *App) boardCards(ctx context.Context, ms []models.Match) ([]BoardCard, error) {
	out := make([]BoardCard, len(ms))
	if len(ms) == 0 {
		return out, nil
	}
	cids, oids, coids := make([]int64, len(ms)), make([]int64, len(ms)), make([]int64, len(ms))
	for i, m := range ms {
		cids[i], oids[i], coids[i] = m.CitizenID, m.OpeningID, m.CompanyID
	}
	citizens, err := a.store.CitizensForMatching(ctx, store.CitizenSelection{IDs: cids})
	if err != nil {
		return nil, err
	}
	byCitizen := make(map[int64]models.Citizen, len(citizens))
	for _, c := range citizens {
		byCitizen[c.ID] = c
	}
	openings, err := a.store.OpeningsByID(ctx, oids)
	if err != nil {
		return nil, err
	}
	byOpening := make(map[int64]models.Opening, len(openings))
	for _, o := range openings {
		byOpening[o.ID] = o
	}
	names, err := a.store.CompanyNames(ctx, coids)
	if err != nil {
		return nil, err
	}
	now := a.Now()
	for i, m := range ms {
		c, o := byCitizen[m.CitizenID], byOpening[m.OpeningID]
		days := int(now.Sub(m.StateChangedAt).Hours() / 24)
		out[i] = BoardCard{Match: m, CitizenName: c.Name, CPRMasked: c.CPRMasked, OpeningTitle: o.Title,
			CompanyName: names[m.CompanyID], Kind: o.Kind, Branch: o.Branch, DaysInState: max(0, days), Next: m.State.Next()}
	}
	return out, nil
}
