// Package workspace is the learner's workspace: the directory that holds
// their file for each exercise (and its support files), the workspace
// module's go.mod, the reference solution shown after a pass and a reset's
// backups.
//
// Every file it writes, renames or removes there goes through an os.Root,
// so a symbolic link in the workspace is followed only while it stays
// inside: one that leads out (a solution.go.txt, a go.mod, an exercise
// directory pointing elsewhere) makes the write fail with an *EscapeError
// naming the path, and nothing outside is touched.
//
// Reading the learner's file for a check, a watch or a hand-in goes
// through it too: a link inside the workspace is followed, one out of it is
// refused the same way. The file asynclings checks and submits is then
// always the one it would write and reset, and a link cannot carry a file
// from elsewhere on the machine into a bundle unnoticed. A file outside the
// workspace (one the learner names on the command line) is theirs to choose
// and is read as it is, links followed.
//
// Wherever it is, a file read as the learner's must be a regular file of at
// most MaxFileSize bytes: a named pipe is refused without waiting for a
// writer, and a link to /dev/zero or a huge sparse file is refused without
// being read.
package workspace

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
)

// SolutionName is the name of the reference solution written beside the
// learner's file: a .go file there would join the workspace module's
// package and break its build.
const SolutionName = "solution.go.txt"

// goMod makes the workspace one module, so that editors and gopls
// understand every exercise in it.
const goMod = "module workspace\n\ngo 1.23\n"

// Workspace is the learner's workspace rooted at a directory. Its directory
// is made and opened when first written or read through; the caller closes
// it.
type Workspace struct {
	dir     string
	root    *os.Root
	escapes error // the os.Root error for a path that leads out
}

// Open returns the workspace rooted at dir, which need not exist yet.
func Open(dir string) (*Workspace, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("workspace: %w", err)
	}
	return &Workspace{dir: abs}, nil
}

// Dir is the workspace's directory, absolute.
func (w *Workspace) Dir() string { return w.dir }

// Close closes the workspace.
func (w *Workspace) Close() error {
	if w.root == nil {
		return nil
	}
	err := w.root.Close()
	w.root = nil
	return err
}

// open makes and opens the workspace's directory, once.
func (w *Workspace) open() error {
	if w.root != nil {
		return nil
	}
	if err := os.MkdirAll(w.dir, 0o755); err != nil {
		return fmt.Errorf("create workspace: %w", err)
	}
	root, err := os.OpenRoot(w.dir)
	if err != nil {
		return fmt.Errorf("open workspace: %w", err)
	}
	w.root = root
	// os.Root does not export its "path escapes from parent" error; ".."
	// always gives it.
	if _, err := root.Lstat(".."); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			w.escapes = pe.Err
		}
	}
	return nil
}

// Path is where the learner's file for ex lives in the workspace rooted
// at dir.
func Path(dir string, ex *engine.Exercise) string {
	return filepath.Join(dir, ex.Chapter.ID, ex.ID, ex.FileName())
}

// Path is where the learner's file for ex lives in w.
func (w *Workspace) Path(ex *engine.Exercise) string { return Path(w.dir, ex) }

// Exercise returns the learner's file for ex, writing the starter there
// first if the file does not exist yet, with the workspace's go.mod and
// ex's support files. A learner's file is never overwritten.
func (w *Workspace) Exercise(ex *engine.Exercise) (string, error) {
	if err := w.open(); err != nil {
		return "", err
	}
	file := w.Path(ex)
	name, _ := w.rel(file)
	if err := w.mkdirAll(filepath.Dir(name)); err != nil {
		return "", err
	}
	// A go.mod already there, whatever it is (a link included), is the
	// learner's and left alone.
	if _, err := w.create("go.mod", []byte(goMod)); err != nil {
		return "", fmt.Errorf("create workspace: %w", err)
	}
	if _, err := w.create(name, []byte(ex.Starter)); err != nil {
		return "", fmt.Errorf("exercise file: %w", err)
	}
	// Support files beside it: an editable one is the learner's once
	// written; a read-only one is the course's, and written again when it
	// differs (what is checked is the course's copy anyway).
	for _, sf := range ex.Support {
		sname := filepath.Join(filepath.Dir(name), sf.Name)
		if sf.Editable {
			if _, err := w.create(sname, []byte(sf.Code)); err != nil {
				return "", fmt.Errorf("support file: %w", err)
			}
			continue
		}
		if b, err := w.readFile(sname); err == nil && string(b) == sf.Code {
			continue
		}
		if err := w.writeFile(sname, []byte(sf.Code)); err != nil {
			return "", fmt.Errorf("support file: %w", err)
		}
	}
	return file, nil
}

// WriteSolution writes ex's reference solution beside the learner's file
// (written first if missing), as SolutionName, and returns its path.
func (w *Workspace) WriteSolution(ex *engine.Exercise) (string, error) {
	file, err := w.Exercise(ex)
	if err != nil {
		return "", err
	}
	path := filepath.Join(filepath.Dir(file), SolutionName)
	name, _ := w.rel(path)
	if err := w.writeFile(name, []byte(ex.Solution)); err != nil {
		return "", err
	}
	return path, nil
}

// ReadFile reads the learner's file at path: through the workspace when
// path is in it, as it is otherwise (a file named on the command line).
func (w *Workspace) ReadFile(path string) ([]byte, error) {
	name, in := w.rel(path)
	if !in {
		return readRegular(os.OpenFile(path, openRead, 0))
	}
	if err := w.open(); err != nil {
		return nil, err
	}
	return w.readFile(name)
}

// ReadSubmission reads the learner's file at path and, beside it, their
// editable support files of ex (one that is missing is left to the
// course's copy).
func (w *Workspace) ReadSubmission(ex *engine.Exercise, path string) (learn.Submission, error) {
	code, err := w.ReadFile(path)
	if err != nil {
		return learn.Submission{}, err
	}
	s := learn.Submission{Code: string(code)}
	for _, name := range ex.EditableSupport() {
		b, err := w.ReadFile(filepath.Join(filepath.Dir(path), name))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return learn.Submission{}, err
		}
		if s.Files == nil {
			s.Files = map[string]string{}
		}
		s.Files[name] = string(b)
	}
	return s, nil
}

// Reset writes the starter of ex over the learner's file, keeping their
// code (unless it is the untouched starter) in FILE.bak, or FILE.bak.N when
// an older backup exists, and removes the reference solution shown after a
// pass; editable support files go back to their starters the same way. It
// returns the file and the backup's path, file empty when there was no file
// and backup empty when there was nothing to keep.
func (w *Workspace) Reset(ex *engine.Exercise) (file, backup string, err error) {
	if err := w.open(); err != nil {
		return "", "", err
	}
	file = w.Path(ex)
	name, _ := w.rel(file)
	if err := w.remove(filepath.Join(filepath.Dir(name), SolutionName)); err != nil {
		return "", "", fmt.Errorf("reset %s: %w", ex.ID, err)
	}
	for _, sf := range ex.Support {
		if !sf.Editable {
			continue
		}
		if _, err := w.backUp(filepath.Join(filepath.Dir(name), sf.Name), sf.Code); err != nil {
			return "", "", fmt.Errorf("reset %s: %w", ex.ID, err)
		}
	}
	bak, err := w.backUp(name, ex.Starter)
	if err != nil {
		return "", "", fmt.Errorf("reset %s: %w", ex.ID, err)
	}
	if bak == "" {
		if taken, err := w.taken(name); err != nil || !taken {
			return "", "", err
		}
	}
	if _, err := w.Exercise(ex); err != nil {
		return "", "", fmt.Errorf("reset %s: %w", ex.ID, err)
	}
	if bak == "" {
		return file, "", nil
	}
	return file, w.path(bak), nil
}

// backUp moves the workspace file name aside, to NAME.bak or NAME.bak.N
// when an older backup exists, unless it is missing or holds starter; it
// returns the backup's name, or "" when nothing was moved.
func (w *Workspace) backUp(name, starter string) (string, error) {
	code, err := w.readFile(name)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "", nil
	case err != nil:
		return "", err
	case string(code) == starter:
		return "", nil
	}
	// The backup takes a name nothing has, not even a dangling link.
	bak := name + ".bak"
	for n := 1; ; n++ {
		taken, err := w.taken(bak)
		if err != nil {
			return "", err
		}
		if !taken {
			break
		}
		bak = fmt.Sprintf("%s.bak.%d", name, n)
	}
	return bak, w.rename(name, bak)
}

// rel returns path relative to the workspace, or false when path is not
// beneath it.
func (w *Workspace) rel(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	r, err := filepath.Rel(w.dir, abs)
	if err != nil || !filepath.IsLocal(r) {
		return "", false
	}
	return r, true
}

// path is the full path of name, relative to the workspace.
func (w *Workspace) path(name string) string { return filepath.Join(w.dir, name) }

// fail words err from doing what to name: a symbolic link out of the
// workspace is named as such.
func (w *Workspace) fail(what, name string, err error) error {
	if w.escapes != nil && errors.Is(err, w.escapes) {
		return &EscapeError{What: what, Path: w.path(name), Dir: w.dir, Err: err}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// EscapeError is a read or write refused because a symbolic link on the
// way leads out of the workspace.
type EscapeError struct {
	What, Path, Dir string
	Err             error
}

func (e *EscapeError) Error() string {
	return fmt.Sprintf("%s %s: a symbolic link leads out of the workspace %s, and asynclings reads and writes only inside it: remove or replace the link", e.What, e.Path, e.Dir)
}

func (e *EscapeError) Unwrap() error { return e.Err }

// mkdirAll makes the directory name and its parents.
func (w *Workspace) mkdirAll(name string) error {
	if err := w.root.MkdirAll(name, 0o755); err != nil {
		return w.fail("create workspace directory", name, err)
	}
	return nil
}

// create writes a new file name holding data, unless something (a file,
// a link, whatever it points to) is there already: then it returns false
// and leaves it alone.
func (w *Workspace) create(name string, data []byte) (bool, error) {
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
func (w *Workspace) writeFile(name string, data []byte) error {
	if err := w.root.WriteFile(name, data, 0o644); err != nil {
		return w.fail("write", name, err)
	}
	return nil
}

// readFile reads name, a regular file of at most MaxFileSize bytes.
func (w *Workspace) readFile(name string) ([]byte, error) {
	b, err := readRegular(w.root.OpenFile(name, openRead, 0))
	if err != nil {
		return nil, w.fail("read", name, err)
	}
	return b, nil
}

// taken reports whether anything, a dangling link included, is at name.
func (w *Workspace) taken(name string) (bool, error) {
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
func (w *Workspace) rename(oldname, newname string) error {
	if err := w.root.Rename(oldname, newname); err != nil {
		return w.fail("rename", oldname, err)
	}
	return nil
}

// remove removes name (a link itself, not what it points to); a missing
// name is not an error.
func (w *Workspace) remove(name string) error {
	if err := w.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return w.fail("remove", name, err)
	}
	return nil
}

// MaxFileSize bounds a file read as the learner's: far more than the
// runner checks (128 KiB), so that such a file is refused by the runner,
// with its reason, and not here.
const MaxFileSize = 1 << 20

// readRegular reads the file just opened (with openRead, which keeps the
// open of a named pipe from waiting for a writer) if it is a regular file
// of at most MaxFileSize bytes, and closes it.
func readRegular(f *os.File, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	switch {
	case err != nil:
		return nil, err
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("%s is %s, not a regular file", f.Name(), kind(info.Mode()))
	case info.Size() > MaxFileSize:
		return nil, fmt.Errorf("%s is larger than %d MiB", f.Name(), MaxFileSize>>20)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err == nil && len(b) > MaxFileSize {
		err = fmt.Errorf("%s is larger than %d MiB", f.Name(), MaxFileSize>>20)
	}
	return b, err
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a file"
}
