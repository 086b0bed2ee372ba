// Command asynclings is an interactive course in concurrent and asynchronous
// programming: quiz questions graded at once and Go exercises checked against
// hidden tests, with progress kept in SQLite.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// exitError carries an exit status; its message, if any, is printed.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

// failed is exit status 1 with nothing more to say: the answer or check did
// not pass, and the command's output already says so.
var failed = &exitError{code: 1}

// usageErr is exit status 2: the command could not run.
func usageErr(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

func main() {
	ctx, stop := interruptContext()
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	defer a.close()
	err := a.dispatch(ctx, args)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "asynclings:", strings.TrimSpace(ee.err.Error()))
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "asynclings:", err)
	return 2
}

func (a *app) dispatch(ctx context.Context, args []string) error {
	name := "start"
	// The command is the first argument that is not a global flag or its
	// value.
	pre := flag.NewFlagSet("asynclings", flag.ContinueOnError)
	pre.SetOutput(io.Discard)
	a.globalFlags(pre)
	if err := pre.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(a.stdout, usage())
			return nil
		}
		return usageErr("%v (see asynclings help)", err)
	}
	rest := pre.Args()
	if len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	if name == "help" {
		rest = slices.DeleteFunc(rest, func(s string) bool { return strings.HasPrefix(s, "-") }) // global flags
		if len(rest) == 1 {
			if u := commandUsage(rest[0]); u != "" {
				fmt.Fprint(a.stdout, u)
				return nil
			}
			return usageErr("unknown command %q%s (see asynclings help)", rest[0], didYouMean(rest[0], commandNames()))
		}
		fmt.Fprint(a.stdout, usage())
		return nil
	}
	for _, c := range commands {
		if c.name != name || c.run == nil {
			continue
		}
		fs := flag.NewFlagSet("asynclings "+name, flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		a.globalFlags(fs)
		if c.flags != nil {
			c.flags(fs, a)
		}
		pos, err := parseInterleaved(fs, rest)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(a.stdout, commandUsage(name))
			return nil
		}
		if err != nil {
			return usageErr("%s: %v (see asynclings help)", name, err)
		}
		return c.run(a, ctx, pos)
	}
	return usageErr("unknown command %q%s (see asynclings help)", name, didYouMean(name, commandNames()))
}

// usage is the whole usage, made from the commands' parts.
func usage() string {
	var user, homework strings.Builder
	for _, c := range commands {
		if c.homework {
			homework.WriteString(c.help)
		} else {
			user.WriteString(c.help)
		}
	}
	return usageHead + "Commands:\n" + user.String() + "\nHomework (docs/homework.md in the source repository):\n" + homework.String() + "\n" + usageGlobal
}

func commandNames() []string {
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	return names
}

// commandUsage is the part of the usage about one command, with the global
// flags; "" for an unknown command.
func commandUsage(name string) string {
	for _, c := range commands {
		if c.name == name {
			global := strings.TrimPrefix(usageGlobal, "Global flags")
			global, _, _ = strings.Cut(global, "\n\n")
			return "Usage of asynclings " + name + ":\n" + c.help + "\nGlobal flags" + global + "\n\nasynclings help shows every command.\n"
		}
	}
	return ""
}

// parseInterleaved parses flags that may stand before, between or after the
// positional arguments, which it returns; "--" ends the flags.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// flag stops at "--" (consumed) or the first positional argument.
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
