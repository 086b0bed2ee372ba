package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/engine/workspace"
	"github.com/asynclings/asynclings/exercises"
	"github.com/asynclings/asynclings/store"
)

// app is one run of the program: its flags and what it opened.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer

	coursePath, dbPath, userName, workspace string
	json                                    bool
	accessible                              bool
	// dbGiven and userGiven say that --db and --user were given, not
	// defaulted, so a hint can repeat them.
	dbGiven, userGiven bool

	// plain is the line-based prompter of accessible mode (plain.go).
	plain *plain

	course *engine.Course
	store  *store.Store
	runner *runner.Runner
	// learner is what every screen does with the course: grade, record,
	// decide (engine/learn).
	learner *learn.Learner
}

var _ learn.Store = (*store.Store)(nil)

func (a *app) globalFlags(fs *flag.FlagSet) {
	fs.StringVar(&a.coursePath, "course", a.coursePath, "course directory or chapter file")
	fs.StringVar(&a.dbPath, "db", a.dbPath, "progress database")
	fs.StringVar(&a.userName, "user", a.userName, "learner's name")
	fs.StringVar(&a.workspace, "workspace", a.workspace, "workspace directory")
	fs.BoolVar(&a.json, "json", a.json, "machine-readable output")
	fs.BoolVar(&a.accessible, "accessible", a.accessible, "plain line prompts for screen readers and piped input")
}

func (a *app) close() {
	if a.store != nil {
		a.store.Close()
	}
}

// open loads the course and opens the progress database.
func (a *app) open(ctx context.Context) error {
	var err error
	if a.coursePath == "" {
		a.course, err = engine.LoadFS(exercises.Course(), "(built-in course)")
	} else {
		a.course, err = engine.Load(a.coursePath)
	}
	if err != nil {
		return &exitError{code: 2, err: fmt.Errorf("bad course:\n%w", err)}
	}
	a.userGiven, a.dbGiven = a.userName != "", a.dbPath != ""
	if a.userName == "" {
		a.userName = defaultUser()
	}
	if a.dbPath == "" {
		if a.dbPath, err = store.DefaultPath(); err != nil {
			return &exitError{code: 2, err: err}
		}
	}
	if a.store, err = store.Open(ctx, a.dbPath); err != nil {
		return &exitError{code: 2, err: err}
	}
	a.learner = &learn.Learner{Store: a.store, Course: a.course, User: a.userName}
	return nil
}

func defaultUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "learner"
}

// openItem opens the course and the database, and finds an item by ID.
func (a *app) openItem(ctx context.Context, id string) (engine.Item, error) {
	if err := a.open(ctx); err != nil {
		return nil, err
	}
	it, ok := a.course.Find(id)
	if !ok {
		var ids []string
		for _, ch := range a.course.Chapters {
			for _, it := range ch.Items() {
				ids = append(ids, it.ItemID())
			}
		}
		return nil, usageErr("no question or exercise with ID %q%s (asynclings list shows them)", id, didYouMean(id, ids))
	}
	return it, nil
}

func (a *app) getRunner() (*runner.Runner, error) {
	if a.runner != nil {
		return a.runner, nil
	}
	dir, err := runner.DefaultCacheDir()
	if err != nil {
		return nil, err
	}
	a.runner, err = runner.New(dir)
	return a.runner, err
}

// workspaceDir is the root of the learner's workspace module.
func (a *app) workspaceDir() (string, error) {
	if a.workspace != "" {
		return filepath.Abs(a.workspace)
	}
	if d := os.Getenv("ASYNCLINGS_WORKSPACE"); d != "" {
		return filepath.Abs(d)
	}
	data, err := store.DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(data, "workspace", a.userName, a.course.ID), nil
}

// exerciseFile returns the learner's file for ex, writing the starter there
// first if the file does not exist yet. A learner's file is never
// overwritten.
func (a *app) exerciseFile(ex *engine.Exercise) (string, error) {
	w, err := a.openWorkspace()
	if err != nil {
		return "", err
	}
	defer w.Close()
	return w.Exercise(ex)
}

// readSubmission reads the learner's file and, beside it, their editable
// support files of ex (one that is missing is left to the course's copy).
func (a *app) readSubmission(ex *engine.Exercise, file string) (learn.Submission, error) {
	w, err := a.openWorkspace()
	if err != nil {
		return learn.Submission{}, err
	}
	defer w.Close()
	return w.ReadSubmission(ex, file)
}

// exercisePath is where the learner's file for ex lives in the workspace
// rooted at root.
func exercisePath(root string, ex *engine.Exercise) string {
	return workspace.Path(root, ex)
}
