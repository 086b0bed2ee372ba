package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
	"github.com/asynclings/asynclings/engine/quiz"
)

// The terminal side (prompts, Markdown, widths, bars, verdicts) is
// cmd/internal/ui; these are the app's ways to it.

// plain holds the run's prompter, chosen once (app.plain).
type plain struct{ ui.Prompter }

// prompter is the run's prompter: plain lines in accessible mode or off a
// terminal, else huh's fields.
func (a *app) prompter() ui.Prompter {
	if a.plain == nil {
		a.plain = &plain{ui.New(a.stdin, a.stdout, a.accessibleMode())}
	}
	return a.plain.Prompter
}

// accessibleMode reports whether plain prompts are asked for: --accessible,
// ACCESSIBLE=1 (any value but "", "0" or "false"), or TERM=dumb.
func (a *app) accessibleMode() bool {
	switch os.Getenv("ACCESSIBLE") {
	case "", "0", "false":
	default:
		return true
	}
	return a.accessible || os.Getenv("TERM") == "dumb"
}

// canInteract reports whether a session can run: on a terminal, or in
// accessible mode, which reads plain lines.
func canInteract(a *app) bool {
	return a.accessibleMode() || ui.IsTerminal(a.stdin) && ui.IsTerminal(a.stdout)
}

func (a *app) renderer() ui.Renderer {
	return ui.Renderer{Styled: ui.Styled(a.stdout, a.accessibleMode()), Width: ui.Width(a.stdout)}
}

// renderMarkdown renders md for stdout (see ui.Renderer).
func (a *app) renderMarkdown(md string) string { return a.renderer().Render(md) }

func (a *app) fileLink(path string) string {
	return ui.FileLink(path, ui.Styled(a.stdout, a.accessibleMode()))
}

// pathLine is label and path on one line, or the path on a line of its
// own when they would not fit the terminal: a path is never broken.
func (a *app) pathLine(label, path string) string {
	if w := ui.Width(a.stdout); w > 0 && len(label)+1+len(path) > w {
		return label + "\n  " + a.fileLink(path)
	}
	return label + " " + a.fileLink(path)
}

func (a *app) printVerdict(v engine.Verdict)                  { ui.PrintVerdict(a.stdout, v) }
func startSpinner(w io.Writer, label string) func()           { return ui.StartSpinner(w, label) }
func indent(s, prefix string) string                          { return ui.Indent(s, prefix) }
func describeAnswer(q *engine.Question, a quiz.Answer) string { return ui.DescribeAnswer(q, a) }

type progressBar struct{ *ui.Progress }

func startProgress(w io.Writer, label, unit string, total int) *progressBar {
	return &progressBar{ui.StartProgress(w, label, unit, total)}
}
func (p *progressBar) set(done, total int)                         { p.Set(done, total) }
func (p *progressBar) printf(out io.Writer, f string, args ...any) { p.Printf(out, f, args...) }
func (p *progressBar) stop()                                       { p.Stop() }

func (a *app) writeJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// whyNotText renders why-nots as a Markdown list, "- «choice»: why" an
// item; "" for none.
func whyNotText(ws []learn.WhyNot) string {
	var b strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&b, "- «%s»: %s\n", strings.TrimSpace(w.Choice), strings.ReplaceAll(w.Why, "\n", "\n  "))
	}
	return strings.TrimSuffix(b.String(), "\n")
}
