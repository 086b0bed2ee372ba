package workspace_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/workspace"
)

func exercise() *engine.Exercise {
	return &engine.Exercise{
		ID:       "sum",
		Chapter:  &engine.Chapter{ID: "basics"},
		Starter:  "package sum\n\nfunc Sum(a, b int) int { return 0 }\n",
		Solution: "package sum\n\nfunc Sum(a, b int) int { return a + b }\n",
		Support: []engine.SupportFile{
			{Name: "help.go", Code: "package sum\n\n// help\n", Editable: true},
			{Name: "fixed.go", Code: "package sum\n\n// fixed\n"},
		},
	}
}

func open(t *testing.T) (*workspace.Workspace, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ws")
	w, err := workspace.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w, dir
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExerciseWritesStarterOnce(t *testing.T) {
	w, dir := open(t)
	ex := exercise()
	file, err := w.Exercise(ex)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "basics", "sum", ex.FileName()); file != want {
		t.Fatalf("file = %s, want %s", file, want)
	}
	if got := read(t, file); got != ex.Starter {
		t.Errorf("starter = %q", got)
	}
	if got := read(t, filepath.Join(dir, "go.mod")); got != "module workspace\n\ngo 1.23\n" {
		t.Errorf("go.mod = %q", got)
	}
	// The learner's file and editable support file are theirs; a read-only
	// support file is the course's and written again.
	write(t, file, "mine")
	write(t, filepath.Join(filepath.Dir(file), "help.go"), "my help")
	write(t, filepath.Join(filepath.Dir(file), "fixed.go"), "changed")
	if _, err := w.Exercise(ex); err != nil {
		t.Fatal(err)
	}
	if got := read(t, file); got != "mine" {
		t.Errorf("the learner's file was overwritten: %q", got)
	}
	if got := read(t, filepath.Join(filepath.Dir(file), "help.go")); got != "my help" {
		t.Errorf("editable support = %q", got)
	}
	if got := read(t, filepath.Join(filepath.Dir(file), "fixed.go")); got != ex.Support[1].Code {
		t.Errorf("read-only support = %q", got)
	}
	sub, err := w.ReadSubmission(ex, file)
	if err != nil {
		t.Fatal(err)
	}
	if sub.Code != "mine" || len(sub.Files) != 1 || sub.Files["help.go"] != "my help" {
		t.Errorf("submission = %+v", sub)
	}
}

func TestReadOutsideWorkspace(t *testing.T) {
	w, dir := open(t)
	other := filepath.Join(t.TempDir(), "mine.go")
	write(t, other, "package sum\n")
	sub, err := w.ReadSubmission(exercise(), other)
	if err != nil || sub.Code != "package sum\n" || sub.Files != nil {
		t.Fatalf("ReadSubmission = %+v, %v", sub, err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("reading a file outside made the workspace: %v", err)
	}
}

func TestLinksOut(t *testing.T) {
	w, dir := open(t)
	ex := exercise()
	file, err := w.Exercise(ex)
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "precious.txt")
	write(t, outside, "precious")
	sol := filepath.Join(filepath.Dir(file), workspace.SolutionName)
	if err := os.Symlink(outside, sol); err != nil {
		t.Fatal(err)
	}
	_, err = w.WriteSolution(ex)
	var esc *workspace.EscapeError
	if !errors.As(err, &esc) || esc.Path != sol || esc.Dir != dir {
		t.Fatalf("WriteSolution through a link out: %v", err)
	}
	if got := read(t, outside); got != "precious" {
		t.Errorf("the file outside was written: %q", got)
	}
	// The learner's file a link out: not read.
	os.Remove(file)
	if err := os.Symlink(outside, file); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ReadSubmission(ex, file); !errors.As(err, &esc) {
		t.Errorf("ReadSubmission through a link out: %v", err)
	}
}

func TestReset(t *testing.T) {
	w, _ := open(t)
	ex := exercise()
	// Nothing there: nothing to report.
	if file, bak, err := w.Reset(ex); err != nil || file != "" || bak != "" {
		t.Fatalf("Reset of nothing = %q, %q, %v", file, bak, err)
	}
	file, err := w.Exercise(ex)
	if err != nil {
		t.Fatal(err)
	}
	// The untouched starter: no backup.
	if f, bak, err := w.Reset(ex); err != nil || f != file || bak != "" {
		t.Fatalf("Reset of the starter = %q, %q, %v", f, bak, err)
	}
	for i, want := range []string{file + ".bak", file + ".bak.1"} {
		write(t, file, "mine")
		write(t, filepath.Join(filepath.Dir(file), "help.go"), "my help")
		if _, err := w.WriteSolution(ex); err != nil {
			t.Fatal(err)
		}
		f, bak, err := w.Reset(ex)
		if err != nil || f != file || bak != want {
			t.Fatalf("reset %d = %q, %q, %v; want backup %s", i, f, bak, err, want)
		}
		if read(t, bak) != "mine" || read(t, file) != ex.Starter {
			t.Errorf("reset %d: backup %q, file %q", i, read(t, bak), read(t, file))
		}
		if read(t, filepath.Join(filepath.Dir(file), "help.go")) != ex.Support[0].Code {
			t.Errorf("reset %d: the editable support file is not its starter", i)
		}
		if _, err := os.Lstat(filepath.Join(filepath.Dir(file), workspace.SolutionName)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("reset %d: the solution is still there: %v", i, err)
		}
	}
}
