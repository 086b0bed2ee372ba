// Package pages renders the HTML pages asynclings writes for people: the
// class dashboard, the learner's page, similarity reports, feedback
// reports; charts are drawn with gonum/plot's SVG backend. It takes the
// values that engine/report and engine/similarity compute.
package pages

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
)

// The frame of the offline pages (the class dashboard, the learner's page):
// head, inline style that prints and follows prefers-color-scheme, a small
// script to sort tables, and the "table" and "figure" templates.
//
//go:embed page.html.tmpl
var frameText string

// newPage returns a page template: the frame around content, which must
// define "main" and may define "header" (default: an <h1> of .Title) and
// "style" (more CSS). The data given to Execute needs a Title field. The
// frame's templates "table" (a Table) and "figure" (a Figure: the chart, its
// caption and its table in <details>) are there for content to use; funcs
// are added before content is parsed.
func newPage(name, content string, funcs template.FuncMap) (*template.Template, error) {
	t, err := template.New(name).Funcs(funcs).Parse(frameText)
	if err != nil {
		return nil, err
	}
	if _, err := t.Parse(content); err != nil {
		return nil, fmt.Errorf("page %s: %w", name, err)
	}
	if t.Lookup("main") == nil {
		return nil, fmt.Errorf("page %s: the content defines no \"main\" template", name)
	}
	return t, nil
}

// writePage writes the page t (from newPage) for data.
func writePage(w io.Writer, t *template.Template, data any) error {
	return t.ExecuteTemplate(w, "frame", data)
}
