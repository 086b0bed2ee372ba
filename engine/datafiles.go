package engine

import (
	"io/fs"
	"path"
	"strings"

	"github.com/asynclings/asynclings/engine/tomltable"
)

// maxDataFiles bounds the bytes of one exercise's data files, which every
// run copies into its directory.
const maxDataFiles = 16 << 20

// dataFiles reads an exercise's testdata key: paths of files, relative to
// the chapter file's directory as the *_file keys are, each with a
// testdata element. Each is present in the directory the tests run in at
// testdata/ and what follows its last testdata element:
// "src/sum/testdata/words.txt" is testdata/words.txt there.
func (l *loader) dataFiles(file string, t *tomltable.Table, id string) map[string]string {
	paths := t.Strings("testdata")
	if len(paths) == 0 {
		return nil
	}
	files := map[string]string{}
	total := 0
	for _, rel := range paths {
		p := path.Join(path.Dir(file), rel)
		i := strings.LastIndex("/"+rel, "/testdata/")
		switch {
		case !fs.ValidPath(p) || path.IsAbs(rel):
			l.errf(file, t.Line("testdata"), "exercise %s: testdata %q must stay inside the course directory", id, rel)
			continue
		case i < 0 || strings.HasSuffix(rel, "/"):
			l.errf(file, t.Line("testdata"), "exercise %s: testdata %q is not a file in a testdata directory", id, rel)
			continue
		}
		dest := path.Clean(("/" + rel)[i+1:])
		if !strings.HasPrefix(dest, "testdata/") {
			l.errf(file, t.Line("testdata"), "exercise %s: testdata %q is not a file in a testdata directory", id, rel)
			continue
		}
		if _, dup := files[dest]; dup {
			l.errf(file, t.Line("testdata"), "exercise %s: testdata lists %s twice", id, dest)
			continue
		}
		b, err := l.read(p)
		if err != nil {
			l.errf(file, t.Line("testdata"), "exercise %s: testdata: %v", id, err)
			continue
		}
		if total += len(b); total > maxDataFiles {
			l.errf(file, t.Line("testdata"), "exercise %s: its testdata files take more than %d MiB", id, maxDataFiles>>20)
			return files
		}
		files[dest] = string(b)
	}
	return files
}
