package engine

import "time"

// Outcome is the closed set of ways a check can end.
type Outcome string

const (
	OutcomePass          Outcome = "pass"
	OutcomeFail          Outcome = "fail"
	OutcomeCompileError  Outcome = "compile-error"
	OutcomeRuleViolation Outcome = "rule-violation"
	OutcomeTimeout       Outcome = "timeout"
	OutcomeMemoryLimit   Outcome = "memory-limit"
	OutcomeRuntimeError  Outcome = "runtime-error"
	OutcomeInternalError Outcome = "internal-error"
)

// Status is Exercism's test-runner status for the outcome: pass, fail or
// error (the code did not build or the run broke down).
func (o Outcome) Status() string {
	switch o {
	case OutcomePass:
		return "pass"
	case OutcomeFail, OutcomeTimeout, OutcomeMemoryLimit, OutcomeRuntimeError:
		return "fail"
	default:
		return "error"
	}
}

// TestResult is the result of one test function.
type TestResult struct {
	Name    string `json:"name"`
	Status  string `json:"status"` // pass, fail, skip
	Message string `json:"message,omitempty"`
}

// Verdict is the result of checking a learner's code against an exercise.
type Verdict struct {
	Outcome   Outcome      `json:"outcome"`
	Message   string       `json:"message,omitempty"`
	Tests     []TestResult `json:"tests"`
	Isolation *Isolation   `json:"isolation,omitempty"`
	// Advice is what vet's concurrency analyzers found in the learner's
	// code that the exercise does not fail on: worth a look, pass or fail.
	Advice   []string      `json:"advice,omitempty"`
	Duration time.Duration `json:"-"`
}

// Isolation says which protections were in force while the learner's code
// ran.
type Isolation struct {
	Namespaces bool     `json:"namespaces"` // its own user, PID, mount, IPC and UTS namespaces
	Network    bool     `json:"network"`    // a network namespace of its own: no network
	Filesystem bool     `json:"filesystem"` // no writes outside its directory
	Memory     bool     `json:"memory"`     // memory capped by the kernel
	Processes  bool     `json:"processes"`  // process count capped
	Disk       bool     `json:"disk"`       // its directory's size capped
	Notes      []string `json:"notes,omitempty"`
}

// Passed reports whether the check passed.
func (v Verdict) Passed() bool { return v.Outcome == OutcomePass }
