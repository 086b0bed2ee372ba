//go:build !linux

package runner

import "os"

// channel returns the two ends of a pipe, for the runner and the test
// binary, to carry bytes to the program (toProgram) or from it. Where there
// is no sandbox, there is no /proc/self/fd to guard against either.
func channel(toProgram bool) (runnerEnd, programEnd *os.File, err error) {
	r, w, err := os.Pipe()
	if toProgram {
		return w, r, err
	}
	return r, w, err
}
