package runner_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
)

// TestTempDirsRemoved checks that a check leaves nothing in TMPDIR, however
// it ends: passed, failed, timed out, crashed, refused before building, not
// compiled, or cancelled while building or while its program runs, alone or
// in a batch that shares a test binary.
func TestTempDirsRemoved(t *testing.T) {
	r := newRunner(t)
	ex := *hostileExercises(t)["sum"]
	ex.Timeout = time.Second
	tmp := t.TempDir()
	// The sandbox's user must reach the check's directory inside.
	if err := os.Chmod(tmp, 0o711); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", tmp)

	loop := "package sum\n\nfunc Sum(nums []int) int {\n\tfor {\n\t}\n}\n"
	// Directories the program made and then closed to everyone,
	// itself included: only root ignores that.
	trap := `package sum

import "os"

func Sum(nums []int) int {
	os.MkdirAll("trap/inner", 0o755)
	os.WriteFile("trap/inner/file", []byte("x"), 0o644)
	os.Chmod("trap/inner", 0)
	os.Chmod("trap", 0o500)
	return -1
}
`
	subs := []struct {
		name    string
		code    string
		outcome engine.Outcome
	}{
		{"pass", ex.Solution, engine.OutcomePass},
		{"fail", ex.Starter, engine.OutcomeFail},
		{"timeout", loop, engine.OutcomeTimeout},
		{"runtime error", "package sum\n\nfunc Sum(nums []int) int { panic(\"boom\") }\n", engine.OutcomeRuntimeError},
		{"compile error", "package sum\n\nfunc Sum(nums []int) int { return \"\" }\n", engine.OutcomeCompileError},
		{"rule violation", "package sum\n\nimport \"os/exec\"\n\nvar _ = exec.Command\n\nfunc Sum(nums []int) int { return 0 }\n", engine.OutcomeRuleViolation},
		{"closed directories", trap, engine.OutcomeFail},
	}
	empty := func(when string) {
		t.Helper()
		left, err := os.ReadDir(tmp)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range left {
			t.Errorf("%s: left behind in TMPDIR: %s", when, e.Name())
		}
	}

	// One at a time, then all at once: a batch shares a test binary
	// between the submissions that allow it.
	t.Run("alone", func(t *testing.T) {
		var wg sync.WaitGroup
		for _, s := range subs {
			wg.Go(func() {
				v, err := r.Check(context.Background(), &ex, s.code)
				if err != nil || v.Outcome != s.outcome {
					t.Errorf("%s: %s %q %v, want %s", s.name, v.Outcome, v.Message, err, s.outcome)
				}
			})
		}
		wg.Wait()
	})
	empty("after single checks")
	t.Run("batch", func(t *testing.T) {
		batch := make([]runner.Submission, len(subs))
		for i, s := range subs {
			batch[i] = runner.Submission{Exercise: &ex, Code: s.code}
		}
		for res := range r.Batch(context.Background(), batch, 0) {
			s := subs[res.Index]
			if res.Err != nil || res.Verdict.Outcome != s.outcome {
				t.Errorf("%s: %s %q %v, want %s", s.name, res.Verdict.Outcome, res.Verdict.Message, res.Err, s.outcome)
			}
		}
	})
	empty("after a batch")

	// Cancelled while the compiler works, and while the test binary runs
	// (as soon as the binary is linked).
	running := func() bool {
		bins, _ := filepath.Glob(filepath.Join(tmp, "*", "bin", "*.test"))
		return len(bins) > 0
	}
	for _, c := range []struct {
		name  string
		batch bool
		when  func() bool
	}{
		{"cancelled while building", false, func() bool { return true }},
		{"cancelled while running", false, running},
		{"batch cancelled while running", true, running},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			subs := []runner.Submission{{Exercise: &ex, Code: loop}}
			if c.batch {
				subs = append(subs, runner.Submission{Exercise: &ex, Code: strings.Replace(loop, "for", "for i := 0; ; i++", 1)})
			}
			results := r.Batch(ctx, subs, 0)
			deadline := time.Now().Add(20 * time.Second)
			for !c.when() && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if !c.when() {
				t.Fatal("the test binary never appeared")
			}
			cancel()
			start := time.Now()
			for res := range results {
				if res.Verdict.Passed() {
					t.Errorf("a cancelled check passed: %+v", res.Verdict)
				}
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("the checks took %s to end once cancelled", d)
			}
		})
		empty(c.name)
	}
}
