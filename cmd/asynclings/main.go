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

const usage = `asynclings: learn concurrent and asynchronous programming by doing.

Usage:
  asynclings [global flags] [command] [arguments]

With no command, asynclings starts the interactive course.

Commands:
  start                 start the interactive course (the default)
  list                  list chapters, questions and exercises with their status
  show ID               show one question or exercise (writes an exercise's file
                        into the workspace)
  answer ID ANSWER...   answer a question: for MultipleChoice each ANSWER is the
                        full text of one chosen option; for ShortAnswer the text;
                        for Tracing the expected output (with --panics or
                        --deadlocks if it ends so), or --does-not-compile
                        [--line N]; --give-up shows the answer
  check ID              check an exercise: the workspace file, or --file PATH
  hint ID               reveal an exercise's next hint (1, then 2, ...); each
                        reveal is recorded
  give-up ID            give up on an exercise: recorded, then its reference
                        solution is shown and written beside your file as
                        solution.go.txt
  solution ID           show an exercise's reference solution (and write
                        solution.go.txt), once it is passed or given up
  watch [ID]            work on an exercise in any editor: every save of the
                        workspace file is checked at once; keys: n next (once
                        passed), p previous, h hint, l list, r re-run, x reset
                        the file to the starter, q quit; ID defaults to the
                        current exercise; --manual checks only on r (where
                        files cannot be watched)
  quiz CHAPTER-ID       ask a chapter's questions one after the other (its
                        exercises are left out) and print the score; --seed N
                        shuffles the options in another repeatable order (the
                        default, 0, is the order show uses); exit 0 when the
                        quiz ran, right answers or not
  progress [--history]  show progress per chapter: items done, attempts, right
                        on the first try, hints used, active time (estimated
                        from attempts) and the streak of active days;
                        --history lists the activity day by day
  review [--list]       questions answered wrong come back for review on a
                        spaced schedule (SM-2): list those due now; --list
                        lists every scheduled one and when it is due
  reset ID...           start items afresh (status new again; attempts stay in
  reset --chapter ID    the history, and an exercise's file goes back to the
  reset --all           starter, the old one kept as FILE.bak); asks first:
                        answer y, or pass --yes
  validate [PATH]       check a course (the built-in one when PATH is left out):
                        the loader's checks, every reference solution passes,
                        every starter fails, every Tracing answer matches what
                        its program really does; exit 0 only when all hold
  warm                  compile Go's standard library for checks, once (the
                        course also does this in the background when it starts)
  help [COMMAND]        show this help, or one command's (as COMMAND -h does)

Homework (docs/homework.md in the source repository):
  assignment FILE       work on an assignment: the session restricted to its
                        items, with their points, the due date and time left;
                        --check only checks the file and lists its items
  submit FILE [-o BUNDLE] [--student-id ID] [--first-name F] [--last-name L]
                        [--email E] [--key KEY]
                        write your answers and code for the assignment
                        into one bundle file for your instructor (default
                        name ASSIGNMENT-STUDENT.json); submitting again is
                        fine. Student IDs are 1-64 ASCII letters, digits
                        and . _ - @ +, in lower case. --key (or
                        $ASYNCLINGS_KEY) signs the bundle with the key your
                        instructor gave you
  feedback FILE BUNDLE [--out REPORT.html]
                        preview: grade your own bundle here as the instructor
                        would, print the score and write an HTML report;
                        nothing is recorded
  grade FILE BUNDLE_OR_DIR... [--roster ROSTER] [--regrade]
                        instructor: grade bundles (a directory stands for the
                        *.json files in it, at any depth) into the gradebook,
                        each student's latest. Exercises run again
                        from the submitted code, questions are graded again;
                        late penalties apply. Bad, tampered or foreign bundles
                        are rejected by name, and so are links, pipes and
                        files over 8 MiB. With --roster, so is a bundle not
                        signed with the key of a student on it; without,
                        student IDs are unchecked. Bundles already graded are
                        skipped, so an interrupted run goes on where it
                        stopped; --regrade grades them again (the history is
                        kept). Exit 1 when a bundle was rejected
  gradebook [--assignment ID] [--csv|--json]
                        instructor: each student's current grade; --csv has
                        nbgrader's export columns; --assignment ID --student
                        ID lists every grading of one student's work
  feedback --assignment ID --out DIR
                        instructor: one HTML report per student, with each
                        item's points, verdict and failed tests' messages;
                        exit 1 if one could not be written (the rest are)
  roster new --out ROSTER STUDENTS.csv
  roster add ROSTER STUDENTS.csv
  roster keys ROSTER
                        instructor: make a roster from a class list (CSV
                        with columns id, first_name, last_name, email; only
                        id is required), add students to it, or print each
                        student's key as CSV to give to them. The roster
                        file (mode 0600) holds the secret the keys come
                        from: keep it to yourself

Global flags (before or after the command):
  --course PATH      a course directory, one chapter file, or a directory of
                     mdbook-quiz files (default: the course built in)
  --db PATH          progress database (default: $ASYNCLINGS_DB, else
                     $XDG_DATA_HOME/asynclings/progress.db)
  --user NAME        learner's name (default: the OS user name)
  --workspace DIR    where exercise files are written (default:
                     $XDG_DATA_HOME/asynclings/workspace/USER/COURSE)
  --json             machine-readable output (list, show, answer, check, hint,
                     give-up, solution, progress, review, reset, gradebook)
  --accessible       plain line prompts (for screen readers, and for answers
                     piped in one per line); also ACCESSIBLE=1 or TERM=dumb

Exit status: 0 when the command succeeded and an answer or check passed,
1 when an answer or check did not pass (or a solution was asked for before a
pass or give-up), 2 when the command could not run.

Course format: docs/course-format.md in the source repository.
`

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

type command struct {
	name string
	run  func(a *app, ctx context.Context, args []string) error
	// flags adds the command's own flags.
	flags func(fs *flag.FlagSet, a *app)
}

var commands = []command{
	{name: "start", run: (*app).cmdStart},
	{name: "list", run: (*app).cmdList},
	{name: "show", run: (*app).cmdShow},
	{name: "answer", run: (*app).cmdAnswer, flags: answerFlags},
	{name: "check", run: (*app).cmdCheck, flags: checkFlags},
	{name: "watch", run: (*app).cmdWatch, flags: watchFlags},
	{name: "quiz", run: (*app).cmdQuiz, flags: quizFlags},
	{name: "progress", run: (*app).cmdProgress, flags: progressFlags},
	{name: "hint", run: (*app).cmdHint},
	{name: "give-up", run: (*app).cmdGiveUp},
	{name: "solution", run: (*app).cmdSolution},
	{name: "review", run: (*app).cmdReview, flags: reviewFlags},
	{name: "reset", run: (*app).cmdReset, flags: resetFlags},
	{name: "warm", run: (*app).cmdWarm},
	{name: "validate", run: (*app).cmdValidate, flags: validateFlags},
	{name: "assignment", run: (*app).cmdAssignment, flags: assignmentFlags},
	{name: "submit", run: (*app).cmdSubmit, flags: submitFlags},
	{name: "grade", run: (*app).cmdGrade, flags: gradeFlags},
	{name: "gradebook", run: (*app).cmdGradebook, flags: gradebookFlags},
	{name: "feedback", run: (*app).cmdFeedback, flags: feedbackFlags},
	{name: "roster", run: (*app).cmdRoster, flags: rosterFlags},
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
			fmt.Fprint(a.stdout, usage)
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
			return usageErr("unknown command %q (see asynclings help)", rest[0])
		}
		fmt.Fprint(a.stdout, usage)
		return nil
	}
	for _, c := range commands {
		if c.name != name {
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
	return usageErr("unknown command %q (see asynclings help)", name)
}

// commandUsage is the part of the usage about one command, with the global
// flags; "" for an unknown command.
func commandUsage(name string) string {
	known := name == "help"
	for _, c := range commands {
		known = known || c.name == name
	}
	if !known {
		return ""
	}
	var b strings.Builder
	in := false
	for _, line := range strings.Split(usage, "\n") {
		switch {
		case strings.HasPrefix(line, "  "+name+" ") || line == "  "+name:
			in = true
		case in && strings.HasPrefix(line, strings.Repeat(" ", 24)):
		default:
			in = false
		}
		if in {
			b.WriteString(line + "\n")
		}
	}
	if b.Len() == 0 {
		return ""
	}
	_, global, _ := strings.Cut(usage, "\nGlobal flags")
	global, _, _ = strings.Cut(global, "\n\n")
	return "Usage of asynclings " + name + ":\n" + b.String() + "\nGlobal flags" + global + "\n\nasynclings help shows every command.\n"
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
