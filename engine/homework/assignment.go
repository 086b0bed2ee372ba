// Package homework holds the pure logic of instructor homework: assignments
// read from TOML, scoring with late and attempt penalties, and the bundle a
// learner submits. It knows nothing of terminals, storage or the runner.
package homework

import (
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/asynclings/asynclings/engine"
)

// Assignment is a homework: items of a course with points and a due date.
type Assignment struct {
	ID    string
	Title string
	// Due is when the work is due; it always carries an offset.
	Due               time.Time
	LatePenaltyPerDay float64 // fraction of the points lost per started day late
	LateCutoffDays    int     // later than this many days scores 0
	Items             []Item
	// CourseID is the ID of the course the assignment was checked against.
	CourseID string
	File     string // where it was loaded from, for messages
}

// Item is one question or exercise of an assignment.
type Item struct {
	ID     string
	Kind   engine.Kind
	Points float64
	// Penalties is the penalty regime of a question: Penalties[i] is the
	// fraction of the points lost when the answer was right at attempt
	// i+2; the last value repeats. Empty means no penalty.
	Penalties []float64
	Line      int
}

// MaxScore is the sum of the points of the assignment's items.
func (a *Assignment) MaxScore() float64 {
	var sum float64
	for _, it := range a.Items {
		sum += it.Points
	}
	return round(sum)
}

// Item returns the assignment's item with the given ID.
func (a *Assignment) Item(id string) (Item, bool) {
	for _, it := range a.Items {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// LoadAssignment reads an assignment file and checks its items against the
// course. Problems are reported as engine.Errors, "path:line: message".
func LoadAssignment(path string, c *engine.Course) (*Assignment, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load assignment: %w", err)
	}
	return ParseAssignment(path, src, c)
}

// ParseAssignment is LoadAssignment on the file's text; path is for messages.
func ParseAssignment(path string, src []byte, c *engine.Course) (*Assignment, error) {
	p := &parser{file: path}
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			p.errf(pe.Position.Line, "%s", pe.Message)
		} else {
			p.errf(0, "%v", err)
		}
		return nil, p.errs
	}
	p.lines = findLines(string(src))
	a := &Assignment{File: path, CourseID: c.ID}
	root := &table{p: p, ctx: "", m: raw, used: map[string]bool{}}

	a.ID = root.str("id")
	switch {
	case !root.has("id"):
		p.errf(1, "id is missing")
	case a.ID != "" && !idPattern.MatchString(a.ID):
		p.errf(root.line("id"), "id %q must be letters, digits, '.', '_' or '-'", a.ID)
	case a.ID == "":
		if _, ok := raw["id"].(string); ok {
			p.errf(root.line("id"), "id is empty")
		}
	}
	a.Title = root.str("title")
	if !root.has("title") {
		p.errf(1, "title is missing")
	}
	if v, ok := root.get("due"); !ok {
		p.errf(1, "due is missing (a date-time with an offset, such as 2026-12-01T23:59:00Z)")
	} else if d, ok := v.(time.Time); !ok {
		root.wrongType("due", "a date-time with an offset", v)
	} else if loc := d.Location().String(); strings.HasPrefix(loc, "date-local") || strings.HasPrefix(loc, "datetime-local") || strings.HasPrefix(loc, "time-local") {
		p.errf(root.line("due"), "due must be a date-time with an offset (such as 2026-12-01T23:59:00Z or 2026-12-01T23:59:00+01:00), not a local date or time")
	} else {
		a.Due = d
	}
	if f, ok := root.number("late_penalty_per_day"); ok {
		if f < 0 || f > 1 || math.IsNaN(f) {
			p.errf(root.line("late_penalty_per_day"), "late_penalty_per_day must be between 0 and 1, not %v", f)
		} else {
			a.LatePenaltyPerDay = f
		}
	}
	if n, ok := root.integer("late_cutoff_days"); ok {
		if n < 0 {
			p.errf(root.line("late_cutoff_days"), "late_cutoff_days must be 0 or more, not %d", n)
		} else {
			a.LateCutoffDays = int(min(n, math.MaxInt32))
		}
	}
	items, ok := root.tables("items")
	if ok && len(items) == 0 {
		p.errf(1, "the assignment has no items ([[items]] with id and points)")
	}
	seen := map[string]int{}
	for _, t := range items {
		it := Item{Line: t.line(""), ID: t.str("id")}
		switch {
		case !t.has("id"):
			p.errf(it.Line, "items: id is missing")
		case it.ID != "":
			if prev, dup := seen[it.ID]; dup {
				p.errf(t.line("id"), "items: %q is listed twice (first at line %d)", it.ID, prev)
			} else {
				seen[it.ID] = t.line("id")
			}
			if found, ok := c.Find(it.ID); ok {
				it.Kind = found.ItemKind()
			} else {
				p.errf(t.line("id"), "items: %q is not a question or exercise of course %s", it.ID, c.ID)
			}
		}
		if f, ok := t.number("points"); ok {
			if !(f > 0) || math.IsInf(f, 0) {
				p.errf(t.line("points"), "items %s: points must be more than 0, not %v", it.ID, f)
			}
			it.Points = f
		} else if !t.has("points") {
			p.errf(it.Line, "items %s: points is missing", it.ID)
		}
		if pen, ok := t.numbers("penalties"); ok {
			for _, f := range pen {
				if f < 0 || f > 1 || math.IsNaN(f) {
					p.errf(t.line("penalties"), "items %s: penalties must be fractions between 0 and 1, not %v", it.ID, f)
					break
				}
			}
			if it.Kind == engine.KindExercise {
				p.errf(t.line("penalties"), "items %s: penalties apply to questions only, and %s is an exercise", it.ID, it.ID)
			}
			it.Penalties = pen
		}
		t.unknown()
		a.Items = append(a.Items, it)
	}
	root.unknown()
	if len(p.errs) > 0 {
		slices.SortStableFunc(p.errs, func(x, y *engine.Error) int { return x.Line - y.Line })
		return nil, p.errs
	}
	return a, nil
}

type parser struct {
	file  string
	lines map[string]int
	errs  engine.Errors
}

func (p *parser) errf(line int, format string, args ...any) {
	p.errs = append(p.errs, &engine.Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// table reads typed values out of one decoded TOML table.
type table struct {
	p    *parser
	ctx  string // "" for the root, "items/2" for the third [[items]]
	m    map[string]any
	used map[string]bool
}

func (t *table) line(key string) int {
	full := t.ctx
	if key != "" {
		if full != "" {
			full += "."
		}
		full += key
	}
	if n, ok := t.p.lines[full]; ok {
		return n
	}
	if n, ok := t.p.lines[t.ctx]; ok {
		return n
	}
	return 0
}

func (t *table) name(k string) string {
	if t.ctx == "" {
		return k
	}
	return "items." + k
}

func (t *table) has(k string) bool { _, ok := t.m[k]; return ok }

func (t *table) get(k string) (any, bool) {
	t.used[k] = true
	v, ok := t.m[k]
	return v, ok
}

func (t *table) wrongType(k, want string, v any) {
	t.p.errf(t.line(k), "%s must be %s, not %s", t.name(k), want, engine.TypeName(v))
}

func (t *table) str(k string) string {
	v, ok := t.get(k)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.wrongType(k, "a string", v)
	}
	return s
}

func (t *table) integer(k string) (int64, bool) {
	v, ok := t.get(k)
	if !ok {
		return 0, false
	}
	n, ok := v.(int64)
	if !ok {
		t.wrongType(k, "an integer", v)
	}
	return n, ok
}

// number accepts an integer or a float.
func (t *table) number(k string) (float64, bool) {
	v, ok := t.get(k)
	if !ok {
		return 0, false
	}
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	}
	t.wrongType(k, "a number", v)
	return 0, false
}

func (t *table) numbers(k string) ([]float64, bool) {
	v, ok := t.get(k)
	if !ok {
		return nil, false
	}
	arr, ok := v.([]any)
	if !ok {
		t.wrongType(k, "an array of numbers", v)
		return nil, false
	}
	out := make([]float64, 0, len(arr))
	for _, e := range arr {
		switch e := e.(type) {
		case int64:
			out = append(out, float64(e))
		case float64:
			out = append(out, e)
		default:
			t.p.errf(t.line(k), "%s must hold only numbers, not %s", t.name(k), engine.TypeName(e))
			return nil, false
		}
	}
	return out, true
}

func (t *table) tables(k string) ([]*table, bool) {
	v, ok := t.get(k)
	if !ok {
		t.p.errf(1, "the assignment has no items ([[items]] with id and points)")
		return nil, false
	}
	var ms []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		ms = v
	case []any:
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				t.p.errf(t.line(k), "%s must be an array of tables ([[%s]]), not %s", k, k, engine.TypeName(v))
				return nil, false
			}
			ms = append(ms, m)
		}
	default:
		t.p.errf(t.line(k), "%s must be an array of tables ([[%s]]), not %s", k, k, engine.TypeName(v))
		return nil, false
	}
	out := make([]*table, len(ms))
	for i, m := range ms {
		out[i] = &table{p: t.p, ctx: k + "/" + strconv.Itoa(i), m: m, used: map[string]bool{}}
	}
	return out, true
}

// unknown reports the keys no one asked for: a typo must not silently drop
// a due date or a penalty.
func (t *table) unknown() {
	var keys []string
	for k := range t.m {
		if !t.used[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	where := "the assignment"
	if t.ctx != "" {
		where = "[[items]]"
	}
	for _, k := range keys {
		t.p.errf(t.line(k), "unknown key %q in %s", k, where)
	}
}

var keyPattern = regexp.MustCompile(`^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=`)

// findLines maps "key" (root), "items/2" (the third [[items]] header) and
// "items/2.points" to their lines. The engine's locator is unexported; an
// assignment is a flat file, so a line scan that skips multi-line strings
// and arrays is enough.
func findLines(src string) map[string]int {
	lines := map[string]int{}
	count := map[string]int{}
	ctx := ""
	depth := 0  // open brackets of a multi-line array or inline table
	inStr := "" // the delimiter of an open multi-line string
	for i, ln := range strings.Split(src, "\n") {
		n := i + 1
		if inStr != "" {
			if strings.Contains(ln, inStr) {
				inStr = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDepth(ln)
			continue
		}
		trim := strings.TrimSpace(ln)
		if strings.HasPrefix(trim, "[") {
			h := trim
			if k := strings.IndexByte(h, '#'); k >= 0 {
				h = strings.TrimSpace(h[:k])
			}
			if strings.HasPrefix(h, "[[") && strings.HasSuffix(h, "]]") {
				name := strings.TrimSpace(h[2 : len(h)-2])
				ctx = name + "/" + strconv.Itoa(count[name])
				count[name]++
			} else {
				ctx = strings.TrimSpace(strings.Trim(h, "[]"))
			}
			if _, ok := lines[ctx]; !ok {
				lines[ctx] = n
			}
			continue
		}
		m := keyPattern.FindStringSubmatch(ln)
		if m == nil {
			continue
		}
		key := strings.Trim(m[1], `"'`)
		full := key
		if ctx != "" {
			full = ctx + "." + key
		}
		if _, ok := lines[full]; !ok {
			lines[full] = n
		}
		val := strings.TrimSpace(ln[len(m[0]):])
		switch {
		case strings.HasPrefix(val, `"""`) && strings.Count(val, `"""`) == 1:
			inStr = `"""`
		case strings.HasPrefix(val, `'''`) && strings.Count(val, `'''`) == 1:
			inStr = `'''`
		case strings.HasPrefix(val, "[") || strings.HasPrefix(val, "{"):
			depth = bracketDepth(val)
		}
	}
	return lines
}

// bracketDepth counts opening minus closing brackets and braces outside
// strings and comments on one line.
func bracketDepth(s string) int {
	d := 0
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == '\\' && q == '"' {
				i++
			} else if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '#':
			return d
		case c == '[' || c == '{':
			d++
		case c == ']' || c == '}':
			d--
		}
	}
	return d
}
