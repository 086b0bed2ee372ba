package runner

import (
	"context"
	"errors"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine/sandbox"
)

// Program is what became of a whole Go program (package main), built and run
// as a Tracing question's program is: for course validation.
type Program struct {
	Compiles   bool
	ErrorLine  int    // the line of the first compile error
	Errors     string // the compiler's messages
	Stdout     string
	Stderr     string
	ExitCode   int
	Panicked   bool
	Deadlocked bool
	TimedOut   bool
}

var firstError = regexp.MustCompile(`(?m)^main\.go:(\d+):`)

// RunProgram builds src as package main and runs it in the sandbox for at
// most timeout.
func (r *Runner) RunProgram(ctx context.Context, src string, timeout time.Duration) (Program, error) {
	var p Program
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", src, parser.ImportsOnly)
	if err != nil {
		// A syntax error is a compile error like any other.
		p.Errors = err.Error()
		if m := regexp.MustCompile(`^main\.go:(\d+):`).FindStringSubmatch(p.Errors); m != nil {
			p.ErrorLine, _ = strconv.Atoi(m[1])
		}
		return p, nil
	}
	var imports []string
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		imports = append(imports, path)
	}
	cfg, err := r.tc.importcfg(ctx, r.CacheDir, false, imports)
	if errors.Is(err, errNotStd) {
		p.Errors = err.Error()
		return p, nil
	}
	if err != nil {
		return p, err
	}
	root, err := workDir("", "program")
	if err != nil {
		return p, err
	}
	defer os.RemoveAll(root)
	if err := os.Chmod(root, 0o711); err != nil {
		return p, err
	}
	build, run, binDir := filepath.Join(root, "build"), filepath.Join(root, "run"), filepath.Join(root, "bin")
	for _, d := range []string{build, run, binDir} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return p, err
		}
	}
	for name, b := range map[string]string{"main.go": src, "importcfg": cfg} {
		if err := os.WriteFile(filepath.Join(build, name), []byte(b), 0o644); err != nil {
			return p, err
		}
	}
	msg, err := r.tool(ctx, false, build, "compile", "-o", "main.a", "-p", "main", "-lang", r.tc.lang, "-complete", "-pack", "-importcfg", "importcfg", "-trimpath", build, "main.go")
	if err != nil {
		return p, err
	}
	if msg != "" {
		p.Errors = strings.TrimSpace(msg)
		if m := firstError.FindStringSubmatch(p.Errors); m != nil {
			p.ErrorLine, _ = strconv.Atoi(m[1])
		}
		return p, nil
	}
	p.Compiles = true
	bin := filepath.Join(binDir, "main")
	if msg, err := r.tool(ctx, false, build, "link", "-o", bin, "-importcfg", "importcfg", "-buildmode=exe", "-s", "-w", "main.a"); err != nil || msg != "" {
		if err == nil {
			err = errors.New("link: " + msg)
		}
		return p, err
	}
	res, err := sandbox.Run(ctx, sandbox.Spec{
		Path:   bin,
		Dir:    run,
		Env:    []string{"PATH=/usr/bin:/bin", "HOME=" + run, "TMPDIR=" + run},
		Limits: sandbox.Limits{Wall: timeout},
	})
	if err != nil {
		return p, err
	}
	p.Stdout, p.Stderr, p.ExitCode, p.TimedOut = string(res.Stdout), string(res.Stderr), res.ExitCode, res.TimedOut
	p.Deadlocked = strings.Contains(p.Stderr, "all goroutines are asleep - deadlock!")
	p.Panicked = !p.Deadlocked && (strings.HasPrefix(p.Stderr, "panic: ") || strings.Contains(p.Stderr, "\npanic: "))
	return p, nil
}
