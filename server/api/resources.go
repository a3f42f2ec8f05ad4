package api

import (
	"context"
	"net/http"
	"reflect"
	"strconv"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/server/app"
	"placering/server/problem"
)

// resource wires one entity's five operations to HTTP: list, get, create,
// partial update (PATCH) and archive (DELETE). T is the entity, In what a
// create decodes into, P what a PATCH decodes onto.
type resource[T, In, P any] struct {
	list    func(c echo.Context) (any, error)
	get     func(context.Context, app.Actor, int64) (T, error)
	create  func(context.Context, app.Actor, In) (T, error)
	update  func(context.Context, app.Actor, int64, func(*P) error) (T, error)
	archive func(context.Context, app.Actor, int64) error
}

func pathID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, problem.New(http.StatusNotFound, problem.TypeNotFound, "Findes ikke", "Id'et skal være et positivt heltal.")
	}
	return id, nil
}

func (r resource[T, In, P]) handleList(c echo.Context) error {
	out, err := r.list(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (r resource[T, In, P]) handleGet(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	v, err := r.get(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}

func (r resource[T, In, P]) handleCreate(c echo.Context) error {
	var in In
	if err := decode(c, &in); err != nil {
		return err
	}
	v, err := r.create(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, v)
}

// handleUpdate decodes the body onto the stored values inside the app's
// update, so the app checks access before anything is decoded into place.
func (r resource[T, In, P]) handleUpdate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ignore := serverFields(reflect.TypeFor[T](), reflect.TypeFor[P]())
	v, err := r.update(c.Request().Context(), actor(c), id, func(p *P) error { return decodePatch(c, p, ignore) })
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}

func (r resource[T, In, P]) handleArchive(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := r.archive(c.Request().Context(), actor(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

var companyParams = append([]param{
	p("q", "string", "Fritekst i navn, CVR-nummer eller by.", false),
	codeParam("branch", "Branchekode; gentag for flere (eller).", branchCodes()),
	p("town", "string", "By.", false),
	idParam("jobcentre_id", "Kun virksomheder registreret af dette jobcenter."),
}, paging(models.CompanySorts)...)

func (h *Handler) companies() resource[models.Company, app.CompanyInput, models.CompanyFields] {
	return resource[models.Company, app.CompanyInput, models.CompanyFields]{
		list: func(c echo.Context) (any, error) {
			q := newQuery(c, companyParams)
			f := models.CompanyFilter{Page: q.page(), Q: c.QueryParam("q"), Branches: q.codes("branch", models.ValidBranch),
				Town: c.QueryParam("town"), JobcentreID: q.id("jobcentre_id"), IncludeArchived: q.bool("include_archived")}
			if err := q.err(); err != nil {
				return nil, err
			}
			return h.App.ListCompanies(c.Request().Context(), actor(c), f)
		},
		get: h.App.GetCompany, create: h.App.CreateCompany, update: h.App.UpdateCompany, archive: h.App.ArchiveCompany,
	}
}

var vcParams = append([]param{
	p("q", "string", "Fritekst i virksomhedens navn eller by, eller i aftalens noter.", false),
	idParam("company_id", "Kun aftaler med denne virksomhed."),
	idParam("jobcentre_id", "Kun aftaler i dette jobcenter."),
	p("target_group", "string", "Kun virksomhedscentre, der tager imod denne målgruppe.", false).enum(codes(models.TargetGroups)...),
	p("active_on", "string", "Kun aftaler, der gælder denne dato (ÅÅÅÅ-MM-DD).", false).date(),
}, paging(models.VirksomhedscenterSorts)...)

func (h *Handler) virksomhedscentre() resource[models.Virksomhedscenter, models.VirksomhedscenterFields, models.VirksomhedscenterFields] {
	return resource[models.Virksomhedscenter, models.VirksomhedscenterFields, models.VirksomhedscenterFields]{
		list: func(c echo.Context) (any, error) {
			q := newQuery(c, vcParams)
			groups := q.codes("target_group", validTargetGroup)
			f := models.VirksomhedscenterFilter{Page: q.page(), Q: c.QueryParam("q"), CompanyID: q.id("company_id"), JobcentreID: q.id("jobcentre_id"),
				ActiveOn: q.date("active_on"), IncludeArchived: q.bool("include_archived")}
			if len(groups) > 0 {
				f.TargetGroup = groups[0]
			}
			if err := q.err(); err != nil {
				return nil, err
			}
			return h.App.ListVirksomhedscentre(c.Request().Context(), actor(c), f)
		},
		get: h.App.GetVirksomhedscenter, create: h.App.CreateVirksomhedscenter,
		update: h.App.UpdateVirksomhedscenter, archive: h.App.ArchiveVirksomhedscenter,
	}
}

var openingParams = append([]param{
	p("q", "string", "Fritekst i titel, opgaver eller by.", false),
	codeParam("kind", "Ordning; gentag for flere (eller).", models.Kinds),
	codeParam("branch", "Branchekode; gentag for flere (eller).", branchCodes()),
	codeParam("status", "Status; gentag for flere (eller).", models.OpeningStatuses),
	idParam("company_id", "Kun åbninger hos denne virksomhed."),
	idParam("jobcentre_id", "Kun åbninger i dette jobcenter."),
}, paging(models.OpeningSorts)...)

func (h *Handler) openings() resource[models.Opening, models.OpeningFields, models.OpeningFields] {
	return resource[models.Opening, models.OpeningFields, models.OpeningFields]{
		list: func(c echo.Context) (any, error) {
			q := newQuery(c, openingParams)
			f := models.OpeningFilter{Page: q.page(), Q: c.QueryParam("q"), Kinds: q.codes("kind", validKind),
				Branches: q.codes("branch", models.ValidBranch), Statuses: q.codes("status", validStatus),
				CompanyID: q.id("company_id"), JobcentreID: q.id("jobcentre_id"), IncludeArchived: q.bool("include_archived")}
			if err := q.err(); err != nil {
				return nil, err
			}
			return h.App.ListOpenings(c.Request().Context(), actor(c), f)
		},
		get: h.App.GetOpening, create: h.App.CreateOpening, update: h.App.UpdateOpening, archive: h.App.ArchiveOpening,
	}
}

var citizenParams = append([]param{
	p("q", "string", "Fritekst i navn.", false),
	codeParam("target_group", "Målgruppe; gentag for flere (eller).", models.TargetGroups),
	idParam("consultant_id", "Kun borgere med denne ansvarlige konsulent."),
}, paging(models.CitizenSorts)...)

func (h *Handler) citizens() resource[models.Citizen, app.CitizenInput, app.CitizenInput] {
	return resource[models.Citizen, app.CitizenInput, app.CitizenInput]{
		list: func(c echo.Context) (any, error) {
			q := newQuery(c, citizenParams)
			f := models.CitizenFilter{Page: q.page(), Q: c.QueryParam("q"), TargetGroups: q.codes("target_group", validTargetGroup),
				ConsultantID: q.id("consultant_id"), IncludeArchived: q.bool("include_archived")}
			if err := q.err(); err != nil {
				return nil, err
			}
			return h.App.ListCitizens(c.Request().Context(), actor(c), f)
		},
		get: h.App.GetCitizen, create: h.App.CreateCitizen, update: h.App.UpdateCitizen, archive: h.App.ArchiveCitizen,
	}
}
