package main

import (
	"context"
	"flag"
)

// command is one of asynclings' commands: what runs it, its own flags, and
// its part of the usage, from which the whole usage is made.
type command struct {
	name     string
	homework bool   // listed under Homework
	help     string // its lines of the usage
	run      func(a *app, ctx context.Context, args []string) error
	flags    func(fs *flag.FlagSet, a *app) // adds its own flags
}

// commands in the order the usage lists them; help is handled by dispatch.
var commands = []*command{
	{name: "start", help: `  start                 start the interactive course (the default)
`, run: (*app).cmdStart},
	{name: "list", help: `  list                  list chapters, questions and exercises with their status
`, run: (*app).cmdList},
	{name: "next", help: `  next                  the item the course would continue with (the first one
                        not done or given up, in course order): its ID, kind
                        and title; with --json for scripts
`, run: (*app).cmdNext, flags: nextFlags},
	{name: "show", help: `  show ID               show one question or exercise (writes an exercise's file
                        into the workspace)
`, run: (*app).cmdShow},
	{name: "answer", help: `  answer ID ANSWER...   answer a question: for MultipleChoice each ANSWER is the
                        full text of one chosen option; for ShortAnswer the text;
                        for Tracing the expected output (with --panics or
                        --deadlocks if it ends so), or --does-not-compile
                        [--line N]; --give-up shows the answer
`, run: (*app).cmdAnswer, flags: answerFlags},
	{name: "check", help: `  check ID              check an exercise: the workspace file, or --file PATH
`, run: (*app).cmdCheck, flags: checkFlags},
	{name: "hint", help: `  hint ID               reveal an exercise's next hint (1, then 2, ...); each
                        reveal is recorded
`, run: (*app).cmdHint},
	{name: "give-up", help: `  give-up ID            give up on an exercise: recorded, then its reference
                        solution is shown and written beside your file as
                        solution.go.txt
`, run: (*app).cmdGiveUp},
	{name: "solution", help: `  solution ID           show an exercise's reference solution (and write
                        solution.go.txt), once it is passed or given up
`, run: (*app).cmdSolution},
	{name: "watch", help: `  watch [ID]            work on an exercise in any editor: every save of the
                        workspace file is checked at once; keys: n next (once
                        passed), p previous, h hint, l list, r re-run, x reset
                        the file to the starter, q quit; ID defaults to the
                        current exercise; --manual checks only on r (where
                        files cannot be watched)
`, run: (*app).cmdWatch, flags: watchFlags},
	{name: "quiz", help: `  quiz CHAPTER-ID       ask a chapter's questions one after the other (its
                        exercises are left out) and print the score; --seed N
                        shuffles the options in another repeatable order (the
                        default, 0, is the order show uses); exit 0 when the
                        quiz ran, right answers or not
`, run: (*app).cmdQuiz, flags: quizFlags},
	{name: "progress", help: `  progress [--history]  show progress per chapter: items done, attempts, right
                        on the first try, hints used, active time (estimated
                        from attempts) and the streak of active days;
                        --history lists the activity day by day
`, run: (*app).cmdProgress, flags: progressFlags},
	{name: "review", help: `  review [--list]       questions answered wrong come back for review on a
                        spaced schedule (SM-2): list those due now; --list
                        lists every scheduled one and when it is due
`, run: (*app).cmdReview, flags: reviewFlags},
	{name: "reset", help: `  reset ID...           start items afresh (status new again; attempts stay in
  reset --chapter ID    the history, and an exercise's file goes back to the
  reset --all           starter, the old one kept as FILE.bak); asks first:
                        answer y, or pass --yes
`, run: (*app).cmdReset, flags: resetFlags},
	{name: "validate", help: `  validate [PATH]       check a course (the built-in one when PATH is left out):
                        the loader's checks, every reference solution passes,
                        every starter fails, every Tracing answer matches what
                        its program really does; exit 0 only when all hold
`, run: (*app).cmdValidate, flags: validateFlags},
	{name: "warm", help: `  warm                  compile Go's standard library for checks, once (the
                        course also does this in the background when it starts)
`, run: (*app).cmdWarm},
	{name: "help", help: `  help [COMMAND]        show this help, or one command's (as COMMAND -h does)
`},
	{name: "assignment", homework: true, help: `  assignment FILE       work on an assignment: the session restricted to its
                        items, with their points, the due date and time left;
                        --check only checks the file and lists its items
`, run: (*app).cmdAssignment, flags: assignmentFlags},
	{name: "submit", homework: true, help: `  submit FILE [-o BUNDLE] [--student-id ID] [--first-name F] [--last-name L]
                        [--email E] [--key KEY]
                        write your answers and code for the assignment
                        into one bundle file for your instructor (default
                        name ASSIGNMENT-STUDENT.json); submitting again is
                        fine. Student IDs are 1-64 ASCII letters, digits
                        and . _ - @ +, in lower case. --key (or
                        $ASYNCLINGS_KEY) signs the bundle with the key your
                        instructor gave you
`, run: (*app).cmdSubmit, flags: submitFlags},
	{name: "feedback", homework: true, help: `  feedback FILE BUNDLE [--out REPORT.html]
                        preview: grade your own bundle here as the instructor
                        would, print the score and write an HTML report;
                        nothing is recorded
  feedback --assignment ID --out DIR
                        instructor: one HTML report per student, with each
                        item's points, verdict and failed tests' messages;
                        exit 1 if one could not be written (the rest are)
`, run: (*app).cmdFeedback, flags: feedbackFlags},
	{name: "grade", homework: true, help: `  grade FILE BUNDLE_OR_DIR... [--roster ROSTER] [--regrade]
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
`, run: (*app).cmdGrade, flags: gradeFlags},
	{name: "gradebook", homework: true, help: `  gradebook [--assignment ID] [--csv|--json]
                        instructor: each student's current grade; --csv has
                        nbgrader's export columns; --assignment ID --student
                        ID lists every grading of one student's work
`, run: (*app).cmdGradebook, flags: gradebookFlags},
	{name: "roster", homework: true, help: `  roster new --out ROSTER STUDENTS.csv
  roster add ROSTER STUDENTS.csv
  roster keys ROSTER
                        instructor: make a roster from a class list (CSV
                        with columns id, first_name, last_name, email; only
                        id is required), add students to it, or print each
                        student's key as CSV to give to them. The roster
                        file (mode 0600) holds the secret the keys come
                        from: keep it to yourself
`, run: (*app).cmdRoster, flags: rosterFlags},
}

const usageHead = `asynclings: learn concurrent and asynchronous programming by doing.

Usage:
  asynclings [global flags] [command] [arguments]

With no command, asynclings starts the interactive course.

`

const usageGlobal = `Global flags (before or after the command):
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
