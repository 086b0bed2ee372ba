// want: rule-violation
// message: waitctx.go:20:10: context.Canceled belongs to the standard library
// exercise: waitctx
package wait

import (
	"context"
	"errors"
)

// Wait does not wait, and is wrong whatever the context: it makes the
// standard library's sentinel errors, which are package variables, its own
// wrong answer, so that the hidden test's errors.Is(err, context.Canceled)
// and err != context.DeadlineExceeded hold for it (the shared package's
// predeclared names are protected; the standard library's variables are
// not).
var wrong = errors.New("not waited for")

func init() {
	context.Canceled = wrong
	context.DeadlineExceeded = wrong
}

func Wait(ctx context.Context) error { return wrong }
