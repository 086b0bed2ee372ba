// Package runnertest holds what the runner's benchmarks use: a warm runner
// and the plain go test they compare it with.
package runnertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
)

// Runner is a runner on the user's build cache, the one GoTest shares,
// with Go's standard library compiled for checks.
func Runner(tb testing.TB) (r *runner.Runner, cache string) {
	tb.Helper()
	cache, err := runner.DefaultCacheDir()
	if err != nil {
		tb.Fatal(err)
	}
	if r, err = runner.New(cache); err != nil {
		tb.Fatal(err)
	}
	if err := r.Warm(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return r, cache
}

// GoTest checks code against ex the plain way, as other graders do: a
// module of its own in dir (emptied first) with the learner's file and the
// test, and `go test -count=1 -vet=off`, with -race where the exercise asks
// for it, sharing the runner's build cache under cache. It fails tb unless
// the tests pass.
func GoTest(tb testing.TB, dir, cache string, ex *engine.Exercise, code string) {
	tb.Helper()
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	files := map[string]string{"go.mod": "module exercise\n\ngo 1.26\n", ex.FileName(): code, "hidden_test.go": ex.Test}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	args := []string{"test", "-count=1", "-vet=off"}
	cgo := "CGO_ENABLED=0"
	if ex.Race {
		args, cgo = append(args, "-race"), "CGO_ENABLED=1"
	}
	cmd := exec.Command("go", append(args, ".")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOCACHE="+filepath.Join(cache, "go-build"), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", cgo)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go test %s: %v\n%s", ex.ID, err, strings.TrimSpace(string(out)))
	}
}
