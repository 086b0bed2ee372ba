package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// driftCourse is a course of one pick-all question and one exercise whose
// check is slow while the learner's Slow returns true.
const driftCourse = `[chapter]
id = "ch"
title = "Drift"

[[questions]]
id = "pick"
type = "MultipleChoice"
prompt.prompt = "Pick the even numbers."
prompt.distractors = ["one", "three"]
answer.answer = ["two", "four"]
context = "Two and four."

[[exercises]]
id = "slow"
title = "Slow"
prompt = "Make Slow return false."
hints = ["false"]
starter = '''
package slow

func Slow() bool { return true }
'''
solution = '''
package slow

func Slow() bool { return false }
'''
test = '''
package slow

import (
	"testing"
	"time"
)

func TestFast(t *testing.T) {
	if Slow() {
		time.Sleep(time.Minute)
		t.Fatal("slow")
	}
}
'''
`

func driftSession(t *testing.T) (term *terminal, dir string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "drift.toml"), []byte(driftCourse), 0o644); err != nil {
		t.Fatal(err)
	}
	env := terminalEnv(dir, filepath.Join(dir, "ws"))
	return startTerminal(t, buildBinary(t), env, "--user", "pat", "--course", filepath.Join(dir, "drift.toml")), dir
}

// TestInteractiveEmptyPick: Enter on a pick-all question with nothing
// picked asks again, and records nothing (issue 13).
func TestInteractiveEmptyPick(t *testing.T) {
	term, dir := driftSession(t)
	at := term.waitFor(0, "Where to?")
	term.send(keyEnter) // Continue: the question
	at = term.waitFor(at, "Pick the even numbers.")
	at = term.waitFor(at, "ctrl+a select all")
	term.send(keyEnter) // nothing picked
	at = term.waitFor(at, "Nothing picked")
	// The options are in file order here: two and four are the answers.
	if got := attemptResults(t, filepath.Join(dir, "progress.db"), "pat", "drift", "pick"); got != "" {
		t.Errorf("an empty answer was recorded: %q", got)
	}
	term.quit(at)
}

// TestInteractiveInterruptedCheck: Ctrl-C during "Check my code" stops that
// check; the session stays at the exercise, and the next check works
// (issue 13: it failed with "context canceled" until the session ended).
func TestInteractiveInterruptedCheck(t *testing.T) {
	term, dir := driftSession(t)
	at := term.waitFor(0, "Where to?")
	term.send(keyDown + keyEnter) // the chapter
	at = term.waitFor(at, "Slow")
	term.send(keyDown + keyEnter) // the exercise
	at = term.waitFor(at, "Check my code")
	term.send(keyEnter)
	at = term.waitFor(at, "Checking slow")
	term.send(keyCtrlC)
	at = term.waitFor(at, "Check my code")
	file := filepath.Join(dir, "ws", "ch", "slow", "slow.go")
	if err := os.WriteFile(file, []byte("package slow\n\nfunc Slow() bool { return false }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	term.send(keyEnter)
	at = term.waitFor(at, "PASS")
	if strings.Contains(term.screen(), "context canceled") {
		t.Errorf("a check after the interrupted one failed:\n%s", term.screen())
	}
	term.quit(at)
}

// TestInteractiveInterruptBetweenPrompts: a Ctrl-C that reaches the program
// as a signal, not as a key of a prompt (pressed while a verdict is being
// printed, before the next menu reads the keyboard, or sent with kill -INT),
// and SIGTERM end the session as quitting does, every time: not with
// "asynclings: timeout", and not stuck in a menu (Bubble Tea's own signal
// handler, beside the command's, could block forever).
func TestInteractiveInterruptBetweenPrompts(t *testing.T) {
	for _, sig := range []os.Signal{os.Interrupt, os.Interrupt, os.Interrupt, syscall.SIGTERM} {
		term, _ := driftSession(t)
		at := term.waitFor(0, "Where to?")
		if err := term.cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		term.waitFor(at, "Your progress is saved")
		<-term.done
		if err := term.cmd.Wait(); err != nil {
			t.Errorf("%v: exit: %v\n%s", sig, err, term.screen()[at:])
		}
	}
}
