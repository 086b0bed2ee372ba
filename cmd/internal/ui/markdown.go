package ui

import (
	"os"
	"regexp"
	"strings"

	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
)

// Course text (prompts, context, hints) is Markdown. A Renderer renders it
// for a terminal that takes styles: styled, code highlighted, wrapped. For
// any other output (piped, NO_COLOR, accessible mode) it turns it into
// plain text: emphasis marks dropped, code spans kept in backticks, and
// wrapped to the terminal when there is one.
type Renderer struct {
	Styled bool
	// Width is the terminal's, 0 when the output is not a terminal.
	Width int
}

// width is the width to wrap at, 0 for none.
func (r Renderer) width() int {
	w := r.Width
	if w <= 0 && r.Styled {
		w = DefaultWidth
	}
	return min(w, MaxWidth)
}

// Render renders md, without a trailing newline.
func (r Renderer) Render(md string) string {
	plain := strings.TrimSpace(md)
	if plain == "" {
		return ""
	}
	if !r.Styled {
		return Wrap(PlainMarkdown(plain), r.width())
	}
	opt := glamour.WithStyles(darkStyle())
	if path := os.Getenv("GLAMOUR_STYLE"); path != "" {
		opt = glamour.WithStylePath(path)
	}
	tr, err := glamour.NewTermRenderer(opt, glamour.WithWordWrap(max(r.width(), 20)))
	if err != nil {
		return plain
	}
	out, err := tr.Render(md)
	if err != nil {
		return plain
	}
	return strings.Trim(trimLineEnds(out), "\n")
}

// darkStyle is glamour's dark style without the spaces it puts around
// inline code, which read as doubled spaces ("return  a 's result").
func darkStyle() ansi.StyleConfig {
	s := styles.DarkStyleConfig
	s.Code.Prefix, s.Code.Suffix = "", ""
	return s
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

var (
	strong = regexp.MustCompile(`\*\*([^*\n]+?)\*\*|__([^_\n]+?)__`)
	em     = regexp.MustCompile(`(^|[^\w*\\])\*([^*\s](?:[^*\n]*[^*\s])?)\*`)
)

// PlainMarkdown drops Markdown's emphasis marks outside code (spans and
// fenced blocks); the rest of the text is already plain.
func PlainMarkdown(md string) string {
	lines := strings.Split(md, "\n")
	fenced := false
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		parts := strings.Split(l, "`")
		for j := 0; j < len(parts); j += 2 { // the even parts are outside code spans
			p := strong.ReplaceAllString(parts[j], "$1$2")
			parts[j] = em.ReplaceAllString(p, "$1$2")
		}
		lines[i] = strings.Join(parts, "`")
	}
	return strings.Join(lines, "\n")
}
