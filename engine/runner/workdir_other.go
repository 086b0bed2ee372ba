//go:build !unix

package runner

import "os"

// ownedByMe is true where files have no owning user id to compare: the
// temporary directory is the user's own.
func ownedByMe(os.FileInfo) bool { return true }
