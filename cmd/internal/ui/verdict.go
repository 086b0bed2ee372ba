package ui

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// PrintVerdict writes a check's verdict for people.
func PrintVerdict(w io.Writer, v engine.Verdict) {
	switch v.Outcome {
	case engine.OutcomePass:
		fmt.Fprintf(w, "PASS  all %d tests passed (%s)\n", len(v.Tests), v.Duration.Round(time.Millisecond))
	case engine.OutcomeCompileError:
		fmt.Fprintln(w, "ERROR  the code does not compile:")
	default:
		fmt.Fprintf(w, "FAIL  %s\n", OutcomeText(v.Outcome))
	}
	if v.Message != "" {
		fmt.Fprintln(w, Indent(v.Message, "  "))
	}
	defer func() {
		if len(v.Advice) > 0 {
			fmt.Fprintln(w, "  Worth a look (go vet's concurrency checks):")
			fmt.Fprintln(w, Indent(strings.Join(v.Advice, "\n"), "    "))
		}
	}()
	if v.Outcome == engine.OutcomePass {
		return
	}
	for _, t := range v.Tests {
		mark := "ok  "
		switch t.Status {
		case "pass":
		case "skip":
			mark = "SKIP"
		default:
			mark = "FAIL"
		}
		fmt.Fprintf(w, "  %s %s\n", mark, t.Name)
		if t.Message != "" {
			fmt.Fprintln(w, Indent(FirstLines(t.Message, MaxMessageLines), "       "))
		}
	}
}

// OutcomeText says what a failed check's outcome means.
func OutcomeText(o engine.Outcome) string {
	switch o {
	case engine.OutcomeFail:
		return "some tests failed"
	case engine.OutcomeTimeout:
		return "the tests ran out of time"
	case engine.OutcomeRuntimeError:
		return "the code panicked"
	case engine.OutcomeRuleViolation:
		return "the code breaks a rule of the exercise"
	case engine.OutcomeMemoryLimit:
		return "the code used too much memory"
	case engine.OutcomeInternalError:
		return "the check itself failed"
	}
	return string(o)
}

// Indent prefixes every line of s.
func Indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}

// MaxMessageLines is how much of one test's message is printed; --json has
// all of it.
const MaxMessageLines = 8

// FirstLines keeps the first n lines of s and says how many were left out.
func FirstLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) <= n {
		return s
	}
	return strings.Join(lines[:n], "\n") + fmt.Sprintf("\n(%d more lines)", len(lines)-n)
}
