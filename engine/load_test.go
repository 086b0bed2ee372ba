package engine_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// wantErr is one expected loader error: the file (relative to testdata/bad,
// slash-separated), its line, and a part of its message.
type wantErr struct {
	file string
	line int
	msg  string
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		path string // under testdata/bad: a chapter file, or a course directory
		want []wantErr
	}{
		{"syntax.toml", []wantErr{
			{"syntax.toml", 8, "strings cannot contain newlines"},
		}},
		{"syntax-dup-key.toml", []wantErr{
			{"syntax-dup-key.toml", 5, "already been defined"},
		}},
		// Wrong types in the 2nd and 3rd of four entries: the lines are
		// those entries', not the last one's.
		{"exercise-types.toml", []wantErr{
			{"exercise-types.toml", 20, "exercises.hints must be an array of strings, not a string"},
			{"exercise-types.toml", 26, "exercises.race must be true or false, not a string"},
			{"exercise-types.toml", 30, "exercises.hints must hold only strings, not an integer"},
		}},
		{"question-types.toml", []wantErr{
			{"question-types.toml", 12, "questions.prompt.distractors must be an array of strings, not a string"},
			{"question-types.toml", 23, "questions.answer.doesCompile must be true or false, not a string"},
		}},
		{"question-subtables.toml", []wantErr{
			{"question-subtables.toml", 16, "questions.prompt.distractors must hold only strings, not an integer"},
			{"question-subtables.toml", 17, "questions.prompt.answerIndex must be an integer, not a string"},
			{"question-subtables.toml", 29, "questions.answer.answer must be a string, not an array"},
		}},
		// Issue 11 and 12's keys, nested arrays of tables at their own lines.
		{"new-keys.toml", []wantErr{
			{"new-keys.toml", 11, "cpu entries must be whole numbers from 1 to 64, not 0"},
			{"new-keys.toml", 12, "stress must be from 1 to 1000, not 5000"},
			{"new-keys.toml", 13, `vet: "nosuch" is not an analyzer`},
			{"new-keys.toml", 16, "must not end in _test.go"},
			{"new-keys.toml", 20, "support file b.go is package y but the starter is package x"},
			{"new-keys.toml", 24, "support file e1.go has the name of the learner's file"},
			{"new-keys.toml", 27, "wrong solution w1: why is missing"},
			{"new-keys.toml", 32, "wrong solution w1 is given twice"},
			{"new-keys.toml", 35, `unknown key "typo" in exercises.wrong`},
			{"new-keys.toml", 45, `exercise e2 wrong solution "fine": code (or code_file) is missing`},
			{"new-keys.toml", 55, "whyNot has 1 entries for 2 distractors"},
		}},
		{"shapes.toml", []wantErr{
			{"shapes.toml", 1, "chapter must be a table, not a string"},
			{"shapes.toml", 2, "questions must be an array of tables ([[questions]]), not a string"},
			{"shapes.toml", 4, "exercises must be an array of tables ([[exercises]]), not a table"},
		}},
		{"dup-ids.toml", []wantErr{
			{"dup-ids.toml", 11, `duplicate id "same" (first used at ` + filepath.Join("testdata", "bad", "dup-ids.toml") + ":5)"},
			{"dup-ids.toml", 17, `duplicate id "same"`},
		}},
		{"dup-across", []wantErr{
			{"dup-across/02-second.toml", 3, `chapter id "shared" is already used by ` + filepath.Join("testdata", "bad", "dup-across", "01-first.toml")},
			{"dup-across/02-second.toml", 12, `duplicate id "q" (first used at ` + filepath.Join("testdata", "bad", "dup-across", "01-first.toml") + ":5)"},
		}},
		{"chapter-id.toml", []wantErr{
			{"chapter-id.toml", 3, `chapter id "has space" must be letters`},
		}},
		{"unknown-type.toml", []wantErr{
			{"unknown-type.toml", 9, `question essay: unknown question type "Essay"`},
			{"unknown-type.toml", 13, "question typeless: type is missing"},
		}},
		{"no-prompt.toml", []wantErr{
			{"no-prompt.toml", 1, "question no-answer: needs both prompt and answer"},
			{"no-prompt.toml", 6, "question no-prompt: needs both prompt and answer"},
		}},
		{"mc-empty-list.toml", []wantErr{
			{"mc-empty-list.toml", 6, "question empty-list: the answer list is empty"},
		}},
		{"mc-empty-string.toml", []wantErr{
			{"mc-empty-string.toml", 6, "question empty-string: an answer is empty"},
		}},
		{"mc-answer-is-distractor.toml", []wantErr{
			{"mc-answer-is-distractor.toml", 5, `question both: "b" is both an answer and a distractor`},
		}},
		{"tracing-failure.toml", []wantErr{
			{"tracing-failure.toml", 6, `question bad-failure: failure must be "panic" or "deadlock", not "crash"`},
			{"tracing-failure.toml", 14, "question no-compile-failure: failure is given for a program that does not compile"},
		}},
		{"mc-duplicate-choice.toml", []wantErr{
			{"mc-duplicate-choice.toml", 5, `question twice: the choice "b" is listed twice`},
			{"mc-duplicate-choice.toml", 19, "exercise mismatch: the test is package two but the starter is package one"},
			{"mc-duplicate-choice.toml", 20, "exercise mismatch: the solution is package three but the starter is package one"},
			{"mc-duplicate-choice.toml", 27, "exercise no-tests: the test has no Test functions"},
		}},
		{"mc-answer-index.toml", []wantErr{
			{"mc-answer-index.toml", 14, "question out-of-range: answerIndex 3 is out of range (there are 3 choices)"},
			{"mc-answer-index.toml", 22, "question negative: answerIndex -1 is out of range"},
			{"mc-answer-index.toml", 40, "question multi-out-of-range: answerIndex 3 is out of range (the answers go among 2 distractors, at 0 to 2)"},
			{"mc-answer-index.toml", 50, "question pinned-and-sorted: answerIndex and sortAnswers cannot be used together"},
		}},
		// Extension: the learner names the line only where the course asks.
		{"tracing-askline.toml", []wantErr{
			{"tracing-askline.toml", 2, "chapter.ask_lines must be true or false, not a string"},
			{"tracing-askline.toml", 14, "question ask-compiles: askLine is given for a program that compiles"},
			{"tracing-askline.toml", 25, "question ask-no-line: askLine needs a lineNumber"},
			{"tracing-askline.toml", 37, "questions.answer.askLine must be true or false, not a string"},
		}},
		// Course files are UTF-8; each other one is refused by its own
		// name, at the line of its first byte that is not UTF-8.
		{"encoding-utf16le-bom.toml", []wantErr{
			{"encoding-utf16le-bom.toml", 1, "the file is UTF-16 (it starts with a UTF-16 byte-order mark); course files must be UTF-8"},
		}},
		{"encoding-utf16be-bom.toml", []wantErr{
			{"encoding-utf16be-bom.toml", 1, "the file is UTF-16 (it starts with a UTF-16 byte-order mark)"},
		}},
		{"encoding-latin1.toml", []wantErr{
			{"encoding-latin1.toml", 4, "the file is not UTF-8 (byte 0xE9); course files must be UTF-8"},
		}},
		{"encoding-sources.toml", []wantErr{
			{"encoding-src/latin1.go.in", 3, "the file is not UTF-8 (byte 0xE9)"},
			{"encoding-src/utf16.go.in", 1, "the file is UTF-16"},
		}},
		{"mc-answer-type.toml", []wantErr{
			{"mc-answer-type.toml", 6, "question number: answer.answer must be a string or an array of strings, not an integer"},
			{"mc-answer-type.toml", 13, "question missing: answer.answer is missing"},
			{"mc-answer-type.toml", 20, "questions.answer.answer must hold only strings, not an integer"},
		}},
		{"short-empty.toml", []wantErr{
			{"short-empty.toml", 5, "question blank: answer.answer is empty"},
			{"short-empty.toml", 11, "questions.answer.answer must be a string, not an integer"},
			{"short-empty.toml", 13, "question no-prompt: needs both prompt and answer"},
			{"short-empty.toml", 26, "question blank-alternative: an alternative is empty"},
		}},
		{"short-response.toml", []wantErr{
			{"short-response.toml", 14, `question essay: prompt.response must be "short", "long" or "code", not "essay"`},
			{"short-response.toml", 21, "questions.prompt.response must be a string, not an integer"},
		}},
		{"tracing-stdout.toml", []wantErr{
			{"tracing-stdout.toml", 10, "question no-compile-stdout: stdout is given for a program that does not compile"},
		}},
		{"tracing-linenumber.toml", []wantErr{
			{"tracing-linenumber.toml", 11, "question compiles-with-line: lineNumber is given for a program that compiles"},
			{"tracing-linenumber.toml", 22, "question line-outside: lineNumber 9 is outside the program (lines 1-3)"},
			{"tracing-linenumber.toml", 30, "question no-verdict: answer.doesCompile is missing"},
		}},
		{"multipart.toml", []wantErr{
			{"multipart.toml", 13, `question part-b: multipart "b" is not defined in [multipart]`},
		}},
		// Unknown keys are errors everywhere but inside [[questions]],
		// where mdbook-quiz ignores them.
		{"unknown-keys.toml", []wantErr{
			{"unknown-keys.toml", 4, `unknown key "titel" in chapter`},
			{"unknown-keys.toml", 29, `unknown key "hint" in exercises`},
			{"unknown-keys.toml", 39, `unknown key "extras"`},
		}},
		{"sources.toml", []wantErr{
			{"sources.toml", 5, "exercise both: give starter or starter_file, not both"},
			{"sources.toml", 13, "exercise missing-file: test_file: open nowhere/missing_test.go"},
			{"sources.toml", 21, `exercise escape: solution_file "../../load.go" must stay inside the course directory`},
			{"sources.toml", 23, "exercise no-solution: solution (or solution_file) is missing"},
		}},
		{"exercise-fields.toml", []wantErr{
			{"exercise-fields.toml", 1, "exercise: id is missing"},
			{"exercise-fields.toml", 7, "exercise bad id: title is missing"},
			{"exercise-fields.toml", 8, `exercise id "bad id" must be letters`},
			{"exercise-fields.toml", 16, `exercise slow: timeout "soon" is not a positive duration`},
			{"exercise-fields.toml", 24, `exercise negative: timeout "-1s" is not a positive duration`},
		}},
		// Import rules hold import paths, and no path is both forbidden
		// and allowed or required.
		{"exercise-imports.toml", []wantErr{
			{"exercise-imports.toml", 7, "exercise paths: forbid_imports has an empty entry"},
			{"exercise-imports.toml", 8, `exercise paths: allow_imports: "/unsafe" is not an import path (it begins or ends with '/')`},
			{"exercise-imports.toml", 8, `exercise paths: allow_imports: "os/exec/" is not an import path (it begins or ends with '/')`},
			{"exercise-imports.toml", 8, `exercise paths: allow_imports: "net//http" is not an import path (it has an empty element)`},
			{"exercise-imports.toml", 9, `exercise paths: require_imports: "sync atomic" is not an import path (it contains white space)`},
			{"exercise-imports.toml", 9, `exercise paths: require_imports: "\"sync\"" is not an import path (it contains '"')`},
			{"exercise-imports.toml", 9, `exercise paths: require_imports: "./local" is not an import path (it has a "." element)`},
			{"exercise-imports.toml", 9, `exercise paths: require_imports: "a/../b" is not an import path (it has a ".." element)`},
			{"exercise-imports.toml", 9, `exercise paths: require_imports: "sync/atömic" is not an import path (it contains 'ö')`},
			{"exercise-imports.toml", 18, `exercise conflicts: "net" is both forbidden and allowed`},
			{"exercise-imports.toml", 19, `exercise conflicts: "sync/atomic" is both required and forbidden`},
			{"exercise-imports.toml", 30, "exercises.forbid_imports must be an array of strings, not a string"},
			{"exercise-imports.toml", 31, "exercises.require_imports must hold only strings, not an integer"},
		}},
		// Testify is not a test, nor is TestMain.
		{"exercise-tests.toml", []wantErr{
			{"exercise-tests.toml", 5, "exercise testify: the test has no Test functions"},
		}},
		{"course-noversion", []wantErr{
			{"course-noversion/course.toml", 1, "format_version is missing"},
		}},
		{"course-version", []wantErr{
			{"course-version/course.toml", 2, "format_version 2 is not supported (this engine reads 1)"},
		}},
		{"course-version-type", []wantErr{
			{"course-version-type/course.toml", 3, "format_version must be an integer, not a string"},
		}},
		{"course-unknown", []wantErr{
			{"course-unknown/course.toml", 1, "title is missing"},
			{"course-unknown/course.toml", 2, `id "bad id!" must be letters`},
			{"course-unknown/course.toml", 3, `unknown key "titel"`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			c, err := engine.Load(filepath.Join("testdata", "bad", filepath.FromSlash(tt.path)))
			if c != nil {
				t.Errorf("Load returned a course along with errors")
			}
			checkErrors(t, err, tt.want)
		})
	}
}

// checkErrors asserts that err is exactly the wanted loader errors.
func checkErrors(t *testing.T, err error, want []wantErr) {
	t.Helper()
	if err == nil {
		t.Fatalf("Load succeeded, want %d errors", len(want))
	}
	var errs engine.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Load error is %T (%v), want engine.Errors", err, err)
	}
	for i := 0; i < max(len(errs), len(want)); i++ {
		switch {
		case i >= len(want):
			t.Errorf("unexpected error %d: %v", i, errs[i])
			continue
		case i >= len(errs):
			t.Errorf("missing error %d: %s:%d: ...%s...", i, want[i].file, want[i].line, want[i].msg)
			continue
		}
		got, w := errs[i], want[i]
		file := filepath.Join("testdata", "bad", filepath.FromSlash(w.file))
		if got.File != file || got.Line != w.line || !strings.Contains(got.Msg, w.msg) {
			t.Errorf("error %d = %s:%d: %s\n           want %s:%d: ...%s...", i, got.File, got.Line, got.Msg, file, w.line, w.msg)
		}
		if s := got.Error(); s != fmt.Sprintf("%s:%d: %s", got.File, got.Line, got.Msg) {
			t.Errorf("error %d renders as %q, want path:line: message", i, s)
		}
	}
	var lines []string
	for _, e := range errs {
		lines = append(lines, e.Error())
	}
	if got := err.Error(); got != strings.Join(lines, "\n") {
		t.Errorf("Errors.Error() = %q, want one error a line", got)
	}
}

func TestLoadCourseDir(t *testing.T) {
	dir := filepath.Join("testdata", "good", "course")
	c, err := engine.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "test-course" || c.Title != "Test course" || c.Description != "Everything a course may hold." || c.Root != dir {
		t.Errorf("course = %q %q %q %q", c.ID, c.Title, c.Description, c.Root)
	}
	if got := chapterIDs(c); !slices.Equal(got, []string{"basics", "02-more"}) {
		t.Fatalf("chapters = %q", got)
	}
	basics, more := c.Chapters[0], c.Chapters[1]
	if basics.Title != "Basics" || basics.Book != "ch01" || basics.File != filepath.Join(dir, "01-basics.toml") {
		t.Errorf("basics = %q %q %q", basics.Title, basics.Book, basics.File)
	}
	// Without [chapter], the file name gives the id and title.
	if more.Title != "More" {
		t.Errorf("02-more title = %q, want More", more.Title)
	}

	// Items follow the file, whatever their kind; questions without an id
	// are numbered among the chapter's questions.
	if got := itemIDs(basics); !slices.Equal(got, []string{"hello", "keyword", "sum", "basics-q2", "basics-q3"}) {
		t.Errorf("items = %q", got)
	}

	// Files named by *_file are read relative to the chapter file.
	it, ok := c.Find("sum")
	if !ok {
		t.Fatal(`Find("sum") failed`)
	}
	sum := it.(*engine.Exercise)
	for _, f := range []struct{ got, file string }{
		{sum.Starter, "starter.go"}, {sum.Test, "sum_test.go"}, {sum.Solution, "solution.go"},
	} {
		b, err := os.ReadFile(filepath.Join(dir, "sum", f.file))
		if err != nil {
			t.Fatal(err)
		}
		if f.got != string(b) {
			t.Errorf("%s: got %q, want the file's text", f.file, f.got)
		}
	}
	if !sum.Race || sum.Timeout != 3*time.Second || !slices.Equal(sum.Hints, []string{"Loop.", "Add."}) ||
		sum.Line != 22 || sum.Chapter != basics || sum.FileName() != "sum.go" || sum.ItemKind() != engine.KindExercise {
		t.Errorf("sum = %+v", sum)
	}
	// Import rules are read as given; an allowed import may be required.
	if !slices.Equal(sum.ForbidImports, []string{"sync/atomic"}) || !slices.Equal(sum.AllowImports, []string{"unsafe"}) ||
		!slices.Equal(sum.RequireImports, []string{"sync", "unsafe"}) {
		t.Errorf("sum imports = forbid %q, allow %q, require %q", sum.ForbidImports, sum.AllowImports, sum.RequireImports)
	}
	hello := basics.Exercises[0]
	if hello.Starter != "package hello\n" || hello.Timeout != 0 || hello.Race || hello.Prompt != "Say hello." ||
		hello.ForbidImports != nil || hello.AllowImports != nil || hello.RequireImports != nil {
		t.Errorf("hello = %+v", hello)
	}

	qs := basics.Questions
	if q := qs[0]; q.Type != engine.ShortAnswer || !slices.Equal(q.Answers, []string{"go"}) ||
		!slices.Equal(q.Alternatives, []string{"go statement"}) || q.Context != "The go statement." || q.Line != 14 {
		t.Errorf("keyword = %+v", q)
	}
	if q := qs[1]; q.Type != engine.MultipleChoice || !q.Multi || !slices.Equal(q.Answers, []string{"<-ch", "ch <- v"}) ||
		!slices.Equal(q.Distractors, []string{"len(ch)"}) || q.AnswerIndex != nil {
		t.Errorf("multiple choice = %+v", q)
	}
	if q := qs[2]; q.Type != engine.Tracing || q.DoesCompile || q.LineNumber != 4 || !strings.HasPrefix(q.Program, "package main\n") {
		t.Errorf("tracing = %+v", q)
	}
	if q := more.Questions[0]; q.ID != "more-one" || q.Multi || q.AnswerIndex == nil || *q.AnswerIndex != 0 {
		t.Errorf("more-one = %+v", q)
	}
	if ch, ok := c.Chapter("02-more"); !ok || ch != more {
		t.Errorf(`Chapter("02-more") = %v, %v`, ch, ok)
	}
	if _, ok := c.Find("nope"); ok {
		t.Errorf(`Find("nope") succeeded`)
	}
}

func TestLoadQuizDir(t *testing.T) {
	// A directory of mdbook-quiz files without course.toml is a course too.
	dir := filepath.Join("testdata", "good", "quizzes")
	c, err := engine.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "quizzes" || c.Title != "Quizzes" {
		t.Errorf("course id, title = %q, %q", c.ID, c.Title)
	}
	if got := chapterIDs(c); !slices.Equal(got, []string{"ch01-02-hello-world", "ch02-00-guessing-game"}) {
		t.Fatalf("chapters = %q (notes.txt must be skipped)", got)
	}
	hello, game := c.Chapters[0], c.Chapters[1]
	if hello.Title != "Ch01 02 hello world" {
		t.Errorf("title = %q", hello.Title)
	}
	// Unknown keys in questions, their prompts and answers are ignored.
	if got := itemIDs(hello); !slices.Equal(got, []string{"d03748df-8dcf-4ec8-bd30-341927544665", "ch01-02-hello-world-q2"}) {
		t.Errorf("items = %q", got)
	}
	if q := hello.Questions[1]; !q.SortAnswers || q.Multi || !slices.Equal(q.Answers, []string{"println!"}) {
		t.Errorf("q2 = %+v", q)
	}
	// Multipart questions share the [multipart] text.
	if got := itemIDs(game); !slices.Equal(got, []string{"ch02-00-guessing-game-q1", "ch02-00-guessing-game-q2"}) {
		t.Errorf("items = %q", got)
	}
	for _, q := range game.Questions {
		if !strings.HasPrefix(q.Multipart, "```rust\nfn main() {}") {
			t.Errorf("%s: multipart = %q", q.ID, q.Multipart)
		}
	}
	if q := game.Questions[0]; q.Type != engine.Tracing || !q.DoesCompile || q.Stdout != "hi" || !strings.HasPrefix(q.ItemTitle(), "What does this program do?") {
		t.Errorf("tracing = %+v", q)
	}

	// The generated ids are stable from one load to the next.
	again, err := engine.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range c.Chapters {
		if a, b := itemIDs(c.Chapters[i]), itemIDs(again.Chapters[i]); !slices.Equal(a, b) {
			t.Errorf("ids changed between loads: %q, %q", a, b)
		}
	}
}

func TestLoadSingleFile(t *testing.T) {
	file := filepath.Join("testdata", "good", "quizzes", "ch02-00-guessing-game.toml")
	c, err := engine.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Ch02 00 guessing game" || c.ID != "ch02-00-guessing-game" || c.Root != file {
		t.Errorf("course = %q %q %q", c.ID, c.Title, c.Root)
	}
	if len(c.Chapters) != 1 || c.Chapters[0].File != file || len(c.Chapters[0].Questions) != 2 {
		t.Fatalf("chapters = %+v", c.Chapters)
	}
	// A chapter file of a course loads on its own, *_file paths included.
	c, err = engine.Load(filepath.Join("testdata", "good", "course", "01-basics.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := itemIDs(c.Chapters[0]); len(got) != 5 {
		t.Errorf("items = %q", got)
	}
}

func TestLoadFS(t *testing.T) {
	quiz := []byte("[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"P\"\nanswer.answer = \"a\"\n")
	tests := []struct {
		name      string
		fsys      fstest.MapFS
		display   string
		title, id string
		chapters  []string // id/title
	}{
		{
			name:    "file names give chapter ids and titles",
			fsys:    fstest.MapFS{"02_Élan vital.toml": {Data: quiz}, "01-intro.toml": {Data: quiz}, "sub/x.toml": {Data: quiz}},
			display: "my-quizzes",
			title:   "My quizzes", id: "my-quizzes",
			chapters: []string{"01-intro/Intro", "02_-lan-vital/Élan vital"},
		},
		{
			name:     "digits-only names",
			fsys:     fstest.MapFS{"123.toml": {Data: quiz}},
			display:  filepath.Join("x", "2024"),
			title:    "Untitled",
			id:       "untitled",
			chapters: []string{"123/Untitled"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := engine.LoadFS(tt.fsys, tt.display)
			if err != nil {
				t.Fatal(err)
			}
			if c.Title != tt.title || c.ID != tt.id {
				t.Errorf("course = %q %q, want %q %q", c.ID, c.Title, tt.id, tt.title)
			}
			var got []string
			for _, ch := range c.Chapters {
				got = append(got, ch.ID+"/"+ch.Title)
			}
			if !slices.Equal(got, tt.chapters) {
				t.Errorf("chapters = %q, want %q", got, tt.chapters)
			}
		})
	}
}

func TestLoadImportRules(t *testing.T) {
	const exercise = "[[exercises]]\nid = \"x\"\ntitle = \"X\"\nstarter = \"package x\"\n" +
		"test = \"package x; import \\\"testing\\\"; func TestIt(t *testing.T) {}\"\nsolution = \"package x\"\n"
	tests := []struct {
		name                    string
		rules                   string // TOML lines added to the exercise
		forbid, allow, required []string
	}{
		{
			name: "no rules",
		},
		{
			name:   "standard library paths",
			rules:  "forbid_imports = [\"sync/atomic\", \"net/http\"]\nallow_imports = [\"unsafe\", \"os/exec\"]\nrequire_imports = [\"sync\"]\n",
			forbid: []string{"sync/atomic", "net/http"}, allow: []string{"unsafe", "os/exec"}, required: []string{"sync"},
		},
		{
			name:  "allowed and required",
			rules: "allow_imports = [\"unsafe\"]\nrequire_imports = [\"unsafe\"]\n",
			allow: []string{"unsafe"}, required: []string{"unsafe"},
		},
		{
			name:   "paths of every shape",
			rules:  "forbid_imports = [\"C\", \"golang.org/x/sync/errgroup\", \"gopkg.in/yaml.v3\", \"example.com/a-b_c~d+e\", \"crypto/internal/fips140/v1.0\"]\n",
			forbid: []string{"C", "golang.org/x/sync/errgroup", "gopkg.in/yaml.v3", "example.com/a-b_c~d+e", "crypto/internal/fips140/v1.0"},
		},
		{
			name:   "empty lists",
			rules:  "forbid_imports = []\nallow_imports = []\nrequire_imports = []\n",
			forbid: []string{}, allow: []string{}, required: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := engine.LoadFS(fstest.MapFS{"ch.toml": {Data: []byte(exercise + tt.rules)}}, "course")
			if err != nil {
				t.Fatal(err)
			}
			e := c.Chapters[0].Exercises[0]
			if !slices.Equal(e.ForbidImports, tt.forbid) || !slices.Equal(e.AllowImports, tt.allow) || !slices.Equal(e.RequireImports, tt.required) {
				t.Errorf("forbid %q, allow %q, require %q; want %q, %q, %q", e.ForbidImports, e.AllowImports, e.RequireImports, tt.forbid, tt.allow, tt.required)
			}
		})
	}
}

func TestLoadDot(t *testing.T) {
	// --course . names the course after the directory, not ".".
	t.Chdir(filepath.Join("testdata", "good", "quizzes"))
	c, err := engine.Load(".")
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Quizzes" || c.ID != "quizzes" {
		t.Errorf("course = %q %q", c.ID, c.Title)
	}
}

func TestLoadNothing(t *testing.T) {
	if _, err := engine.Load(filepath.Join("testdata", "does-not-exist")); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing path: err = %v", err)
	}
	dir := t.TempDir()
	_, err := engine.Load(dir)
	var errs engine.Errors
	if !errors.As(err, &errs) || len(errs) != 1 || errs[0].File != dir || errs[0].Line != 0 ||
		!strings.Contains(errs[0].Msg, "no chapter files") || errs[0].Error() != dir+": "+errs[0].Msg {
		t.Errorf("empty dir: err = %#v", err)
	}
}

func chapterIDs(c *engine.Course) []string {
	var ids []string
	for _, ch := range c.Chapters {
		ids = append(ids, ch.ID)
	}
	return ids
}

func itemIDs(ch *engine.Chapter) []string {
	var ids []string
	for _, it := range ch.Items() {
		ids = append(ids, it.ItemID())
	}
	return ids
}

// TestLoadNewKeys reads issue 11 and 12's keys as they are written.
func TestLoadNewKeys(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "src", "types.go"), "package x\n\ntype T int\n")
	writeFile(t, filepath.Join(dir, "src", "wrong.go"), "package x\n\nfunc F() int { return 2 }\n")
	writeFile(t, filepath.Join(dir, "ch.toml"), `[[exercises]]
id = "e"
title = "E"
prompt = "p"
starter = "package x\n"
test = "package x\nimport \"testing\"\nfunc TestIt(t *testing.T) {}\n"
solution = "package x\n"
cpu = [1, 4]
stress = 3
leak_check = true
vet = ["copylocks"]

[[exercises.support]]
name = "types.go"
code_file = "src/types.go"

[[exercises.support]]
name = "help.go"
code = "package x\n"
editable = true

[[exercises.wrong]]
name = "two"
why = "returns 2"
code_file = "src/wrong.go"

[[questions]]
id = "q"
type = "MultipleChoice"
prompt.prompt = "?"
prompt.distractors = ["b", "c"]
answer.answer = "a"
answer.whyNot = ["not b", "not c"]
`)
	c, err := engine.Load(filepath.Join(dir, "ch.toml"))
	if err != nil {
		t.Fatal(err)
	}
	it, _ := c.Find("e")
	e := it.(*engine.Exercise)
	wantSupport := []engine.SupportFile{{Name: "types.go", Code: "package x\n\ntype T int\n"}, {Name: "help.go", Code: "package x\n", Editable: true}}
	if !reflect.DeepEqual(e.Support, wantSupport) || !reflect.DeepEqual(e.EditableSupport(), []string{"help.go"}) {
		t.Errorf("support = %+v", e.Support)
	}
	if len(e.Wrong) != 1 || e.Wrong[0].Name != "two" || e.Wrong[0].Why != "returns 2" || !strings.Contains(e.Wrong[0].Code, "return 2") || e.Wrong[0].Line != 22 {
		t.Errorf("wrong = %+v", e.Wrong)
	}
	if !reflect.DeepEqual(e.CPU, []int{1, 4}) || e.Stress != 3 || !e.LeakCheck || !reflect.DeepEqual(e.Vet, []string{"copylocks"}) {
		t.Errorf("cpu %v stress %d vet %v", e.CPU, e.Stress, e.Vet)
	}
	q, _ := c.Find("q")
	if got := q.(*engine.Question).WhyNot; !reflect.DeepEqual(got, []string{"not b", "not c"}) {
		t.Errorf("whyNot = %q", got)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLoadInterleaved reads a chapter whose questions and exercises take
// turns, each exercise with its sub-tables: the items come in file order,
// every sub-table belongs to the exercise above it, a question after an
// exercise stays a question, and a table header inside a multiline string
// is text.
func TestLoadInterleaved(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ch.toml"), `[chapter]
id = "mix"

[[questions]]
id = "q1"
type = "ShortAnswer"
prompt.prompt = "first"
answer.answer = "a"

[[exercises]]
id = "e1"
title = "E1"
prompt = """
Not a table:
[[questions]]
id = "fake"
"""
starter = "package x\n"
test = "package x\nimport \"testing\"\nfunc TestIt(t *testing.T) {}\n"
solution = "package x\n"

[[exercises.support]]
name = "help.go"
code = "package x\n"

[[exercises.wrong]]
name = "w1"
why = "first wrong"
code = "package x\n"

[[exercises.wrong]]
name = "w2"
why = "second wrong"
code = '''
package x
'''

[[questions]]
id = "q2"
type = "ShortAnswer"
prompt.prompt = "second"
answer.answer = "b"

[[questions]]
id = "q3"
type = "ShortAnswer"
prompt.prompt = "third"
answer.answer = "c"

[[exercises]]
id = "e2"
title = "E2"
prompt = "p"
starter = "package x\n"
test = "package x\nimport \"testing\"\nfunc TestIt(t *testing.T) {}\n"
solution = "package x\n"
leak_check = true

[[exercises.wrong]]
name = "w3"
why = "third wrong"
code = "package x\n"

[[questions]]
id = "q4"
type = "ShortAnswer"
prompt.prompt = "fourth"
answer.answer = "d"
`)
	c, err := engine.Load(filepath.Join(dir, "ch.toml"))
	if err != nil {
		t.Fatal(err)
	}
	ch := c.Chapters[0]
	if got := itemIDs(ch); !slices.Equal(got, []string{"q1", "e1", "q2", "q3", "e2", "q4"}) {
		t.Errorf("items = %q", got)
	}
	if len(ch.Questions) != 4 || len(ch.Exercises) != 2 {
		t.Fatalf("%d questions, %d exercises", len(ch.Questions), len(ch.Exercises))
	}
	e1, e2 := ch.Exercises[0], ch.Exercises[1]
	if !strings.Contains(e1.Prompt, "[[questions]]\nid = \"fake\"") {
		t.Errorf("e1 prompt = %q", e1.Prompt)
	}
	if len(e1.Support) != 1 || e1.Support[0].Name != "help.go" {
		t.Errorf("e1 support = %+v", e1.Support)
	}
	var names []string
	for _, w := range e1.Wrong {
		names = append(names, w.Name)
	}
	if !slices.Equal(names, []string{"w1", "w2"}) {
		t.Errorf("e1 wrong = %q", names)
	}
	if len(e2.Wrong) != 1 || e2.Wrong[0].Name != "w3" || !e2.LeakCheck || len(e2.Support) != 0 {
		t.Errorf("e2 = wrong %+v, leak_check %v, support %+v", e2.Wrong, e2.LeakCheck, e2.Support)
	}
	if it, ok := c.Find("q2"); !ok || it.(*engine.Question).Prompt != "second" {
		t.Errorf("q2 = %v %v", it, ok)
	}
	if _, ok := c.Find("fake"); ok {
		t.Error("found a question written inside a string")
	}
}
