// Package base is what asynclings' commands share: the run's flags and what
// it opened (App), the command type, and exit statuses.
package base

import (
	"context"
	"flag"
	"fmt"
)

// Command is one of asynclings' commands: what runs it, its own flags, and
// its part of the usage, from which the whole usage is made.
type Command struct {
	Name     string
	Homework bool   // listed under Homework
	Help     string // its lines of the usage
	Run      func(a *App, ctx context.Context, args []string) error
	Flags    func(fs *flag.FlagSet) // adds its own flags
}

// ExitError carries an exit status; its message, if any, is printed.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

// Failed is exit status 1 with nothing more to say: the answer or check did
// not pass, and the command's output already says so.
var Failed = &ExitError{Code: 1}

// UsageErr is exit status 2: the command could not run.
func UsageErr(format string, args ...any) error {
	return &ExitError{Code: 2, Err: fmt.Errorf(format, args...)}
}

// Plural is "1 item", "2 items".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Method is the Run of a command written as a method of V, a package's own
// view of the App (so that its commands can be methods).
func Method[V ~struct{ *App }](f func(*V, context.Context, []string) error) func(*App, context.Context, []string) error {
	return func(a *App, ctx context.Context, args []string) error {
		v := V{a}
		return f(&v, ctx, args)
	}
}
