// Package exercises holds the default course, embedded in the binary so that
// asynclings works with no files around it.
package exercises

import (
	"embed"
	"io/fs"
)

//go:embed course
var files embed.FS

// Course returns the default course's files, rooted at the course directory.
func Course() fs.FS {
	sub, err := fs.Sub(files, "course")
	if err != nil {
		panic(err) // the embedded directory is known to exist
	}
	return sub
}
