package pages

import (
	_ "embed"
	"html/template"
	"io"
	"slices"

	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/report"
)

// The page is one file a student opens offline, so the template carries its
// own CSS and no scripts, fonts or links out. Names, messages and test
// output come from students: html/template escapes them, and none may ever
// go through template.HTML.
//
//go:embed feedback.html.tmpl
var feedbackHTML string

var feedbackTmpl = template.Must(template.New("feedback").Funcs(template.FuncMap{
	"points":  homework.FormatPoints,
	"utc":     homework.FormatUTC,
	"days":    func(n int) string { return homework.Plural(n, "day") },
	"verdict": report.Verdict,
	"student": studentLabel,
	"failures": func(items []report.Item) bool {
		return slices.ContainsFunc(items, func(it report.Item) bool { return !it.Passed })
	},
}).Parse(feedbackHTML))

// Feedback writes a student's feedback report as a self-contained HTML page.
func Feedback(w io.Writer, f report.Feedback) error {
	return feedbackTmpl.Execute(w, f)
}

func studentLabel(f report.Feedback) string {
	if f.StudentName == "" {
		return f.StudentID
	}
	return f.StudentName + " (" + f.StudentID + ")"
}
