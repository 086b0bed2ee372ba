package runner

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// guardFS holds the guard's sources; guardFiles picks this system's.
//
//go:embed _guard/*
var guardFS embed.FS

// guardFiles are the guard's sources for this system: on linux/amd64 its
// records are written by an assembly stub of its own, which the seccomp
// filter knows by its address.
func guardFiles() []string {
	switch {
	case runtime.GOOS == "linux" && runtime.GOARCH == "amd64":
		return []string{"guard.go", "leak.go", "guard_linux.go", "write_linux_amd64.go", "write_linux_amd64.s"}
	case runtime.GOOS == "linux":
		return []string{"guard.go", "leak.go", "guard_linux.go", "write_os.go"}
	default:
		return []string{"guard.go", "leak.go", "write_os.go", "exit_other.go"}
	}
}

// guardPath is the import path of the guard package in test binaries; the
// dot keeps it out of the standard library's namespace, which is the only one
// learners' code may import from.
const guardPath = "asynclings.invalid/guard"

// toolchain compiles and links test binaries by calling the Go compiler and
// linker directly, with the standard library's compiled packages listed once
// by `go list -export`. That skips the go command's own work on every check,
// which is most of what a warm `go test` spends beyond the link.
type toolchain struct {
	goBin, toolDir, goroot string
	lang                   string // -lang for the compiler: the toolchain's language version
	dir                    string // where the package index and guard live

	mu   sync.Mutex
	pkgs [2]map[string]pkgInfo // by race; nil until loaded

	waiting atomic.Int32 // checks waiting for a warm-up's lock
}

// pkgInfo is one compiled standard library package.
type pkgInfo struct {
	Export string   `json:"export"` // its compiled archive in the build cache
	Deps   []string `json:"deps"`
}

func newToolchain(goBin, cacheDir string) (*toolchain, error) {
	out, err := exec.Command(goBin, "env", "GOROOT", "GOTOOLDIR", "GOVERSION").Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %w", err)
	}
	f := strings.Fields(string(out))
	if len(f) != 3 {
		return nil, fmt.Errorf("go env: unexpected output %q", out)
	}
	tc := &toolchain{goBin: goBin, goroot: f[0], toolDir: f[1]}
	// go1.26.8 -> go1.26
	v := strings.TrimPrefix(f[2], "go")
	if parts := strings.SplitN(v, ".", 3); len(parts) >= 2 {
		tc.lang = "go" + parts[0] + "." + strings.TrimRightFunc(parts[1], func(r rune) bool { return r < '0' || r > '9' })
	}
	tc.dir = filepath.Join(cacheDir, "toolchain", f[2])
	if err := os.MkdirAll(tc.dir, 0o755); err != nil {
		return nil, err
	}
	return tc, nil
}

func variant(race bool) string {
	if race {
		return "race"
	}
	return "plain"
}

func raceIndex(race bool) int {
	if race {
		return 1
	}
	return 0
}

// env is the environment of the go command and the compiler.
func (tc *toolchain) env(cacheDir string, race bool) []string {
	cgo := "0"
	if race {
		cgo = "1" // the race detector's runtime needs cgo; learners' code may not use it
	}
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + cacheDir,
		"GOROOT=" + tc.goroot,
		"GOCACHE=" + filepath.Join(cacheDir, "go-build"),
		"GOPATH=" + filepath.Join(cacheDir, "gopath"),
		"GOFLAGS=",
		"GOPROXY=off",
		"GOTOOLCHAIN=local",
		"GO111MODULE=off",
		"GOWORK=off",
		"CGO_ENABLED=" + cgo,
	}
}

// importcfg returns the compiler's and linker's import configuration for a
// program importing roots: every standard package it needs, compiled, and
// the guard. Packages not compiled yet are compiled first, through the go
// command (slow once, then remembered), under the variant's lock: a
// warm-up compiling them meanwhile is waited for, not done twice.
func (tc *toolchain) importcfg(ctx context.Context, cacheDir string, race bool, roots []string) (string, error) {
	return tc.importcfgLocking(ctx, cacheDir, race, tc.roots(race, roots), false)
}

// importcfgHeld is importcfg of all of roots for a caller that holds the
// variant's lock.
func (tc *toolchain) importcfgHeld(ctx context.Context, cacheDir string, race bool, roots []string) (string, error) {
	return tc.importcfgLocking(ctx, cacheDir, race, roots, true)
}

// roots is what a test binary importing pkgs needs: pkgs and the harness's
// imports.
func (tc *toolchain) roots(race bool, pkgs []string) []string {
	roots := append(slices.Clone(pkgs), "testing", "os", "io", "reflect", "slices", "strconv", "strings", "sync", "time", "flag", "crypto/hmac", "crypto/sha256", "encoding/hex", "internal/testlog", "internal/runtime/exithook")
	if race {
		roots = append(roots, "runtime/race", "runtime/cgo")
	}
	return roots
}

func (tc *toolchain) importcfgLocking(ctx context.Context, cacheDir string, race bool, roots []string, held bool) (string, error) {
	for attempt := 0; ; attempt++ {
		deps, missing := tc.closure(cacheDir, race, roots)
		if len(missing) == 0 {
			guard, err := tc.guard(ctx, cacheDir, race, deps)
			if err != nil {
				return "", err
			}
			var b strings.Builder
			for _, p := range slices.Sorted(func(yield func(string) bool) {
				for p := range deps {
					if !yield(p) {
						return
					}
				}
			}) {
				fmt.Fprintf(&b, "packagefile %s=%s\n", p, deps[p].Export)
			}
			fmt.Fprintf(&b, "packagefile %s=%s\n", guardPath, guard)
			return b.String(), nil
		}
		if attempt > 0 {
			return "", fmt.Errorf("%w: %s", errNotStd, strings.Join(missing, ", "))
		}
		if held {
			if err := tc.list(ctx, cacheDir, race, missing); err != nil {
				return "", err
			}
			continue
		}
		// A warm-up (or another check) compiling them is waited for: what
		// it adds to the index on disk may be all that is missing.
		compiled := func() bool {
			tc.mu.Lock()
			tc.reloadLocked(race)
			tc.mu.Unlock()
			_, missing = tc.closure(cacheDir, race, roots)
			return len(missing) == 0
		}
		tc.waiting.Add(1)
		unlock, err := lockFile(ctx, tc.lockPath(race), compiled)
		tc.waiting.Add(-1)
		if err != nil {
			return "", err
		}
		if unlock == nil {
			attempt = -1 // compiled by another: nothing listed here
			continue
		}
		if !compiled() {
			err = tc.list(ctx, cacheDir, race, missing)
		}
		unlock()
		if err != nil {
			return "", err
		}
	}
}

var errNotStd = errors.New("not in the standard library")

// closure finds roots and their dependencies in the index, returning the
// packages found and the roots (or dependencies) that are not there or whose
// archives are gone from the build cache.
func (tc *toolchain) closure(cacheDir string, race bool, roots []string) (map[string]pkgInfo, []string) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	idx := tc.loadLocked(race)
	deps := map[string]pkgInfo{}
	var missing []string
	var visit func(p string)
	visit = func(p string) {
		if _, ok := deps[p]; ok || p == "unsafe" { // unsafe is built into the compiler
			return
		}
		info, ok := idx[p]
		if !ok || info.Export == "" {
			missing = append(missing, p)
			return
		}
		deps[p] = info
		for _, d := range info.Deps {
			visit(d)
		}
	}
	for _, r := range roots {
		visit(r)
	}
	for p, info := range deps {
		if _, err := os.Stat(info.Export); err != nil {
			missing = append(missing, p) // trimmed from the build cache
		}
	}
	slices.Sort(missing)
	return deps, slices.Compact(missing)
}

// closureSize is how many packages the index holds.
func (tc *toolchain) closureSize(race bool) int {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	return len(tc.loadLocked(race))
}

func (tc *toolchain) indexFile(race bool) string {
	return filepath.Join(tc.dir, "std-"+variant(race)+".json")
}

func (tc *toolchain) loadLocked(race bool) map[string]pkgInfo {
	i := raceIndex(race)
	if tc.pkgs[i] == nil {
		tc.pkgs[i] = map[string]pkgInfo{}
		if b, err := os.ReadFile(tc.indexFile(race)); err == nil {
			json.Unmarshal(b, &tc.pkgs[i])
		}
	}
	return tc.pkgs[i]
}

// list compiles packages with the go command and adds them to the index.
func (tc *toolchain) list(ctx context.Context, cacheDir string, race bool, pkgs []string) error {
	args := []string{"list", "-e", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Standard}}\t{{.Export}}\t{{join .Deps \" \"}}\t{{if .Error}}{{.Error}}{{end}}"}
	if race {
		args = append(args, "-race")
	}
	cmd := exec.CommandContext(ctx, tc.goBin, append(append(args, "--"), pkgs...)...)
	cmd.Env = tc.env(cacheDir, race)
	cmd.Dir = tc.dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil && len(out) == 0 {
		return fmt.Errorf("go list: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	tc.mu.Lock()
	defer tc.mu.Unlock()
	tc.reloadLocked(race) // what another process added since
	idx := tc.loadLocked(race)
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 5 || f[1] != "true" || f[4] != "" || f[2] == "" {
			continue // not a standard package, or it did not build
		}
		idx[f[0]] = pkgInfo{Export: f[2], Deps: strings.Fields(f[3])}
	}
	b, err := json.Marshal(idx)
	if err != nil {
		return err
	}
	return writeFileAtomic(tc.indexFile(race), b)
}

// warm compiles the whole standard library, so that no check waits for it.
func (tc *toolchain) warm(ctx context.Context, cacheDir string, race bool) error {
	pkgs := []string{"std"}
	if race {
		pkgs = append(pkgs, "runtime/race", "runtime/cgo")
	}
	unlock, err := lockFile(ctx, tc.lockPath(race), nil)
	if err != nil {
		return err
	}
	defer unlock()
	if err := tc.list(ctx, cacheDir, race, pkgs); err != nil {
		return err
	}
	_, err = tc.importcfgHeld(ctx, cacheDir, race, tc.roots(race, nil))
	return err
}

// guard returns the compiled guard package, compiling it once.
func (tc *toolchain) guard(ctx context.Context, cacheDir string, race bool, deps map[string]pkgInfo) (string, error) {
	names := guardFiles()
	h := sha256.New()
	sources := map[string][]byte{}
	for _, name := range names {
		b, err := guardFS.ReadFile("_guard/" + name)
		if err != nil {
			return "", err
		}
		sources[name] = b
		fmt.Fprintf(h, "%s %d\n", name, len(b))
		h.Write(b)
	}
	out := filepath.Join(tc.dir, fmt.Sprintf("guard-%s-%x.a", variant(race), h.Sum(nil)[:6]))
	if _, err := os.Stat(out); err == nil {
		return out, nil
	}
	work, err := workDir(tc.dir, "guard")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(work)
	var cfg strings.Builder
	for p, info := range deps {
		fmt.Fprintf(&cfg, "packagefile %s=%s\n", p, info.Export)
	}
	if err := os.WriteFile(filepath.Join(work, "importcfg"), []byte(cfg.String()), 0o644); err != nil {
		return "", err
	}
	var goFiles, asmFiles []string
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(work, name), sources[name], 0o644); err != nil {
			return "", err
		}
		if strings.HasSuffix(name, ".s") {
			asmFiles = append(asmFiles, name)
		} else {
			goFiles = append(goFiles, name)
		}
	}
	run := func(tool string, args ...string) error {
		cmd := exec.CommandContext(ctx, filepath.Join(tc.toolDir, tool), args...)
		cmd.Dir = work
		cmd.Env = tc.env(cacheDir, race)
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("build the guard: %s: %v: %s", tool, err, b)
		}
		return nil
	}
	asmFlags := []string{"-p", guardPath, "-trimpath", work + "=>", "-I", work, "-I", filepath.Join(tc.goroot, "pkg", "include"),
		"-D", "GOOS_" + runtime.GOOS, "-D", "GOARCH_" + runtime.GOARCH}
	// -trimpath keeps the work directory's name out of the archive, so
	// that every compile of the guard is the same to the byte.
	args := []string{"-o", "guard.a", "-p", guardPath, "-lang", tc.lang, "-importcfg", "importcfg", "-pack", "-trimpath", work + "=>"}
	if race {
		args = append(args, "-race")
	}
	if len(asmFiles) == 0 {
		args = append(args, "-complete")
	} else {
		if err := run("asm", append(append(slices.Clone(asmFlags), "-gensymabis", "-o", "symabis"), asmFiles...)...); err != nil {
			return "", err
		}
		args = append(args, "-symabis", "symabis", "-asmhdr", "go_asm.h")
	}
	if err := run("compile", append(args, goFiles...)...); err != nil {
		return "", err
	}
	if len(asmFiles) > 0 {
		for i, f := range asmFiles {
			obj := fmt.Sprintf("asm%d.o", i)
			if err := run("asm", append(append(slices.Clone(asmFlags), "-o", obj), f)...); err != nil {
				return "", err
			}
			if err := appendToArchive(filepath.Join(work, "guard.a"), filepath.Join(work, obj)); err != nil {
				return "", fmt.Errorf("build the guard: %w", err)
			}
		}
	}
	if err := os.Rename(filepath.Join(work, "guard.a"), out); err != nil {
		return "", err
	}
	return out, nil
}

// appendToArchive adds an object file to a Go archive (the Unix ar format),
// as the pack tool's "r" does; recent Go distributions build pack only on
// demand.
func appendToArchive(archive, obj string) error {
	data, err := os.ReadFile(obj)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(archive, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	hdr := fmt.Sprintf("%-16s%-12s%-6s%-6s%-8o%-10d`\n", filepath.Base(obj), "0", "0", "0", 0o644, len(data))
	if len(data)%2 == 1 {
		data = append(data, '\n')
	}
	if _, err := f.Write(append([]byte(hdr), data...)); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
