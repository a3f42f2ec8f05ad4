package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"placering/models"
	"placering/search"
	"placering/search/indexer"
	"placering/server/access"
)

// SearchResult is a page of search hits. Degraded is set when the search
// engine could not answer and the database did instead, with fewer features
// (no typo tolerance, inflections, synonyms or distance); Notice says so in
// Danish for the page.
type SearchResult struct {
	search.Result
	Degraded bool   `json:"degraded,omitempty"`
	Notice   string `json:"notice,omitempty"`
}

// Search runs a query against one index for the actor. Employers search
// only their own company's openings; citizens are never in an index.
func (a *App) Search(ctx context.Context, u Actor, idx search.Index, q search.Query) (SearchResult, error) {
	if err := can(u, access.Read, access.Of(searchKinds[idx])); err != nil {
		return SearchResult{}, err
	}
	if s := access.ScopeOf(u); s.Employer {
		q.CompanyIDs = []int64{s.CompanyID}
	}
	q, err := q.Normalize()
	if err != nil {
		return SearchResult{}, queryError(err)
	}
	res, err := a.Index.Search(ctx, idx, q)
	switch {
	case err == nil:
		return SearchResult{Result: res}, nil
	case errors.Is(err, search.ErrInvalidQuery):
		return SearchResult{}, queryError(err)
	}
	// The engine is down or failing: answer from the database rather than
	// not at all. The outbox brings the index up to date once it is back.
	fb, ferr := a.searchDatabase(ctx, idx, q)
	if ferr != nil {
		return SearchResult{}, fmt.Errorf("search %s: %w; database fallback: %w", idx, err, ferr)
	}
	return fb, nil
}

// CitizenHome returns a citizen's home as a search point, for "distance
// from this citizen". It is a read of the citizen and audited as one.
func (a *App) CitizenHome(ctx context.Context, u Actor, id int64) (search.Point, error) {
	c, err := a.GetCitizen(ctx, u, id)
	if err != nil {
		return search.Point{}, err
	}
	if c.Lat == 0 && c.Lon == 0 {
		var fe models.FieldErrors
		fe.Add("citizen_id", "Borgeren har ingen bopæl registreret.")
		return search.Point{}, fe
	}
	return search.Point{Lat: c.Lat, Lon: c.Lon}, nil
}

func queryError(err error) error {
	if fe := search.FieldErrors(err); fe != nil {
		return fe
	}
	return err
}

const fallbackNotice = "Søgemaskinen svarer ikke lige nu. Resultaterne kommer direkte fra databasen: uden stavefejlstolerance, bøjningsformer, synonymer og afstand."

// searchDatabase answers a query from the database: text as a substring,
// the list filters, paging, and kind/branch counts.
func (a *App) searchDatabase(ctx context.Context, idx search.Index, q search.Query) (SearchResult, error) {
	page := models.Page{Page: q.Page, PerPage: q.PerPage}
	if q.Sort == search.SortStartDate {
		page.Sort = "start_date"
	} else if q.Sort == search.SortStartDateDesc {
		page.Sort = "-start_date"
	}
	out := SearchResult{Degraded: true, Notice: fallbackNotice}
	out.Page, out.PerPage = q.Page, q.PerPage
	out.Facets = search.EmptyFacets(q.Facets)
	first := func(ids []int64) int64 {
		if len(ids) > 0 {
			return ids[0]
		}
		return 0
	}
	var docs []search.Document
	switch idx {
	case search.Openings:
		f := models.OpeningFilter{Page: page, Q: q.Q, Kinds: q.Kinds, Branches: q.Branches, Statuses: q.Statuses,
			CompanyID: first(q.CompanyIDs), JobcentreID: first(q.JobcentreIDs)}
		f.HideToReview = true // openings awaiting review are not indexed either
		rows, total, err := a.store.ListOpenings(ctx, f)
		if err != nil {
			return out, err
		}
		if docs, err = indexer.OpeningDocs(ctx, a.store, rows); err != nil {
			return out, err
		}
		facets, err := a.store.OpeningFacets(ctx, f)
		if err != nil {
			return out, err
		}
		for k, v := range facets {
			if _, want := out.Facets[k]; want {
				out.Facets[k] = v
			}
		}
		out.Total = int(total)
	case search.Virksomhedscentre:
		f := models.VirksomhedscenterFilter{Page: models.Page{Page: q.Page, PerPage: q.PerPage}, CompanyID: first(q.CompanyIDs), JobcentreID: first(q.JobcentreIDs)}
		if len(q.TargetGroups) > 0 {
			f.TargetGroup = q.TargetGroups[0]
		}
		rows, total, err := a.store.ListVirksomhedscentre(ctx, f)
		if err != nil {
			return out, err
		}
		if docs, err = indexer.VirksomhedscenterDocs(ctx, a.store, rows); err != nil {
			return out, err
		}
		out.Total = int(total)
	case search.Companies:
		f := models.CompanyFilter{Page: models.Page{Page: q.Page, PerPage: q.PerPage}, Q: q.Q, Branches: q.Branches, JobcentreID: first(q.JobcentreIDs)}
		rows, total, err := a.store.ListCompanies(ctx, f)
		if err != nil {
			return out, err
		}
		for _, c := range rows {
			docs = append(docs, search.CompanyDoc(c))
		}
		out.Total = int(total)
	default:
		return out, fmt.Errorf("%w: %s", search.ErrUnknownIndex, strconv.Quote(string(idx)))
	}
	out.Hits = make([]search.Hit, len(docs))
	for i, d := range docs {
		out.Hits[i] = search.Hit{Document: d}
	}
	return out, nil
}

// SearchStatus reports the search engine's health and how far the index
// lags behind the database, for /readyz.
func (a *App) SearchStatus(ctx context.Context) (map[string]any, error) {
	pending, oldest, err := a.store.OutboxLag(ctx)
	detail := map[string]any{"pending_updates": pending, "lag_seconds": oldest.Seconds()}
	if err != nil {
		return detail, err
	}
	return detail, a.Index.Health(ctx)
}

// SearchKind names a search index as an access kind.
func SearchKind(idx search.Index) access.Kind { return searchKinds[idx] }

var searchKinds = map[search.Index]access.Kind{
	search.Openings:          access.SearchOpenings,
	search.Companies:         access.SearchCompanies,
	search.Virksomhedscentre: access.SearchVirksomhedscentre,
}
