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

	"github.com/asynclings/asynclings/cmd/internal/base"
)

func main() {
	ctx, stop := interruptContext()
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &base.App{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	a.WarmInBackground = func(ctx context.Context) { appOf(a).warmInBackground(ctx) }
	defer a.Close()
	err := dispatch(a, ctx, args)
	if err == nil {
		return 0
	}
	var ee *base.ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			fmt.Fprintln(stderr, "asynclings:", strings.TrimSpace(ee.Err.Error()))
		}
		return ee.Code
	}
	fmt.Fprintln(stderr, "asynclings:", err)
	return 2
}

func dispatch(a *base.App, ctx context.Context, args []string) error {
	name := "start"
	// The command is the first argument that is not a global flag or its
	// value.
	pre := flag.NewFlagSet("asynclings", flag.ContinueOnError)
	pre.SetOutput(io.Discard)
	a.GlobalFlags(pre)
	if err := pre.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(a.Stdout, usage())
			return nil
		}
		return base.UsageErr("%v (see asynclings help)", err)
	}
	rest := pre.Args()
	if len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	if name == "help" {
		rest = slices.DeleteFunc(rest, func(s string) bool { return strings.HasPrefix(s, "-") }) // global flags
		if len(rest) == 1 {
			if u := commandUsage(rest[0]); u != "" {
				fmt.Fprint(a.Stdout, u)
				return nil
			}
			return base.UsageErr("unknown command %q%s (see asynclings help)", rest[0], base.DidYouMean(rest[0], commandNames()))
		}
		fmt.Fprint(a.Stdout, usage())
		return nil
	}
	for _, c := range commands {
		if c.Name != name || c.Run == nil {
			continue
		}
		fs := flag.NewFlagSet("asynclings "+name, flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		a.GlobalFlags(fs)
		if c.Flags != nil {
			c.Flags(fs)
		}
		pos, err := parseInterleaved(fs, rest)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(a.Stdout, commandUsage(name))
			return nil
		}
		if err != nil {
			return base.UsageErr("%s: %v (see asynclings help)", name, err)
		}
		return c.Run(a, ctx, pos)
	}
	return base.UsageErr("unknown command %q%s (see asynclings help)", name, base.DidYouMean(name, commandNames()))
}

// usage is the whole usage, made from the commands' parts.
func usage() string {
	var user, homework strings.Builder
	for _, c := range commands {
		if c.Homework {
			homework.WriteString(c.Help)
		} else {
			user.WriteString(c.Help)
		}
	}
	return usageHead + "Commands:\n" + user.String() + "\nHomework (docs/homework.md in the source repository):\n" + homework.String() + "\n" + usageGlobal
}

func commandNames() []string {
	var names []string
	for _, c := range commands {
		names = append(names, c.Name)
	}
	return names
}

// commandUsage is the part of the usage about one command, with the global
// flags; "" for an unknown command.
func commandUsage(name string) string {
	for _, c := range commands {
		if c.Name == name {
			global := strings.TrimPrefix(usageGlobal, "Global flags")
			global, _, _ = strings.Cut(global, "\n\n")
			return "Usage of asynclings " + name + ":\n" + c.Help + "\nGlobal flags" + global + "\n\nasynclings help shows every command.\n"
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
