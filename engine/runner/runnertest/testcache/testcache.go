// Package testcache names the build cache the project's tests share: one
// per Go version under the system's temporary directory, kept across runs,
// never the developer's own.
package testcache

import (
	"os"
	"path/filepath"
	"runtime"
)

// Dir is the shared cache. It is chosen when a test binary starts, before
// any test sets TMPDIR, and passed on (ASYNCLINGS_TEST_CACHE) to the
// processes the tests start.
var Dir = func() string {
	if d := os.Getenv("ASYNCLINGS_TEST_CACHE"); d != "" {
		return d
	}
	d := filepath.Join(os.TempDir(), "asynclings-test-cache-"+runtime.Version())
	os.Setenv("ASYNCLINGS_TEST_CACHE", d)
	return d
}()
