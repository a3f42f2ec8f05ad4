package ui

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/access"
	"placering/server/session"
	"placering/web"
)

// The citizen type-ahead of the search page's distance and the new
// placement: a search box (borger_soeg) above the citizen select. Typing
// fetches the matching citizens into the select from citizenOptionsPath
// (htmx); without JavaScript the typed text is submitted with the form and
// the page comes back with the matches in the select. Only the citizens
// shown are read, so only they are audited: a page viewed without typing
// reads none (except the one already chosen, which it shows).

const (
	citizenOptionsPath = "/borgervalg"
	citizenSearchParam = "borger_soeg"
	// citizenSearchMin is how many letters the type-ahead waits for.
	citizenSearchMin = 2
	// citizenSearchMax caps the citizens one search shows.
	citizenSearchMax = 20
	// citizenSearchMaxText caps the text searched for.
	citizenSearchMaxText = 100
)

// citizenPicker is what the picker's template draws.
type citizenPicker struct {
	Typed    string          // the text in the search box
	Options  []models.Option // the chosen citizen first, then the matches
	Empty    string          // the select's empty option: a prompt or why it is empty
	Endpoint string          // where the type-ahead fetches options
}

// citizenOptionsContent is the picker as the options fragment's content.
type citizenOptionsContent struct {
	Options []models.Option
	Chosen  string
	Empty   string
}

// citizenPickerFor builds the picker for the text typed and the citizen
// chosen (an id, or ""). forSearch words the empty option for the search
// page, where no citizen is a valid choice.
func (h *Handler) citizenPickerFor(ctx context.Context, u *models.User, typed, chosen string, forSearch bool) (*citizenPicker, error) {
	typed = cleanCitizenSearch(typed)
	p := &citizenPicker{Typed: typed, Endpoint: citizenOptionsPath}
	if forSearch {
		p.Endpoint += "?til=soeg"
	}
	var err error
	p.Options, p.Empty, err = h.citizenMatches(ctx, u, typed, chosen, forSearch)
	return p, err
}

func cleanCitizenSearch(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > citizenSearchMaxText {
		s = string(r[:citizenSearchMaxText])
	}
	return s
}

// citizenMatches returns the chosen citizen (if the user may see them)
// followed by up to citizenSearchMax citizens of the user's jobcentre
// whose name contains typed (at least citizenSearchMin letters), and the
// label of the empty option.
func (h *Handler) citizenMatches(ctx context.Context, u *models.User, typed, chosen string, forSearch bool) ([]models.Option, string, error) {
	empty := "Vælg borger"
	if forSearch {
		empty = "Ingen borger valgt"
	}
	var out []models.Option
	label := func(c models.Citizen) models.Option {
		return models.Option{Code: itoa(c.ID), Label: c.Name + " (" + web.MaskCPR(c.CPRMasked) + ")"}
	}
	id, _ := strconv.ParseInt(chosen, 10, 64)
	if id > 0 {
		if c, err := h.App.GetCitizen(ctx, u, id); err == nil && !c.Archived() {
			out = append(out, label(c))
		}
	}
	switch n := len([]rune(typed)); {
	case n == 0:
		return out, empty, nil
	case n < citizenSearchMin:
		return out, fmt.Sprintf("Skriv mindst %d bogstaver for at søge", citizenSearchMin), nil
	}
	res, err := h.App.ListCitizens(ctx, u, models.CitizenFilter{Q: typed, Page: models.Page{PerPage: citizenSearchMax, Sort: "name"}})
	if err != nil {
		return nil, "", fmt.Errorf("citizen type-ahead: %w", err)
	}
	found := 0
	for _, c := range res.Items {
		if c.ID != id {
			out = append(out, label(c))
			found++
		}
	}
	switch {
	case found == 0 && id == 0:
		empty = fmt.Sprintf("Ingen borgere fundet for »%s«", typed)
	case found == 0:
		empty = fmt.Sprintf("Ingen andre borgere fundet for »%s«", typed)
	case res.Total > int64(len(res.Items)):
		empty = fmt.Sprintf("%d borgere fundet – de første %d vises; skriv mere af navnet", res.Total, len(res.Items))
	default:
		empty = fmt.Sprintf("%d borgere fundet – vælg på listen", found)
		if found == 1 {
			empty = "1 borger fundet – vælg på listen"
		}
	}
	return out, empty, nil
}

// citizenOptions answers the type-ahead: the option list of the citizen
// select for the text typed, with the chosen citizen kept.
func (h *Handler) citizenOptions(c echo.Context) error {
	u := session.UserFrom(c)
	if err := access.Can(u, access.Read, access.Of(access.Citizen)); err != nil {
		return err
	}
	chosen := c.QueryParam("citizen_id")
	opts, empty, err := h.citizenMatches(c.Request().Context(), u, cleanCitizenSearch(c.QueryParam(citizenSearchParam)), chosen,
		c.QueryParam("til") == "soeg")
	if err != nil {
		return err
	}
	return renderBlock(c, http.StatusOK, "placements/form", "citizen-options",
		newPage(c, "", secPlacements, citizenOptionsContent{Options: opts, Chosen: chosen, Empty: empty}))
}
