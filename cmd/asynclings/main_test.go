package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/runner/runnertest/testcache"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary stand in for the asynclings command: when a
// script runs "asynclings", testscript re-executes this binary under that
// name and the real CLI runs, in its own process, with its own exit status.
//
// The tests share one build cache of exercise checks, kept between runs
// under the system's temporary directory (one per Go version), so that they
// stay warm and never touch the developer's own cache; their data
// directory is a new one each run.
func TestMain(m *testing.M) {
	var tm testscript.TestingM = m
	if filepath.Base(os.Args[0]) != "asynclings" {
		os.Setenv("ASYNCLINGS_CACHE", testCacheDir())
		data, err := os.MkdirTemp("", "asynclings-test-data-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		os.Setenv("XDG_DATA_HOME", data)
		tm = removeAfter{m, data}
	}
	testscript.Main(tm, map[string]func(){
		"asynclings": func() {
			ctx, stop := interruptContext()
			code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
			stop()
			os.Exit(code)
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script.
//
// Every script gets its own progress database, workspace and data directory
// under $WORK, but shares the tests' build cache of exercise checks (see
// TestMain): scripts run with HOME=/no-home, where the runner would
// otherwise build the standard library cold for every script.
func TestScripts(t *testing.T) {
	testscript.Run(t, scriptParams())
}

// scriptParams are the scripts' setting and commands, for TestScripts and
// for tests that run one script before looking at what it made.
func scriptParams() testscript.Params {
	cache := testCacheDir()
	return testscript.Params{
		Dir:                filepath.Join("testdata", "script"),
		RequireUniqueNames: true,
		Setup: func(env *testscript.Env) error {
			work := env.Getenv("WORK")
			env.Setenv("ASYNCLINGS_DB", filepath.Join(work, "progress.db"))
			env.Setenv("ASYNCLINGS_WORKSPACE", filepath.Join(work, "ws"))
			env.Setenv("ASYNCLINGS_CACHE", cache)
			env.Setenv("XDG_DATA_HOME", filepath.Join(work, "data"))
			// The go command run by the exercise runner finds itself on
			// PATH (kept by testscript); pass on where its tree is, if set.
			if v, ok := os.LookupEnv("GOROOT"); ok {
				env.Setenv("GOROOT", v)
			}
			// Under go test -race the command is race-enabled too, and such a
			// program sleeps a second as it exits unless told otherwise.
			if race := os.Getenv("GORACE"); !strings.Contains(race, "atexit_sleep_ms") {
				env.Setenv("GORACE", strings.TrimSpace(race+" atexit_sleep_ms=0"))
			}
			// Script arguments cannot hold a newline; $NL can.
			env.Setenv("NL", "\n")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode":  cmdExitCode,
			"jsonfield": cmdJSONField,
			"resubmit":  cmdResubmit,
			"rebundle":  cmdRebundle,
		},
	}
}

// removeAfter runs the tests, then removes dir.
type removeAfter struct {
	m   *testing.M
	dir string
}

func (r removeAfter) Run() int {
	defer os.RemoveAll(r.dir)
	return r.m.Run()
}

// testCacheDir is the build cache the tests share (testcache.Dir).
func testCacheDir() string { return testcache.Dir }

// cmdExitCode runs a program and asserts its exact exit status:
//
//	exitcode N program [args...]
//
// Its stdout and stderr are kept for the stdout and stderr commands that
// follow, as after exec.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode (give the expected status instead)")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: bad status %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdJSONField asserts on one value in a JSON document:
//
//	jsonfield FILE PATH [WANT]
//
// FILE is a file or stdout/stderr. PATH is "." for the whole document or
// dot-separated steps: an object key; an array index; KEY=VALUE, the first
// array element whose string field KEY is VALUE; # (last only), the length
// of an array, object or string (quote a path with #: '0.items.#', or the
// script reads a comment). Without WANT the value must exist. A
// string value is compared with WANT as it is, any other value as compact
// JSON (3, true, null, ["a","b"]). With !, the value must be missing or,
// given WANT, differ.
func cmdJSONField(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 && len(args) != 3 {
		ts.Fatalf("usage: jsonfield FILE PATH [WANT]")
	}
	var doc any
	if err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &doc); err != nil {
		ts.Fatalf("jsonfield: %s is not JSON: %v", args[0], err)
	}
	v, err := jsonLookup(doc, args[1])
	if err != nil {
		if neg {
			return
		}
		ts.Fatalf("jsonfield: %s: %v", args[0], err)
	}
	if len(args) == 2 {
		if neg {
			ts.Fatalf("jsonfield: %s: %s exists", args[0], args[1])
		}
		return
	}
	got, ok := v.(string)
	if !ok {
		b, err := json.Marshal(v)
		ts.Check(err)
		got = string(b)
	}
	switch want := args[2]; {
	case got == want && neg:
		ts.Fatalf("jsonfield: %s: %s is %q", args[0], args[1], got)
	case got != want && !neg:
		ts.Fatalf("jsonfield: %s: %s is %q, want %q", args[0], args[1], got, want)
	}
}

func jsonLookup(v any, path string) (any, error) {
	if path == "." {
		return v, nil
	}
	steps := strings.Split(path, ".")
	for i, step := range steps {
		at := strings.Join(steps[:i+1], ".")
		if step == "#" {
			if i != len(steps)-1 {
				return nil, errors.New("# must be the last step")
			}
			switch v := v.(type) {
			case []any:
				return len(v), nil
			case map[string]any:
				return len(v), nil
			case string:
				return len(v), nil
			}
			return nil, errors.New(at + ": has no length")
		}
		switch cur := v.(type) {
		case map[string]any:
			next, ok := cur[step]
			if !ok {
				return nil, errors.New(at + ": no such key")
			}
			v = next
		case []any:
			if key, val, ok := strings.Cut(step, "="); ok {
				v = nil
				for _, el := range cur {
					if m, ok := el.(map[string]any); ok && m[key] == val {
						v = el
						break
					}
				}
				if v == nil {
					return nil, errors.New(at + ": no such element")
				}
				continue
			}
			n, err := strconv.Atoi(step)
			if err != nil || n < 0 || n >= len(cur) {
				return nil, errors.New(at + ": no such index")
			}
			v = cur[n]
		default:
			return nil, errors.New(at + ": not an object or array")
		}
	}
	return v, nil
}

// cmdRebundle rewrites a homework bundle as a student who edits it by hand
// and recomputes its checksum would: student=ID names another student,
// draw=POOL:ITEM,ITEM;POOL:ITEM records another draw of the pools (draw=
// none), and the work in it stays:
//
//	rebundle BUNDLE KEY=VALUE...
func cmdRebundle(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: rebundle BUNDLE student=ID|draw=POOL:ITEM,...;...")
	}
	b, err := homework.Decode(strings.NewReader(ts.ReadFile(args[0])))
	ts.Check(err)
	for _, kv := range args[1:] {
		switch k, v, _ := strings.Cut(kv, "="); k {
		case "student":
			b.Student.ID = v
		case "draw":
			b.Draw = nil
			for _, pool := range strings.Split(v, ";") {
				if id, items, ok := strings.Cut(pool, ":"); ok {
					if b.Draw == nil {
						b.Draw = map[string][]string{}
					}
					b.Draw[id] = strings.Split(items, ",")
				}
			}
		default:
			ts.Fatalf("rebundle: unknown key %q", k)
		}
	}
	var out strings.Builder
	ts.Check(b.Encode(&out))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(out.String()), 0o644))
}

// cmdResubmit rewrites a homework bundle as if it had been submitted at
// another time, with a valid checksum, the way submit would have written it
// then:
//
//	resubmit BUNDLE RFC3339-TIME
func cmdResubmit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: resubmit BUNDLE TIME")
	}
	at, err := time.Parse(time.RFC3339, args[1])
	ts.Check(err)
	b, err := homework.Decode(strings.NewReader(ts.ReadFile(args[0])))
	ts.Check(err)
	b.Submitted = at
	var out strings.Builder
	ts.Check(b.Encode(&out))
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(out.String()), 0o644))
}
