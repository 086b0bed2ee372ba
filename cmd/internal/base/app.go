package base

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"

	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/exercises"
	"github.com/asynclings/asynclings/store"
)

// App is one run of the program: its flags and what it opened.
type App struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer

	CoursePath, DBPath, UserName, Workspace string
	JSON                                    bool
	Accessible                              bool
	// DBGiven and UserGiven say that --db and --user were given, not
	// defaulted, so a hint can repeat them.
	DBGiven, UserGiven bool

	// prompter is the run's prompter, chosen once (Prompter).
	prompter ui.Prompter
	cfg      *config

	Course *engine.Course
	Store  *store.Store
	runner *runner.Runner
	// Learner is what every screen does with the course: grade, record,
	// decide (engine/learn).
	Learner *learn.Learner

	// WarmInBackground starts preparing the build cache for checks while
	// the learner reads (set by package main, which owns the warm-up).
	WarmInBackground func(context.Context)
}

var _ learn.Store = (*store.Store)(nil)

func (a *App) GlobalFlags(fs *flag.FlagSet) {
	fs.StringVar(&a.CoursePath, "course", a.CoursePath, "course directory or chapter file")
	fs.StringVar(&a.DBPath, "db", a.DBPath, "progress database")
	fs.StringVar(&a.UserName, "user", a.UserName, "learner's name")
	fs.StringVar(&a.Workspace, "workspace", a.Workspace, "workspace directory")
	fs.BoolVar(&a.JSON, "json", a.JSON, "machine-readable output")
	fs.BoolVar(&a.Accessible, "accessible", a.Accessible, "plain line prompts for screen readers and piped input")
}

func (a *App) Close() {
	if a.Store != nil {
		a.Store.Close()
	}
}

// Open loads the course and opens the progress database.
func (a *App) Open(ctx context.Context) error {
	var err error
	a.UserGiven, a.DBGiven = a.UserName != "", a.DBPath != ""
	cfg := a.config()
	if cfg.nowErr != nil {
		return &ExitError{Code: 2, Err: cfg.nowErr}
	}
	ld := engine.Loader{CacheDir: cfg.cache}
	if a.CoursePath == "" {
		a.Course, err = ld.LoadFS(exercises.Course(), "(built-in course)")
	} else {
		a.Course, err = ld.Load(a.CoursePath)
	}
	if err != nil {
		return &ExitError{Code: 2, Err: fmt.Errorf("bad course:\n%w", err)}
	}
	if a.UserName == "" {
		a.UserName = defaultUser()
	}
	if a.DBPath = cfg.db; a.DBPath == "" {
		return &ExitError{Code: 2, Err: cfg.err}
	}
	if a.Store, err = store.Open(ctx, a.DBPath); err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	a.Learner = &learn.Learner{Store: a.Store, Course: a.Course, User: a.UserName, Now: a.Now}
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

// OpenItem opens the course and the database, and finds an item by ID.
func (a *App) OpenItem(ctx context.Context, id string) (engine.Item, error) {
	if err := a.Open(ctx); err != nil {
		return nil, err
	}
	it, ok := a.Course.Find(id)
	if !ok {
		var ids []string
		for _, ch := range a.Course.Chapters {
			for _, it := range ch.Items() {
				ids = append(ids, it.ItemID())
			}
		}
		return nil, UsageErr("no question or exercise with ID %q%s (asynclings list shows them)", id, DidYouMean(id, ids))
	}
	return it, nil
}

// Runner is the run's exercise runner, made on first use.
func (a *App) Runner() (*runner.Runner, error) {
	if a.runner != nil {
		return a.runner, nil
	}
	dir := a.config().cache
	if dir == "" {
		return nil, errors.New("find a cache directory (set ASYNCLINGS_CACHE)")
	}
	var err error
	a.runner, err = runner.New(dir)
	return a.runner, err
}

// WorkspaceDir is the root of the learner's workspace module.
func (a *App) WorkspaceDir() (string, error) {
	cfg := a.config()
	if cfg.workspace != "" {
		return filepath.Abs(cfg.workspace)
	}
	if cfg.err != nil {
		return "", cfg.err
	}
	return filepath.Join(cfg.data, "workspace", a.UserName, a.Course.ID), nil
}

// ExerciseFile returns the learner's file for ex, writing the starter there
// first if the file does not exist yet. A learner's file is never
// overwritten.
func (a *App) ExerciseFile(ex *engine.Exercise) (string, error) {
	w, err := a.OpenWorkspace()
	if err != nil {
		return "", err
	}
	defer w.Close()
	return w.Exercise(ex)
}

// ReadSubmission reads the learner's file and, beside it, their editable
// support files of ex (one that is missing is left to the course's copy).
func (a *App) ReadSubmission(ex *engine.Exercise, file string) (learn.Submission, error) {
	w, err := a.OpenWorkspace()
	if err != nil {
		return learn.Submission{}, err
	}
	defer w.Close()
	return w.ReadSubmission(ex, file)
}
