// Package homework holds the pure logic of instructor homework: assignments
// read from TOML, scoring with late and attempt penalties, and the bundle a
// learner submits. It knows nothing of terminals, storage or the runner.
package homework

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/tomltable"
)

// Assignment is a homework: items of a course with points and a due date.
type Assignment struct {
	ID    string
	Title string
	// Due is when the work is due; it always carries an offset.
	Due               time.Time
	LatePenaltyPerDay float64 // fraction of the points lost per started day late
	LateCutoffDays    int     // later than this many days scores 0
	// Items are the fixed items, which every student gets.
	Items []Item
	// Pools are the items of which each student gets a draw (see Draw).
	Pools []Pool
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

// Pool is a set of items of which each student gets Choose, each worth
// Points.
type Pool struct {
	ID     string
	Choose int
	Points float64
	Items  []Item // in the file's order, each with the pool's Points
	Line   int
}

// MaxScore is what every student's draw is worth: the fixed items' points
// and Choose × Points for each pool.
func (a *Assignment) MaxScore() float64 {
	var sum float64
	for _, it := range a.Items {
		sum += it.Points
	}
	for _, p := range a.Pools {
		sum += float64(p.Choose) * p.Points
	}
	return round(sum)
}

// Item returns the assignment's item with the given ID, fixed or in a pool.
func (a *Assignment) Item(id string) (Item, bool) {
	for _, it := range a.AllItems() {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// AllItems are the fixed items and every pool's items, in the file's order.
func (a *Assignment) AllItems() []Item {
	return a.inOrder(func(p Pool) []Item { return p.Items })
}

// inOrder lays the fixed items and pools out in the file's order, each
// pool as the items pick gives of it.
func (a *Assignment) inOrder(pick func(Pool) []Item) []Item {
	var out []Item
	fixed, pools := a.Items, a.Pools
	for len(fixed) > 0 || len(pools) > 0 {
		if len(pools) == 0 || len(fixed) > 0 && fixed[0].Line < pools[0].Line {
			out = append(out, fixed[0])
			fixed = fixed[1:]
			continue
		}
		out = append(out, pick(pools[0])...)
		pools = pools[1:]
	}
	return out
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// ParseAssignment reads an assignment from its file's text and checks its
// items against the course. Problems are reported as engine.Errors,
// "path:line: message".
func ParseAssignment(path string, src []byte, c *engine.Course) (*Assignment, error) {
	var errs engine.Errors
	errf := func(line int, format string, args ...any) {
		errs = append(errs, &engine.Error{File: path, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	root := tomltable.Parse(string(src), func(line int, msg string) { errf(line, "%s", msg) })
	if root == nil {
		return nil, errs
	}
	root.Name = "the assignment"
	a := &Assignment{File: path, CourseID: c.ID}

	a.ID = root.Str("id")
	switch {
	case !root.Has("id"):
		errf(1, "id is missing")
	case a.ID != "" && !idPattern.MatchString(a.ID):
		errf(root.Line("id"), "id %q must be letters, digits, '.', '_' or '-'", a.ID)
	case a.ID == "":
		if _, ok := root.Get("id").(string); ok {
			errf(root.Line("id"), "id is empty")
		}
	}
	a.Title = root.Str("title")
	if !root.Has("title") {
		errf(1, "title is missing")
	}
	if v := root.Get("due"); v == nil {
		errf(1, "due is missing (a date-time with an offset, such as 2026-12-01T23:59:00Z)")
	} else if d, ok := v.(time.Time); !ok {
		root.WrongType("due", "a date-time with an offset", v)
	} else if loc := d.Location().String(); strings.HasPrefix(loc, "date-local") || strings.HasPrefix(loc, "datetime-local") || strings.HasPrefix(loc, "time-local") {
		errf(root.Line("due"), "due must be a date-time with an offset (such as 2026-12-01T23:59:00Z or 2026-12-01T23:59:00+01:00), not a local date or time")
	} else {
		a.Due = d
	}
	if f, ok := root.Number("late_penalty_per_day"); ok {
		if f < 0 || f > 1 || math.IsNaN(f) {
			errf(root.Line("late_penalty_per_day"), "late_penalty_per_day must be between 0 and 1, not %v", f)
		} else {
			a.LatePenaltyPerDay = f
		}
	}
	if n, ok := root.Int("late_cutoff_days"); ok {
		if n < 0 {
			errf(root.Line("late_cutoff_days"), "late_cutoff_days must be 0 or more, not %d", n)
		} else {
			a.LateCutoffDays = int(min(n, math.MaxInt32))
		}
	}
	items, ok := root.Tables("items")
	pools, poolsOK := root.Tables("pools")
	if (!root.Has("items") || ok && len(items) == 0) && (!root.Has("pools") || poolsOK && len(pools) == 0) {
		errf(1, "the assignment has no items ([[items]] with id and points, or [[pools]])")
	}
	seen := map[string]int{}
	for _, t := range items {
		t.Name = "[[items]]"
		it := Item{Line: t.Line(""), ID: tableID(t, "items", seen, errf)}
		if it.ID != "" {
			if found, ok := c.Find(it.ID); ok {
				it.Kind = found.ItemKind()
			} else {
				errf(t.Line("id"), "items: %q is not a question or exercise of course %s", it.ID, c.ID)
			}
		}
		it.Points = points(t, "items "+it.ID, "points", errf)
		if pen, ok := t.Numbers("penalties"); ok {
			for _, f := range pen {
				if f < 0 || f > 1 || math.IsNaN(f) {
					errf(t.Line("penalties"), "items %s: penalties must be fractions between 0 and 1, not %v", it.ID, f)
					break
				}
			}
			if it.Kind == engine.KindExercise {
				errf(t.Line("penalties"), "items %s: penalties apply to questions only, and %s is an exercise", it.ID, it.ID)
			}
			it.Penalties = pen
		}
		t.Unknown()
		a.Items = append(a.Items, it)
	}
	a.Pools = parsePools(pools, c, seen, errf)
	root.Unknown()
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(x, y *engine.Error) int { return x.Line - y.Line })
		return nil, errs
	}
	return a, nil
}

// points reads a table's points, which must be more than 0; name is what
// a missing key is called.
func points(t *tomltable.Table, what, name string, errf func(int, string, ...any)) float64 {
	f, ok := t.Number("points")
	switch {
	case ok && (!(f > 0) || math.IsInf(f, 0)):
		errf(t.Line("points"), "%s: points must be more than 0, not %v", what, f)
	case !ok && !t.Has("points"):
		errf(t.Line(""), "%s: %s is missing", what, name)
	}
	return f
}

// tableID is the id of an [[items]] or [[pools]] table, reported when it
// is missing or listed before; seen holds the IDs met and their lines.
func tableID(t *tomltable.Table, what string, seen map[string]int, errf func(int, string, ...any)) string {
	id := t.Str("id")
	switch prev, dup := seen[id]; {
	case !t.Has("id"):
		errf(t.Line(""), "%s: id is missing", what)
	case id == "":
	case dup:
		errf(t.Line("id"), "%s: %q is listed twice (first at line %d)", what, id, prev)
	default:
		seen[id] = t.Line("id")
	}
	return id
}

// parsePools reads the [[pools]] tables. seen holds the fixed items' lines:
// an item is fixed or in one pool, never both.
func parsePools(tables []*tomltable.Table, c *engine.Course, seen map[string]int, errf func(int, string, ...any)) []Pool {
	var pools []Pool
	inPool := map[string]string{} // item ID -> pool ID
	poolLine := map[string]int{}
	for _, t := range tables {
		t.Name = "[[pools]]"
		p := Pool{Line: t.Line(""), ID: tableID(t, "pools", poolLine, errf)}
		if t.Has("id") && !idPattern.MatchString(p.ID) {
			errf(t.Line("id"), "pools: id %q must be letters, digits, '.', '_' or '-'", p.ID)
		}
		p.Points = points(t, "pools "+p.ID, "points (per item)", errf)
		line := t.Line("items")
		ids := t.Strings("items")
		if !t.Has("items") {
			errf(p.Line, "pools %s: items is missing", p.ID)
		} else if arr, ok := t.Get("items").([]any); ok && len(arr) == 0 {
			errf(line, "pools %s: items is empty", p.ID)
		}
		for _, id := range ids {
			it := Item{ID: id, Points: p.Points, Line: line}
			found, ok := c.Find(id)
			if !ok {
				errf(line, "pools %s: %q is not a question or exercise of course %s", p.ID, id, c.ID)
				continue
			}
			it.Kind = found.ItemKind()
			switch other, pooled := inPool[id]; {
			case pooled && other == p.ID:
				errf(line, "pools %s: %q is listed twice", p.ID, id)
				continue
			case pooled:
				errf(line, "pools %s: %q is already in pool %q (line %d): an item is in one pool at most", p.ID, id, other, poolLine[other])
				continue
			}
			if first, fixed := seen[id]; fixed {
				errf(line, "pools %s: %q is already in [[items]] (line %d): an item is fixed or in a pool, not both", p.ID, id, first)
				continue
			}
			inPool[id] = p.ID
			p.Items = append(p.Items, it)
		}
		if n, ok := t.Int("choose"); ok {
			if n < 1 || n > int64(len(ids)) {
				errf(t.Line("choose"), "pools %s: choose must be from 1 to %d (the number of its items), not %d", p.ID, len(ids), n)
			}
			p.Choose = int(min(max(n, 0), int64(len(ids))))
		} else if !t.Has("choose") {
			errf(p.Line, "pools %s: choose (how many items each student gets) is missing", p.ID)
		}
		t.Unknown()
		pools = append(pools, p)
	}
	return pools
}
