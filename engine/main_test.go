package engine_test

import (
	"fmt"
	"os"
	"testing"
)

// TestMain keeps the load cache of the tests' courses in a directory of its
// own, removed at the end.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "asynclings-engine-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Setenv("ASYNCLINGS_CACHE", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
