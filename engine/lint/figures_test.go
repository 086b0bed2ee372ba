package lint

import (
	"os"
	"testing"

	"github.com/asynclings/asynclings/engine"
)

// TestFigures lints the course at $ASYNCLINGS_LINT_COURSE and logs its
// warnings (go test -run Figures -v), for measuring a course.
func TestFigures(t *testing.T) {
	p := os.Getenv("ASYNCLINGS_LINT_COURSE")
	if p == "" {
		t.Skip("ASYNCLINGS_LINT_COURSE not set")
	}
	c, err := engine.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	ws := Course(c)
	for _, w := range ws {
		t.Log(w)
	}
	t.Logf("%d warnings", len(ws))
}
