//go:build unix

package workspace

import (
	"os"
	"syscall"
)

// openRead opens a file for reading without waiting for a named pipe's
// writer; readRegular refuses anything but a regular file, on which the
// flag changes nothing.
const openRead = os.O_RDONLY | syscall.O_NONBLOCK
