//go:build !unix

package workspace

import "os"

// openRead opens a file for reading; readRegular refuses anything but a
// regular file.
const openRead = os.O_RDONLY
