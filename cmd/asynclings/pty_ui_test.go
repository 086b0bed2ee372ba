package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The terminal drifts of issue 13, each driven on a pseudo-terminal.

const uiCourse = `[chapter]
id = "ch"
title = "Understanding the hidden costs of it all"

[[questions]]
id = "pick"
type = "MultipleChoice"
prompt.prompt = "Which statements about the **sum** hold? Pick all."
prompt.distractors = ["Every single programmer would need a dedicated thread for each connection they serve"]
answer.answer = ["Overlapping waits lets one thread serve many slow clients without blocking anything", "Quickly"]
context = "Two and four."

[[exercises]]
id = "add"
title = "Add"
prompt = "Return the **sum** of a and b: return ` + "`a`" + `'s result plus b. This sentence is long enough that it has to wrap at sixty columns."
hints = ["Add them: **sum** them up with the plus operator, which is what adding means here in Go."]
starter = '''
package add

func Add(a, b int) int { return 0 }
'''
solution = '''
package add

func Add(a, b int) int { return a + b }
'''
test = '''
package add

import "testing"

func TestAdd(t *testing.T) {
	if Add(1, 2) != 3 {
		t.Fatal("1+2")
	}
}
'''

[[exercises]]
id = "sub"
title = "Sub"
prompt = "Return a minus b."
starter = '''
package add

func Sub(a, b int) int { return 0 }
'''
solution = '''
package add

func Sub(a, b int) int { return a - b }
'''
test = '''
package add

import "testing"

func TestSub(t *testing.T) {
	if Sub(3, 2) != 1 {
		t.Fatal("3-2")
	}
}
'''
`

// uiSetup writes the course in a new directory (the directory the program
// runs in) and returns the binary, its environment and the directory.
func uiSetup(t *testing.T, extra ...string) (bin string, env []string, dir string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ui.toml"), []byte(uiCourse), 0o644); err != nil {
		t.Fatal(err)
	}
	return buildBinary(t), terminalEnv(dir, filepath.Join(dir, "a-rather-long-workspace-directory-name"), append([]string{"EDITOR=true"}, extra...)...), dir
}

// startSized runs the program on a pty of cols columns, in dir.
func startSized(t *testing.T, bin string, env []string, dir string, cols uint16, args ...string) *terminal {
	t.Helper()
	line := fmt.Sprintf("cd %q && stty cols %d rows 50 && exec %q --user pat --course ui.toml", dir, cols, bin)
	for _, a := range args {
		line += fmt.Sprintf(" %q", a)
	}
	return startTerminal(t, "/bin/sh", env, "-c", line)
}

// wait waits for the program to end.
func (term *terminal) wait() {
	term.t.Helper()
	select {
	case <-term.done:
	case <-time.After(30 * time.Second):
		term.t.Fatal("the program did not exit")
	}
}

// tooWide lists the lines of s wider than cols, but for a word alone (a
// path longer than the terminal cannot be helped).
func tooWide(s string, cols int) []string {
	var out []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if utf8.RuneCountInString(strings.TrimRight(l, " ")) > cols && len(strings.Fields(l)) > 1 {
			out = append(out, l)
		}
	}
	return out
}

const keyUp = "\x1b[A"

// TestUIWrappedOptionsKeepEveryCharacter: a pick-all question's options,
// wrapped at 60 columns, keep every character.
func TestUIWrappedOptionsKeepEveryCharacter(t *testing.T) {
	bin, env, dir := uiSetup(t)
	term := startSized(t, bin, env, dir, 60)
	at := term.waitFor(0, "Where to?")
	term.send(keyEnter) // Continue: the question
	from := term.waitFor(at, "space picks one")
	at = term.waitFor(from, "select all")
	screen := term.screen()[from:at]
	for _, w := range strings.Fields("Every single programmer would need a dedicated thread for each connection they serve Overlapping waits lets one thread serve many slow clients without blocking anything") {
		if !strings.Contains(screen, w) {
			t.Errorf("the options lost a character of %q:\n%s", w, term.screen())
		}
	}
	if bad := tooWide(term.screen(), 60); len(bad) > 0 {
		t.Errorf("lines wider than 60 columns: %q", bad)
	}
	term.quit(at)
}

// TestUIListsDoNotWrapAround: Up on the first entry stays there; it used
// to pick the last one, Quit.
func TestUIListsDoNotWrapAround(t *testing.T) {
	bin, env, dir := uiSetup(t)
	term := startSized(t, bin, env, dir, 120)
	at := term.waitFor(0, "Where to?")
	term.send(keyUp)
	time.Sleep(300 * time.Millisecond)
	term.send(keyEnter)
	at = term.waitFor(at, "space picks one")
	term.quit(at)
}

// TestUIMainMenuFitsSixtyColumns: at 60 columns the main menu's progress
// bars do not wrap: a chapter's title, bar and count are one line.
func TestUIMainMenuFitsSixtyColumns(t *testing.T) {
	bin, env, dir := uiSetup(t)
	term := startSized(t, bin, env, dir, 60)
	at := term.waitFor(0, "Where to?")
	at = term.waitFor(at, "Quit")
	found := false
	for _, l := range strings.Split(term.screen(), "\n") {
		if strings.Contains(l, "Understanding the hidden costs of it all") {
			found = found || strings.Contains(l, "] 0/3")
		}
	}
	if !found {
		t.Errorf("no line holds the chapter's title, bar and count:\n%s", term.screen())
	}
	if bad := tooWide(term.screen(), 60); len(bad) > 0 {
		t.Errorf("lines wider than 60 columns: %q", bad)
	}
	term.quit(at)

	// progress, too, after some work.
	if out, err := exec.Command(bin, "--user", "pat", "--course", filepath.Join(dir, "ui.toml"), "hint", "add").CombinedOutput(); err != nil {
		t.Fatalf("hint: %v\n%s", err, out)
	}
	term = startSized(t, bin, env, dir, 60, "progress")
	term.waitFor(0, "items done")
	term.wait()
	if bad := tooWide(term.screen(), 60); len(bad) > 0 {
		t.Errorf("progress: lines wider than 60 columns: %q\n%s", bad, term.screen())
	}
}

// TestUIMarkdownEverywhere: watch and its hints, with NO_COLOR, print the
// course's Markdown as plain text wrapped to the terminal, the path
// unbroken on a line of its own; styled, inline code keeps its spacing.
func TestUIMarkdownEverywhere(t *testing.T) {
	bin, env, dir := uiSetup(t, "NO_COLOR=1")
	term := startSized(t, bin, env, dir, 60, "watch", "--manual", "add")
	at := term.waitFor(0, "keys: n next")
	at = term.waitFor(at, "FAIL")
	term.send("h")
	at = term.waitFor(at, "Hint 1 of 1")
	at = term.waitFor(at, "here in Go.")
	term.send("q")
	term.wait()
	screen := term.screen()
	if strings.Contains(screen, "**") {
		t.Errorf("raw Markdown printed:\n%s", screen)
	}
	if bad := tooWide(screen, 60); len(bad) > 0 {
		t.Errorf("lines wider than 60 columns: %q", bad)
	}
	file := filepath.Join(dir, "a-rather-long-workspace-directory-name", "ch", "add", "add.go")
	if !strings.Contains(screen, file) {
		t.Errorf("the path %s is not printed whole:\n%s", file, screen)
	}

	bin, env, dir = uiSetup(t)
	term = startSized(t, bin, env, dir, 100, "show", "add")
	term.waitFor(0, "asynclings check add")
	term.wait()
	if s := strings.Join(strings.Fields(term.screen()), " "); !strings.Contains(s, "return a's result") {
		t.Errorf("inline code lost its spacing:\n%s", term.screen())
	}
}

// TestUIAssignmentHandsItIn: at 60 columns the assignment menu shows Quit,
// and "Hand it in" writes the bundle.
func TestUIAssignmentHandsItIn(t *testing.T) {
	bin, env, dir := uiSetup(t)
	if err := os.WriteFile(filepath.Join(dir, "hw.toml"), []byte(`id = "hw"
title = "Homework"
due = 2099-01-01T00:00:00Z
[[items]]
id = "pick"
points = 1
[[items]]
id = "add"
points = 2
`), 0o644); err != nil {
		t.Fatal(err)
	}
	term := startSized(t, bin, env, dir, 60, "assignment", "hw.toml")
	at := term.waitFor(0, "Hand it in")
	at = term.waitFor(at, "Quit")
	term.send(strings.Repeat(keyDown, 3) + keyEnter) // Continue, pick, add, Hand it in
	at = term.waitFor(at, "Wrote hw-pat.json")
	if _, err := os.Stat(filepath.Join(dir, "hw-pat.json")); err != nil {
		t.Errorf("no bundle: %v", err)
	}
	at = term.waitFor(at, "Quit")
	term.quit(at)
}

// TestUIWatchSkipsGivenUp: watch starts at the first exercise neither done
// nor given up.
func TestUIWatchSkipsGivenUp(t *testing.T) {
	bin, env, dir := uiSetup(t)
	cmd := exec.Command(bin, "--user", "pat", "--course", filepath.Join(dir, "ui.toml"), "give-up", "add")
	cmd.Env, cmd.Dir = env, dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("give-up: %v\n%s", err, out)
	}
	term := startSized(t, bin, env, dir, 120, "watch", "--manual")
	at := term.waitFor(0, "exercise ")
	if !strings.HasPrefix(term.screen()[at:], "2/2 · sub") {
		t.Errorf("watch did not start at sub:\n%s", term.screen())
	}
	term.waitFor(at, "── checked")
	term.send("q")
	term.wait()
}

// TestUISessionRefreshes: an exercise solved elsewhere (watch, check) while
// the session shows it is shown solved when its menu comes back.
func TestUISessionRefreshes(t *testing.T) {
	bin, env, dir := uiSetup(t)
	term := startSized(t, bin, env, dir, 120)
	at := term.waitFor(0, "Where to?")
	term.send(keyDown + keyEnter) // the chapter
	at = term.waitFor(at, "Add")
	term.send(keyDown + keyEnter) // the exercise
	at = term.waitFor(at, "Give up and see the solution")
	file := filepath.Join(dir, "a-rather-long-workspace-directory-name", "ch", "add", "add.go")
	if err := os.WriteFile(file, []byte("package add\n\nfunc Add(a, b int) int { return a + b }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--user", "pat", "--course", filepath.Join(dir, "ui.toml"), "check", "add")
	cmd.Env, cmd.Dir = env, dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("check: %v\n%s", err, out)
	}
	term.send(strings.Repeat(keyDown, 2) + keyEnter) // Check, Open in true, Show a hint
	at = term.waitFor(at, "Hint 1 of 1")
	at = term.waitFor(at, "See the solution")
	term.quit(at)
}
