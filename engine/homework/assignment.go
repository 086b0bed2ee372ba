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
	if !root.Has("items") || ok && len(items) == 0 {
		errf(1, "the assignment has no items ([[items]] with id and points)")
	}
	seen := map[string]int{}
	for _, t := range items {
		t.Name = "[[items]]"
		it := Item{Line: t.Line(""), ID: t.Str("id")}
		switch {
		case !t.Has("id"):
			errf(it.Line, "items: id is missing")
		case it.ID != "":
			if prev, dup := seen[it.ID]; dup {
				errf(t.Line("id"), "items: %q is listed twice (first at line %d)", it.ID, prev)
			} else {
				seen[it.ID] = t.Line("id")
			}
			if found, ok := c.Find(it.ID); ok {
				it.Kind = found.ItemKind()
			} else {
				errf(t.Line("id"), "items: %q is not a question or exercise of course %s", it.ID, c.ID)
			}
		}
		if f, ok := t.Number("points"); ok {
			if !(f > 0) || math.IsInf(f, 0) {
				errf(t.Line("points"), "items %s: points must be more than 0, not %v", it.ID, f)
			}
			it.Points = f
		} else if !t.Has("points") {
			errf(it.Line, "items %s: points is missing", it.ID)
		}
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
	root.Unknown()
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(x, y *engine.Error) int { return x.Line - y.Line })
		return nil, errs
	}
	return a, nil
}
