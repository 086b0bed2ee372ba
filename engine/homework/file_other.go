//go:build !unix

package homework

import (
	"fmt"
	"os"
)

// openRegular opens a file for reading only if it is a regular file that
// is not a symbolic link. Without O_NOFOLLOW the check is a separate
// Lstat, which a swap of the file between the two could outrun.
func openRegular(path string) (*os.File, int64, error) {
	if info, err := os.Lstat(path); err != nil {
		return nil, 0, err
	} else if !info.Mode().IsRegular() {
		return nil, 0, fmt.Errorf("%w: it is %s", ErrNotRegular, info.Mode().Type())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, 0, fmt.Errorf("%w: it changed while it was opened", ErrNotRegular)
	}
	return f, info.Size(), nil
}
