package homework_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine/homework"
)

// TestWriteFileAtomic: the file is whole or absent; a directory in its
// place is named as the problem and left as it was.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "page.html")
	if err := homework.WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "whole"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "whole" {
		t.Fatalf("read back %q, %v", b, err)
	}
	sub := filepath.Join(dir, "a-directory")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	err := homework.WriteFileAtomic(sub, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err })
	if err == nil || !strings.Contains(err.Error(), "is a directory") || strings.Contains(err.Error(), "rename") {
		t.Errorf("writing over a directory: %v; want it named a directory, not a rename", err)
	}
	if fi, serr := os.Stat(sub); serr != nil || !fi.IsDir() {
		t.Errorf("the directory is gone: %v", serr)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
