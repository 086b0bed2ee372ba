package homework_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/quiz"
)

const chapter = `[[questions]]
id = "first"
type = "ShortAnswer"
prompt.prompt = "Which keyword starts a goroutine?"
answer.answer = "go"

[[questions]]
id = "pick"
type = "MultipleChoice"
prompt.prompt = "Pick"
prompt.distractors = ["b"]
answer.answer = "a"

[[exercises]]
id = "hello"
title = "Hello"
starter = "package hello\n"
test = "package hello; import \"testing\"; func TestIt(t *testing.T) {}"
solution = "package hello\n"
`

func courseFS() fstest.MapFS {
	return fstest.MapFS{
		"course.toml": {Data: []byte("format_version = 1\nid = \"c1\"\ntitle = \"C1\"\n")},
		"01-ch.toml":  {Data: []byte(chapter)},
	}
}

func testCourse(t testing.TB) *engine.Course {
	t.Helper()
	c, err := engine.LoadFS(courseFS(), "course")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const good = `id = "hw1"
title = "Homework 1: joins and selects"
due = 2026-12-01T23:59:00Z          # a TOML date-time with an offset
late_penalty_per_day = 0.10
late_cutoff_days = 7

[[items]]
id = "first"
points = 10
penalties = [0, 0.1, 0.3]

[[items]]
id = "hello"
points = 20.5
`

func parse(src string, c *engine.Course) (*homework.Assignment, error) {
	return homework.ParseAssignment("hw.toml", []byte(src), c)
}

func TestLoadAssignment(t *testing.T) {
	a, err := parse(good, testCourse(t))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "hw1" || a.Title != "Homework 1: joins and selects" || a.CourseID != "c1" {
		t.Errorf("got %q %q %q", a.ID, a.Title, a.CourseID)
	}
	if want := time.Date(2026, 12, 1, 23, 59, 0, 0, time.UTC); !a.Due.Equal(want) {
		t.Errorf("due = %v, want %v", a.Due, want)
	}
	if a.LatePenaltyPerDay != 0.1 || a.LateCutoffDays != 7 {
		t.Errorf("late = %v %v", a.LatePenaltyPerDay, a.LateCutoffDays)
	}
	if len(a.Items) != 2 || a.Items[0].Kind != engine.KindQuestion || a.Items[1].Kind != engine.KindExercise ||
		a.Items[1].Points != 20.5 || len(a.Items[0].Penalties) != 3 || a.Items[0].Line != 7 {
		t.Errorf("items = %+v", a.Items)
	}
	if a.MaxScore() != 30.5 {
		t.Errorf("max = %v", a.MaxScore())
	}
}

func TestLoadAssignmentErrors(t *testing.T) {
	head := "id = \"hw1\"\ntitle = \"T\"\ndue = 2026-12-01T23:59:00+01:00\n"
	item := "[[items]]\nid = \"first\"\npoints = 10\n"
	tests := []struct {
		name, src string
		want      []string // "line: message part"
	}{
		{"syntax", "id = \n", []string{"1: "}},
		{"missing due", "id = \"hw1\"\ntitle = \"T\"\n" + item, []string{"1: due is missing"}},
		{"local due", "id = \"hw1\"\ntitle = \"T\"\ndue = 2026-12-01T23:59:00\n" + item, []string{"3: due must be a date-time with an offset"}},
		{"due wrong type", "id = \"hw1\"\ntitle = \"T\"\ndue = \"tomorrow\"\n" + item, []string{"3: due must be a date-time with an offset, not a string"}},
		{"unknown root key", head + "late_penality_per_day = 0.1\n" + item, []string{`4: unknown key "late_penality_per_day" in the assignment`}},
		{"unknown item key", head + item + "point = 3\n", []string{`7: unknown key "point" in [[items]]`}},
		{"unknown item", head + item + "[[items]]\nid = \"nope\"\npoints = 1\n", []string{`8: items: "nope" is not a question or exercise of course c1`}},
		{"duplicate item", head + item + "\n[[items]]\nid = \"first\"\npoints = 1\n", []string{`9: items: "first" is listed twice (first at line 5)`}},
		{"points type", head + "[[items]]\nid = \"first\"\npoints = \"ten\"\n", []string{"6: items.points must be a number, not a string"}},
		{"points zero", head + "[[items]]\nid = \"first\"\npoints = 0\n", []string{"6: items first: points must be more than 0"}},
		{"points missing", head + "[[items]]\nid = \"first\"\n", []string{"4: items first: points is missing"}},
		{"penalty range", head + item + "penalties = [0, 1.5]\n", []string{"7: items first: penalties must be fractions between 0 and 1"}},
		{"penalty type", head + item + "penalties = [\"a\"]\n", []string{"7: items.penalties must hold only numbers, not a string"}},
		{"penalty on exercise", head + "[[items]]\nid = \"hello\"\npoints = 1\npenalties = [0.1]\n", []string{"7: items hello: penalties apply to questions only"}},
		{"late range", head + "late_penalty_per_day = 2\n" + item, []string{"4: late_penalty_per_day must be between 0 and 1"}},
		{"late type", head + "late_penalty_per_day = \"x\"\n" + item, []string{"4: late_penalty_per_day must be a number, not a string"}},
		{"cutoff negative", head + "late_cutoff_days = -1\n" + item, []string{"4: late_cutoff_days must be 0 or more"}},
		{"cutoff float", head + "late_cutoff_days = 1.5\n" + item, []string{"4: late_cutoff_days must be an integer, not a float"}},
		{"no items", head, []string{"1: the assignment has no items"}},
		{"items not tables", head + "items = 3\n", []string{"4: items must be an array of tables"}},
		{"id type", "id = 3\ntitle = \"T\"\ndue = 2026-12-01T23:59:00Z\n" + item, []string{"1: id must be a string, not an integer"}},
		{"bad id", "id = \"a b\"\ntitle = \"T\"\ndue = 2026-12-01T23:59:00Z\n" + item, []string{`1: id "a b" must be letters`}},
		{"multi-line skipped", head + "title2 = \"\"\"\nx = 1\n\"\"\"\n" + item, []string{`4: unknown key "title2"`}},
		{"two errors in line order", head + item + "bogus = 1\n[[items]]\nid = \"nope\"\npoints = 1\n", []string{`7: unknown key "bogus"`, `9: items: "nope"`}},
	}
	c := testCourse(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(tt.src, c)
			wantErrors(t, err, tt.want)
		})
	}
}

// wantErrors checks that err is the loader's errors, each starting with
// "hw.toml:" and the want at its index ("line: message part").
func wantErrors(t *testing.T, err error, want []string) {
	t.Helper()
	var errs engine.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("err = %v, want engine.Errors", err)
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%v", len(errs), len(want), err)
	}
	for i, w := range want {
		if got := errs[i].Error(); !strings.HasPrefix(got, "hw.toml:"+w) {
			t.Errorf("error %d = %q, want prefix %q", i, got, "hw.toml:"+w)
		}
	}
}

func TestScore(t *testing.T) {
	due := time.Date(2026, 12, 1, 23, 59, 0, 0, time.UTC)
	a := &homework.Assignment{
		ID: "hw1", Due: due, LatePenaltyPerDay: 0.1, LateCutoffDays: 3,
		Items: []homework.Item{
			{ID: "q", Kind: engine.KindQuestion, Points: 10, Penalties: []float64{0, 0.1, 0.3}},
			{ID: "e", Kind: engine.KindExercise, Points: 20},
		},
	}
	all := map[string]homework.ItemResult{"q": {Passed: true, Attempts: 1}, "e": {Passed: true}}
	tests := []struct {
		name                string
		at                  time.Duration // after due
		items               map[string]homework.ItemResult
		raw, penalty, final float64
		daysLate            int
		pastCutoff          bool
	}{
		{"early", -48 * time.Hour, all, 30, 0, 30, 0, false},
		{"exactly due", 0, all, 30, 0, 30, 0, false},
		{"one minute late", time.Minute, all, 30, 3, 27, 1, false},
		{"exactly one day", 24 * time.Hour, all, 30, 3, 27, 1, false},
		{"exactly three days (cutoff)", 72 * time.Hour, all, 30, 9, 21, 3, false},
		{"past cutoff by a second", 72*time.Hour + time.Second, all, 30, 30, 0, 4, true},
		{"nothing passed", 0, map[string]homework.ItemResult{"q": {Attempts: 5}}, 0, 0, 0, 0, false},
		{"missing item", 0, map[string]homework.ItemResult{"e": {Passed: true}}, 20, 0, 20, 0, false},
		{"attempt 2: penalties[0]", 0, map[string]homework.ItemResult{"q": {Passed: true, Attempts: 2}}, 10, 0, 10, 0, false},
		{"attempt 3: penalties[1]", 0, map[string]homework.ItemResult{"q": {Passed: true, Attempts: 3}}, 9, 0, 9, 0, false},
		{"attempt 4: penalties[2]", 0, map[string]homework.ItemResult{"q": {Passed: true, Attempts: 4}}, 7, 0, 7, 0, false},
		{"attempt 9: last repeats", 0, map[string]homework.ItemResult{"q": {Passed: true, Attempts: 9}}, 7, 0, 7, 0, false},
		{"attempts 0 counts as first", 0, map[string]homework.ItemResult{"q": {Passed: true}}, 10, 0, 10, 0, false},
		{"penalty and late", 25 * time.Hour, map[string]homework.ItemResult{"q": {Passed: true, Attempts: 3}, "e": {Passed: true}}, 29, 5.8, 23.2, 2, false},
		{"exercise ignores attempts", 0, map[string]homework.ItemResult{"e": {Passed: true, Attempts: 7}}, 20, 0, 20, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := homework.Score(a, "ada", due.Add(tt.at), tt.items)
			if g.Raw != tt.raw || g.LatePenalty != tt.penalty || g.Final != tt.final || g.DaysLate != tt.daysLate || g.PastCutoff != tt.pastCutoff || g.Max != 30 {
				t.Errorf("got raw %v penalty %v final %v days %d cutoff %v max %v; want %v %v %v %d %v 30",
					g.Raw, g.LatePenalty, g.Final, g.DaysLate, g.PastCutoff, g.Max, tt.raw, tt.penalty, tt.final, tt.daysLate, tt.pastCutoff)
			}
			if len(g.Items) != 2 {
				t.Errorf("items = %+v", g.Items)
			}
		})
	}
}

func TestLatePenaltyCapped(t *testing.T) {
	due := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	a := &homework.Assignment{ID: "hw", Due: due, LatePenaltyPerDay: 0.4, LateCutoffDays: 10,
		Items: []homework.Item{{ID: "e", Points: 10}}}
	g := homework.Score(a, "ada", due.Add(3*24*time.Hour), map[string]homework.ItemResult{"e": {Passed: true}})
	if g.LatePenalty != 10 || g.Final != 0 || g.PastCutoff {
		t.Errorf("got %+v", g)
	}
	// A submission in another time zone is compared as an instant.
	g = homework.Score(a, "ada", due.In(time.FixedZone("X", 5*3600)).Add(-time.Minute), map[string]homework.ItemResult{"e": {Passed: true}})
	if g.DaysLate != 0 || g.Final != 10 {
		t.Errorf("got %+v", g)
	}
}

func TestDaysLateHuge(t *testing.T) {
	due := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if d := homework.DaysLate(due, due.AddDate(500, 0, 0)); d <= 0 {
		t.Errorf("DaysLate = %d", d)
	}
}

func testBundle(t testing.TB) (*homework.Bundle, *homework.Assignment, string) {
	t.Helper()
	a, err := parse(good, testCourse(t))
	if err != nil {
		t.Fatal(err)
	}
	hash, err := homework.CourseHash(courseFS())
	if err != nil {
		t.Fatal(err)
	}
	b := &homework.Bundle{
		Assignment: "hw1", Course: "c1", CourseHash: hash, Student: homework.Student{ID: "ada", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.org"},
		Submitted: time.Date(2026, 12, 1, 22, 0, 0, 123, time.FixedZone("CET", 3600)),
		Items: []homework.Work{
			{ID: "first", Answer: &quiz.Answer{Text: "go"}, Attempts: 2},
			{ID: "hello", Code: "package hello\n\nfunc Hello() string { return \"héllo\\x00\" }\n"},
		},
	}
	return b, a, hash
}

func encode(t *testing.T, b *homework.Bundle) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := b.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBundleRoundTrip(t *testing.T) {
	b, a, hash := testBundle(t)
	data := encode(t, b)
	got, err := homework.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !got.Submitted.Equal(b.Submitted) || got.Student != b.Student || len(got.Items) != 2 ||
		got.Items[0].Answer == nil || got.Items[0].Answer.Text != "go" || got.Items[0].Attempts != 2 || got.Items[1].Code != b.Items[1].Code {
		t.Errorf("decoded %+v, want %+v", got, b)
	}
	if err := homework.Check(got, a, hash); err != nil {
		t.Errorf("Check: %v", err)
	}
	// Re-encoding gives the same file: the encoding is canonical.
	if again := encode(t, got); !bytes.Equal(again, data) {
		t.Errorf("re-encoded differs:\n%s\n%s", data, again)
	}
	// Re-indenting the file does not break the checksum.
	var compact bytes.Buffer
	if err := json.Compact(&compact, data); err != nil {
		t.Fatal(err)
	}
	if _, err := homework.Decode(&compact); err != nil {
		t.Errorf("compacted: %v", err)
	}
}

func TestDecodeRejects(t *testing.T) {
	b, _, _ := testBundle(t)
	data := encode(t, b)
	var env map[string]any
	if err := json.Unmarshal(data, &env); err != nil {
		t.Fatal(err)
	}
	reenv := func(f func(env map[string]any)) string {
		var e map[string]any
		json.Unmarshal(data, &e)
		f(e)
		out, _ := json.Marshal(e)
		return string(out)
	}
	tamper := func(old, new string) string {
		if !strings.Contains(string(data), old) {
			t.Fatalf("%q not in bundle", old)
		}
		return strings.Replace(string(data), old, new, 1)
	}
	tests := []struct {
		name string
		in   string
		want error
		msg  string
	}{
		{"empty", "", homework.ErrTruncated, "empty"},
		{"truncated", string(data[:len(data)/2]), homework.ErrTruncated, "ends early"},
		{"truncated one byte", string(data[:len(data)-2]), homework.ErrTruncated, ""},
		{"not json", "hello", homework.ErrMalformed, ""},
		{"array", "[1,2]", homework.ErrMalformed, ""},
		{"trailing data", string(data) + "{}", homework.ErrMalformed, "after the end"},
		{"wrong format", reenv(func(e map[string]any) { e["format"] = "zip" }), homework.ErrMalformed, "format"},
		{"wrong version", reenv(func(e map[string]any) { e["version"] = 9 }), homework.ErrMalformed, "version 9"},
		{"no checksum", reenv(func(e map[string]any) { delete(e, "sha256") }), homework.ErrMalformed, "sha256 is missing"},
		{"no bundle", reenv(func(e map[string]any) { delete(e, "bundle") }), homework.ErrMalformed, "bundle is missing"},
		{"unknown field", reenv(func(e map[string]any) { e["extra"] = 1 }), homework.ErrMalformed, "unknown field"},
		// A learner's own verdict has no place in a bundle, even one whose
		// checksum is recomputed to match.
		{"verdict claimed", reenv(func(e map[string]any) {
			e["bundle"].(map[string]any)["items"].([]any)[1].(map[string]any)["passed"] = true
		}), homework.ErrMalformed, `unknown field "passed"`},
		{"bundle wrong type", reenv(func(e map[string]any) { e["bundle"] = 3 }), homework.ErrMalformed, ""},
		{"code tampered", tamper("return", "retorn"), homework.ErrTampered, "checksum"},
		{"student tampered", tamper(`"ada"`, `"bob"`), homework.ErrTampered, ""},
		{"time tampered", tamper("2026-12-01T21:00:00", "2026-12-01T20:00:00"), homework.ErrTampered, ""},
		{"attempts tampered", tamper(`"attempts": 2`, `"attempts": 1`), homework.ErrTampered, ""},
		{"checksum tampered", reenv(func(e map[string]any) { e["sha256"] = strings.Repeat("0", 64) }), homework.ErrTampered, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := homework.Decode(strings.NewReader(tt.in))
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want it to say %q", err, tt.msg)
			}
		})
	}
}

// TestDecodeValidates checks what a correct checksum cannot vouch for.
func TestDecodeValidates(t *testing.T) {
	tests := []struct {
		name string
		edit func(b *homework.Bundle)
		msg  string
	}{
		{"no assignment", func(b *homework.Bundle) { b.Assignment = "" }, "assignment is missing"},
		{"no course", func(b *homework.Bundle) { b.Course = "" }, "course is missing"},
		{"no hash", func(b *homework.Bundle) { b.CourseHash = "" }, "course_hash is missing"},
		{"no student", func(b *homework.Bundle) { b.Student.ID = "" }, "student.id is missing"},
		{"no time", func(b *homework.Bundle) { b.Submitted = time.Time{} }, "submitted is missing"},
		{"duplicate item", func(b *homework.Bundle) { b.Items = append(b.Items, b.Items[0]) }, "listed twice"},
		{"item without id", func(b *homework.Bundle) { b.Items[0].ID = "" }, "has no id"},
		{"answer and code", func(b *homework.Bundle) { b.Items[0].Code = "x" }, "both"},
		{"negative attempts", func(b *homework.Bundle) { b.Items[0].Attempts = -1 }, "attempts"},
		{"negative hints", func(b *homework.Bundle) { b.Items[0].Hints = -1 }, "hints"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _, _ := testBundle(t)
			tt.edit(b)
			_, err := homework.Decode(bytes.NewReader(encode(t, b)))
			if !errors.Is(err, homework.ErrMalformed) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want malformed: %s", err, tt.msg)
			}
		})
	}
}

func TestCheckRejects(t *testing.T) {
	tests := []struct {
		name string
		edit func(b *homework.Bundle, a *homework.Assignment) string // returns the course hash to check with
		want error
		msg  string
	}{
		{"other assignment", func(b *homework.Bundle, a *homework.Assignment) string { b.Assignment = "hw2"; return b.CourseHash }, homework.ErrWrongAssignment, `"hw2", not "hw1"`},
		{"other course", func(b *homework.Bundle, a *homework.Assignment) string { b.Course = "c2"; return b.CourseHash }, homework.ErrWrongCourse, `course "c2"`},
		{"other course version", func(b *homework.Bundle, a *homework.Assignment) string {
			fsys := courseFS()
			fsys["01-ch.toml"] = &fstest.MapFile{Data: []byte(chapter + "\n# edited\n")}
			h, err := homework.CourseHash(fsys)
			if err != nil {
				t.Fatal(err)
			}
			return h
		}, homework.ErrWrongCourse, "course hash"},
		{"item not in assignment", func(b *homework.Bundle, a *homework.Assignment) string {
			b.Items = append(b.Items, homework.Work{ID: "pick", Answer: &quiz.Answer{}})
			return b.CourseHash
		}, homework.ErrMalformed, `"pick" is not part`},
		{"code for a question", func(b *homework.Bundle, a *homework.Assignment) string {
			b.Items[0] = homework.Work{ID: "first", Code: "package x"}
			return b.CourseHash
		}, homework.ErrMalformed, "is a question"},
		{"answer for an exercise", func(b *homework.Bundle, a *homework.Assignment) string {
			b.Items[1] = homework.Work{ID: "hello", Answer: &quiz.Answer{}}
			return b.CourseHash
		}, homework.ErrMalformed, "is an exercise"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, a, _ := testBundle(t)
			hash := tt.edit(b, a)
			err := homework.Check(b, a, hash)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want %v: %s", err, tt.want, tt.msg)
			}
		})
	}
}

func TestCourseHash(t *testing.T) {
	h1, err := homework.CourseHash(courseFS())
	if err != nil {
		t.Fatal(err)
	}
	if len(h1) != 64 {
		t.Errorf("hash %q", h1)
	}
	same := courseFS()
	same[".git/HEAD"] = &fstest.MapFile{Data: []byte("ref")}
	same[".swp"] = &fstest.MapFile{Data: []byte("x")}
	if h, _ := homework.CourseHash(same); h != h1 {
		t.Errorf("hidden files changed the hash")
	}
	renamed := courseFS()
	renamed["02-ch.toml"] = renamed["01-ch.toml"]
	delete(renamed, "01-ch.toml")
	// Moving bytes between a name and content must change the hash.
	moved := fstest.MapFS{"ab": {Data: []byte("c")}}
	moved2 := fstest.MapFS{"a": {Data: []byte("bc")}}
	for name, fsys := range map[string]fstest.MapFS{"renamed": renamed, "edited": {"course.toml": courseFS()["course.toml"], "01-ch.toml": {Data: []byte(chapter + " ")}}} {
		if h, _ := homework.CourseHash(fsys); h == h1 {
			t.Errorf("%s: hash unchanged", name)
		}
	}
	h3, _ := homework.CourseHash(moved)
	h4, _ := homework.CourseHash(moved2)
	if h3 == h4 {
		t.Errorf("name/content boundary is not in the hash")
	}
	if _, err := homework.CourseHash(fstest.MapFS{}); err != nil {
		t.Errorf("empty course: %v", err)
	}
}
