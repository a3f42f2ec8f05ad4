package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strconv"

	"github.com/labstack/echo/v4"

	"placering/matching/progression"
	"placering/matching/report"
	"placering/models"
	"placering/server/app"
	"placering/server/problem"
)

// Placements, weekly hours, progression, alerts and the monthly report.
// Access is decided in server/access, asked by server/app; the report is
// counted by matching/report.

func (h *Handler) placementRoutes() []route {
	return []route{
		{method: http.MethodGet, path: "/placements", handler: h.listPlacements, tag: "Placeringer", params: placementParams,
			summary: "Placeringer (konsulent: eget jobcenter; arbejdsgiver: egen virksomhed)", response: app.PlacementView{}, status: http.StatusOK, list: true},
		{method: http.MethodPost, path: "/placements", handler: h.createPlacement, tag: "Placeringer",
			summary: "Opret en placering direkte (uden match); med åbning hentes virksomhed, ordning, varighed og timeplan derfra",
			body:    models.PlacementFields{}, response: app.PlacementView{}, status: http.StatusCreated},
		{method: http.MethodGet, path: "/placements/:id", handler: h.getPlacement, tag: "Placeringer",
			summary: "Hent en placering", response: app.PlacementView{}, status: http.StatusOK},
		{method: http.MethodPatch, path: "/placements/:id", handler: h.updatePlacement, tag: "Placeringer",
			summary: "Ret en placering (kun de felter, der sendes): status planlagt → aktiv → afsluttet/afbrudt, udfald, evaluering, plan, mentorer",
			body:    models.PlacementFields{}, response: app.PlacementView{}, status: http.StatusOK, patchOf: app.PlacementView{}},
		{method: http.MethodGet, path: "/placements/:id/hours", handler: h.placementHours, tag: "Timer",
			summary: "Placeringens uger med planlagte og registrerede timer", response: app.PlacementHours{}, status: http.StatusOK},
		{method: http.MethodGet, path: "/placements/:id/hours/:iso_week", handler: h.weekHours, tag: "Timer",
			summary: "Én uge (fx 2027-W03) med alle revisioner", response: app.WeekView{}, status: http.StatusOK},
		{method: http.MethodPut, path: "/placements/:id/hours/:iso_week", handler: h.putWeek, tag: "Timer",
			summary: "Gem ugens timer (fx 2027-W03); en rettelse bliver en ny revision, og revision i kroppen afviser samtidige rettelser",
			body:    models.HoursInput{}, response: app.HoursRow{}, status: http.StatusOK},
		{method: http.MethodPost, path: "/hours/bulk", handler: h.bulkHours, tag: "Timer",
			summary: "Gem mange ugers timer i én transaktion: alt eller intet, med fejl pr. punkt (items[i].felt)",
			body:    app.BulkHoursInput{}, response: app.BulkHoursResult{}, status: http.StatusOK},
		{method: http.MethodGet, path: "/citizens/:id/progression", handler: h.citizenProgression, tag: "Progression",
			summary:  "Borgerens timeprogression: ugeserie, nøgletal (timer, 4-ugers gennemsnit, trend, 225-timersreglen) og advarsler",
			response: app.ProgressionView{}, status: http.StatusOK},
		{method: http.MethodGet, path: "/alerts", handler: h.listAlerts, tag: "Progression", params: alertParams,
			summary: "Advarsler i jobcentret (beregnes løbende), først forfaldne", response: app.AlertItem{}, status: http.StatusOK, list: true},
		{method: http.MethodPost, path: "/alerts/:key/ack", handler: h.ackAlert, tag: "Progression",
			summary: "Kvittér for en advarsel med en note (nøglen fra key)", body: app.AckInput{}, response: app.AlertItem{}, status: http.StatusCreated},
		{method: http.MethodGet, path: "/progression/settings", handler: h.getProgressionSettings, tag: "Progression", params: progressionJobcentreParam,
			summary: "Jobcentrets tærskler og frister for advarsler", response: app.ProgressionSettings{}, status: http.StatusOK},
		{method: http.MethodPut, path: "/progression/settings", handler: h.putProgressionSettings, tag: "Progression",
			summary: "Ret jobcentrets tærskler og frister (kun administrator); udeladte felter får standardværdien",
			body:    app.ProgressionSettings{}, response: app.ProgressionSettings{}, status: http.StatusOK},
		{method: http.MethodGet, path: "/reports/monthly", handler: h.monthlyReport, tag: "Rapporter", params: reportParams,
			summary: "Månedsrapport pr. målgruppe (JSON, eller CSV med format=csv eller Accept: text/csv)", response: app.MonthlyReport{}, status: http.StatusOK, csv: true},
		{method: http.MethodGet, path: "/vocabulary/placements", handler: h.placementVocabulary, public: true, tag: "Ordforråd",
			summary: "Koder og danske betegnelser for placeringer, timer og advarsler", response: placementVocabulary{}, status: http.StatusOK},
	}
}

var progressionJobcentreParam = []param{idParam("jobcentre_id", "Jobcentret (standard: dit eget; andre kun for administratorer).")}

var placementParams = append([]param{
	idParam("citizen_id", "Kun denne borgers placeringer."),
	idParam("company_id", "Kun placeringer hos denne virksomhed."),
	idParam("opening_id", "Kun placeringer i denne åbning."),
	idParam("consultant_id", "Kun placeringer for borgere med denne ansvarlige konsulent."),
	codeParam("status", "Status (planlagt, aktiv, afsluttet, afbrudt); gentag for flere.", models.PlacementStatuses),
	codeParam("kind", "Ordning; gentag for flere.", models.Kinds),
	p("active_on", "string", "Kun placeringer i gang denne dato (ÅÅÅÅ-MM-DD).", false).date(),
	idParam("jobcentre_id", "Kun dette jobcenter (administratorer)."),
}, paging(models.PlacementSorts)...)

func (h *Handler) listPlacements(c echo.Context) error {
	q := newQuery(c, placementParams)
	f := models.PlacementFilter{Page: q.page(), CitizenID: q.id("citizen_id"), CompanyID: q.id("company_id"), OpeningID: q.id("opening_id"), ConsultantID: q.id("consultant_id"),
		Statuses: q.codes("status", func(s string) bool { return models.PlacementStatus(s).Valid() }), Kinds: q.codes("kind", validKind),
		ActiveOn: q.date("active_on"), JobcentreID: q.id("jobcentre_id"), IncludeArchived: q.bool("include_archived")}
	if err := q.err(); err != nil {
		return err
	}
	res, err := h.App.ListPlacements(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (h *Handler) createPlacement(c echo.Context) error {
	var in models.PlacementFields
	if err := decode(c, &in); err != nil {
		return err
	}
	p, err := h.App.CreatePlacement(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/placements/"+strconv.FormatInt(p.ID, 10))
	return c.JSON(http.StatusCreated, p)
}

func (h *Handler) getPlacement(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := h.App.GetPlacement(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// updatePlacement decodes the body onto the stored fields inside the app's
// update, so access is checked before anything is decoded into place.
func (h *Handler) updatePlacement(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	p, err := h.App.UpdatePlacement(c.Request().Context(), actor(c), id, func(f *models.PlacementFields) error {
		return decodePatch(c, f, serverFields(reflect.TypeFor[app.PlacementView](), reflect.TypeFor[models.PlacementFields]()))
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

func (h *Handler) placementHours(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	res, err := h.App.HoursOfPlacement(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (h *Handler) weekHours(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	res, err := h.App.HoursOfWeek(c.Request().Context(), actor(c), id, c.Param("iso_week"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (h *Handler) putWeek(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in models.HoursInput
	if err := decode(c, &in); err != nil {
		return err
	}
	row, err := h.App.SaveWeek(c.Request().Context(), actor(c), id, c.Param("iso_week"), in)
	if err != nil {
		return hoursProblem(err)
	}
	return c.JSON(http.StatusOK, row)
}

// bulkHours decodes each item as strictly as a single week, naming every
// problem as items[i].field.
func (h *Handler) bulkHours(c echo.Context) error {
	var raw struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := decode(c, &raw); err != nil {
		return err
	}
	in := app.BulkHoursInput{Items: make([]app.BulkHoursItem, len(raw.Items))}
	var errs models.FieldErrors
	broken := map[int]bool{}
	for i, r := range raw.Items {
		if fe := decodeItem(r, &in.Items[i], "items["+strconv.Itoa(i)+"]"); len(fe) > 0 {
			errs, broken[i] = append(errs, fe...), true
		}
	}
	if len(errs) > 0 {
		// Report what validation finds in the items that did decode too,
		// so the client fixes everything in one round trip.
		for i := range in.Items {
			if !broken[i] {
				errs = append(errs, in.Items[i].ValidateAs("items["+strconv.Itoa(i)+"].")...)
			}
		}
		return problem.Validation(errs)
	}
	res, err := h.App.SaveHoursBulk(c.Request().Context(), actor(c), in)
	if err != nil {
		return hoursProblem(err)
	}
	return c.JSON(http.StatusOK, res)
}

// decodeItem decodes one JSON object into dst field by field, rejecting
// unknown fields and wrong types under the field's full name.
func decodeItem(raw json.RawMessage, dst any, name string) models.FieldErrors {
	var errs models.FieldErrors
	var fields map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&fields); err != nil || fields == nil {
		errs.Add(name, "Hvert punkt skal være et JSON-objekt.")
		return errs
	}
	known := jsonFields(reflect.TypeOf(dst).Elem())
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !known[k] {
			errs.Add(name+"."+k, "Ukendt felt.")
			continue
		}
		one, _ := json.Marshal(map[string]json.RawMessage{k: fields[k]})
		if err := json.Unmarshal(one, dst); err != nil {
			errs.Add(name+"."+k, "%s", typeMessage(err))
		}
	}
	return errs
}

// hoursProblem reports stale revisions as one 409 naming every stale item.
func hoursProblem(err error) error {
	var stale *app.StaleHoursError
	if errors.As(err, &stale) {
		p := problem.New(http.StatusConflict, problem.TypeConflict, "Konflikt",
			"En eller flere uger er gemt af en anden, siden de blev hentet. Intet er gemt. Hent ugerne igen, og ret derefter.")
		p.Errors = stale.Errs
		return p
	}
	return err
}

func (h *Handler) citizenProgression(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	res, err := h.App.CitizenProgression(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

var alertParams = []param{
	codeParam("kind", "Slags advarsel; gentag for flere.", progression.Kinds),
	codeParam("severity", "Alvor (info, advarsel, overskredet); gentag for flere.", progression.Severities),
	idParam("citizen_id", "Kun denne borgers advarsler."),
	idParam("consultant_id", "Kun borgere med denne ansvarlige konsulent."),
	codeParam("target_group", "Målgruppe; gentag for flere.", models.TargetGroups),
	p("due_before", "string", "Kun advarsler, der forfalder før denne dato (ÅÅÅÅ-MM-DD).", false).date(),
	p("acknowledged", "string", "false (standard): kun ubehandlede; true: kun kvitterede; all: alle.", false).enum("false", "true", "all"),
	idParam("jobcentre_id", "Jobcentret (administratorer)."),
	paging(nil)[0],
	paging(nil)[1],
}

func (h *Handler) listAlerts(c echo.Context) error {
	q := newQuery(c, alertParams)
	f := app.AlertFilter{Page: models.Page{Page: q.int("page", 1), PerPage: q.int("per_page", 1)},
		Kinds:      q.codes("kind", func(s string) bool { return progression.Kind(s).Valid() }),
		Severities: q.codes("severity", func(s string) bool { return s == "info" || s == "advarsel" || s == "overskredet" }),
		CitizenID:  q.id("citizen_id"), ConsultantID: q.id("consultant_id"), TargetGroups: q.codes("target_group", validTargetGroup),
		DueBefore: q.date("due_before"), JobcentreID: q.id("jobcentre_id")}
	switch ack := c.QueryParam("acknowledged"); ack {
	case "", "false":
	case "true", "all":
		f.Acknowledged = ack
	default:
		q.errs.Add("acknowledged", "Skal være true, false eller all.")
	}
	if err := q.err(); err != nil {
		return err
	}
	res, err := h.App.Alerts(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

func (h *Handler) ackAlert(c echo.Context) error {
	key, err := url.PathUnescape(c.Param("key"))
	if err != nil || key == "" {
		return problem.New(http.StatusNotFound, problem.TypeNotFound, "Findes ikke", "Ukendt advarsel.")
	}
	var in app.AckInput
	if err := decode(c, &in); err != nil {
		return err
	}
	res, err := h.App.AckAlert(c.Request().Context(), actor(c), key, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, res)
}

func (h *Handler) getProgressionSettings(c echo.Context) error {
	q := newQuery(c, progressionJobcentreParam)
	jc := q.id("jobcentre_id")
	if err := q.err(); err != nil {
		return err
	}
	if u := actor(c); jc == 0 && u.JobcentreID != nil {
		jc = *u.JobcentreID
	}
	s, err := h.App.ProgressionSettingsFor(c.Request().Context(), actor(c), jc)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}

// putProgressionSettings replaces a jobcentre's thresholds; fields left
// out take the defaults.
func (h *Handler) putProgressionSettings(c echo.Context) error {
	in := app.ProgressionSettings{Settings: progression.DefaultSettings()}
	if err := decode(c, &in); err != nil {
		return err
	}
	if u := actor(c); in.JobcentreID == 0 && u.JobcentreID != nil {
		in.JobcentreID = *u.JobcentreID
	}
	s, err := h.App.SaveProgressionSettings(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s)
}

var reportParams = []param{
	p("from", "string", "Første måned (ÅÅÅÅ-MM).", false).pattern(monthPattern).required(),
	p("to", "string", "Sidste måned (ÅÅÅÅ-MM); højst 36 måneder; standard: samme som from.", false).pattern(monthPattern),
	p("format", "string", "json (standard) eller csv (også med Accept: text/csv).", false).enum("json", "csv"),
	idParam("jobcentre_id", "Jobcentret (administratorer; udeladt: alle jobcentre)."),
}

func (h *Handler) monthlyReport(c echo.Context) error {
	q := newQuery(c, reportParams)
	jc := q.id("jobcentre_id")
	format := c.QueryParam("format")
	switch format {
	case "":
		if accepts(c, "text/csv") {
			format = "csv"
		}
	case "json", "csv":
	default:
		q.errs.Add("format", "Skal være json eller csv.")
	}
	from, to := c.QueryParam("from"), c.QueryParam("to")
	if to == "" {
		to = from
	}
	if from == "" {
		q.errs.Add("from", "Angiv første måned (ÅÅÅÅ-MM).")
	} else if _, _, err := report.ParseMonthRange(from, to); err != nil {
		var fe models.FieldErrors
		if errors.As(err, &fe) {
			q.errs = append(q.errs, fe...)
		}
	}
	if err := q.err(); err != nil {
		return err
	}
	r, err := h.App.MonthlyReport(c.Request().Context(), actor(c), jc, from, to)
	if err != nil {
		return err
	}
	if format != "csv" {
		return c.JSON(http.StatusOK, r)
	}
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="maanedsrapport-%s-%s.csv"`, r.From, r.To))
	res.WriteHeader(http.StatusOK)
	return r.WriteCSV(res)
}

// accepts reports whether the request's Accept header names mediaType.
func accepts(c echo.Context, mediaType string) bool {
	for _, part := range bytes.Split([]byte(c.Request().Header.Get(echo.HeaderAccept)), []byte(",")) {
		mt, _, _ := bytes.Cut(bytes.TrimSpace(part), []byte(";"))
		if string(bytes.TrimSpace(mt)) == mediaType {
			return true
		}
	}
	return false
}

// placementVocabulary lists the codes of placements, hours and alerts with
// their Danish labels.
type placementVocabulary struct {
	Statuses       []models.Option `json:"statuses"`
	Outcomes       []models.Option `json:"outcomes"`
	Completions    []models.Option `json:"completions"`
	AbsenceReasons []models.Option `json:"absence_reasons"`
	HourSources    []models.Option `json:"hour_sources"`
	AlertKinds     []models.Option `json:"alert_kinds"`
	Competences    []string        `json:"general_competences"`
}

func (h *Handler) placementVocabulary(c echo.Context) error {
	kinds := make([]models.Option, len(progression.Kinds))
	for i, k := range progression.Kinds {
		kinds[i] = models.Option{Code: string(k), Label: k.Label()}
	}
	return c.JSON(http.StatusOK, placementVocabulary{Statuses: models.PlacementStatusOptions(), Outcomes: models.OutcomeOptions(),
		Completions: models.CompletionOptions(), AbsenceReasons: models.AbsenceReasonOptions(), HourSources: models.HourSourceOptions(),
		AlertKinds: kinds, Competences: models.GeneralCompetences})
}
