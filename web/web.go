// Package web holds the browser UI's presentation: html/template pages and
// the static files (CSS, vendored htmx), both embedded in the binary so the
// service runs from a single file. The handlers in server/ui decide what to
// show; this package decides how it looks.
//
// Every page is rendered inside one layout ("layout" in layout.html). Each
// page file defines "content" (and may define blocks such as "results" that
// the handlers render alone for htmx requests), so each page is parsed into
// its own template set: the sets share the layout and partials but cannot
// see each other's "content".
package web

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
)

//go:embed templates
var templateFS embed.FS

// templates maps a page name ("companies/list") to its parsed set. It is
// built once at start-up and only read afterwards.
var templates = mustParse()

func mustParse() map[string]*template.Template {
	t, err := parse()
	if err != nil {
		panic(err) // a broken template is a build error; tests catch it
	}
	return t
}

func parse() (map[string]*template.Template, error) {
	base, err := template.New("base").Funcs(funcs()).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	out := map[string]*template.Template{}
	err = fs.WalkDir(templateFS, "templates/pages", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".html" {
			return err
		}
		set, err := base.Clone()
		if err != nil {
			return fmt.Errorf("clone layout for %s: %w", p, err)
		}
		if _, err := set.ParseFS(templateFS, p); err != nil {
			return fmt.Errorf("parse %s: %w", p, err)
		}
		out[strings.TrimSuffix(strings.TrimPrefix(p, "templates/pages/"), ".html")] = set
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Pages lists the names of every page, for tests.
func Pages() []string {
	out := make([]string, 0, len(templates))
	for name := range templates {
		out = append(out, name)
	}
	return out
}

// Render writes the page name inside the layout.
func Render(w io.Writer, name string, p *Page) error {
	return RenderBlock(w, name, "layout", p)
}

// RenderBlock writes one named block of a page without the layout, for
// htmx requests that replace only part of a page.
func RenderBlock(w io.Writer, name, block string, p *Page) error {
	t, ok := templates[name]
	if !ok {
		return fmt.Errorf("render: no page %q", name)
	}
	if err := t.ExecuteTemplate(w, block, p); err != nil {
		return fmt.Errorf("render %s/%s: %w", name, block, err)
	}
	return nil
}
