package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"placering/models"
	"placering/server/api/apiclient"
	"placering/store/storetest"
)

func ptrTo[T any](v T) *T { return &v }

// A client generated from the document (package apiclient, by oapi-codegen)
// runs a consultant's day against the real server: log in, register a
// company, an opening and a citizen, fetch the citizen's proposals, move
// the match to started, save a week's hours and read the progression. Its
// requests and the answers go through the same contract check as every
// other API test.
func TestGeneratedClientScenario(t *testing.T) {
	e := newEnv(t, storetest.SQLite)
	ctx := context.Background()
	check := func(what string, status int, want int, body []byte) {
		t.Helper()
		if status != want {
			t.Fatalf("%s: %d, want %d: %s", what, status, want, body)
		}
	}
	anon, err := apiclient.NewClientWithResponses(e.srv.URL, apiclient.WithHTTPClient(e.client))
	must(t, err)
	login, err := anon.PostAuthTokensWithResponse(ctx, apiclient.TokenRequest{Email: "kons.a@test.dk", Password: "hemmelig-kode-123"})
	must(t, err)
	check("log in", login.StatusCode(), http.StatusCreated, login.Body)
	bearer := func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+login.JSON201.Token)
		return nil
	}
	c, err := apiclient.NewClientWithResponses(e.srv.URL, apiclient.WithHTTPClient(e.client), apiclient.WithRequestEditorFn(bearer))
	must(t, err)

	company, err := c.PostCompaniesWithResponse(ctx, apiclient.CompanyInput{Cvr: "29403473", Name: "Øresund Lager A/S",
		Branch: "transport_lager_logistik", Town: ptrTo("Helsingør"), Postcode: ptrTo("3000"), Lat: ptrTo(56.036), Lon: ptrTo(12.612)})
	must(t, err)
	check("company", company.StatusCode(), http.StatusCreated, company.Body)

	start := openapi_types.Date{Time: time.Now().AddDate(0, 0, -21)}
	opening, err := c.PostOpeningsWithResponse(ctx, apiclient.OpeningInput{CompanyId: company.JSON201.Id,
		Kind: apiclient.OpeningInputKindVirksomhedspraktik, Title: "Lagermedarbejder", HoursMin: ptrTo(5.0), HoursMax: 25,
		Seats: 2, StartDate: &start, DurationWeeks: ptrTo(int64(13))})
	must(t, err)
	check("opening", opening.StatusCode(), http.StatusCreated, opening.Body)
	if opening.JSON201.Branch != "transport_lager_logistik" {
		t.Errorf("opening branch not taken from the company: %q", opening.JSON201.Branch)
	}

	citizen, err := c.PostCitizensWithResponse(ctx, apiclient.CitizenInput{Cpr: ptrTo("0101901234"), Name: "Anna Andersen",
		TargetGroup: apiclient.CitizenInputTargetGroupGruppe2, GoalBranch: ptrTo("transport_lager_logistik"),
		Lat: ptrTo(56.03), Lon: ptrTo(12.60), MaxCommuteKm: ptrTo(20.0), HoursCapacity: ptrTo(15.0)})
	must(t, err)
	check("citizen", citizen.StatusCode(), http.StatusCreated, citizen.Body)
	if citizen.JSON201.CprMasked == nil || *citizen.JSON201.CprMasked != "010190-XXXX" {
		t.Errorf("cpr_masked = %s", citizen.Body)
	}

	matches, err := c.GetCitizensIdMatchesWithResponse(ctx, *citizen.JSON201.Id, nil)
	must(t, err)
	check("matches", matches.StatusCode(), http.StatusOK, matches.Body)
	found := false
	for _, it := range *matches.JSON200.Items {
		found = found || it.OpeningId != nil && *it.OpeningId == *opening.JSON201.Id
	}
	if !found {
		t.Fatalf("the opening is not proposed: %s", matches.Body)
	}

	match, err := c.PostMatchesWithResponse(ctx, apiclient.ProposeInput{CitizenId: *citizen.JSON201.Id, OpeningId: *opening.JSON201.Id})
	must(t, err)
	check("propose", match.StatusCode(), http.StatusCreated, match.Body)
	for _, state := range []apiclient.MoveInputState{apiclient.MoveInputStateKontaktet, apiclient.MoveInputStateSamtale,
		apiclient.MoveInputStateAftalt, apiclient.MoveInputStateStartet} {
		moved, err := c.PostMatchesIdTransitionsWithResponse(ctx, *match.JSON201.Id, apiclient.MoveInput{State: state})
		must(t, err)
		check("move to "+string(state), moved.StatusCode(), http.StatusOK, moved.Body)
	}

	placements, err := c.GetPlacementsWithResponse(ctx, &apiclient.GetPlacementsParams{CitizenId: citizen.JSON201.Id})
	must(t, err)
	check("placements", placements.StatusCode(), http.StatusOK, placements.Body)
	if len(placements.JSON200.Items) != 1 {
		t.Fatalf("starting the match made %d placements: %s", len(placements.JSON200.Items), placements.Body)
	}
	placement := placements.JSON200.Items[0]

	week := models.ISOWeekOf(models.DateOf(time.Now())).String()
	saved, err := c.PutPlacementsIdHoursIsoWeekWithResponse(ctx, *placement.Id, week, apiclient.HoursInput{Worked: ptrTo(12.5)})
	must(t, err)
	check("hours", saved.StatusCode(), http.StatusOK, saved.Body)

	prog, err := c.GetCitizensIdProgressionWithResponse(ctx, *citizen.JSON201.Id)
	must(t, err)
	check("progression", prog.StatusCode(), http.StatusOK, prog.Body)
	worked := 0.0
	if prog.JSON200.Series != nil {
		for _, p := range *prog.JSON200.Series {
			if p.Week != nil && *p.Week == week {
				worked = p.Worked
			}
		}
	}
	if worked != 12.5 {
		t.Errorf("progression does not show the week's 12,5 hours: %s", prog.Body)
	}
}
