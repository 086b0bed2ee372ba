package main

import (
	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/instructor"
	"github.com/asynclings/asynclings/cmd/internal/learner"
	"github.com/asynclings/asynclings/cmd/internal/validate"
)

// commands in the order the usage lists them; help is handled by dispatch.
var commands = []*base.Command{
	{Name: "start", Help: `  start                 start the interactive course (the default)
`, Run: learner.Start},
	{Name: "list", Help: `  list                  list chapters, questions and exercises with their status
`, Run: learner.List},
	{Name: "next", Help: `  next                  the item the course would continue with (the first one
                        not done or given up, in course order): its ID, kind
                        and title; with --json for scripts
`, Run: learner.Next},
	{Name: "show", Help: `  show ID               show one question or exercise (writes an exercise's file
                        into the workspace)
`, Run: learner.Show},
	{Name: "answer", Help: `  answer ID ANSWER...   answer a question: for MultipleChoice each ANSWER is the
                        full text of one chosen option; for ShortAnswer the text;
                        for Tracing the expected output (with --panics or
                        --deadlocks if it ends so), or --does-not-compile
                        [--line N]; --give-up shows the answer
`, Run: learner.Answer, Flags: learner.AnswerFlags},
	{Name: "check", Help: `  check ID              check an exercise: the workspace file, or --file PATH
`, Run: learner.Check, Flags: learner.CheckFlags},
	{Name: "hint", Help: `  hint ID               reveal an exercise's next hint (1, then 2, ...); each
                        reveal is recorded
`, Run: learner.Hint},
	{Name: "give-up", Help: `  give-up ID            give up on an exercise: recorded, then its reference
                        solution is shown and written beside your file as
                        solution.go.txt
`, Run: learner.GiveUp},
	{Name: "solution", Help: `  solution ID           show an exercise's reference solution (and write
                        solution.go.txt), once it is passed or given up
`, Run: learner.Solution},
	{Name: "watch", Help: `  watch [ID]            work on an exercise in any editor: every save of the
                        workspace file is checked at once; keys: n next (once
                        passed), p previous, h hint, l list, r re-run, x reset
                        the file to the starter, q quit; ID defaults to the
                        current exercise; --manual checks only on r (where
                        files cannot be watched)
`, Run: learner.Watch, Flags: learner.WatchFlags},
	{Name: "quiz", Help: `  quiz CHAPTER-ID       ask a chapter's questions one after the other (its
                        exercises are left out) and print the score; --seed N
                        shuffles the options in another repeatable order (the
                        default, 0, is the order show uses); exit 0 when the
                        quiz ran, right answers or not
`, Run: learner.Quiz, Flags: learner.QuizFlags},
	{Name: "progress", Help: `  progress [--history]  show progress per chapter: items done, attempts, right
  progress --html FILE  on the first try, hints used, active time (estimated
                        from attempts) and the streak of active days;
                        --history lists the activity day by day; --html
                        writes your page, for any web browser, offline: the
                        chapters, a calendar of your activity, your first-try
                        rate week by week, hints and give-ups, and how many
                        questions fall due for review each day of the next
                        4 weeks
`, Run: learner.Progress, Flags: learner.ProgressFlags},
	{Name: "review", Help: `  review [--list]       questions answered wrong come back for review on a
                        spaced schedule (FSRS-6): review asks those due now,
                        and once more at the end those missed; --list lists
                        every scheduled one, when it is due, its interval
                        and its difficulty (1 to 10)
`, Run: learner.Review, Flags: learner.ReviewFlags},
	{Name: "reset", Help: `  reset ID...           start items afresh (status new again; attempts stay in
  reset --chapter ID    the history, and an exercise's file goes back to the
  reset --all           starter, the old one kept as FILE.bak); asks first:
                        answer y, or pass --yes
`, Run: learner.Reset, Flags: learner.ResetFlags},
	{Name: "validate", Help: `  validate [PATH]       check a course (the built-in one when PATH is left out):
                        the loader's checks, every reference solution passes,
                        every starter fails, every Tracing answer matches what
                        its program really does; exit 0 only when all hold.
                        --assignment FILE (repeatable) checks an assignment
                        file against the course too and counts its distinct
                        draws of question pools
`, Run: validate.Run, Flags: validate.Flags},
	{Name: "warm", Help: `  warm                  compile Go's standard library for checks, once (the
                        course also does this in the background when it starts)
`, Run: warm},
	{Name: "help", Help: `  help [COMMAND]        show this help, or one command's (as COMMAND -h does)
`},
	{Name: "assignment", Homework: true, Help: `  assignment FILE [--student-id ID]
                        work on an assignment: the session restricted to its
                        items (of a question pool, only your draw, fixed by
                        the assignment and your student ID, default --user),
                        with their points, the due date and time left;
                        --check only checks the file and lists its items and
                        how many distinct draws its pools give; with
                        --student-id, that student's items
`, Run: learner.Assignment, Flags: learner.AssignmentFlags},
	{Name: "submit", Homework: true, Help: `  submit FILE [-o BUNDLE] [--student-id ID] [--first-name F] [--last-name L]
                        [--email E] [--key KEY]
                        write your answers and code for the assignment
                        (your draw of its pools, which the bundle records)
                        into one bundle file for your instructor (default
                        name ASSIGNMENT-STUDENT.json); submitting again is
                        fine. Student IDs are 1-64 ASCII letters, digits
                        and . _ - @ +, in lower case. --key (or
                        $ASYNCLINGS_KEY) signs the bundle with the key your
                        instructor gave you
`, Run: learner.Submit, Flags: learner.SubmitFlags},
	{Name: "feedback", Homework: true, Help: `  feedback FILE BUNDLE [--out REPORT.html]
                        preview: grade your own bundle here as the instructor
                        would, print the score and write an HTML report;
                        nothing is recorded
  feedback --assignment ID --out DIR
                        instructor: one HTML report per student, with each
                        item's points, verdict and failed tests' messages;
                        exit 1 if one could not be written (the rest are)
`, Run: instructor.Feedback, Flags: instructor.FeedbackFlags},
	{Name: "grade", Homework: true, Help: `  grade FILE BUNDLE_OR_DIR... [--roster ROSTER] [--regrade] [--shard K/N]
                        instructor: grade bundles (a directory stands for the
                        *.json files in it, at any depth) into the gradebook,
                        each student's latest. Exercises run again
                        from the submitted code, questions are graded again;
                        late penalties apply; each student is graded on
                        their draw of the pools. Bad, tampered or foreign
                        bundles, and bundles answering another student's
                        draw, are rejected by name, and so are links, pipes and
                        files over 8 MiB. With --roster, so is a bundle not
                        signed with the key of a student on it; without,
                        student IDs are unchecked. Bundles already graded are
                        skipped, so an interrupted run goes on where it
                        stopped; --regrade grades them again (the history is
                        kept). Exit 1 when a bundle was rejected.
                        --shard K/N grades only the students of shard K
                        (0 to N-1) of N, split by a hash of the student
                        ID, for grading on several machines; K comes from
                        JOB_COMPLETION_INDEX (a Kubernetes Indexed Job,
                        with --shards N) or SLURM_ARRAY_TASK_ID (a Slurm
                        array) when set
`, Run: instructor.Grade, Flags: instructor.GradeFlags},
	{Name: "gradebook", Homework: true, Help: `  gradebook [--assignment ID] [--csv [--format F] [--key K] [--items]|--json]
                        instructor: each student's current grade; --csv has
                        nbgrader's export columns, or with --format canvas
                        or moodle that platform's grade import: a row per
                        student keyed by --key id (the default) or email,
                        a column per assignment, and with --items one per
                        item; --assignment ID --student ID lists every
                        grading of one student's work
  gradebook merge DB... instructor: merge the gradebooks of other databases
                        (the shards of grade --shard) into this one (--db,
                        else $ASYNCLINGS_DB), history and all; merging
                        twice changes nothing; a student graded differently
                        in two of them is refused by name, and nothing is
                        merged
`, Run: instructor.Gradebook, Flags: instructor.GradebookFlags},
	{Name: "report", Homework: true, Help: `  report --assignment ID --out DIR
                        instructor: the class dashboard of a graded
                        assignment, DIR/index.html (one file, offline): the
                        scores and lateness, each item's difficulty,
                        discrimination, attempts, hints and option rates,
                        the tests most often failed, and items that look
                        broken; exit 1 when there are no grades for ID
`, Run: instructor.Report, Flags: instructor.ReportFlags},
	{Name: "roster", Homework: true, Help: `  roster new --out ROSTER STUDENTS.csv
  roster add ROSTER STUDENTS.csv
  roster keys ROSTER
                        instructor: make a roster from a class list (CSV
                        with columns id, first_name, last_name, email; only
                        id is required), add students to it, or print each
                        student's key as CSV to give to them. The roster
                        file (mode 0600) holds the secret the keys come
                        from: keep it to yourself
`, Run: instructor.Roster, Flags: instructor.RosterFlags},
	{Name: "similarity", Homework: true, Help: `  similarity --assignment ID [--out DIR] [--json] [--top N]
                        instructor: compare every pair of students' code for
                        each exercise of a graded assignment (Go tokens with
                        names, literals and layout normalised, fingerprinted
                        as MOSS does; the starter's code left out) and list
                        the most similar pairs (--top, default 20; 0 for
                        all), with each side's share and the passages that
                        match the reference solution; --out DIR writes
                        index.html and a page per pair, side by side. A
                        score is a reason to look, not proof of copying
`, Run: instructor.Similarity, Flags: instructor.SimilarityFlags},
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
                     give-up, solution, progress, review, reset, gradebook,
                     similarity)
  --accessible       plain line prompts (for screen readers, and for answers
                     piped in one per line); also ACCESSIBLE=1 or TERM=dumb

Exit status: 0 when the command succeeded and an answer or check passed,
1 when an answer or check did not pass (or a solution was asked for before a
pass or give-up), 2 when the command could not run.

Course format: docs/course-format.md in the source repository.
`
