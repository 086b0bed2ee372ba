package sandbox

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// runOutside runs the hostile program from outside its directory, as the
// runner does, so that the directory is a capped file system of its own.
func runOutside(t *testing.T, limits Limits, args ...string) (Result, string) {
	t.Helper()
	return runOutsideAt(t, limits, func(prog string) []string { return args })
}

func runOutsideAt(t *testing.T, limits Limits, argsFor func(prog string) []string) (Result, string) {
	t.Helper()
	root := t.TempDir()
	os.Chmod(filepath.Dir(root), 0o711)
	os.Chmod(root, 0o711)
	bin, dir := filepath.Join(root, "bin"), filepath.Join(root, "run")
	for _, d := range []string{bin, dir} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	prog := filepath.Join(bin, "hostile")
	b, err := os.ReadFile(hostile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(prog, b, 0o555); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Spec{Path: prog, Args: argsFor(prog), Dir: dir, Env: []string{"HOME=" + dir}, ReadOnly: []string{prog}, Limits: limits})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res, dir
}

// A run fills its directory: it gets no more than the cap, and nothing of
// it is left on the disk.
func TestDirectoryCapped(t *testing.T) {
	needLinux(t)
	res, dir := runOutside(t, Limits{DirSize: 64 << 20, Memory: 256 << 20}, "fill")
	if !res.Isolation.Disk {
		t.Skipf("no capped directory here: %v", res.Isolation.Notes)
	}
	mib, err := strconv.Atoi(strings.TrimSpace(string(res.Stdout)))
	if err != nil {
		t.Fatalf("stdout %q, stderr %s", res.Stdout, res.Stderr)
	}
	if mib < 32 || mib > 64 {
		t.Errorf("the program wrote %d MiB into a 64 MiB directory", mib)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("%d files left on the disk", len(left))
	}
}

// Only the sandbox's own channel tells of a failed set-up: a program that
// prints what a set-up failure prints and exits 125 gets a result like any
// other program.
func TestSetupFailureCannotBeFaked(t *testing.T) {
	needLinux(t)
	res, _ := runOutside(t, Limits{}, "fake-setup")
	if res.ExitCode != 125 {
		t.Fatalf("exit %d, stderr %s", res.ExitCode, res.Stderr)
	}
	// A real failure still says so.
	_, err := Run(context.Background(), Spec{Path: "/nonexistent/program", Dir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "could not set up") {
		t.Fatalf("a program that cannot be executed: %v", err)
	}
}

// The program may write files, never execute one of its own making.
func TestNoExecutingWrittenFiles(t *testing.T) {
	needLinux(t)
	res, _ := runOutsideAt(t, Limits{}, func(prog string) []string { return []string{"exec-own", prog} })
	if !res.Isolation.Filesystem && !res.Isolation.Disk {
		t.Skipf("no Landlock or capped directory here: %v", res.Isolation.Notes)
	}
	if out := string(res.Stdout); !strings.Contains(out, "exec:") || strings.Contains(out, "hello from the sandbox") || strings.Contains(out, "exec: <nil>") {
		t.Fatalf("the program ran a copy of itself: %q %s", out, res.Stderr)
	}
	t.Logf("%s", res.Stdout)
}

// A seed's files are in the program's directory, and only a copy: what
// the program does to them stays in its run.
func TestSeed(t *testing.T) {
	needLinux(t)
	seed := t.TempDir()
	os.Chmod(seed, 0o755)
	os.MkdirAll(filepath.Join(seed, "testdata"), 0o755)
	os.WriteFile(filepath.Join(seed, "testdata", "in.txt"), []byte("data"), 0o644)
	os.Symlink("/etc/passwd", filepath.Join(seed, "link"))
	root := t.TempDir()
	os.Chmod(filepath.Dir(root), 0o711)
	os.Chmod(root, 0o711)
	bin, dir := filepath.Join(root, "bin"), filepath.Join(root, "run")
	os.Mkdir(bin, 0o755)
	os.Mkdir(dir, 0o755)
	prog := filepath.Join(bin, "hostile")
	b, _ := os.ReadFile(hostile)
	os.WriteFile(prog, b, 0o755)
	for _, c := range []struct{ file, want string }{{"testdata/in.txt", "read: <nil>"}, {"link", "read: open link: no such file or directory"}} {
		res, err := Run(context.Background(), Spec{Path: prog, Args: []string{"read", c.file}, Dir: dir, Seed: seed, ReadOnly: []string{prog}})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(res.Stdout)); got != c.want {
			t.Errorf("%s: %q, want %q (stderr %s)", c.file, got, c.want, res.Stderr)
		}
	}
}
