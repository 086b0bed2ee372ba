package homework

import (
	"errors"
	"fmt"
)

// ErrNotRegular refuses a bundle path that is a symbolic link, a folder, a
// named pipe, a device or anything else but a regular file.
var ErrNotRegular = errors.New("not a regular file")

// ReadBundleFile decodes the bundle in a file, which grading treats as
// untrusted: a symbolic link, a named pipe, a device or a folder is
// refused without being read (ErrNotRegular), and so is a file larger than
// MaxBundleSize (ErrTooLarge), by its size; no more than MaxBundleSize+1
// bytes are ever read, should it grow while it is read.
func ReadBundleFile(path string) (*Bundle, error) {
	f, size, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if size > MaxBundleSize {
		return nil, fmt.Errorf("%w: it is %d MiB", ErrTooLarge, size>>20)
	}
	return Decode(f)
}
