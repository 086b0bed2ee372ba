package engine

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// table reads typed values out of one decoded TOML table, reporting wrong
// types and, unless lenient, unknown keys with their lines.
type table struct {
	l       *loader
	file    string
	loc     *locator
	ctx     string // locator context: "", "questions/2", "questions/2.prompt"
	name    string // for messages: "[[exercises]]", "[chapter]"
	m       map[string]any
	used    map[string]bool
	lenient bool
}

func (l *loader) table(file string, loc *locator, ctx string, m map[string]any) *table {
	return &table{l: l, file: file, loc: loc, ctx: ctx, m: m, used: map[string]bool{}}
}

func (t *table) line(key string) int { return t.loc.line(t.ctx, key) }

func (t *table) key(k string) string {
	if t.ctx == "" {
		return k
	}
	_, rest, found := strings.Cut(t.ctx, ".")
	head, _, _ := strings.Cut(t.ctx, "/")
	if found {
		return head + "." + rest + "." + k
	}
	return head + "." + k
}

func (t *table) wrongType(k, want string, v any) {
	t.l.errf(t.file, t.line(k), "%s must be %s, not %s", t.key(k), want, TypeName(v))
}

func (t *table) get(k string) (any, bool) {
	t.used[k] = true
	v, ok := t.m[k]
	return v, ok
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

func (t *table) required(k string) string {
	if _, ok := t.m[k]; !ok {
		t.l.errf(t.file, t.line(""), "%s is missing", t.key(k))
	}
	return t.str(k)
}

func (t *table) strs(k string) []string {
	v, ok := t.get(k)
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		t.wrongType(k, "an array of strings", v)
		return nil
	}
	out := make([]string, 0, len(arr))
	reported := false
	for _, e := range arr {
		s, ok := e.(string)
		if !ok {
			if !reported {
				t.l.errf(t.file, t.line(k), "%s must hold only strings, not %s", t.key(k), TypeName(e))
				reported = true
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

func (t *table) boolean(k string) (bool, bool) {
	v, ok := t.get(k)
	if !ok {
		return false, false
	}
	b, ok := v.(bool)
	if !ok {
		t.wrongType(k, "true or false", v)
	}
	return b, ok
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

// sub returns the table under k, or nil when it is absent or not a table.
func (t *table) sub(k string) *table {
	v, ok := t.get(k)
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.wrongType(k, "a table", v)
		return nil
	}
	ctx := k
	if t.ctx != "" {
		ctx = t.ctx + "." + k
	}
	s := t.l.table(t.file, t.loc, ctx, m)
	s.lenient = t.lenient
	return s
}

// tables returns the array of tables under k.
func (t *table) tables(k string) []*table {
	v, ok := t.get(k)
	if !ok {
		return nil
	}
	var ms []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		ms = v
	case []any:
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				t.l.errf(t.file, t.line(k), "%s must be an array of tables ([[%s]]), not %s", k, k, TypeName(v))
				return nil
			}
			ms = append(ms, m)
		}
	default:
		t.l.errf(t.file, t.line(k), "%s must be an array of tables ([[%s]]), not %s", k, k, TypeName(v))
		return nil
	}
	out := make([]*table, len(ms))
	for i, m := range ms {
		out[i] = t.l.table(t.file, t.loc, arrayCtx(k, i), m)
	}
	return out
}

// unknown reports the keys that no one asked for: a typo must not silently
// drop a hint.
func (t *table) unknown() {
	if t.lenient {
		return
	}
	var keys []string
	for k := range t.m {
		if !t.used[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		where := "this table"
		if t.ctx != "" {
			head, _, _ := strings.Cut(t.ctx, "/")
			where = head
		}
		t.l.errf(t.file, t.line(k), "unknown key %q in %s", k, where)
	}
}

// TypeName names the kind of a decoded TOML value for error messages:
// "a string", "an integer", "a table".
func TypeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date-time"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}
