package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// workspace is the learner's workspace opened as an os.Root. Every file
// asynclings writes, renames or removes there (the starter, go.mod,
// solution.go.txt, a reset's backup) goes through it, so a symbolic link
// in the workspace is followed only while it stays inside: one that leads
// out (a solution.go.txt, a go.mod, an exercise directory pointing
// elsewhere) makes the write fail with a message naming the path, and
// nothing outside is touched.
//
// Reading the learner's file for a check, a watch or a hand-in goes
// through it too: a link inside the workspace is followed, one out of it
// is refused the same way. The file asynclings checks and submits is then
// always the one it would write and reset, and a link cannot carry a file
// from elsewhere on the machine into a bundle unnoticed. A file the
// learner names on the command line (check --file) is theirs to choose
// and is read as it is.
type workspace struct {
	dir     string
	root    *os.Root
	escapes error // the os.Root error for a path that leads out
}

// openWorkspace opens the learner's workspace, creating its directory.
// The caller closes it.
func (a *app) openWorkspace() (*workspace, error) {
	dir, err := a.workspaceDir()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create workspace: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open workspace: %w", err)
	}
	w := &workspace{dir: dir, root: root}
	// os.Root does not export its "path escapes from parent" error; ".."
	// always gives it.
	if _, err := root.Lstat(".."); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			w.escapes = pe.Err
		}
	}
	return w, nil
}

func (w *workspace) Close() error { return w.root.Close() }

// rel returns path relative to the workspace directory dir, or false when
// path is not beneath it.
func rel(dir, path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	r, err := filepath.Rel(dir, abs)
	if err != nil || !filepath.IsLocal(r) {
		return "", false
	}
	return r, true
}

// rel returns path relative to the workspace, or false when path is not
// beneath it.
func (w *workspace) rel(path string) (string, bool) { return rel(w.dir, path) }

// path is the full path of name, relative to the workspace.
func (w *workspace) path(name string) string { return filepath.Join(w.dir, name) }

// fail words err from doing what to name: a symbolic link out of the
// workspace is named as such.
func (w *workspace) fail(what, name string, err error) error {
	if w.escapes != nil && errors.Is(err, w.escapes) {
		return &escapeError{what: what, path: w.path(name), dir: w.dir, err: err}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// escapeError is a read or write refused because a symbolic link on the
// way leads out of the workspace.
type escapeError struct {
	what, path, dir string
	err             error
}

func (e *escapeError) Error() string {
	return fmt.Sprintf("%s %s: a symbolic link leads out of the workspace %s, and asynclings reads and writes only inside it: remove or replace the link", e.what, e.path, e.dir)
}

func (e *escapeError) Unwrap() error { return e.err }

// mkdirAll makes the directory name and its parents.
func (w *workspace) mkdirAll(name string) error {
	if err := w.root.MkdirAll(name, 0o755); err != nil {
		return w.fail("create workspace directory", name, err)
	}
	return nil
}

// create writes a new file name holding data, unless something (a file,
// a link, whatever it points to) is there already: then it returns false
// and leaves it alone.
func (w *workspace) create(name string, data []byte) (bool, error) {
	f, err := w.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, w.fail("create", name, err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return false, w.fail("write", name, err)
	}
	return true, nil
}

// writeFile writes data to name, replacing what a regular file held.
func (w *workspace) writeFile(name string, data []byte) error {
	if err := w.root.WriteFile(name, data, 0o644); err != nil {
		return w.fail("write", name, err)
	}
	return nil
}

// readFile reads name.
func (w *workspace) readFile(name string) ([]byte, error) {
	b, err := w.root.ReadFile(name)
	if err != nil {
		return nil, w.fail("read", name, err)
	}
	return b, nil
}

// taken reports whether anything, a dangling link included, is at name.
func (w *workspace) taken(name string) (bool, error) {
	_, err := w.root.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, w.fail("look at", name, err)
	}
	return true, nil
}

// rename moves oldname to newname, both in the workspace.
func (w *workspace) rename(oldname, newname string) error {
	if err := w.root.Rename(oldname, newname); err != nil {
		return w.fail("rename", oldname, err)
	}
	return nil
}

// remove removes name (a link itself, not what it points to); a missing
// name is not an error.
func (w *workspace) remove(name string) error {
	if err := w.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return w.fail("remove", name, err)
	}
	return nil
}

// readLearnerFile reads the learner's file at path: through the workspace
// when path is in it, as it is otherwise (a file named on the command
// line).
func (a *app) readLearnerFile(path string) ([]byte, error) {
	dir, err := a.workspaceDir()
	if err != nil {
		return nil, err
	}
	if _, in := rel(dir, path); !in {
		return os.ReadFile(path)
	}
	w, err := a.openWorkspace()
	if err != nil {
		return nil, err
	}
	defer w.Close()
	name, _ := w.rel(path)
	return w.readFile(name)
}
