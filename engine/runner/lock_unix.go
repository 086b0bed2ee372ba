//go:build unix

package runner

import (
	"errors"
	"os"
	"syscall"
)

// tryLockFile takes an exclusive lock on the file at path (made if
// missing), if no one holds it; unlock releases it. The lock is the open
// file's, so two goroutines of one process exclude each other as two
// processes do, and it goes with the process that held it.
func tryLockFile(path string) (unlock func(), ok bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, false, err
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return func() { f.Close() }, true, nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			f.Close()
			return nil, false, nil
		default:
			f.Close()
			return nil, false, err
		}
	}
}

// alive reports whether a process with this id runs.
func alive(pid int) bool {
	return pid > 0 && syscall.Kill(pid, 0) != syscall.ESRCH
}
