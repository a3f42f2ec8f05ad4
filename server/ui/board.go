package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/app"
	"placering/server/session"
	"placering/web"
)

// The match board (/tavle): a column per state, a card per match. Each
// card carries a small POST form per state it may move to, so the board
// works with a keyboard and without JavaScript; htmx swaps the board in
// place, and web/static/board.js adds drag and drop on top of the same
// forms.

const (
	secBoard  = "tavle"
	boardPath = "/tavle"
)

var boardLabels = map[string]string{
	"consultant_id": "Konsulent",
	"branch":        "Branche",
	"kind":          "Ordning",
	"stalled":       "Kun match, der er gået i stå",
}

// boardQuery is the board's cleaned filter: only known parameters with
// valid values, so it can be carried through the move forms and put back
// into a redirect without becoming a way to send people elsewhere.
type boardQuery struct {
	values url.Values
	filter app.BoardFilter
}

func readBoardQuery(v url.Values, consultants []models.Option) boardQuery {
	q := boardQuery{values: url.Values{}}
	if s := v.Get("consultant_id"); hasOption(consultants, s) {
		q.values.Set("consultant_id", s)
		q.filter.ConsultantID, _ = strconv.ParseInt(s, 10, 64)
	}
	if s := v.Get("branch"); hasOption(models.BranchOptions(), s) {
		q.values.Set("branch", s)
		q.filter.Branches = []string{s}
	}
	if s := v.Get("kind"); hasOption(models.KindOptions(), s) {
		q.values.Set("kind", s)
		q.filter.Kinds = []string{s}
	}
	if v.Get("stalled") != "" {
		q.values.Set("stalled", "on")
		q.filter.StalledOnly = true
	}
	return q
}

// suffix is "?…" for a URL, or "" without filters.
func (q boardQuery) suffix() string {
	if len(q.values) == 0 {
		return ""
	}
	return "?" + q.values.Encode()
}

type boardContent struct {
	matchText
	Board       app.Board
	Filter      *web.Form
	Consultants []models.Option
	// Query is the filter, which every move form sends back so the board
	// comes back the way it was.
	Query   string
	Reasons []reasonGroup
	Problem *boardProblem
	// Message says what a move did, for the live region (htmx only; a
	// full page gets a flash instead).
	Message string
	// Focus is the card to focus after htmx swapped the board.
	Focus    int64
	Fragment bool
}

// boardProblem is a move that was refused, shown on its card and at the
// top of the page, with what was typed kept.
type boardProblem struct {
	MatchID int64
	Card    string
	Errors  models.FieldErrors
	Values  url.Values
}

// ProblemFor returns the problem of card id, or nil.
func (b *boardContent) ProblemFor(id int64) *boardProblem {
	if b.Problem != nil && b.Problem.MatchID == id {
		return b.Problem
	}
	return nil
}

// ErrFor returns the problem with field on card id, or "".
func (b *boardContent) ErrFor(id int64, field string) string {
	if p := b.ProblemFor(id); p != nil {
		return p.Errors.For(field)
	}
	return ""
}

// CardErrors lists the problems of card id that belong to no field of its
// rejection form, such as a move the pipeline does not allow.
func (b *boardContent) CardErrors(id int64) []string {
	p := b.ProblemFor(id)
	if p == nil {
		return nil
	}
	var out []string
	for _, e := range p.Errors {
		if e.Field != "reason" && e.Field != "note" {
			out = append(out, e.Message)
		}
	}
	return out
}

// Typed returns what was typed into field of card id's refused form, so
// that nothing is lost.
func (b *boardContent) Typed(id int64, field string) string {
	if p := b.ProblemFor(id); p != nil {
		return p.Values.Get(field)
	}
	return ""
}

// ReasonLabel is the Danish text of a rejection reason code.
func (b *boardContent) ReasonLabel(code string) string {
	if r, ok := models.LookupRejectionReason(code); ok {
		return r.Label
	}
	return code
}

// Summary links each problem to where it can be fixed.
func (p *boardProblem) Summary() []web.SummaryItem {
	out := make([]web.SummaryItem, 0, len(p.Errors))
	for _, e := range p.Errors {
		href := "#match-" + itoa(p.MatchID)
		switch e.Field {
		case "reason", "note":
			href = "#m" + itoa(p.MatchID) + "-" + e.Field
		}
		out = append(out, web.SummaryItem{Href: href, Label: p.Card, Message: e.Message})
	}
	return out
}

// reasonGroup is the rejection reasons of one party, for an <optgroup>.
type reasonGroup struct {
	Label   string
	Reasons []models.RejectionReason
}

var reasonParties = []struct{ by, label string }{
	{"borger", "Borgeren"}, {"arbejdsgiver", "Virksomheden"}, {"jobcenter", "Jobcentret"},
}

func rejectionGroups() []reasonGroup {
	out := make([]reasonGroup, 0, len(reasonParties))
	for _, p := range reasonParties {
		g := reasonGroup{Label: p.label}
		for _, r := range models.RejectionReasons {
			if r.By == p.by {
				g.Reasons = append(g.Reasons, r)
			}
		}
		out = append(out, g)
	}
	return out
}

func (h *Handler) board(c echo.Context) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	if err := access.Can(u, access.Read, access.Of(access.Match)); err != nil {
		return err
	}
	consultants, err := h.consultantChoices(ctx, u, 0)
	if err != nil {
		return err
	}
	q := readBoardQuery(c.QueryParams(), consultants)
	return h.renderBoard(c, http.StatusOK, q, consultants, &boardContent{})
}

func (h *Handler) boardMove(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	vals, err := formValues(c)
	if err != nil {
		return err
	}
	u, ctx := session.UserFrom(c), c.Request().Context()
	if err := access.Can(u, access.Update, access.Of(access.Match)); err != nil {
		return err
	}
	consultants, err := h.consultantChoices(ctx, u, 0)
	if err != nil {
		return err
	}
	filter, _ := url.ParseQuery(vals.Get("filter"))
	q := readBoardQuery(filter, consultants)
	in := app.MoveInput{State: models.MatchState(vals.Get("state")), Note: strings.TrimSpace(vals.Get("note"))}
	if in.State == models.MatchRejected {
		in.Reason = vals.Get("reason")
	}
	m, err := h.App.MoveMatch(ctx, u, id, in)
	if err == nil {
		if !isFragment(c) {
			setFlash(c, flashMatchMoved, h.SecureCookies)
			return c.Redirect(http.StatusSeeOther, boardPath+q.suffix()+"#match-"+itoa(id))
		}
		return h.renderBoard(c, http.StatusOK, q, consultants, &boardContent{
			Message: "Matchet er flyttet til " + m.State.Label() + ".", Focus: id,
		})
	}
	errs, status, err := formErrors(err)
	if err != nil {
		return err
	}
	for i, e := range errs {
		// The app's message points API clients at the reasons endpoint;
		// here the reasons are the list right next to the field.
		if e.Field == "reason" {
			errs[i].Message = "Vælg en årsag til afvisningen på listen."
		}
	}
	if isFragment(c) {
		// htmx swaps only 2xx answers; the refusal is in the fragment.
		status = http.StatusOK
	}
	return h.renderBoard(c, status, q, consultants, &boardContent{
		Problem: &boardProblem{MatchID: id, Errors: errs, Values: vals},
	})
}

// renderBoard loads the board and answers with the page, or for htmx with
// the board alone (plus the message, out of band).
func (h *Handler) renderBoard(c echo.Context, status int, q boardQuery, consultants []models.Option, content *boardContent) error {
	u, ctx := session.UserFrom(c), c.Request().Context()
	b, err := h.App.MatchBoard(ctx, u, q.filter)
	if err != nil {
		return fmt.Errorf("match board: %w", err)
	}
	content.Board = b
	content.Filter = web.NewForm(boardLabels, q.values)
	content.Consultants = consultants
	content.Query = q.values.Encode()
	content.Reasons = rejectionGroups()
	content.Fragment = isFragment(c)
	if p := content.Problem; p != nil {
		p.Card = cardName(b, p.MatchID)
		if !p.Errors.Has("reason") && !p.Errors.Has("note") {
			content.Focus = p.MatchID // else the field with the problem takes focus
		}
		if content.Fragment && len(p.Errors) > 0 {
			content.Message = p.Card + ": " + p.Errors[0].Message
		}
	} else if content.Focus != 0 && content.Message != "" {
		content.Message = cardName(b, content.Focus) + ": " + content.Message
	}
	p := newPage(c, "Matchtavle", secBoard, content)
	p.Invalid = content.Problem != nil
	if content.Fragment {
		return renderBlock(c, status, "matching/board", "board", p)
	}
	return renderPage(c, status, "matching/board", p)
}

// cardName names a card for messages: the citizen and the opening.
func cardName(b app.Board, id int64) string {
	for _, col := range b.Columns {
		for _, card := range col.Cards {
			if card.ID == id {
				name := card.CitizenName
				if name == "" {
					name = "Arkiveret borger"
				}
				return name + " – " + card.OpeningTitle
			}
		}
	}
	return "Match " + itoa(id)
}
