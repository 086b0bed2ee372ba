package sandbox

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// A tool that hits a bound is stopped, and the result names the bound.
func TestRunToolBounds(t *testing.T) {
	needLinux(t)
	for _, c := range []struct {
		name   string
		args   []string
		limits ToolLimits
		bound  string
	}{
		{"memory", []string{"memory"}, ToolLimits{Memory: 64 << 20}, "memory"},
		{"processor time", []string{"spin"}, ToolLimits{CPU: time.Second, Wall: 20 * time.Second}, "processor time"},
		{"wall clock", []string{"sleep"}, ToolLimits{Wall: time.Second}, "longer than 1s"},
		{"output", []string{"flood"}, ToolLimits{Output: 4 << 10}, "printed more than 4 KiB"},
		{"none", []string{"ok"}, ToolLimits{}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			res, err := RunTool(context.Background(), exec.Command(hostile, c.args...), c.limits)
			if err != nil {
				t.Fatal(err)
			}
			got := res.Bound()
			if (c.bound == "") != (got == "") || !strings.Contains(got, c.bound) {
				t.Errorf("bound %q, want one mentioning %q (exit %d, output %.200q)", got, c.bound, res.ExitCode, res.Output)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %s to stop", d)
			}
		})
	}
}
