package homework_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/quiz"
)

const pooled = `id = "hwp"
title = "Pools"
due = 2026-12-01T23:59:00Z

[[pools]]
id = "warm-up"
choose = 1
points = 2
items = ["first", "pick"]

[[items]]
id = "hello"
points = 20
`

func TestParsePools(t *testing.T) {
	a, err := parse(pooled, testCourse(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Items) != 1 || len(a.Pools) != 1 {
		t.Fatalf("items %+v pools %+v", a.Items, a.Pools)
	}
	p := a.Pools[0]
	if p.ID != "warm-up" || p.Choose != 1 || p.Points != 2 || p.Line != 5 || len(p.Items) != 2 ||
		p.Items[0].ID != "first" || p.Items[1].Kind != engine.KindQuestion || p.Items[1].Points != 2 {
		t.Errorf("pool = %+v", p)
	}
	if a.MaxScore() != 22 {
		t.Errorf("max = %v, want 20 + 1×2", a.MaxScore())
	}
	// The pool comes first in the file, so its draw does too.
	if got := ids(a.AllItems()); !slices.Equal(got, []string{"first", "pick", "hello"}) {
		t.Errorf("all items = %v", got)
	}
	if d := ids(a.Draw("ada")); len(d) != 2 || d[1] != "hello" || d[0] != "first" && d[0] != "pick" {
		t.Errorf("draw = %v", d)
	}
	if it, ok := a.Item("pick"); !ok || it.Points != 2 {
		t.Errorf("Item(pick) = %+v %v", it, ok)
	}
}

func TestParsePoolErrors(t *testing.T) {
	head := "id = \"hw1\"\ntitle = \"T\"\ndue = 2026-12-01T23:59:00Z\n"
	pool := func(body string) string { return "[[pools]]\n" + body }
	tests := []struct {
		name, src string
		want      []string // "line: message part"
	}{
		{"pools alone are enough", head + pool("id = \"p\"\nchoose = 1\npoints = 1\nitems = [\"first\", \"pick\"]\n"), nil},
		{"unknown item", head + pool("id = \"p\"\nchoose = 1\npoints = 1\nitems = [\"first\", \"nope\"]\n"), []string{`8: pools p: "nope" is not a question or exercise of course c1`}},
		{"item twice in a pool", head + pool("id = \"p\"\nchoose = 1\npoints = 1\nitems = [\"first\", \"first\"]\n"), []string{`8: pools p: "first" is listed twice`}},
		{"item in two pools", head + pool("id = \"p\"\nchoose = 1\npoints = 1\nitems = [\"first\", \"pick\"]\n") + pool("id = \"q\"\nchoose = 1\npoints = 1\nitems = [\"pick\", \"hello\"]\n"),
			[]string{`13: pools q: "pick" is already in pool "p" (line 5)`}},
		{"item fixed and pooled", head + "[[items]]\nid = \"first\"\npoints = 3\n" + pool("id = \"p\"\nchoose = 1\npoints = 1\nitems = [\"first\", \"pick\"]\n"),
			[]string{`11: pools p: "first" is already in [[items]] (line 5)`}},
		{"choose zero", head + pool("id = \"p\"\nchoose = 0\npoints = 1\nitems = [\"first\", \"pick\"]\n"), []string{"6: pools p: choose must be from 1 to 2 (the number of its items), not 0"}},
		{"choose too many", head + pool("id = \"p\"\nchoose = 3\npoints = 1\nitems = [\"first\", \"pick\"]\n"), []string{"6: pools p: choose must be from 1 to 2"}},
		{"choose float", head + pool("id = \"p\"\nchoose = 1.5\npoints = 1\nitems = [\"first\"]\n"), []string{"6: pools.choose must be an integer, not a float"}},
		{"choose missing", head + pool("id = \"p\"\npoints = 1\nitems = [\"first\"]\n"), []string{"4: pools p: choose (how many items each student gets) is missing"}},
		{"points zero", head + pool("id = \"p\"\nchoose = 1\npoints = 0\nitems = [\"first\"]\n"), []string{"7: pools p: points must be more than 0, not 0"}},
		{"points negative", head + pool("id = \"p\"\nchoose = 1\npoints = -2\nitems = [\"first\"]\n"), []string{"7: pools p: points must be more than 0, not -2"}},
		{"points missing", head + pool("id = \"p\"\nchoose = 1\nitems = [\"first\"]\n"), []string{"4: pools p: points (per item) is missing"}},
		{"duplicate pool id", head + pool("id = \"p\"\nchoose = 1\npoints = 1\nitems = [\"first\"]\n") + pool("id = \"p\"\nchoose = 1\npoints = 1\nitems = [\"pick\"]\n"),
			[]string{`10: pools: "p" is listed twice (first at line 5)`}},
		{"id missing", head + pool("choose = 1\npoints = 1\nitems = [\"first\"]\n"), []string{"4: pools: id is missing"}},
		{"bad id", head + pool("id = \"a b\"\nchoose = 1\npoints = 1\nitems = [\"first\"]\n"), []string{`5: pools: id "a b" must be letters`}},
		{"items missing", head + pool("id = \"p\"\nchoose = 1\npoints = 1\n"), []string{"4: pools p: items is missing", "6: pools p: choose must be from 1 to 0"}},
		{"items empty", head + pool("id = \"p\"\nchoose = 1\npoints = 1\nitems = []\n"), []string{"6: pools p: choose must be from 1 to 0", "8: pools p: items is empty"}},
		{"items not strings", head + pool("id = \"p\"\nchoose = 1\npoints = 1\nitems = \"first\"\n"), []string{"6: pools p: choose must be from 1 to 0", "8: pools.items must be an array of strings, not a string"}},
		{"unknown pool key", head + pool("id = \"p\"\nchoose = 1\npoints = 1\nitems = [\"first\"]\npenalties = [0.5]\n"), []string{`9: unknown key "penalties" in [[pools]]`}},
		{"pools not tables", head + "pools = 3\n", []string{"4: pools must be an array of tables"}},
	}
	c := testCourse(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(tt.src, c)
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantErrors(t, err, tt.want)
		})
	}
}

func ids(items []homework.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

// poolOf is a pool of n items named ID-1 ... ID-n, choose of them drawn.
func poolOf(id string, n, choose int) homework.Pool {
	p := homework.Pool{ID: id, Choose: choose, Points: 1, Line: 10 * (n + choose)}
	for i := range n {
		p.Items = append(p.Items, homework.Item{ID: fmt.Sprintf("%s-%d", id, i+1), Points: 1, Line: p.Line})
	}
	return p
}

// The draw depends on the assignment, the pool and the student alone: a
// change of the rule (the key's string, its hash, the ranking) changes
// these, so a class's draws would change between two engines. The table
// was worked out from the rule in docs/homework.md with Python's hashlib.
func TestDrawGolden(t *testing.T) {
	a := &homework.Assignment{ID: "hw1", Pools: []homework.Pool{poolOf("warm-up", 2, 1), poolOf("pick", 4, 2)}}
	golden := []struct {
		student string
		want    string
	}{
		{"ada", "pick: pick-1, pick-3; warm-up: warm-up-1"},
		{"bob", "pick: pick-2, pick-4; warm-up: warm-up-2"},
		{"carol", "pick: pick-1, pick-3; warm-up: warm-up-2"},
		{"d.knuth@example.org", "pick: pick-2, pick-4; warm-up: warm-up-1"},
		{"s042", "pick: pick-2, pick-4; warm-up: warm-up-2"},
	}
	for _, g := range golden {
		if got := homework.DrawText(a.DrawIDs(g.student)); got != g.want {
			t.Errorf("draw of %s = %q, want %q", g.student, got, g.want)
		}
		// The same again, and the same for the ID in capitals, which
		// names the same student.
		if got := homework.DrawText(a.DrawIDs(strings.ToUpper(g.student))); got != g.want {
			t.Errorf("draw of %s = %q, want %q", strings.ToUpper(g.student), got, g.want)
		}
	}
	// Another assignment with the same pools draws afresh.
	b := *a
	b.ID = "hw2"
	differ := 0
	for _, g := range golden {
		if homework.DrawText(b.DrawIDs(g.student)) != g.want {
			differ++
		}
	}
	if differ == 0 {
		t.Error("hw2 gives every student the draw of hw1")
	}
}

// Over a class, each item of a pool is drawn about equally often: the
// count of an item is binomial, Choose/n of the class on average, and
// stays within 4 standard deviations of it.
func TestDrawSpread(t *testing.T) {
	const class = 300
	for _, shape := range []struct{ n, choose int }{{2, 1}, {3, 1}, {4, 2}, {5, 3}, {6, 1}, {3, 3}} {
		p := poolOf("p", shape.n, shape.choose)
		a := &homework.Assignment{ID: "hw", Pools: []homework.Pool{p}}
		t.Run(fmt.Sprintf("%d of %d", shape.choose, shape.n), func(t *testing.T) {
			count := map[string]int{}
			sets := map[string]bool{}
			for s := range class {
				draw := a.Draw(fmt.Sprintf("s%03d", s))
				if len(draw) != shape.choose {
					t.Fatalf("draw of s%03d has %d items, want %d", s, len(draw), shape.choose)
				}
				for _, it := range draw {
					count[it.ID]++
				}
				sets[strings.Join(ids(draw), ",")] = true
			}
			q := float64(shape.choose) / float64(shape.n)
			mean, sd := class*q, math.Sqrt(class*q*(1-q))
			for _, it := range p.Items {
				if got := float64(count[it.ID]); math.Abs(got-mean) > 4*sd {
					t.Errorf("%s drawn %v times, want %.1f ± %.1f", it.ID, got, mean, 4*sd)
				}
			}
			// Every possible draw turns up in a class this size.
			if want := a.Draws().Int64(); int64(len(sets)) != want {
				t.Errorf("%d distinct draws seen, want all %d", len(sets), want)
			}
		})
	}
}

func TestDraws(t *testing.T) {
	for _, tc := range []struct {
		pools []homework.Pool
		want  string
	}{
		{nil, "1"},
		{[]homework.Pool{poolOf("a", 2, 1)}, "2"},
		{[]homework.Pool{poolOf("a", 2, 1), poolOf("b", 5, 2)}, "20"},
		{[]homework.Pool{poolOf("a", 3, 3)}, "1"},
		{[]homework.Pool{poolOf("a", 60, 30), poolOf("b", 60, 30)}, "13986511252711760583915116323307776"}, // C(60,30)² outgrows int64
	} {
		a := &homework.Assignment{ID: "hw", Pools: tc.pools}
		if got := a.Draws().String(); got != tc.want {
			t.Errorf("Draws(%d pools) = %s, want %s", len(tc.pools), got, tc.want)
		}
	}
}

// drawnAndNot is an item of the pool in the student's draw and one not.
func drawnAndNot(t *testing.T, a *homework.Assignment, student string) (in, out string) {
	t.Helper()
	for _, it := range a.Pools[0].Items {
		if slices.Contains(a.DrawIDs(student)[a.Pools[0].ID], it.ID) {
			in = it.ID
		} else {
			out = it.ID
		}
	}
	return in, out
}

func TestScoreDraw(t *testing.T) {
	a, err := parse(pooled, testCourse(t))
	if err != nil {
		t.Fatal(err)
	}
	in, out := drawnAndNot(t, a, "ada")
	all := map[string]homework.ItemResult{in: {Passed: true}, out: {Passed: true}, "hello": {Passed: true}}
	g := homework.Score(a, "Ada", a.Due, all)
	if g.Max != 22 || g.Raw != 22 || len(g.Items) != 2 || g.Items[0].ID != in || g.Items[1].ID != "hello" {
		t.Errorf("grade = %+v, want 22 of 22 on %s and hello", g, in)
	}
	// The item outside the draw earns nothing.
	g = homework.Score(a, "ada", a.Due, map[string]homework.ItemResult{out: {Passed: true}})
	if g.Raw != 0 || g.Max != 22 {
		t.Errorf("grade = %+v, want 0 of 22", g)
	}
}

func TestCheckDraw(t *testing.T) {
	c := testCourse(t)
	a, err := parse(pooled, c)
	if err != nil {
		t.Fatal(err)
	}
	noPools, err := parse(good, c)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := homework.CourseHash(courseFS())
	if err != nil {
		t.Fatal(err)
	}
	// Two students with different draws.
	other := ""
	for s := range 100 {
		if id := fmt.Sprintf("s%d", s); !slices.Equal(a.DrawIDs(id)["warm-up"], a.DrawIDs("ada")["warm-up"]) {
			other = id
			break
		}
	}
	if other == "" {
		t.Fatal("every student draws as ada")
	}
	in, out := drawnAndNot(t, a, "ada")
	bundle := func(student string, draw map[string][]string, items ...string) *homework.Bundle {
		b := &homework.Bundle{Assignment: a.ID, Course: "c1", CourseHash: hash, Student: homework.Student{ID: student}, Submitted: time.Now(), Draw: draw}
		for _, id := range items {
			b.Items = append(b.Items, homework.Work{ID: id, Answer: &quiz.Answer{Text: "go"}})
		}
		return b
	}
	for _, tc := range []struct {
		name string
		asg  *homework.Assignment
		b    *homework.Bundle
		want string // "" for none
	}{
		{"own draw", a, bundle("ada", a.DrawIDs("ada"), in), ""},
		{"own draw, nothing handed in", a, bundle("ada", a.DrawIDs("ada")), ""},
		{"item outside the draw", a, bundle("ada", a.DrawIDs("ada"), out), fmt.Sprintf(`item %q is not in ada's draw (warm-up: %s)`, out, in)},
		{"another student's draw", a, bundle("ada", a.DrawIDs(other), out), fmt.Sprintf("it records warm-up: %s, but ada's draw is warm-up: %s", out, in)},
		{"no draw recorded", a, bundle("ada", nil, in), "it records no draw, but ada's draw is"},
		{"a draw for an assignment without pools", noPools, bundle("ada", map[string][]string{"warm-up": {"first"}}), "it records a draw (warm-up: first), but hw1 has no pools"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.b.Assignment = tc.asg.ID
			err := homework.Check(tc.b, tc.asg, hash)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("err = %v", err)
			case tc.want == "":
			case !errors.Is(err, homework.ErrWrongDraw) || !strings.Contains(err.Error(), tc.want):
				t.Errorf("err = %v, want ErrWrongDraw with %q", err, tc.want)
			}
		})
	}
}

// submit's side: the bundle holds the draw and the work on it alone, and
// keeps both through the file.
func TestCollectDraw(t *testing.T) {
	c := testCourse(t)
	a, err := parse(pooled, c)
	if err != nil {
		t.Fatal(err)
	}
	v := homework.NewVersioned(a, []byte(pooled), "hash")
	in, out := drawnAndNot(t, a, "ada")
	right := []engine.Attempt{{Result: engine.ResultRight, Submitted: `{"text":"go"}`}}
	rec := records{atts: map[string][]engine.Attempt{"first": right, "pick": right}}
	l := &homework.Learner{Records: rec, Workspace: files{"hello": "package hello // mine\n"}, Course: c, User: "ada"}
	b, notes, err := l.Collect(t.Context(), v, homework.Student{ID: "ada"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var handed []string
	for _, w := range b.Items {
		handed = append(handed, w.ID)
	}
	if !slices.Equal(handed, []string{in, "hello"}) || len(notes) != 2 {
		t.Errorf("items %v (notes %v), want %s and hello, not %s", handed, notes, in, out)
	}
	got, err := homework.Decode(bytes.NewReader(encode(t, b)))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Draw["warm-up"], []string{in}) || len(got.Draw) != 1 {
		t.Errorf("draw = %v, want warm-up: %s", got.Draw, in)
	}
	if err := homework.Check(got, a, "hash"); err != nil {
		t.Errorf("the bundle does not check: %v", err)
	}
	// A draw with an empty pool is malformed, checksum or not.
	b.Draw = map[string][]string{"warm-up": {}}
	if _, err := homework.Decode(bytes.NewReader(encode(t, b))); !errors.Is(err, homework.ErrMalformed) {
		t.Errorf("err = %v, want ErrMalformed", err)
	}
}
