package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"placering/matching"
	"placering/models"
	"placering/server/access"
	"placering/store"
)

// The employer home: what an employer needs on one page, on a phone. Their
// company's profile (without the jobcentre's notes), their openings with
// status and referrals, the open openings with how many candidates the
// employer's candidate list holds, the placements at the company (as
// employers see placements anywhere: the person they host by name, no
// jobcentre notes), and two lists of tasks other parts of the service
// fill: weeks of hours to confirm and references to write.

// MaxHomeCandidateCounts is how many open openings the home counts
// candidates for. Counting ranks the jobcentre's consenting citizens
// against each opening; the rest link to their list without a number.
const MaxHomeCandidateCounts = 10

// maxHomeRows bounds the openings and placements on the home page; a
// company has tens, and the full lists are one link away.
const maxHomeRows = 100

// EmployerHome is the employer's home page.
type EmployerHome struct {
	Company EmployerCompany `json:"company"`
	// Openings are the company's live openings, newest first.
	Openings []HomeOpening `json:"openings"`
	// Candidates are the open openings with the size of their candidate
	// list (for at most MaxHomeCandidateCounts of them; Counted false
	// for the rest).
	Candidates []HomeCandidates `json:"candidates"`
	// Placements are the company's placements, latest start first.
	Placements []HomePlacement `json:"placements"`
	// WeeksToConfirm and ReferencesToWrite are tasks: a week of hours
	// to confirm, a reference (udtalelse) to write.
	WeeksToConfirm    []HomeTask `json:"weeks_to_confirm"`
	ReferencesToWrite []HomeTask `json:"references_to_write"`
	// UnreadNotifications is how many of the user's notifications are unread.
	UnreadNotifications int64 `json:"unread_notifications"`
}

// EmployerCompany is the company as its employer sees it on the home
// page: no notes (they are the jobcentre's).
type EmployerCompany struct {
	ID       int64                       `json:"id"`
	CVR      string                      `json:"cvr"`
	Name     string                      `json:"name"`
	Branch   string                      `json:"branch"`
	Address  string                      `json:"address"`
	Postcode string                      `json:"postcode"`
	Town     string                      `json:"town"`
	Contacts models.List[models.Contact] `json:"contacts"`
}

// HomeOpening is one of the company's openings with its referrals: how
// many of its matches reached kontaktet or beyond (a count, nothing about
// the citizens).
type HomeOpening struct {
	ID        int64                `json:"id"`
	Title     string               `json:"title"`
	Kind      models.Kind          `json:"kind"`
	Status    models.OpeningStatus `json:"status"`
	StartDate models.Date          `json:"start_date"`
	Seats     int                  `json:"seats"`
	Referrals int64                `json:"referrals"`
}

// HomeCandidates is an open opening and the size of its candidate list.
type HomeCandidates struct {
	OpeningID int64       `json:"opening_id"`
	Title     string      `json:"title"`
	Kind      models.Kind `json:"kind"`
	Count     int         `json:"count"`
	// Counted is false when the count was not made (beyond
	// MaxHomeCandidateCounts); Count is then 0.
	Counted bool `json:"counted"`
}

// HomePlacement is a placement at the company.
type HomePlacement struct {
	ID          int64                  `json:"id"`
	CitizenName string                 `json:"citizen_name"`
	Kind        models.Kind            `json:"kind"`
	StartDate   models.Date            `json:"start_date"`
	EndDate     models.Date            `json:"end_date"`
	Status      models.PlacementStatus `json:"status"`
}

// HomeTask is one thing for the employer to do: what (Title, Detail, in
// Danish) and where (Link, a browser path).
type HomeTask struct {
	Title  string `json:"title"`
	Detail string `json:"detail"`
	Link   string `json:"link"`
}

// EmployerHome gathers the employer's home page: the company (1 query),
// its openings (1), their referral counts (1 grouped), candidate counts
// (per kind among the open openings: the consenting citizens and their
// inputs, then ranking in memory), placements (the list, names and the
// audit of the citizens shown) and the unread count (1).
func (a *App) EmployerHome(ctx context.Context, u Actor) (EmployerHome, error) {
	return a.employerHome(ctx, u, true)
}

// EmployerHomeFirst is EmployerHome without the candidate counts (each
// Counted false), the costly part: the browser draws the page at once and
// fetches the counts after (EmployerCandidateCounts).
func (a *App) EmployerHomeFirst(ctx context.Context, u Actor) (EmployerHome, error) {
	return a.employerHome(ctx, u, false)
}

// EmployerCandidateCounts is the candidates section of EmployerHome alone.
func (a *App) EmployerCandidateCounts(ctx context.Context, u Actor) ([]HomeCandidates, error) {
	if err := can(u, access.Read, access.Of(access.EmployerHome)); err != nil {
		return nil, err
	}
	c, err := a.GetCompany(ctx, u, *u.CompanyID)
	if err != nil {
		return nil, err
	}
	openings, _, err := a.store.ListOpenings(ctx, models.OpeningFilter{CompanyID: c.ID, Statuses: []string{string(models.StatusOpen)},
		Page: models.Page{Page: 1, PerPage: maxHomeRows, Sort: "-id"}})
	if err != nil {
		return nil, fmt.Errorf("employer home openings: %w", err)
	}
	return a.homeCandidates(ctx, openings, true)
}

func (a *App) employerHome(ctx context.Context, u Actor, counts bool) (EmployerHome, error) {
	if err := can(u, access.Read, access.Of(access.EmployerHome)); err != nil {
		return EmployerHome{}, err
	}
	c, err := a.GetCompany(ctx, u, *u.CompanyID)
	if err != nil {
		return EmployerHome{}, err
	}
	if err := can(u, access.Read, access.Row(access.EmployerHome, c.JobcentreID, c.ID)); err != nil {
		return EmployerHome{}, err
	}
	out := EmployerHome{
		Company: EmployerCompany{ID: c.ID, CVR: c.CVR, Name: c.Name, Branch: c.Branch, Address: c.Address,
			Postcode: c.Postcode, Town: c.Town, Contacts: c.Contacts},
		Openings: []HomeOpening{}, Candidates: []HomeCandidates{}, Placements: []HomePlacement{},
		WeeksToConfirm: []HomeTask{}, ReferencesToWrite: []HomeTask{},
	}
	if out.Company.Contacts == nil {
		out.Company.Contacts = models.List[models.Contact]{}
	}
	openings, _, err := a.store.ListOpenings(ctx, models.OpeningFilter{CompanyID: c.ID,
		Page: models.Page{Page: 1, PerPage: maxHomeRows, Sort: "-id"}})
	if err != nil {
		return EmployerHome{}, fmt.Errorf("employer home openings: %w", err)
	}
	referrals, err := a.store.ReferralCounts(ctx, c.ID)
	if err != nil {
		return EmployerHome{}, err
	}
	var open []models.Opening
	for _, o := range openings {
		out.Openings = append(out.Openings, HomeOpening{ID: o.ID, Title: o.Title, Kind: o.Kind, Status: o.Status,
			StartDate: o.StartDate, Seats: o.Seats, Referrals: referrals[o.ID]})
		if o.Status == models.StatusOpen {
			open = append(open, o)
		}
	}
	if out.Candidates, err = a.homeCandidates(ctx, open, counts); err != nil {
		return EmployerHome{}, err
	}
	ps, err := a.ListPlacements(ctx, u, models.PlacementFilter{CompanyID: c.ID,
		Page: models.Page{Page: 1, PerPage: maxHomeRows, Sort: "-start_date"}})
	if err != nil {
		return EmployerHome{}, err
	}
	for _, p := range ps.Items {
		out.Placements = append(out.Placements, HomePlacement{ID: p.ID, CitizenName: p.CitizenName, Kind: p.Kind,
			StartDate: p.StartDate, EndDate: p.EndDate, Status: p.Status})
	}
	// Tasks: weeks of hours to confirm and references to write.
	weeks, err := a.WeeksToConfirm(ctx, u)
	if err != nil {
		return EmployerHome{}, err
	}
	for _, w := range weeks {
		out.WeeksToConfirm = append(out.WeeksToConfirm, HomeTask{Title: w.CitizenName,
			Detail: fmt.Sprintf("Uge %d, %d: %s timer", w.Week.Week, w.Week.Year, strings.Replace(strconv.FormatFloat(w.Worked, 'f', -1, 64), ".", ",", 1)),
			Link:   fmt.Sprintf("/placeringer/%d/timer/bekraeft", w.PlacementID)})
	}
	refs, err := a.ReferencesToWrite(ctx, u)
	if err != nil {
		return EmployerHome{}, err
	}
	for _, r := range refs {
		out.ReferencesToWrite = append(out.ReferencesToWrite, HomeTask{Title: r.CitizenName,
			Detail: fmt.Sprintf("%s, %s – %s", r.Kind.Label(), r.StartDate, r.LastDay), Link: r.Link})
	}
	if out.UnreadNotifications, err = a.UnreadNotifications(ctx, u); err != nil {
		return EmployerHome{}, err
	}
	return out, nil
}

// homeCandidates lists the open openings with their candidate counts
// (for the first MaxHomeCandidateCounts, when counts is set).
func (a *App) homeCandidates(ctx context.Context, open []models.Opening, counts bool) ([]HomeCandidates, error) {
	out := make([]HomeCandidates, 0, len(open))
	n := map[int64]int{}
	if counts {
		var err error
		if n, err = a.candidateCounts(ctx, open[:min(len(open), MaxHomeCandidateCounts)]); err != nil {
			return nil, err
		}
	}
	for _, o := range open {
		c, ok := n[o.ID]
		out = append(out, HomeCandidates{OpeningID: o.ID, Title: o.Title, Kind: o.Kind, Count: c, Counted: ok})
	}
	return out, nil
}

// candidateCounts returns, per opening, the size of the employer's
// candidate list (employerCandidates without the cut): every eligible
// citizen of the opening's jobcentre who consented for its kind. The
// citizens are loaded once per jobcentre and kind; nothing is shown about
// them, so nothing is audited.
func (a *App) candidateCounts(ctx context.Context, os []models.Opening) (map[int64]int, error) {
	out := make(map[int64]int, len(os))
	type group struct {
		jc   int64
		kind models.Kind
	}
	groups := map[group][]models.Opening{}
	var order []group
	for _, o := range os {
		g := group{o.JobcentreID, o.Kind}
		if groups[g] == nil {
			order = append(order, g)
		}
		groups[g] = append(groups[g], o)
	}
	for _, g := range order {
		rows, err := a.store.CitizensForMatching(ctx, store.CitizenSelection{JobcentreID: g.jc, ConsentKind: g.kind})
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			for _, o := range groups[g] {
				out[o.ID] = 0
			}
			continue
		}
		cs, err := a.toMatchingCitizens(ctx, rows)
		if err != nil {
			return nil, err
		}
		mos, err := a.toMatchingOpenings(ctx, g.jc, groups[g])
		if err != nil {
			return nil, err
		}
		s, err := a.settings(ctx, g.jc)
		if err != nil {
			return nil, err
		}
		for i, o := range groups[g] {
			out[o.ID] = len(matching.Candidates(mos[i], cs, s.Weights, s.RuleParams, len(cs)))
		}
	}
	return out, nil
}
