package runner

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/sandbox"
)

// TestToolCacheKey: a call's key is the same wherever it runs and changes
// with anything the tool reads.
func TestToolCacheKey(t *testing.T) {
	root := t.TempDir()
	tc := &toolchain{toolDir: filepath.Join(root, "tools"), dir: filepath.Join(root, "cache", "toolchain", "go1")}
	for _, d := range []string{tc.toolDir, tc.dir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(tc.toolDir, "compile"), []byte("a compiler"), 0o755); err != nil {
		t.Fatal(err)
	}
	std := filepath.Join(root, "cache", "go-build", "ab", "abcdef-d")
	c := &toolCache{named: []string{tc.dir + "/", filepath.Join(root, "cache", "go-build") + "/"}}
	write := func(path, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(std, "fmt's archive")
	// A work directory as build makes it: a package's source and an
	// import configuration naming the standard library and an archive
	// compiled before it.
	work := func(name string, edit func(dir string)) string {
		dir := filepath.Join(root, name)
		write(filepath.Join(dir, "p0", "sum.go"), "package sum\n")
		write(filepath.Join(dir, "dep.a"), "a dependency")
		write(filepath.Join(dir, "importcfg"), "packagefile fmt="+std+"\npackagefile dep="+filepath.Join(dir, "dep.a")+"\n")
		if edit != nil {
			edit(dir)
		}
		return filepath.Join(dir, "p0")
	}
	env := []string{"GOROOT=/go", "PATH=/bin"}
	key := func(dir string, env []string, limits sandbox.ToolLimits, args ...string) string {
		t.Helper()
		k, out, ok := c.key(tc, env, limits, dir, "compile", args)
		if !ok {
			return ""
		}
		if want := filepath.Join(filepath.Dir(dir), "p0.a"); out != want {
			t.Errorf("output %s, want %s", out, want)
		}
		return k
	}
	args := func(dir string) []string {
		return []string{"-o", filepath.Join(filepath.Dir(dir), "p0.a"), "-p", "sum", "-importcfg", "../importcfg", "-trimpath", dir, "-pack", "sum.go"}
	}
	base := work("base", nil)
	want := key(base, env, sandbox.ToolLimits{}, args(base)...)
	if want == "" {
		t.Fatal("no key for a plain compile")
	}
	other := work("elsewhere", nil)
	if got := key(other, append([]string{}, "GOROOT=/go", "PATH=/usr/bin"), sandbox.ToolLimits{}, args(other)...); got != want {
		t.Errorf("the same call in another directory (and PATH): key %s, want %s", got, want)
	}
	tests := []struct {
		name   string
		edit   func(dir string)
		env    []string
		limits sandbox.ToolLimits
		args   func(dir string) []string
	}{
		{name: "source changed", edit: func(dir string) { write(filepath.Join(dir, "p0", "sum.go"), "package sum // changed\n") }},
		{name: "compiled dependency changed", edit: func(dir string) { write(filepath.Join(dir, "dep.a"), "another dependency") }},
		{name: "standard package replaced", edit: func(dir string) {
			write(filepath.Join(dir, "importcfg"), "packagefile fmt="+std+"x\npackagefile dep="+filepath.Join(dir, "dep.a")+"\n")
			write(std+"x", "fmt's archive")
		}},
		{name: "import configuration changed", edit: func(dir string) {
			write(filepath.Join(dir, "importcfg"), "packagefile fmt="+std+"\n")
		}},
		{name: "environment", env: []string{"GOROOT=/go", "CGO_ENABLED=1"}},
		{name: "limits", limits: sandbox.ToolLimits{Memory: 1 << 20}},
		{name: "flag", args: func(dir string) []string { return append(args(dir)[:8], "-race", "-pack", "sum.go") }},
		{name: "package path", args: func(dir string) []string {
			a := args(dir)
			a[3] = "other"
			return a
		}},
		{name: "file name", edit: func(dir string) { write(filepath.Join(dir, "p0", "sum2.go"), "package sum\n") }, args: func(dir string) []string {
			a := args(dir)
			a[len(a)-1] = "sum2.go"
			return a
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := work("case"+string(rune('a'+i)), tt.edit)
			e, a := env, args
			if tt.env != nil {
				e = tt.env
			}
			if tt.args != nil {
				a = tt.args
			}
			got := key(dir, e, tt.limits, a(dir)...)
			if got == "" || got == want {
				t.Errorf("key %q, want a key other than %s", got, want)
			}
		})
	}
	t.Run("missing input", func(t *testing.T) {
		dir := work("missing", func(dir string) { os.Remove(filepath.Join(dir, "dep.a")) })
		if got := key(dir, env, sandbox.ToolLimits{}, args(dir)...); got != "" {
			t.Errorf("key %s for a call whose input is missing", got)
		}
	})
	t.Run("trimpath elsewhere", func(t *testing.T) {
		a := args(base)
		a[7] = root
		if got := key(base, env, sandbox.ToolLimits{}, a...); got != "" {
			t.Errorf("key %s for a -trimpath outside the tool's directory", got)
		}
	})
}

// TestNonce: a submission's nonce is the same each time it is checked, and
// another for anything else, with another secret, or with no cache.
func TestNonce(t *testing.T) {
	c := &toolCache{secret: []byte(strings.Repeat("k", 32))}
	ex := &engine.Exercise{ID: "sum", Test: sumTest, Support: []engine.SupportFile{{Name: "helper.go", Code: "package sum\n"}}}
	code := "package sum\n\nfunc Sum() {}\n"
	want := c.nonce(ex, code, map[string]string{"helper.go": "a", "b.go": "b"})
	if got := c.nonce(ex, code, map[string]string{"b.go": "b", "helper.go": "a"}); got != want {
		t.Errorf("same submission: nonce %s, want %s", got, want)
	}
	if len(want) != 2+16 || !strings.HasPrefix(want, "__") {
		t.Errorf("nonce %q: want __ and 16 hex digits", want)
	}
	other := []string{
		c.nonce(ex, code+" ", map[string]string{"helper.go": "a", "b.go": "b"}),
		c.nonce(ex, code, map[string]string{"helper.go": "a", "b.go": "c"}),
		c.nonce(ex, code, map[string]string{"helper.go": "ab"}),
		c.nonce(&engine.Exercise{ID: "sum2", Test: sumTest}, code, map[string]string{"helper.go": "a", "b.go": "b"}),
		(&toolCache{secret: []byte(strings.Repeat("j", 32))}).nonce(ex, code, map[string]string{"helper.go": "a", "b.go": "b"}),
	}
	for i, got := range other {
		if got == want {
			t.Errorf("case %d: the same nonce as another submission", i)
		}
	}
	var none *toolCache
	if a, b := none.nonce(ex, code, nil), none.nonce(ex, code, nil); a == b {
		t.Errorf("without a cache two checks share the nonce %s", a)
	}
}

// TestCheckKeepsBuilds: checking the same code again runs neither the
// compiler nor the linker and gives the same verdict; a compile error, a
// changed file and a Fresh runner build again.
func TestCheckKeepsBuilds(t *testing.T) {
	r := typedRunner(t)
	if r.built == nil {
		t.Skip("the sandbox cannot keep programs from writing outside their directory: no build is kept")
	}
	var b [8]byte
	rand.Read(b[:])
	mark := hex.EncodeToString(b[:]) // no earlier run built this code
	ex := &engine.Exercise{ID: "sum", Test: "package sum\n\nimport \"testing\"\n\nfunc TestSum(t *testing.T) {\n\tif Sum(2, 3) != 5 {\n\t\tt.Fatal(\"wrong\")\n\t}\n}\n"}
	good := "package sum\n\nvar Mark = \"" + mark + "\"\n\nfunc Sum(a, b int) int { return a + b }\n"
	bad := "package sum\n\nvar Mark = \"" + mark + "\"\n\nfunc Sum(a, b int) int { return a + b + \"x\" }\n"
	check := func(code string) (engine.Verdict, int64) {
		t.Helper()
		before := r.built.hits.Load()
		v, err := r.Check(context.Background(), ex, code)
		if err != nil {
			t.Fatal(err)
		}
		return v, r.built.hits.Load() - before
	}
	v, hits := check(good)
	if !v.Passed() || hits != 0 {
		t.Fatalf("first check: %s with %d kept builds, want a pass with none", v.Outcome, hits)
	}
	v, hits = check(good)
	if !v.Passed() || hits != 3 {
		t.Errorf("same code again: %s with %d kept builds, want a pass from 3 (package, harness, link)", v.Outcome, hits)
	}
	for range 2 {
		if v, hits := check(bad); v.Outcome != engine.OutcomeCompileError || hits != 0 {
			t.Errorf("compile error: %s with %d kept builds, want compile-error with none", v.Outcome, hits)
		}
	}
	if v, hits := check(strings.Replace(good, mark, mark+"2", 1)); !v.Passed() || hits != 0 {
		t.Errorf("changed code: %s with %d kept builds, want a pass with none", v.Outcome, hits)
	}
	r.Fresh = true
	if v, hits := check(good); !v.Passed() || hits != 0 {
		t.Errorf("Fresh: %s with %d kept builds, want a pass with none", v.Outcome, hits)
	}
}

// TestUnconfinedKeepsNothing: where the sandbox cannot keep a program from
// writing outside its directory, a runner keeps no build, and checks work
// without.
func TestUnconfinedKeepsNothing(t *testing.T) {
	typedRunner(t) // skips where checks cannot run
	defer func(f func() bool) { confined = f }(confined)
	confined = func() bool { return false }
	r, err := New(testCacheDir())
	if err != nil {
		t.Fatal(err)
	}
	if r.built != nil {
		t.Fatal("an unconfined runner keeps builds")
	}
	ex := &engine.Exercise{ID: "sum", Test: "package sum\n\nimport \"testing\"\n\nfunc TestSum(t *testing.T) {\n\tif Sum(2, 3) != 5 {\n\t\tt.Fatal(\"wrong\")\n\t}\n}\n"}
	for range 2 {
		if v, err := r.Check(context.Background(), ex, "package sum\n\nfunc Sum(a, b int) int { return a + b }\n"); err != nil || !v.Passed() {
			t.Fatalf("Check = %s %q, %v; want a pass", v.Outcome, v.Message, err)
		}
	}
}

// TestToolCacheTrim: over its limit, the cache drops what was used longest
// ago, down to three quarters of the limit.
func TestToolCacheTrim(t *testing.T) {
	c := &toolCache{dir: t.TempDir(), limit: 400}
	old := time.Now().Add(-time.Hour)
	for i := range 5 {
		name := filepath.Join(c.dir, strings.Repeat(string(rune('a'+i)), 64))
		if err := os.WriteFile(name, make([]byte, 100), 0o644); err != nil {
			t.Fatal(err)
		}
		used := old.Add(time.Duration(i) * time.Minute)
		os.Chtimes(name, used, used)
	}
	c.trim()
	var left []string
	entries, _ := os.ReadDir(c.dir)
	for _, e := range entries {
		left = append(left, e.Name()[:1])
	}
	if got := strings.Join(left, ""); got != "cde" {
		t.Errorf("left %q, want the three used last (cde)", got)
	}
}
