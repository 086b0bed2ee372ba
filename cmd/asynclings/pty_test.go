package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
	"github.com/asynclings/asynclings/exercises"
	"github.com/asynclings/asynclings/store"
)

// terminal is the asynclings binary running on a pseudo-terminal.
type terminal struct {
	t    testing.TB
	pty  *os.File
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]`)

func startTerminal(t testing.TB, bin string, env []string, args ...string) *terminal {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 120})
	if err != nil {
		t.Fatalf("start on a pty: %v", err)
	}
	term := &terminal{t: t, pty: f, cmd: cmd, done: make(chan struct{})}
	go func() {
		defer close(term.done)
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			term.mu.Lock()
			term.out.Write(buf[:n])
			term.mu.Unlock()
			answerQueries(f, buf[:n])
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		f.Close()
	})
	return term
}

// answerQueries answers what the program asks the terminal, as a terminal
// does: its background colour (OSC 11) and the cursor's position (DSR).
// Unanswered, each query waits seconds for its timeout.
func answerQueries(f *os.File, out []byte) {
	if bytes.Contains(out, []byte("\x1b]11;?")) {
		io.WriteString(f, "\x1b]11;rgb:0000/0000/0000\x1b\\")
	}
	if bytes.Contains(out, []byte("\x1b[6n")) {
		io.WriteString(f, "\x1b[1;1R")
	}
}

// screen is everything printed so far, without escape sequences.
func (term *terminal) screen() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return ansi.ReplaceAllString(term.out.String(), "")
}

// waitFor waits until the output, from offset from, contains text, and
// returns the offset just past it.
func (term *terminal) waitFor(from int, text string) int {
	term.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		s := term.screen()
		if from > len(s) {
			from = len(s)
		}
		if i := strings.Index(s[from:], text); i >= 0 {
			return from + i + len(text)
		}
		time.Sleep(50 * time.Millisecond)
	}
	term.t.Fatalf("waited 30s for %q; the screen shows:\n%s", text, term.screen()[from:])
	return 0
}

func (term *terminal) send(keys string) {
	term.t.Helper()
	if _, err := io.WriteString(term.pty, keys); err != nil {
		term.t.Fatalf("type %q: %v", keys, err)
	}
}

// quit presses Ctrl-C and waits for the goodbye and the exit.
func (term *terminal) quit(from int) {
	term.t.Helper()
	term.send(keyCtrlC)
	term.waitFor(from, "Your progress is saved")
	select {
	case <-term.done:
	case <-time.After(10 * time.Second):
		term.t.Fatal("the program did not exit after Ctrl-C")
	}
}

// terminalEnv is the environment of the program on a terminal: everything
// under dir (the workspace at ws), the tests' shared build cache, and
// extra.
func terminalEnv(dir, ws string, extra ...string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TERM=xterm-256color",
		"ASYNCLINGS_DB=" + filepath.Join(dir, "progress.db"), "ASYNCLINGS_WORKSPACE=" + ws,
		"ASYNCLINGS_CACHE=" + testCacheDir(), "XDG_DATA_HOME=" + filepath.Join(dir, "data"),
	}
	if v, ok := os.LookupEnv("GOROOT"); ok {
		env = append(env, "GOROOT="+v)
	}
	return append(env, extra...)
}

// buildBinary builds the real program once per test process, in the
// tests' build cache, one place per source directory: the go command
// relinks it (seconds) only when the sources changed. Every test runs it
// in a directory of its own.
func buildBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		wd, err := os.Getwd()
		if err != nil {
			built.err = err
			return
		}
		sum := sha256.Sum256([]byte(wd))
		built.bin = filepath.Join(testCacheDir(), "bin", hex.EncodeToString(sum[:8]), "asynclings")
		built.out, built.err = exec.Command("go", "build", "-o", built.bin, ".").CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("go build: %v\n%s", built.err, built.out)
	}
	return built.bin
}

var built struct {
	once sync.Once
	bin  string
	out  []byte
	err  error
}

const (
	keyDown  = "\x1b[B"
	keyEnter = "\r"
	keyCtrlC = "\x03"
)

// TestInteractiveAnswersAQuestion drives the session through a real
// pseudo-terminal: continue from the main menu, pick a wrong answer, try
// again, pick the right one, quit, and finds both attempts saved.
func TestInteractiveAnswersAQuestion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	course, err := engine.LoadFS(exercises.Course(), "built-in")
	if err != nil {
		t.Fatal(err)
	}
	q := course.Chapters[0].Items()[0].(*engine.Question)
	if q.Type != engine.MultipleChoice || q.Multi {
		t.Fatalf("the test expects the first item to be a one-answer MultipleChoice question, not %s", q.Type)
	}
	choices := quiz.Choices(q, 0)
	right := -1
	for i, c := range choices {
		if c == q.Answers[0] {
			right = i
		}
	}
	wrong := (right + 1) % len(choices)

	dir := t.TempDir()
	db := filepath.Join(dir, "progress.db")
	env := terminalEnv(dir, filepath.Join(dir, "ws"))
	term := startTerminal(t, buildBinary(t), env, "--user", "pat")
	at := term.waitFor(0, "Where to?")
	term.send(keyEnter) // Continue
	at = term.waitFor(at, "Your answer")
	term.send(strings.Repeat(keyDown, wrong) + keyEnter)
	at = term.waitFor(at, "Not quite")
	at = term.waitFor(at, "Try again")
	term.send(keyEnter)
	at = term.waitFor(at, "Your answer")
	term.send(strings.Repeat(keyDown, right) + keyEnter)
	at = term.waitFor(at, "Right!")
	term.waitFor(at, "Go on to the next item?")
	term.quit(at)

	if got := attemptResults(t, db, "pat", course.ID, q.ID); got != "wrong,right" {
		t.Errorf("attempts saved = %q, want wrong,right", got)
	}
}

// attemptResults lists the results of a learner's attempts at an item, in
// order: "wrong,right".
func attemptResults(t *testing.T, db, user, course, item string) string {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	attempts, err := st.Attempts(context.Background(), user, course, item)
	if err != nil {
		t.Fatal(err)
	}
	var results []string
	for _, a := range attempts {
		results = append(results, string(a.Result))
	}
	return strings.Join(results, ",")
}

// TestInteractiveAssignment drives the assignment session on a
// pseudo-terminal: the menu shows the items with their points and the time
// left, a wrong answer offers no give-up, and both attempts are saved.
func TestInteractiveAssignment(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	hw := filepath.Join(dir, "hw.toml")
	err := os.WriteFile(hw, []byte(`id = "hw"
title = "Homework on a terminal"
due = 2099-01-01T00:00:00Z
[[items]]
id = "gs-waitgroup"
points = 7.5
[[items]]
id = "gs-run-all"
points = 20
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "progress.db")
	env := terminalEnv(dir, filepath.Join(dir, "ws"))
	term := startTerminal(t, buildBinary(t), env, "--user", "pat", "assignment", hw)
	at := term.waitFor(0, "Homework on a terminal")
	at = term.waitFor(at, "0 of 27.5 points · on time (due 2099-01-01 00:00 UTC,")
	at = term.waitFor(at, "7.5 points")
	at = term.waitFor(at, "Hand it in")
	term.send(keyEnter) // Continue
	at = term.waitFor(at, "Homework on a terminal · 1/2 · gs-waitgroup · 7.5 points")
	at = term.waitFor(at, "Your answer")
	term.send("Mutex" + keyEnter)
	at = term.waitFor(at, "Not quite")
	menu := term.waitFor(at, "Skip for now")
	if strings.Contains(term.screen()[at:menu], "Give up") {
		t.Errorf("graded homework offers a give-up:\n%s", term.screen()[at:menu])
	}
	term.send(keyEnter) // Try again
	at = term.waitFor(menu, "Your answer")
	term.send("WaitGroup" + keyEnter)
	at = term.waitFor(at, "Right!")
	term.waitFor(at, "Go on to the next item?")
	term.quit(at)
	if got := attemptResults(t, db, "pat", "asynclings", "gs-waitgroup"); got != "wrong,right" {
		t.Errorf("attempts saved = %q, want wrong,right", got)
	}
}
