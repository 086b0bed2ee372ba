package engine_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
)

// FuzzLoad feeds arbitrary bytes to the loader as a chapter file. It must
// never panic; it either loads a course whose every question can be answered
// right, or returns engine.Errors that all name the file.
func FuzzLoad(f *testing.F) {
	for _, pattern := range []string{"testdata/bad/*.toml", "testdata/bad/*/*.toml", "testdata/good/*/*.toml"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte(""))
	f.Add([]byte("[[exercises]]\nid = \"x\"\ntitle = \"X\"\nstarter_file = \"lib/a.go\"\ntest_file = \"lib/../lib/a.go\"\nsolution_file = \"/etc/passwd\"\n"))
	f.Add([]byte("questions = [{type = \"ShortAnswer\", prompt = {prompt = \"p\"}, answer = {answer = \"a\"}}]\n"))
	f.Add([]byte("[[questions]]\ntype = \"MultipleChoice\"\nprompt.prompt = \"p\"\nprompt.distractors = [\"b\"]\nprompt.answerIndex = 1\nanswer.answer = [\"a\", \"a\"]\n"))

	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"ch.toml":  {Data: data},
			"lib/a.go": {Data: []byte("package a\n")},
		}
		c, err := engine.LoadFS(fsys, "fuzz")
		if err != nil {
			var errs engine.Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("error is %T %v, want engine.Errors", err, err)
			}
			lines := bytes.Count(data, []byte("\n")) + 1
			for _, e := range errs {
				if e == nil {
					t.Fatal("nil *engine.Error")
				}
				if e.File != filepath.Join("fuzz", "ch.toml") || e.Line < 0 || e.Line > lines || e.Msg == "" {
					t.Errorf("bad error %#v (file has %d lines)", e, lines)
				}
			}
			if c != nil {
				t.Errorf("a course along with errors")
			}
			return
		}
		if len(c.Chapters) != 1 {
			t.Fatalf("%d chapters", len(c.Chapters))
		}
		ids := map[string]bool{}
		for _, it := range c.Chapters[0].Items() {
			if ids[it.ItemID()] {
				t.Errorf("duplicate id %q loaded", it.ItemID())
			}
			ids[it.ItemID()] = true
		}
		for _, q := range c.Chapters[0].Questions {
			if !quiz.Grade(q, quiz.Correct(q)) {
				t.Errorf("question %s: its correct answer %+v grades as wrong", q.ID, quiz.Correct(q))
			}
			if q.Type == engine.MultipleChoice {
				shown := quiz.Choices(q, 3)
				for _, a := range q.Answers {
					if !slices.Contains(shown, a) {
						t.Errorf("question %s: right choice %q not shown in %q", q.ID, a, shown)
					}
				}
			}
		}
	})
}
