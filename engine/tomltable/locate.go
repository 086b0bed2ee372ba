package tomltable

import (
	"strconv"
	"strings"
)

// locator finds the line of a key in a TOML file. The TOML decoder gives
// positions only for syntax errors, and a decoded value no longer knows where
// it came from, so a Table asks the locator instead. It scans the text the
// way the TOML lexer would (skipping strings and comments), records each table
// header and each key, and numbers arrays of tables.
type locator struct {
	lines map[string]int // "questions/3.answer.answer" -> line
}

// line returns the line of key within the table ctx ("" is the root table,
// "questions/3" the fourth [[questions]]), falling back to the nearest
// enclosing key or header that was found, and to 0 when nothing was.
func (l *locator) line(ctx, key string) int {
	full := ctx
	if key != "" {
		if full != "" {
			full += "."
		}
		full += key
	}
	for full != "" {
		if n, ok := l.lines[full]; ok {
			return n
		}
		i := strings.LastIndexByte(full, '.')
		if i < 0 {
			break
		}
		full = full[:i]
	}
	return 0
}

func newLocator(src string) *locator {
	l := &locator{lines: map[string]int{}}
	counts := map[string]int{} // array-of-tables name -> entries seen
	ctx := ""
	line := 1
	i := 0
	atLineStart := true
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
			atLineStart = true
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case (c == '"' || c == '\'') && !atLineStart: // a quoted key is read below
			i, line = skipString(src, i, line)
			atLineStart = false
			continue
		}
		if atLineStart {
			atLineStart = false
			if c == '[' {
				end := strings.IndexByte(src[i:], '\n')
				if end < 0 {
					end = len(src) - i
				}
				header := src[i : i+end]
				if h := strings.IndexByte(header, '#'); h >= 0 {
					header = header[:h]
				}
				header = strings.TrimSpace(header)
				if strings.HasPrefix(header, "[[") && strings.HasSuffix(header, "]]") {
					// [[a.b]] under the latest entry of array a is
					// that entry's own array b, counted afresh.
					name := normKey(header[2 : len(header)-2])
					if first, rest, ok := strings.Cut(name, "."); ok {
						if n, isArray := counts[first]; isArray && n > 0 {
							name = arrayCtx(first, n-1) + "." + rest
						}
					}
					n := counts[name]
					counts[name] = n + 1
					ctx = arrayCtx(name, n)
				} else if strings.HasSuffix(header, "]") {
					name := normKey(header[1 : len(header)-1])
					ctx = tableCtx(name, counts)
				}
				l.lines[ctx] = line
				i += end
				continue
			}
			// A key: everything up to '=' outside quotes.
			j := i
			for j < len(src) && src[j] != '=' && src[j] != '\n' {
				if src[j] == '"' || src[j] == '\'' {
					j, _ = skipString(src, j, line)
					continue
				}
				j++
			}
			if j < len(src) && src[j] == '=' {
				key := normKey(src[i:j])
				full := key
				if ctx != "" {
					full = ctx + "." + key
				}
				l.lines[full] = line
				// Record the prefixes of dotted keys too, so that
				// "prompt" finds the line of "prompt.prompt".
				for k := strings.LastIndexByte(full, '.'); k > len(ctx); k = strings.LastIndexByte(full[:k], '.') {
					if _, ok := l.lines[full[:k]]; !ok {
						l.lines[full[:k]] = line
					}
				}
				i, line = skipValue(src, j+1, line)
				continue
			}
		}
		i++
	}
	return l
}

// skipValue returns the index just past an array or inline-table value
// starting at or after i (after spaces), and the line it ends on, so that a
// line of a multi-line array that begins with '[' is not taken for a table
// header. Any other value is left to the main loop.
func skipValue(src string, i, line int) (int, int) {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i >= len(src) || src[i] != '[' && src[i] != '{' {
		return i, line
	}
	depth := 0
	for i < len(src) {
		switch c := src[i]; c {
		case '"', '\'':
			i, line = skipString(src, i, line)
			continue
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case '\n':
			line++
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 1, line
			}
		}
		i++
	}
	return i, line
}

// tableCtx names a [a.b] header: a sub-table of the latest entry of an
// array of tables when its first part is one.
func tableCtx(name string, counts map[string]int) string {
	first, rest, _ := strings.Cut(name, ".")
	if n, ok := counts[first]; ok && rest != "" {
		return arrayCtx(first, n-1) + "." + rest
	}
	return name
}

func arrayCtx(name string, n int) string { return name + "/" + strconv.Itoa(n) }

// normKey turns ` a . "b" ` into `a.b`, and `"x.y"` into `x.y`: the dots of
// quoted parts stay, which is as good for finding lines.
func normKey(s string) string {
	var parts []string
	for i := 0; i <= len(s); {
		j := i
		for j < len(s) && s[j] != '.' {
			if s[j] == '"' || s[j] == '\'' {
				j, _ = skipString(s, j, 0)
				continue
			}
			j++
		}
		p := strings.TrimSpace(s[i:min(j, len(s))])
		if len(p) >= 2 && (p[0] == '"' || p[0] == '\'') && p[len(p)-1] == p[0] {
			p = p[1 : len(p)-1]
		}
		parts = append(parts, p)
		i = j + 1
	}
	return strings.Join(parts, ".")
}

// skipString returns the index just past the string starting at i, and the
// line it ends on.
func skipString(src string, i, line int) (int, int) {
	q := src[i]
	if strings.HasPrefix(src[i:], strings.Repeat(string(q), 3)) {
		delim := strings.Repeat(string(q), 3)
		j := i + 3
		for j < len(src) {
			if q == '"' && src[j] == '\\' {
				if j+1 < len(src) && src[j+1] == '\n' {
					line++
				}
				j += 2
				continue
			}
			if src[j] == '\n' {
				line++
			}
			if strings.HasPrefix(src[j:], delim) {
				j += 3
				// A closing delimiter may be followed by up to two more quotes.
				for k := 0; k < 2 && j < len(src) && src[j] == q; k++ {
					j++
				}
				return j, line
			}
			j++
		}
		return j, line
	}
	j := i + 1
	for j < len(src) && src[j] != '\n' {
		if q == '"' && src[j] == '\\' {
			j += 2
			continue
		}
		if src[j] == q {
			return j + 1, line
		}
		j++
	}
	return j, line
}
