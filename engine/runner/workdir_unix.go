//go:build unix

package runner

import (
	"os"
	"syscall"
)

// ownedByMe reports whether this user owns fi: the sweep leaves others'
// directories alone, so that no one can lead it, by planting one, into
// changing what is theirs.
func ownedByMe(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
