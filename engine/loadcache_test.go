package engine_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// TestLoadCache: a course loaded before comes from the load cache while its
// files are unchanged, and is loaded afresh, with every error, when any of
// them changes, appears or goes.
func TestLoadCache(t *testing.T) {
	ld := engine.Loader{CacheDir: t.TempDir()}
	// Files changed before the load are settled: their stat vouches.
	defer engine.SetSettle(-time.Hour)()
	dir := t.TempDir()
	writeBigCourse(t, dir, 2, 3)
	starter := filepath.Join(dir, "src", "ex00-001", "starter.go")
	write := func(p, text string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	load := func(hit bool) *engine.Course {
		t.Helper()
		before := engine.CacheHits()
		c, err := ld.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := engine.CacheHits() > before; got != hit {
			t.Fatalf("from the cache: %v, want %v", got, hit)
		}
		return c
	}
	fresh := load(false)
	cached := load(true)
	if !reflect.DeepEqual(fresh, cached) {
		t.Fatalf("the cached course differs from the loaded one")
	}
	if ex := cached.Chapters[0].Exercises[1]; ex.Chapter != cached.Chapters[0] || cached.Chapters[1].Questions[0].Chapter != cached.Chapters[1] {
		t.Fatalf("cached items do not point to their chapters")
	}

	// The same size, other contents: its stat changed, so it is read.
	old, err := os.ReadFile(starter)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(old), "TODO", "todo", 1)
	write(starter, edited)
	if got := load(false).Chapters[0].Exercises[1].Starter; got != edited {
		t.Errorf("starter after the edit = %q", got)
	}
	load(true)
	// Written again with the same contents: read, found the same.
	write(starter, edited)
	load(true)
	load(true)

	// A new chapter file is a new course.
	write(filepath.Join(dir, "03-more.toml"), "[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"P\"\nanswer.answer = \"a\"\n")
	if c := load(false); len(c.Chapters) != 3 {
		t.Errorf("%d chapters, want 3", len(c.Chapters))
	}
	load(true)

	// Errors are found every time, never kept.
	write(filepath.Join(dir, "03-more.toml"), "[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"P\n")
	for range 2 {
		if _, err := ld.Load(dir); err == nil || !strings.Contains(err.Error(), "03-more.toml:3:") {
			t.Fatalf("err = %v, want the TOML error with its line", err)
		}
	}
	if err := os.Remove(filepath.Join(dir, "03-more.toml")); err != nil {
		t.Fatal(err)
	}
	load(false) // the entry is the three chapters'
	load(true)
	// A Go file that goes, or stops parsing, is an error again.
	if err := os.Remove(starter); err != nil {
		t.Fatal(err)
	}
	if _, err := ld.Load(dir); err == nil || !strings.Contains(err.Error(), "starter_file: open") {
		t.Fatalf("err = %v, want the missing starter", err)
	}
	write(starter, "package p0_1\nfunc {")
	if _, err := ld.Load(dir); err == nil || !strings.Contains(err.Error(), "the starter does not parse") {
		t.Fatalf("err = %v, want the starter's syntax error", err)
	}
	// Back as the entry has it: found the same by its contents.
	write(starter, edited)
	load(true)

	// A damaged entry is no entry.
	entries, err := filepath.Glob(filepath.Join(ld.CacheDir, "load", "*.gob"))
	if err != nil || len(entries) != 1 {
		t.Fatalf("cache entries %q, %v; want one", entries, err)
	}
	if err := os.Truncate(entries[0], 100); err != nil {
		t.Fatal(err)
	}
	load(false)
	load(true)
}

// TestLoadCacheUnsettled: a file changed just before the load that recorded
// it is compared by its contents, since a change in the same clock tick
// would leave its stat as it was.
func TestLoadCacheUnsettled(t *testing.T) {
	ld := engine.Loader{CacheDir: t.TempDir()}
	defer engine.SetSettle(time.Hour)() // nothing settles
	dir := t.TempDir()
	writeBigCourse(t, dir, 1, 2)
	if _, err := ld.Load(dir); err != nil {
		t.Fatal(err)
	}
	// Rewrite a file keeping its size and times: only its contents say.
	p := filepath.Join(dir, "src", "ex00-000", "solution.go")
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(p)
	text := strings.Replace(string(old), "total", "totaL", -1)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	c, err := ld.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Chapters[0].Exercises[0].Solution; got != text {
		t.Errorf("solution = %q, want the new text", got)
	}
}

// TestLoadFSCache: a course in a file system without stat times (the
// built-in course is embedded) is compared by contents.
func TestLoadFSCache(t *testing.T) {
	ld := engine.Loader{CacheDir: t.TempDir()}
	quiz := func(answer string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"P\"\nanswer.answer = \"" + answer + "\"\n")}
	}
	fsys := fstest.MapFS{"01-a.toml": quiz("one")}
	for _, want := range []string{"one", "one", "two", "two"} {
		fsys["01-a.toml"] = quiz(want)
		c, err := ld.LoadFS(fsys, "course")
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Chapters[0].Questions[0].Answers[0]; got != want {
			t.Errorf("answer %q, want %q", got, want)
		}
	}
	if hits := engine.CacheHits(); hits == 0 {
		t.Errorf("no load came from the cache")
	}
}

// TestLoadCacheKeepsQuestions: a question from the load cache is the one
// the files give, field for field, its zero values included: an answerIndex
// of 0 pins the answer first, as on the load that made the entry, and does
// not become "not given" (which shuffles the choices).
func TestLoadCacheKeepsQuestions(t *testing.T) {
	mc := "[[questions]]\nid = \"q\"\ntype = \"MultipleChoice\"\nprompt.prompt = \"P\"\nprompt.distractors = [\"d1\", \"d2\"]\nanswer.answer = \"a\"\n"
	tests := []struct {
		name, src string
	}{
		{"answerIndex 0", mc + "prompt.answerIndex = 0\n"},
		{"answerIndex 1", mc + "prompt.answerIndex = 1\n"},
		{"answerIndex last", mc + "prompt.answerIndex = 2\n"},
		{"no answerIndex", mc},
		{"sortAnswers", mc + "prompt.sortAnswers = true\n"},
		{"answerIndex 0, several answers", strings.Replace(mc, `answer.answer = "a"`, `answer.answer = ["a", "b"]`, 1) + "prompt.answerIndex = 0\n"},
		{"Tracing, no line", "[[questions]]\nid = \"q\"\ntype = \"Tracing\"\nprompt.program = \"fn main() {}\"\nanswer.doesCompile = true\nanswer.stdout = \"\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer engine.SetSettle(-time.Hour)()
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "01-a.toml"), []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			fresh, cached := loadTwice(t, dir)
			f, c := fresh.Chapters[0].Questions[0], cached.Chapters[0].Questions[0]
			if (f.AnswerIndex == nil) != (c.AnswerIndex == nil) || f.AnswerIndex != nil && *f.AnswerIndex != *c.AnswerIndex {
				t.Errorf("answerIndex: loaded %s, from the cache %s", showIndex(f.AnswerIndex), showIndex(c.AnswerIndex))
			}
			if !reflect.DeepEqual(fresh, cached) {
				t.Errorf("the cached course differs from the loaded one:\nloaded %+v\ncached %+v", *f, *c)
			}
		})
	}
}

func showIndex(p *int) string {
	if p == nil {
		return "not given"
	}
	return strconv.Itoa(*p)
}

// loadTwice loads dir with a new load cache, then again from the cache.
func loadTwice(t *testing.T, dir string) (fresh, cached *engine.Course) {
	t.Helper()
	ld := engine.Loader{CacheDir: t.TempDir()}
	fresh, err := ld.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	before := engine.CacheHits()
	cached, err = ld.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if engine.CacheHits() == before {
		t.Fatal("the second load did not come from the cache")
	}
	return fresh, cached
}
