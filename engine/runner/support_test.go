package runner_test

import (
	"context"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
)

// TestSupportFiles: an exercise's support files are compiled with the
// learner's file, read-only ones always as the course has them, editable ones
// as the learner left them and held to the same rules as their file (issue
// 11).
func TestSupportFiles(t *testing.T) {
	r := newRunner(t)
	ex := &engine.Exercise{
		ID: "shapes", Title: "Shapes",
		Support: []engine.SupportFile{
			{Name: "shape.go", Code: "package shapes\n\n// Shape has an area.\ntype Shape interface{ Area() float64 }\n"},
			{Name: "helpers.go", Code: "package shapes\n\nfunc square(x float64) float64 { return x * x }\n", Editable: true},
			// go test leaves it out; built, it would redeclare square.
			{Name: "ignored.go", Code: "//go:build ignore\n\npackage shapes\n\nfunc square() {}\n"},
		},
		Test: `package shapes

import (
	"os"
	"strings"
	"testing"
)

var _ Shape = Rect{}

var secret = 6

func TestArea(t *testing.T) {
	if got := (Rect{W: 2, H: 3}).Area(); got != 6 {
		t.Fatalf("Area = %v, want 6", got)
	}
	if got := (Square{S: 3}).Area(); got != 9 {
		t.Fatalf("Square Area = %v, want 9", got)
	}
	b, err := os.ReadFile("shape.go")
	if err != nil || !strings.Contains(string(b), "type Shape interface") {
		t.Fatalf("shape.go in the run directory: %q, %v", b, err)
	}
}
`,
	}
	const learner = `package shapes

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }

type Square struct{ S float64 }

func (s Square) Area() float64 { return square(s.S) }
`
	cases := []struct {
		name    string
		files   map[string]string
		outcome engine.Outcome
		msg     string
	}{
		{name: "as given", outcome: engine.OutcomePass},
		// The read-only file is the course's, whatever the learner sends.
		{name: "read-only edit ignored", files: map[string]string{"shape.go": "package shapes\n\ntype Shape interface{ Nope() }\n"}, outcome: engine.OutcomePass},
		{name: "editable edit used", files: map[string]string{"helpers.go": "package shapes\n\nfunc square(x float64) float64 { return x + x }\n"}, outcome: engine.OutcomeFail},
		{name: "editable edit breaks", files: map[string]string{"helpers.go": "package shapes\n\nfunc square(x float64) float64 { return }\n"}, outcome: engine.OutcomeCompileError, msg: "helpers.go:3"},
		{name: "editable other package", files: map[string]string{"helpers.go": "package other\n"}, outcome: engine.OutcomeCompileError, msg: "helpers.go:1"},
		{name: "editable forbidden import", files: map[string]string{"helpers.go": "package shapes\n\nimport \"os/exec\"\n\nvar _ = exec.Command\n\nfunc square(x float64) float64 { return x * x }\n"}, outcome: engine.OutcomeRuleViolation, msg: "helpers.go:3"},
		{name: "editable directive", files: map[string]string{"helpers.go": "package shapes\n\n//go:norace\nfunc square(x float64) float64 { return x * x }\n"}, outcome: engine.OutcomeRuleViolation, msg: "helpers.go"},
		// The hidden test's own names are out of reach of every file of the learner's.
		{name: "editable reaches the test", files: map[string]string{"helpers.go": "package shapes\n\nfunc square(x float64) float64 { return x * x }\n\nvar peek = secret\n"}, outcome: engine.OutcomeCompileError, msg: "helpers.go:5"},
		{name: "editable vet", files: map[string]string{"helpers.go": "package shapes\n\nimport \"fmt\"\n\nfunc square(x float64) float64 { fmt.Printf(\"%d\", \"x\"); return x * x }\n"}, outcome: engine.OutcomeCompileError, msg: "helpers.go:5"},
	}
	subs := make([]runner.Submission, len(cases))
	for i, c := range cases {
		subs[i] = runner.Submission{Exercise: ex, Code: learner, Files: c.files}
	}
	for res := range r.Batch(context.Background(), subs, 0) {
		c := cases[res.Index]
		v := res.Verdict
		if v.Outcome != c.outcome || !strings.Contains(v.Message, c.msg) {
			t.Errorf("%s: %s %q (err %v), want %s with %q", c.name, v.Outcome, v.Message, res.Err, c.outcome, c.msg)
		}
	}
}
