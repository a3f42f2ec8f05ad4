package ui

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/matching"
	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// Proposals for a citizen (/borgere/:id/forslag) and candidates for an
// opening (/aabninger/:id/kandidater): the ranked lists of server/app's
// matching service, each score broken into its factors with the Danish
// reason matching gave. Staff turn a line into a match record ("Opret
// match"), which then stands on the board under Foreslået.

// matchListLimit is how many lines a page shows: enough to choose from,
// short enough to read every reason.
const matchListLimit = 25

var factorLabels = map[string]string{
	matching.FactorGoal:              "Jobmål",
	matching.FactorDistance:          "Afstand",
	matching.FactorHours:             "Timer",
	matching.FactorMentor:            "Mentor",
	matching.FactorVirksomhedscenter: "Virksomhedscenter",
	matching.FactorStart:             "Opstart",
	matching.FactorHistory:           "Tidligere forløb",
	matching.FactorLoad:              "Virksomhedens belastning",
}

// matchText formats scores and factors for the matching pages.
type matchText struct{}

// FactorLabel is the Danish name of a factor code.
func (matchText) FactorLabel(name string) string { return orText(factorLabels[name], name) }

// Score writes a score with one decimal, "72,5".
func (matchText) Score(f float64) string { return decimal(f, 1) }

// Points writes a factor's contribution with its sign, "+12,5" or "−4".
func (matchText) Points(f float64) string {
	switch s := decimal(math.Abs(f), 1); {
	case f < -0.05:
		return "−" + s
	case f > 0.05:
		return "+" + s
	default:
		return "0"
	}
}

// Km writes a distance, or "" when it is not known.
func (matchText) Km(d *float64) string {
	if d == nil {
		return ""
	}
	return decimal(*d, 1) + " km"
}

// Seats writes the free seats, or "" when not known.
func (matchText) Seats(n *int) string {
	switch {
	case n == nil:
		return ""
	case *n == 1:
		return "1 ledig plads"
	}
	return strconv.Itoa(*n) + " ledige pladser"
}

// factorView is a score's breakdown as the "factors" template draws it.
type factorView struct {
	Caption string
	Rows    []factorRow
}

type factorRow struct{ Label, Points, Reason string }

// FactorView builds the breakdown of one line's score; caption names the
// line for screen readers, who meet one such table per line.
func (t matchText) FactorView(caption string, fs []matching.Factor) factorView {
	v := factorView{Caption: caption, Rows: make([]factorRow, len(fs))}
	for i, f := range fs {
		v.Rows[i] = factorRow{Label: t.FactorLabel(f.Name), Points: t.Points(f.Contribution), Reason: f.Reason}
	}
	return v
}

func decimal(f float64, prec int) string {
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if strings.Contains(s, ".") { // trim trailing decimals only: 20 stays 20
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	if s == "" || s == "-" || s == "-0" { // -0.04 to one place is 0, not -0
		s = "0"
	}
	return strings.Replace(s, ".", ",", 1)
}

func orText(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// matchProblem is a refused "Opret match", shown at the top and on the
// line it came from.
type matchProblem struct {
	ID       int64 // the opening (proposals) or citizen (candidates)
	Messages []string
}

// openMatches maps the open match records of a citizen or an opening by
// the other side's id, so a line can say it is already on the board.
func (h *Handler) openMatches(c echo.Context, f models.MatchFilter, key func(models.Match) int64) (map[int64]models.Match, error) {
	var open []string
	for _, s := range models.MatchStates {
		if !s.Final() {
			open = append(open, string(s))
		}
	}
	f.States, f.Page = open, models.Page{PerPage: models.MaxPerPage}
	res, err := h.App.ListMatches(c.Request().Context(), session.UserFrom(c), f, false)
	if err != nil {
		return nil, fmt.Errorf("open matches: %w", err)
	}
	out := make(map[int64]models.Match, len(res.Items))
	for _, m := range res.Items {
		out[key(m)] = m
	}
	return out, nil
}

// createMatch asks the app for a match record and splits a refusal into
// messages for the page.
func (h *Handler) createMatch(c echo.Context, in app.ProposeInput) (*matchProblem, int, error) {
	_, err := h.App.ProposeMatch(c.Request().Context(), session.UserFrom(c), in)
	if err == nil {
		setFlash(c, flashMatchCreated, h.SecureCookies)
		return nil, http.StatusSeeOther, nil
	}
	errs, status, err := formErrors(err)
	if err != nil {
		return nil, 0, err
	}
	p := &matchProblem{}
	for _, e := range errs {
		p.Messages = append(p.Messages, e.Message)
	}
	return p, status, nil
}

// Proposals for a citizen.

type proposalsContent struct {
	matchText
	Citizen         models.Citizen
	Eligible        []app.MatchItem
	Excluded        []app.MatchItem
	IncludeExcluded bool
	Filter          *web.Form
	RulesVersion    string
	Problem         *matchProblem
	rules           map[matching.RuleID]matching.RuleInfo
	onBoard         map[int64]models.Match
}

// Rule describes an excluding rule with the parameters in force.
func (p *proposalsContent) Rule(id matching.RuleID) matching.RuleInfo {
	if r, ok := p.rules[id]; ok {
		return r
	}
	return matching.RuleInfo{Rule: matching.Rule{ID: id, Title: string(id)}}
}

// OnBoard returns the open match with the opening, or nil.
func (p *proposalsContent) OnBoard(openingID int64) *models.Match {
	if m, ok := p.onBoard[openingID]; ok {
		return &m
	}
	return nil
}

// ProblemFor returns the refusal for the opening's line, or nil.
func (p *proposalsContent) ProblemFor(openingID int64) *matchProblem {
	if p.Problem != nil && p.Problem.ID == openingID {
		return p.Problem
	}
	return nil
}

var proposalLabels = map[string]string{"excluded": "Vis også udelukkede åbninger og de regler, der udelukker dem"}

func (h *Handler) proposals(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return h.renderProposals(c, http.StatusOK, id, c.QueryParam("excluded") != "", nil)
}

func (h *Handler) proposalCreate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	r := &reader{v: vals}
	in := app.ProposeInput{CitizenID: id, OpeningID: r.id("opening_id"), Note: strings.TrimSpace(vals.Get("note"))}
	excluded := vals.Get("excluded") != ""
	if len(r.errs) > 0 {
		return models.Errorf(models.EBadRequest, "read form", nil, "Formularen kunne ikke læses.")
	}
	problem, status, err := h.createMatch(c, in)
	if err != nil {
		return err
	}
	if problem == nil {
		back := "/borgere/" + itoa(id) + "/forslag"
		if excluded {
			back += "?excluded=on"
		}
		return c.Redirect(http.StatusSeeOther, back)
	}
	problem.ID = in.OpeningID
	return h.renderProposals(c, status, id, excluded, problem)
}

func (h *Handler) renderProposals(c echo.Context, status int, id int64, excluded bool, problem *matchProblem) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	ct, err := h.App.GetCitizen(ctx, u, id)
	if err != nil {
		return err
	}
	if ct.Archived() {
		return archived("borger")
	}
	list, err := h.App.CitizenMatches(ctx, u, id, matchListLimit, excluded)
	if err != nil {
		return fmt.Errorf("proposals for citizen %d: %w", id, err)
	}
	table, err := h.App.RuleTable(ctx, u, ct.JobcentreID)
	if err != nil {
		return fmt.Errorf("rule table: %w", err)
	}
	content := &proposalsContent{Citizen: ct, IncludeExcluded: excluded, RulesVersion: list.RulesVersion,
		Problem: problem, rules: map[matching.RuleID]matching.RuleInfo{}}
	for _, r := range table.Rules {
		content.rules[r.ID] = r
	}
	for _, it := range list.Items {
		if len(it.ExcludedBy) > 0 {
			content.Excluded = append(content.Excluded, it)
		} else {
			content.Eligible = append(content.Eligible, it)
		}
	}
	content.Filter = web.NewForm(proposalLabels, nil)
	if excluded {
		content.Filter.Values.Set("excluded", "on")
	}
	if content.onBoard, err = h.openMatches(c, models.MatchFilter{CitizenID: id}, func(m models.Match) int64 { return m.OpeningID }); err != nil {
		return err
	}
	p := newPage(c, "Forslag til "+ct.Name, secCitizens, content)
	p.Invalid = problem != nil
	if isFragment(c) {
		return renderBlock(c, status, "matching/proposals", "results", p)
	}
	return renderPage(c, status, "matching/proposals", p)
}

// Candidates for an opening.

type candidatesContent struct {
	matchText
	Opening     models.Opening
	CompanyName string
	Items       []app.MatchItem
	// Employer pages show the anonymous view (app.EmployerCandidate):
	// a reference, a distance band, a fit band and reasons.
	Employer      bool
	EmployerItems []app.EmployerCandidate
	CanPropose    bool
	Problem       *matchProblem
	onBoard       map[int64]models.Match
	// Interest: the employer's "Vis interesse" forms (interests.go).
	Interest interestView
}

// OnBoard returns the open match with the citizen, or nil.
func (p *candidatesContent) OnBoard(citizenID int64) *models.Match {
	if m, ok := p.onBoard[citizenID]; ok {
		return &m
	}
	return nil
}

// ProblemFor returns the refusal for the citizen's line, or nil.
func (p *candidatesContent) ProblemFor(citizenID int64) *matchProblem {
	if p.Problem != nil && p.Problem.ID == citizenID {
		return p.Problem
	}
	return nil
}

func (h *Handler) candidates(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return h.renderCandidates(c, http.StatusOK, id, nil, nil)
}

func (h *Handler) candidateCreate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	r := &reader{v: vals}
	in := app.ProposeInput{OpeningID: id, CitizenID: r.id("citizen_id")}
	if len(r.errs) > 0 {
		return models.Errorf(models.EBadRequest, "read form", nil, "Formularen kunne ikke læses.")
	}
	problem, status, err := h.createMatch(c, in)
	if err != nil {
		return err
	}
	if problem == nil {
		return c.Redirect(http.StatusSeeOther, "/aabninger/"+itoa(id)+"/kandidater")
	}
	problem.ID = in.CitizenID
	return h.renderCandidates(c, status, id, problem, nil)
}

// renderCandidates draws an opening's candidates; problem is a refused
// match (consultants), interest a refused interest (employers).
func (h *Handler) renderCandidates(c echo.Context, status int, id int64, problem *matchProblem, interest *interestProblem) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	view, err := h.App.Candidates(ctx, u, id, matchListLimit)
	if err != nil {
		return err
	}
	o, err := h.App.GetOpening(ctx, u, id)
	if err != nil {
		return err
	}
	if o.Archived() {
		return archived("åbning")
	}
	names, err := h.companyNames(ctx, []int64{o.CompanyID})
	if err != nil {
		return err
	}
	content := &candidatesContent{Opening: o, CompanyName: names[o.CompanyID], Employer: view.Employer != nil, CanPropose: access.Allowed(u, access.Create, access.Of(access.Match)), Problem: problem}
	if view.Employer != nil {
		content.EmployerItems = view.Employer.Items
	} else {
		content.Items = view.Full.Items
	}
	if content.CanPropose {
		if content.onBoard, err = h.openMatches(c, models.MatchFilter{OpeningID: id}, func(m models.Match) int64 { return m.CitizenID }); err != nil {
			return err
		}
	}
	if err := h.interestView(c, content, interest); err != nil { // interests.go
		return err
	}
	p := newPage(c, "Kandidater til "+o.Title, secOpenings, content)
	p.Title = web.Translate(p.Lang, "Kandidater til") + " " + o.Title // English for employers who chose it
	p.Invalid = problem != nil || interest != nil
	return renderPage(c, status, "matching/candidates", p)
}
