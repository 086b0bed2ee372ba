// Package tomltable reads typed values out of a decoded TOML file, reporting
// wrong types, unknown keys and missing keys with the line of the key. The
// course loader and the homework loader turn the reports into their errors.
package tomltable

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Table is one table of a decoded TOML file.
type Table struct {
	// Name is how Unknown names the table: "this table" for the root, the
	// name of the table or array of tables ("chapter", "exercises") below.
	Name string
	// Lenient tables do not report unknown keys; their sub-tables inherit it.
	Lenient bool

	report func(line int, msg string)
	loc    *locator
	ctx    string // locator context: "", "questions/2", "questions/2.prompt"
	m      map[string]any
	used   map[string]bool
}

// Parse decodes src and returns its root table, whose problems go to report
// (line 0 when it is not known). A syntax error is reported too, and then
// Parse returns nil.
func Parse(src string, report func(line int, msg string)) *Table {
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			report(pe.Position.Line, pe.Message)
		} else {
			report(0, err.Error())
		}
		return nil
	}
	return newTable(report, newLocator(src), "", raw)
}

func newTable(report func(int, string), loc *locator, ctx string, m map[string]any) *Table {
	name := "this table"
	if ctx != "" {
		name, _, _ = strings.Cut(ctx, "/")
	}
	return &Table{Name: name, report: report, loc: loc, ctx: ctx, m: m, used: map[string]bool{}}
}

func (t *Table) errf(line int, format string, args ...any) {
	t.report(line, fmt.Sprintf(format, args...))
}

// Line returns the line of key, which may be dotted ("chapter.id"), or of the
// nearest enclosing key or header found; "" is the table's own header. It
// returns 0 when nothing was found.
func (t *Table) Line(key string) int { return t.loc.line(t.ctx, key) }

// key names k for messages: "id", "questions.id", "questions.prompt.prompt".
func (t *Table) key(k string) string {
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

// Has reports whether k is present, without counting it as read.
func (t *Table) Has(k string) bool {
	_, ok := t.m[k]
	return ok
}

// Get returns the value of k, of any type, and counts k as read. It returns
// nil when k is absent: TOML has no null.
func (t *Table) Get(k string) any {
	t.used[k] = true
	return t.m[k]
}

// Keys returns the table's keys, sorted.
func (t *Table) Keys() []string {
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// WrongType reports that k, which holds v, must be want ("a string").
func (t *Table) WrongType(k, want string, v any) {
	t.errf(t.Line(k), "%s must be %s, not %s", t.key(k), want, TypeName(v))
}

// typed returns the value under k and whether it is a T, reporting a value
// of another type as not want.
func typed[T any](t *Table, k, want string) (T, bool) {
	v := t.Get(k)
	x, ok := v.(T)
	if !ok && v != nil {
		t.WrongType(k, want, v)
	}
	return x, ok
}

// Str returns the string under k, or "" when it is absent or not a string.
func (t *Table) Str(k string) string {
	s, _ := typed[string](t, k, "a string")
	return s
}

// Required is Str, reporting a missing key at the table's header.
func (t *Table) Required(k string) string {
	if !t.Has(k) {
		t.errf(t.Line(""), "%s is missing", t.key(k))
	}
	return t.Str(k)
}

// Strings returns the strings of the array under k, leaving out the values
// that are not strings.
func (t *Table) Strings(k string) []string {
	arr, ok := typed[[]any](t, k, "an array of strings")
	if !ok {
		return nil
	}
	out := make([]string, 0, len(arr))
	reported := false
	for _, e := range arr {
		s, ok := e.(string)
		if !ok {
			if !reported {
				t.errf(t.Line(k), "%s must hold only strings, not %s", t.key(k), TypeName(e))
				reported = true
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// Bool returns the boolean under k and whether there is one.
func (t *Table) Bool(k string) (bool, bool) { return typed[bool](t, k, "true or false") }

// Int returns the integer under k and whether there is one.
func (t *Table) Int(k string) (int64, bool) { return typed[int64](t, k, "an integer") }

// Number returns the integer or float under k and whether there is one.
func (t *Table) Number(k string) (float64, bool) {
	v := t.Get(k)
	if v == nil {
		return 0, false
	}
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	}
	t.WrongType(k, "a number", v)
	return 0, false
}

// Numbers returns the array of numbers under k and whether there is one;
// an array with anything else in it is reported and counts as none.
func (t *Table) Numbers(k string) ([]float64, bool) {
	arr, ok := typed[[]any](t, k, "an array of numbers")
	if !ok {
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
			t.errf(t.Line(k), "%s must hold only numbers, not %s", t.key(k), TypeName(e))
			return nil, false
		}
	}
	return out, true
}

// Sub returns the table under k, or nil when it is absent or not a table.
func (t *Table) Sub(k string) *Table {
	m, ok := typed[map[string]any](t, k, "a table")
	if !ok {
		return nil
	}
	ctx := k
	if t.ctx != "" {
		ctx = t.ctx + "." + k
	}
	s := newTable(t.report, t.loc, ctx, m)
	s.Lenient = t.Lenient
	return s
}

// Tables returns the array of tables under k ([[k]]), and whether k is one:
// false when it is absent or of another type.
func (t *Table) Tables(k string) ([]*Table, bool) {
	v := t.Get(k)
	if v == nil {
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
				t.errf(t.Line(k), "%s must be an array of tables ([[%s]]), not %s", k, k, TypeName(v))
				return nil, false
			}
			ms = append(ms, m)
		}
	default:
		t.errf(t.Line(k), "%s must be an array of tables ([[%s]]), not %s", k, k, TypeName(v))
		return nil, false
	}
	out := make([]*Table, len(ms))
	for i, m := range ms {
		ctx := arrayCtx(k, i)
		if t.ctx != "" {
			ctx = t.ctx + "." + ctx
		}
		out[i] = newTable(t.report, t.loc, ctx, m)
		if t.ctx != "" {
			out[i].Name = t.Name + "." + k
		}
	}
	return out, true
}

// Unknown reports the keys that were not read, unless the table is lenient:
// a typo must not silently drop a value.
func (t *Table) Unknown() {
	if t.Lenient {
		return
	}
	for _, k := range t.Keys() {
		if !t.used[k] {
			t.errf(t.Line(k), "unknown key %q in %s", k, t.Name)
		}
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
