package homework

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

var errIsDir = errors.New("it is a directory; name a file")

// WriteFileAtomic writes a file readable by all (a bundle, a report)
// through a temporary one beside it, so a failure never leaves half a file
// under the name.
func WriteFileAtomic(path string, write func(w io.Writer) error) error {
	return WriteFileAtomicMode(path, 0o644, true, write) // CreateTemp's 0600 would keep the file from the class
}

// WriteFileAtomicMode is WriteFileAtomic with the file's permissions, and
// with replace false, an error wrapping fs.ErrExist if path exists.
func WriteFileAtomicMode(path string, perm fs.FileMode, replace bool, write func(w io.Writer) error) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		// Said plainly, rather than as the rename of a temporary file.
		return fmt.Errorf("write %s: %w", path, errIsDir)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	err = write(f)
	if err == nil {
		err = f.Chmod(perm)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
	case replace:
		err = os.Rename(f.Name(), path)
	default:
		err = os.Link(f.Name(), path) // fails if path exists, where Rename would replace it
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
