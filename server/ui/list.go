package ui

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"placering/models"
	"placering/web"
)

// perPage is the list page size: enough to scan, short enough to read.
const perPage = 25

var filterLabels = map[string]string{
	"q":            "Søg",
	"branch":       "Branche",
	"kind":         "Ordning",
	"status":       "Status",
	"target_group": "Målgruppe",
	"active":       "Kun aftaler, der gælder i dag",
	"sort":         "Sortér efter",
}

// listQuery is a list's cleaned query string: only known parameters, only
// valid values, so that the filter form and the paging links never carry
// anything the store would reject.
type listQuery struct {
	path   string
	values url.Values
	page   models.Page
}

// readList reads q, page and sort (the first sort is the default), plus
// the named select filters, each checked against its options.
func readList(c echo.Context, sorts []models.Option, selects map[string][]models.Option, flags ...string) listQuery {
	lq := listQuery{path: c.Request().URL.Path, values: url.Values{}}
	if q := listText(c.QueryParam("q")); q != "" {
		lq.values.Set("q", q)
	}
	for name, opts := range selects {
		if v := c.QueryParam(name); hasOption(opts, v) {
			lq.values.Set(name, v)
		}
	}
	for _, name := range flags {
		if c.QueryParam(name) != "" {
			lq.values.Set(name, "on")
		}
	}
	sort := c.QueryParam("sort")
	if !hasOption(sorts, sort) {
		sort = sorts[0].Code
	}
	lq.values.Set("sort", sort)
	page, _ := strconv.Atoi(c.QueryParam("page"))
	if page < 1 || page > 100000 {
		page = 1
	}
	lq.page = models.Page{Page: page, PerPage: perPage, Sort: sort}
	return lq
}

// listText cleans a list's free-text filter: invalid UTF-8 and control
// characters (a NUL byte, which PostgreSQL refuses) are dropped, text that
// shows as nothing counts as no filter, and it is cut at 100 characters, so
// that the store gets the same harmless text on every backend.
func listText(v string) string {
	v = strings.ToValidUTF8(v, "")
	v = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, v)
	v = strings.TrimSpace(v)
	if models.TextProblem(v, false) != "" {
		return ""
	}
	if r := []rune(v); len(r) > 100 {
		v = strings.TrimSpace(string(r[:100]))
	}
	return v
}

func hasOption(opts []models.Option, v string) bool {
	return v != "" && slices.ContainsFunc(opts, func(o models.Option) bool { return o.Code == v })
}

// one returns the filter value as a one-element list, or nil.
func (lq listQuery) one(name string) []string {
	if v := lq.values.Get(name); v != "" {
		return []string{v}
	}
	return nil
}

func (lq listQuery) filterForm() *web.Form { return web.NewForm(filterLabels, lq.values) }

// meta builds the paging and count information for the page.
func (lq listQuery) meta(c echo.Context, total int64, noun web.Noun) web.ListMeta {
	p := lq.page.Normalized()
	pages := int((total + int64(p.PerPage) - 1) / int64(p.PerPage))
	pg := web.Pager{Total: total, Page: p.Page, Pages: pages}
	if total > 0 {
		pg.From = int64((p.Page-1)*p.PerPage) + 1
		pg.To = min(int64(p.Page*p.PerPage), total)
	}
	link := func(n int) string {
		v := url.Values{}
		for k, vs := range lq.values {
			v[k] = vs
		}
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
		return lq.path + "?" + v.Encode()
	}
	if p.Page > 1 {
		pg.PrevURL = link(min(p.Page-1, max(pages, 1)))
	}
	if p.Page < pages {
		pg.NextURL = link(p.Page + 1)
	}
	return web.ListMeta{Pager: pg, Noun: noun, OOB: isFragment(c)}
}

// renderList answers with the whole page, or for htmx only the results
// (which carry the updated count out of band).
func renderList(c echo.Context, name, title, section string, content any) error {
	p := newPage(c, title, section, content)
	if isFragment(c) {
		return renderBlock(c, http.StatusOK, name, "results", p)
	}
	return renderPage(c, http.StatusOK, name, p)
}
