package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/asynclings/asynclings/engine/learn"
	"github.com/charmbracelet/glamour"
	"github.com/mattn/go-isatty"
	"golang.org/x/term"
)

// Course text (prompts, context, hints) is Markdown. On a terminal it is
// rendered for the terminal: styled, code highlighted, wrapped to the
// terminal's width. Everywhere else (output piped or redirected, NO_COLOR
// set, accessible mode) it is printed as it is written, with no escape
// codes.

// defaultWidth is the width assumed when the terminal's is unknown.
const defaultWidth = 80

// maxWidth keeps rendered text readable on very wide terminals.
const maxWidth = 100

// styled reports whether output may carry styles and links: stdout is a
// terminal, NO_COLOR is not set (https://no-color.org: any value but
// empty), and accessible mode is off.
func (a *app) styled() bool {
	if os.Getenv("NO_COLOR") != "" || a.accessibleMode() {
		return false
	}
	f, ok := a.stdout.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// termWidth is the width of the terminal on stdout, else defaultWidth.
func (a *app) termWidth() int {
	if f, ok := a.stdout.(*os.File); ok {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return defaultWidth
}

// renderMarkdown renders md for stdout, without a trailing newline: styled
// and wrapped on a terminal, else md itself with the surrounding blank
// space trimmed.
func (a *app) renderMarkdown(md string) string {
	plain := strings.TrimSpace(md)
	if plain == "" || !a.styled() {
		return plain
	}
	style := os.Getenv("GLAMOUR_STYLE")
	opt := glamour.WithStandardStyle("dark")
	if style != "" {
		opt = glamour.WithStylePath(style)
	}
	width := min(a.termWidth(), maxWidth)
	r, err := glamour.NewTermRenderer(opt, glamour.WithWordWrap(max(width, 20)))
	if err != nil {
		return plain
	}
	out, err := r.Render(md)
	if err != nil {
		return plain
	}
	return strings.Trim(trimLineEnds(out), "\n")
}

// padding is the end of a line that glamour pads to the full width: spaces
// and the styles around them.
var padding = regexp.MustCompile(`(?:\x1b\[[0-9;]*m| )+$`)

// trimLineEnds removes the padding at the end of each line, so that a
// narrower window does not wrap it onto lines of its own.
func trimLineEnds(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		t := padding.ReplaceAllString(l, "")
		if strings.Contains(t, "\x1b[") {
			t += "\x1b[0m"
		}
		lines[i] = t
	}
	return strings.Join(lines, "\n")
}

// fileLink is path as a clickable OSC 8 hyperlink to the file on a terminal
// that takes styles (see styled), else path as it is.
func (a *app) fileLink(path string) string {
	if !a.styled() {
		return path
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letters: file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p}
	return "\x1b]8;;" + u.String() + "\x1b\\" + path + "\x1b]8;;\x1b\\"
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
