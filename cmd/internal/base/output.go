package base

import (
	"encoding/json"
	"os"

	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
)

// The terminal side (prompts, Markdown, widths, bars, verdicts) is
// cmd/internal/ui; these are the app's ways to it.

// Prompter is the run's prompter: plain lines in accessible mode or off a
// terminal, else huh's fields.
func (a *App) Prompter() ui.Prompter {
	if a.prompter == nil {
		a.prompter = ui.New(a.Stdin, a.Stdout, a.AccessibleMode())
	}
	return a.prompter
}

// AccessibleMode reports whether plain prompts are asked for: --accessible,
// ACCESSIBLE=1 (any value but "", "0" or "false"), or TERM=dumb.
func (a *App) AccessibleMode() bool {
	switch os.Getenv("ACCESSIBLE") {
	case "", "0", "false":
	default:
		return true
	}
	return a.Accessible || os.Getenv("TERM") == "dumb"
}

// CanInteract reports whether a session can run: on a terminal, or in
// accessible mode, which reads plain lines.
func (a *App) CanInteract() bool {
	return a.AccessibleMode() || ui.IsTerminal(a.Stdin) && ui.IsTerminal(a.Stdout)
}

func (a *App) Renderer() ui.Renderer {
	return ui.Renderer{Styled: ui.Styled(a.Stdout, a.AccessibleMode()), Width: ui.Width(a.Stdout)}
}

// RenderMarkdown renders md for stdout (see ui.Renderer).
func (a *App) RenderMarkdown(md string) string { return a.Renderer().Render(md) }

func (a *App) FileLink(path string) string {
	return ui.FileLink(path, ui.Styled(a.Stdout, a.AccessibleMode()))
}

// PathLine is label and path on one line, or the path on a line of its
// own when they would not fit the terminal: a path is never broken.
func (a *App) PathLine(label, path string) string {
	if w := ui.Width(a.Stdout); w > 0 && len(label)+1+len(path) > w {
		return label + "\n  " + a.FileLink(path)
	}
	return label + " " + a.FileLink(path)
}

func (a *App) PrintVerdict(v engine.Verdict) { ui.PrintVerdict(a.Stdout, v) }
func (a *App) WriteJSON(v any) error {
	enc := json.NewEncoder(a.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
