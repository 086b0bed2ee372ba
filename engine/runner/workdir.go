package runner

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/asynclings/asynclings/engine/sandbox"
)

// workDir makes a new directory for one piece of work of the given kind
// ("check", "batch", "program", "guard") in parent, or in os.TempDir()
// when parent is empty. Its name carries this process (sandbox.Name), so
// that if the process is killed before it removes the directory, a later
// one can: the first workDir of a process in a parent first removes what
// ended processes left there (sweepDirs), after sandbox.Sweep has killed
// whatever of their programs still ran.
func workDir(parent, kind string) (string, error) {
	if parent == "" {
		parent = os.TempDir()
	}
	once, _ := swept.LoadOrStore(parent, new(sync.Once))
	once.(*sync.Once).Do(func() {
		sandbox.Sweep()
		sweepDirs(parent)
	})
	for {
		dir := filepath.Join(parent, sandbox.Name(kind))
		err := os.Mkdir(dir, 0o700)
		if errors.Is(err, os.ErrExist) {
			continue // 32 random bits for this pid: try another
		}
		if err != nil {
			return "", err
		}
		return dir, nil
	}
}

// swept holds a *sync.Once for each parent directory workDir has used.
var swept sync.Map

// legacyDir is how work directories were named before they carried their
// maker (os.MkdirTemp's random digits).
var legacyDir = regexp.MustCompile(`^asynclings-(check|batch|program)-[0-9]+$`)

// sweepDirs removes the work directories in parent that were left by
// processes that have ended (see sandbox.Abandoned), and those named the
// older way that are old and that no process works in. It looks only at
// directories this user owns, not links, and never at one whose maker
// lives.
func sweepDirs(parent string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, "asynclings-") {
			continue
		}
		info, err := e.Info()
		if err != nil || !ownedByMe(info) {
			continue
		}
		dir := filepath.Join(parent, name)
		idle := func() bool { return legacyDir.MatchString(name) && !inUse(dir) }
		if sandbox.Abandoned(name, info.ModTime(), idle) {
			removeAll(dir)
		}
	}
}

// inUse reports whether a process (one this user may look at) works in
// dir or runs a program from it. Where there is no /proc, none is found.
func inUse(dir string) bool {
	cwds, _ := filepath.Glob("/proc/[0-9]*/cwd")
	exes, _ := filepath.Glob("/proc/[0-9]*/exe")
	for _, l := range append(cwds, exes...) {
		if t, err := os.Readlink(l); err == nil && (t == dir || strings.HasPrefix(t, dir+"/")) {
			return true
		}
	}
	return false
}
