//go:build unix

package workspace_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadNotRegular: the learner's file (check --file PATH, or the
// workspace's own) that is a named pipe, a link to /dev/zero or a huge
// sparse file is refused at once, not waited on or read into memory.
func TestReadNotRegular(t *testing.T) {
	w, _ := open(t)
	ex := exercise()
	file, err := w.Exercise(ex)
	if err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	fifo := filepath.Join(outside, "fifo.go")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes:", err)
	}
	zero := filepath.Join(outside, "zero.go")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	sparse := filepath.Join(outside, "sparse.go")
	write(t, sparse, "package sum\n")
	if err := os.Truncate(sparse, 64<<30); err != nil {
		t.Fatal(err)
	}
	// In the workspace: the learner's file a named pipe.
	os.Remove(file)
	if err := syscall.Mkfifo(file, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, zero, sparse, file} {
		done := make(chan error, 1)
		go func() {
			_, err := w.ReadSubmission(ex, path)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("%s: read as the learner's file", path)
			} else {
				t.Logf("%s: %v", path, err)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("%s: still reading after 5s", path)
		}
	}
}
