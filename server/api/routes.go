package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"placering/matching"
	"placering/models"
	"placering/search"
	"placering/server/app"
)

// route is one API operation: how it is served and how it is documented.
// The OpenAPI document is built from this table, and a test checks the
// table against what echo actually registered.
type route struct {
	method, path string
	handler      echo.HandlerFunc
	public       bool
	tag, summary string
	params       []param
	body         any // a value of the request body's type, or nil
	response     any // a value of the response body's type, or nil
	status       int // the success status
	list         bool
	// patchOf is, for a PATCH, a value of the type a GET returns: its
	// server-set fields may be sent back and are ignored.
	patchOf any
	// csv means the response can also be text/csv.
	csv bool
	// extra are error statuses this operation answers beyond
	// errorStatuses (410 for a one-time link that no longer works).
	extra []int
	// alt is a value of a second response body type, for an operation
	// whose answer depends on who asks (the document says oneOf).
	alt any
	// optionalBody means the request body may be left out.
	optionalBody bool
}

func (h *Handler) routes() []route {
	rs := []route{
		{method: http.MethodPost, path: "/auth/tokens", handler: h.createToken, public: true, tag: "Login",
			summary: "Hent et API-token med e-mail og adgangskode", body: tokenRequest{}, response: TokenResponse{}, status: http.StatusCreated},
		{method: http.MethodGet, path: "/auth/tokens", handler: h.listTokens, tag: "Login",
			summary: "Mine API-tokens (navn, oprettet, sidst brugt, udløber; aldrig selve tokenet)", response: []app.TokenInfo{}, status: http.StatusOK},
		{method: http.MethodDelete, path: "/auth/tokens/:id", handler: h.revokeToken, tag: "Login",
			summary: "Tilbagekald et af mine API-tokens (virker ikke længere fra næste anmodning)", status: http.StatusNoContent},
		{method: http.MethodPut, path: "/me/password", handler: h.changePassword, tag: "Login",
			summary: "Skift min adgangskode (10-200 tegn, ikke en almindelig adgangskode); afslutter alle mine andre sessioner og tokens",
			body:    app.PasswordChange{}, status: http.StatusNoContent},
		{method: http.MethodGet, path: "/openapi.json", handler: h.openapi, public: true, tag: "Dokumentation",
			summary: "Dette OpenAPI-dokument", status: http.StatusOK},
		{method: http.MethodGet, path: "/branches", handler: h.branches, public: true, tag: "Ordforråd",
			summary: "Branchekoder med danske betegnelser", response: []models.Branch{}, status: http.StatusOK},
		{method: http.MethodGet, path: "/me", handler: h.me, tag: "Login",
			summary: "Den indloggede bruger", response: models.User{}, status: http.StatusOK},
		{method: http.MethodGet, path: "/jobcentres", handler: h.jobcentres, tag: "Ordforråd",
			summary: "Jobcentre (lejere)", response: []models.Jobcentre{}, status: http.StatusOK},
		{method: http.MethodGet, path: "/users", handler: h.listUsers, tag: "Brugere", params: userParams,
			summary:  "Brugere, også deaktiverede (active=false), medmindre active siger andet (administrator: alle; konsulent: eget jobcenter)",
			response: []models.User{}, status: http.StatusOK},
		{method: http.MethodPost, path: "/users", handler: h.createUser, tag: "Brugere",
			summary: "Opret bruger med en adgangskode, som brugeren skal skifte ved første login (kun administrator; til automatisering – personer inviteres med POST /invitations og vælger selv)", body: app.UserInput{}, response: models.User{}, status: http.StatusCreated},
		{method: http.MethodPatch, path: "/users/:id", handler: h.updateUser, tag: "Brugere",
			summary: "Ret bruger: navn, rolle, jobcenter, virksomhed; active=false deaktiverer (sessioner og tokens stopper straks), true genaktiverer (kun administrator)",
			body:    app.UserPatch{}, response: models.User{}, status: http.StatusOK},
	}
	for _, idx := range []search.Index{search.Openings, search.Virksomhedscentre, search.Companies} {
		rs = append(rs, route{method: http.MethodGet, path: "/search/" + string(idx), handler: h.search(idx), tag: "Søgning",
			summary: "Søg i " + string(idx) + " (fritekst, filtre, afstand, facetter)", params: searchParams,
			response: app.SearchResult{}, status: http.StatusOK})
	}
	rs = append(rs,
		route{method: http.MethodGet, path: "/citizens/:id/matches", handler: h.citizenMatches, tag: "Matching",
			summary: "Rangerede åbninger til en borger med score, faktorer og begrundelser", params: matchListParams,
			response: app.MatchList{}, status: http.StatusOK},
		route{method: http.MethodGet, path: "/openings/:id/candidates", handler: h.openingCandidates, tag: "Matching",
			summary: "Rangerede borgere til en åbning (omvendt jobformidling). Konsulenter får MatchList; arbejdsgivere (egne åbninger) " +
				"EmployerCandidateList: kun borgere med samtykke til åbningens ordning, en reference pr. åbning, afstand og egnethed som intervaller",
			params: matchListParams[:1], response: app.MatchList{}, alt: app.EmployerCandidateList{}, status: http.StatusOK},
		route{method: http.MethodPost, path: "/matching/assign", handler: h.assign, tag: "Matching",
			summary: "Optimal fordeling af borgere på åbninger (skriver intet)", body: app.AssignInput{},
			response: matching.Assignment{}, status: http.StatusOK},
		route{method: http.MethodGet, path: "/matching/rules", handler: h.rules, tag: "Matching",
			summary: "Reglerne for egnethed, versioneret, med de parametre der gælder", params: jobcentreParam,
			response: matching.RuleTable{}, status: http.StatusOK},
		route{method: http.MethodGet, path: "/matching/settings", handler: h.getSettings, tag: "Matching",
			summary: "Jobcentrets vægte og regelparametre", params: jobcentreParam, response: app.Settings{}, status: http.StatusOK},
		route{method: http.MethodPut, path: "/matching/settings", handler: h.putSettings, tag: "Matching",
			summary: "Ret jobcentrets vægte og regelparametre (kun administrator)", body: app.Settings{}, response: app.Settings{}, status: http.StatusOK},
		route{method: http.MethodGet, path: "/matching/rejection-reasons", handler: h.rejectionReasons, tag: "Matching",
			summary: "Den faste liste af afvisningsårsager", response: []models.RejectionReason{}, status: http.StatusOK},
		route{method: http.MethodGet, path: "/matches", handler: h.listMatches, tag: "Match", params: matchParams,
			summary: "Match i jobcentret (tavlen)", response: models.Match{}, status: http.StatusOK, list: true},
		route{method: http.MethodPost, path: "/matches", handler: h.createMatch, tag: "Match",
			summary: "Opret et match (foreslået) fra et forslag", body: app.ProposeInput{}, response: models.Match{}, status: http.StatusCreated},
		route{method: http.MethodGet, path: "/matches/:id", handler: h.getMatch, tag: "Match",
			summary: "Hent et match med historik", response: models.Match{}, status: http.StatusOK},
		route{method: http.MethodPost, path: "/matches/:id/transitions", handler: h.moveMatch, tag: "Match",
			summary: "Flyt et match i forløbet (afvist kræver en årsag; startet opretter placeringen)", body: app.MoveInput{},
			response: models.Match{}, status: http.StatusOK},
	)
	rs = append(rs, crudRoutes("Virksomheder", "/companies", "virksomhed", h.companies(), companyParams)...)
	rs = append(rs, crudRoutes("Virksomhedscentre", "/virksomhedscentre", "virksomhedscenter-aftale", h.virksomhedscentre(), vcParams)...)
	rs = append(rs, crudRoutes("Åbninger", "/openings", "åbning", h.openings(), openingParams)...)
	rs = append(rs, crudRoutes("Borgere", "/citizens", "borger", h.citizens(), citizenParams)...)
	rs = append(rs, h.placementRoutes()...)  // placements.go
	rs = append(rs, h.privacyRoutes()...)    // privacy.go
	rs = append(rs, h.jobcentreRoutes()...)  // jobcentres.go
	rs = append(rs, h.mailRoutes()...)       // mail.go
	rs = append(rs, h.settingsRoutes()...)   // settings.go
	rs = append(rs, h.oidcRoutes()...)       // oidc.go
	rs = append(rs, h.invitationRoutes()...) // invitations.go
	rs = append(rs, h.interestRoutes()...)   // interests.go
	rs = append(rs, h.referenceRoutes()...)  // references.go
	rs = append(rs, h.hourConfirmationRoutes()...)

	// notifications.go: the user's notifications and the employer home.
	rs = append(rs, h.notificationRoutes()...)
	rs = append(rs, h.reviewRoutes()...) // reviews.go
	return rs
}

func crudRoutes[T, In, P any](tag, base, noun string, r resource[T, In, P], params []param) []route {
	var (
		t  T
		in In
		p  P
	)
	return []route{
		{method: http.MethodGet, path: base, handler: r.handleList, tag: tag, summary: "List (sidevis, filtreret, sorteret)",
			params: params, response: t, status: http.StatusOK, list: true},
		{method: http.MethodPost, path: base, handler: r.handleCreate, tag: tag, summary: "Opret " + noun,
			body: in, response: t, status: http.StatusCreated},
		{method: http.MethodGet, path: base + "/:id", handler: r.handleGet, tag: tag, summary: "Hent " + noun,
			response: t, status: http.StatusOK},
		{method: http.MethodPatch, path: base + "/:id", handler: r.handleUpdate, tag: tag,
			summary: "Ret " + noun + " (kun de felter, der sendes)", body: p, response: t, status: http.StatusOK, patchOf: t},
		{method: http.MethodDelete, path: base + "/:id", handler: r.handleArchive, tag: tag,
			summary: "Arkivér " + noun + " (skjules i lister, historikken bevares)", status: http.StatusNoContent},
	}
}
