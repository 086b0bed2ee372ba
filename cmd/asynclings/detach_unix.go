//go:build unix

package main

import "syscall"

// detached makes a child process a session of its own, so that it goes on
// when the terminal it was started from closes or is interrupted.
func detached() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }
