package engine_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
)

// TestLoadLineEnds: a quiz file with CRLF line ends, or with a UTF-8
// byte-order mark, loads as the same file with LF ends, so multi-line
// answers grade alike.
func TestLoadLineEnds(t *testing.T) {
	lf, err := os.ReadFile(filepath.Join("testdata", "good", "lineends.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(lf, []byte("\r")) {
		t.Fatal("testdata/good/lineends.toml must have LF line ends")
	}
	want := loadOne(t, "lineends.toml", lf)
	tests := []struct {
		name string
		data []byte
	}{
		{"CRLF", bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))},
		{"UTF-8 byte-order mark", append([]byte("\xEF\xBB\xBF"), lf...)},
		{"both", append([]byte("\xEF\xBB\xBF"), bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadOne(t, "lineends.toml", tt.data)
			if len(got.Questions) != len(want.Questions) || len(got.Exercises) != 1 {
				t.Fatalf("%d questions, %d exercises", len(got.Questions), len(got.Exercises))
			}
			for i, q := range got.Questions {
				w := want.Questions[i]
				if a, b := plain(q), plain(w); !reflect.DeepEqual(a, b) {
					t.Errorf("question %s:\n got %+v\nwant %+v", q.ID, a, b)
				}
				// The LF file's right answer, and the same typed with
				// CRLF, are right here too.
				for _, a := range []quiz.Answer{quiz.Correct(w), crlf(quiz.Correct(w))} {
					if !quiz.Grade(q, a) {
						t.Errorf("question %s: %+v grades as wrong", q.ID, a)
					}
				}
				if !slices.Equal(quiz.Choices(q, 0), quiz.Choices(w, 0)) {
					t.Errorf("question %s: choices %q, LF file %q", q.ID, quiz.Choices(q, 0), quiz.Choices(w, 0))
				}
			}
			if e, w := got.Exercises[0], want.Exercises[0]; e.Starter != w.Starter || e.Test != w.Test || e.Solution != w.Solution {
				t.Errorf("exercise sources differ: %q %q %q", e.Starter, e.Test, e.Solution)
			}
		})
	}
	// The multi-line texts hold LF, and are what the file says.
	q := want.Questions[0]
	if q.Stdout != "one\ntwo\n" || q.Multipart != "Both parts use\nthis program.\n" || q.Context != "Each Println\nends its line.\n" {
		t.Errorf("tracing question = %+v", q)
	}
}

// TestLoadTracingLines: a Tracing answer that does not compile needs no line,
// as in mdbook-quiz, unless the chapter (ask_lines) or the question (askLine)
// asks for it.
func TestLoadTracingLines(t *testing.T) {
	tests := []struct {
		file, id string
		askLine  bool
		line     int
	}{
		{"tracing-mdbook.toml", "line-given", false, 5},
		{"tracing-mdbook.toml", "asked-here", true, 4},
		{"tracing-lines.toml", "asked", true, 3},
		{"tracing-lines.toml", "not-asked", false, 3},
		{"tracing-lines.toml", "no-line", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			c, err := engine.Load(filepath.Join("testdata", "good", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			it, ok := c.Find(tt.id)
			if !ok {
				t.Fatalf("no question %s", tt.id)
			}
			q := it.(*engine.Question)
			if q.AskLine != tt.askLine || q.LineNumber != tt.line {
				t.Fatalf("AskLine %v, LineNumber %d; want %v, %d", q.AskLine, q.LineNumber, tt.askLine, tt.line)
			}
			answers := []struct {
				a    quiz.Answer
				want bool
			}{
				{quiz.Answer{}, !tt.askLine},
				{quiz.Answer{LineNumber: tt.line}, true},
				{quiz.Answer{LineNumber: tt.line + 1}, !tt.askLine},
				{quiz.Answer{DoesCompile: true}, false},
			}
			for _, a := range answers {
				if got := quiz.Grade(q, a.a); got != a.want {
					t.Errorf("Grade(%+v) = %v, want %v", a.a, got, a.want)
				}
			}
		})
	}
}

// TestLoadChoiceOrder: a loaded question with answerIndex shows its choices
// as mdbook-quiz does, the answer spliced in among the distractors in file
// order.
func TestLoadChoiceOrder(t *testing.T) {
	c, err := engine.Load(filepath.Join("testdata", "good", "lineends.toml"))
	if err != nil {
		t.Fatal(err)
	}
	it, _ := c.Find("choice-two-lines")
	q := it.(*engine.Question)
	want := []string{"x := 1\ny := 2", "a := 1\nb := 2", "z := 3"}
	for _, seed := range []uint64{0, 1, 99} {
		if got := quiz.Choices(q, seed); !slices.Equal(got, want) {
			t.Errorf("seed %d: %q, want %q", seed, got, want)
		}
	}
}

func loadOne(t *testing.T, name string, data []byte) *engine.Chapter {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := engine.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	return c.Chapters[0]
}

// plain is q without where it was loaded from.
func plain(q *engine.Question) engine.Question {
	p := *q
	p.Chapter = nil
	return p
}

func crlf(a quiz.Answer) quiz.Answer {
	a.Text = strings.ReplaceAll(a.Text, "\n", "\r\n")
	a.Stdout = strings.ReplaceAll(a.Stdout, "\n", "\r\n")
	return a
}
