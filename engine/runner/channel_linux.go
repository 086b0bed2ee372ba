package runner

import (
	"os"
	"syscall"
)

// channel returns the two ends of a connected pair of Unix sockets, for the
// runner and the test binary, to carry bytes to the program (toProgram) or
// from it. A pipe would carry them as well, but a process may open a pipe
// it holds again through /proc/self/fd, as a second reader or writer; a
// socket cannot be opened that way.
func channel(toProgram bool) (runnerEnd, programEnd *os.File, err error) {
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, nil, os.NewSyscallError("socketpair", err)
	}
	return os.NewFile(uintptr(fds[0]), "asynclings-runner"), os.NewFile(uintptr(fds[1]), "asynclings-program"), nil
}
