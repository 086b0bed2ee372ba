package ui

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/term"
)

// DefaultWidth is the width assumed for rendering when a terminal's is
// unknown.
const DefaultWidth = 80

// MaxWidth keeps rendered text readable on very wide terminals.
const MaxWidth = 100

// Width is the width of the terminal w is, 0 when w is not one (nothing
// is wrapped then).
func Width(w any) int {
	if c, ok := w.(crlfWriter); ok {
		w = c.w
	}
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	return 0
}

// Height is the height of the terminal w is, 0 when w is not one.
func Height(w any) int {
	if c, ok := w.(crlfWriter); ok {
		w = c.w
	}
	if f, ok := w.(*os.File); ok {
		if _, rows, err := term.GetSize(int(f.Fd())); err == nil && rows > 0 {
			return rows
		}
	}
	return 0
}

// Styled reports whether output to w may carry styles and links: w is a
// terminal, NO_COLOR is not set (https://no-color.org: any value but
// empty), and accessible mode is off.
func Styled(w any, accessible bool) bool {
	return os.Getenv("NO_COLOR") == "" && !accessible && IsTerminal(w)
}

// FileLink is path as a clickable OSC 8 hyperlink to the file when styled,
// else path as it is. Either way the path is one word: it is never broken.
func FileLink(path string, styled bool) string {
	if !styled {
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

// Wrap breaks s's lines between words so that each fits in width columns;
// a word longer than the width (a path, a URL) stays whole on a line of its
// own. A broken line's continuation keeps its indent, and a list item's
// text lines up after its "- ". Width 0 or less leaves s as it is.
func Wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	var out []string
	for _, l := range lines {
		if ansi.StringWidth(l) <= width {
			out = append(out, l)
			continue
		}
		body := strings.TrimLeft(l, " ")
		indent := l[:len(l)-len(body)]
		hang := indent
		for _, bullet := range []string{"- ", "* ", "• "} {
			if strings.HasPrefix(body, bullet) {
				hang += strings.Repeat(" ", ansi.StringWidth(bullet))
			}
		}
		cur, curW := indent, ansi.StringWidth(indent)
		fresh := true
		for _, word := range strings.Split(body, " ") {
			ww := ansi.StringWidth(word)
			if !fresh && curW+1+ww > width {
				out = append(out, cur)
				cur, curW, fresh = hang, ansi.StringWidth(hang), true
			}
			if !fresh {
				cur += " "
				curW++
			}
			cur += word
			curW += ww
			fresh = false
		}
		out = append(out, cur)
	}
	return strings.Join(out, "\n")
}
