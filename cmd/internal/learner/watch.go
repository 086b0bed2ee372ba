package learner

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
	"github.com/fsnotify/fsnotify"
)

var watchManual bool

func WatchFlags(fs *flag.FlagSet) {
	fs.BoolVar(&watchManual, "manual", false, "do not watch the file: re-check only on r")
}

// watchDebounce is how long watch waits after a change of the file before
// it checks: editors write a file in several steps.
const watchDebounce = 50 * time.Millisecond

const watchKeys = "keys: n next · p previous · h hint · l list · r re-run · x reset · q quit"

// watcher is one run of asynclings watch.
type watcher struct {
	*app
	ctx    context.Context
	keys   *ui.Keys
	ask    ui.Prompter // reads its lines through keys
	out    io.Writer   // the app's stdout, "\r\n" line endings in raw mode
	errOut io.Writer
	fsw    *fsnotify.Watcher // nil with --manual

	exercises []*engine.Exercise
	idx       int // of the exercise being watched in exercises
	file      string
	dir       string // watched directory
	passed    bool
	last      *learn.Submission // what the last check read, to skip saves that change nothing
	// ignoreBefore: keys read before it were pressed during a check and are
	// dropped (raw mode only; piped lines are commands in a script).
	ignoreBefore time.Time
}

func (a *app) cmdWatch(ctx context.Context, args []string) error {
	if len(args) > 1 {
		return base.UsageErr("watch takes at most one exercise ID")
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	w := &watcher{app: a}
	for _, ch := range a.Course.Chapters {
		for _, it := range ch.Items() {
			if ex, ok := it.(*engine.Exercise); ok {
				w.exercises = append(w.exercises, ex)
			}
		}
	}
	if len(w.exercises) == 0 {
		return base.UsageErr("the course has no exercises to watch")
	}
	start, err := w.startIndex(ctx, args)
	if err != nil {
		return err
	}
	if _, err := a.Runner(); err != nil {
		return &base.ExitError{Code: 2, Err: err}
	}
	if !watchManual {
		if w.fsw, err = fsnotify.NewWatcher(); err != nil {
			return base.UsageErr("file watching is not available here (%v); use asynclings watch --manual, which re-checks when you press r", err)
		}
		defer w.fsw.Close()
	}

	// SIGTERM and SIGHUP end the watch like q, so that the terminal is
	// restored; Ctrl-C is a key in raw mode and SIGINT otherwise.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	w.ctx = ctx
	w.keys, err = ui.OpenKeys(a.Stdin, a.Stdout, a.Stderr)
	if err != nil {
		return &base.ExitError{Code: 2, Err: fmt.Errorf("read keys: %w", err)}
	}
	defer w.keys.Restore()
	w.out, w.errOut = w.keys.Out, w.keys.ErrOut
	w.ask = ui.NewPlainKeys(w.keys)
	// The verdict printer and the spinner write to the app's writers; the
	// spinner stays on the real stderr (it ends its line itself).
	saved := a.Stdout
	a.Stdout = w.out
	defer func() { a.Stdout = saved }()

	if err := w.enter(start); err != nil {
		return err
	}
	err = w.loop()
	if errors.Is(err, errQuit) || errors.Is(err, ui.ErrKeysEnded) || errors.Is(err, context.Canceled) {
		if errors.Is(err, ui.ErrKeysEnded) {
			fmt.Fprintln(w.out, "Input ended.")
		}
		fmt.Fprintln(w.out, "Your progress is saved. See you soon.")
		return nil
	}
	return err
}

// startIndex finds the exercise to start with: the one named, else the
// current item if it is an exercise, else the first exercise not done.
func (w *watcher) startIndex(ctx context.Context, args []string) (int, error) {
	if len(args) == 1 {
		it, ok := w.Course.Find(args[0])
		if !ok {
			return 0, base.UsageErr("no question or exercise with ID %q (asynclings list shows them)", args[0])
		}
		if _, ok := it.(*engine.Exercise); !ok {
			return 0, base.UsageErr("%s is a question: use asynclings answer %s", it.ItemID(), it.ItemID())
		}
		return w.indexOf(args[0]), nil
	}
	cur, err := w.Store.Current(ctx, w.UserName, w.Course.ID)
	if err != nil {
		return 0, &base.ExitError{Code: 2, Err: err}
	}
	if i := w.indexOf(cur); i >= 0 {
		return i, nil
	}
	prog, err := w.Learner.Progress(ctx)
	if err != nil {
		return 0, &base.ExitError{Code: 2, Err: err}
	}
	for i, ex := range w.exercises {
		if !prog.Finished(ex.ID) { // neither done nor given up
			return i, nil
		}
	}
	return 0, nil
}

func (w *watcher) indexOf(id string) int {
	for i, ex := range w.exercises {
		if ex.ID == id {
			return i
		}
	}
	return -1
}

func (w *watcher) ex() *engine.Exercise { return w.exercises[w.idx] }

// enter makes exercise i the watched one: its file, its directory watched,
// the header, and a first check.
func (w *watcher) enter(i int) error {
	ex := w.exercises[i]
	file, err := w.ExerciseFile(ex)
	if err != nil {
		return &base.ExitError{Code: 2, Err: err}
	}
	if err := w.Store.SetCurrent(w.ctx, w.UserName, w.Course.ID, ex.ID); err != nil {
		return &base.ExitError{Code: 2, Err: err}
	}
	if w.fsw != nil {
		// The directory, not the file: editors that save by writing a new
		// file and renaming it over the old one replace the file watched.
		dir := filepath.Dir(file)
		if dir != w.dir {
			if w.dir != "" {
				w.fsw.Remove(w.dir)
			}
			if err := w.fsw.Add(dir); err != nil {
				return base.UsageErr("file watching is not available for %s (%v); use asynclings watch --manual, which re-checks when you press r", dir, err)
			}
			w.dir = dir
		}
	}
	prog, err := w.Learner.Progress(w.ctx)
	if err != nil {
		return &base.ExitError{Code: 2, Err: err}
	}
	w.idx, w.file, w.last = i, file, nil
	w.passed = prog.Status(ex.ID) == engine.StatusDone
	cols := ui.Width(w.out) - 1
	fmt.Fprintf(w.out, "\n%s\n\n%s\n\n%s\n\n%s\n", ui.Wrap(fmt.Sprintf("── %s · exercise %d/%d · %s ──", ex.Chapter.Title, i+1, len(w.exercises), ex.ID), cols),
		ex.Title, w.RenderMarkdown(ex.Prompt), w.PathLine("Your file:", file))
	if w.fsw != nil {
		fmt.Fprintln(w.out, "Edit it in any editor: every save is checked.")
	} else {
		fmt.Fprintln(w.out, "Manual mode: press r to check.")
	}
	fmt.Fprintf(w.out, "%s\n\n", ui.Wrap(watchKeys, cols))
	return w.check(true)
}

// watched says whether a save of the named file in the exercise's directory
// is checked: the learner's file or one of their editable support files.
func (w *watcher) watched(name string) bool {
	return name == filepath.Base(w.file) || slices.Contains(w.ex().EditableSupport(), name)
}

// check reads the file and checks it. Unless forced it skips a file that is
// missing (an editor between its rename and its new file) or exactly what
// was checked last (an editor's extra events for one save).
func (w *watcher) check(force bool) error {
	sub, err := w.ReadSubmission(w.ex(), w.file)
	if errors.Is(err, os.ErrNotExist) && !force {
		return nil // between an editor's rename and its new file
	}
	if err != nil {
		fmt.Fprintf(w.errOut, "asynclings: read %s: %v\n", w.file, err)
		return nil
	}
	if !force && w.last != nil && sub.Equal(*w.last) {
		return nil
	}
	w.last = &sub
	ex := w.ex()
	// The untouched starter is shown its verdict but not recorded: opening
	// an exercise is not an attempt at it.
	v, err := w.checkCode(w.ctx, ex, sub, true, !sub.Untouched(ex))
	w.ignoreBefore = time.Now()
	if err != nil {
		if w.ctx.Err() != nil {
			return w.ctx.Err()
		}
		fmt.Fprintln(w.errOut, "asynclings:", err)
		return nil
	}
	w.PrintVerdict(v)
	fmt.Fprintf(w.out, "── checked %s in %s ──\n", time.Now().Format("15:04:05"), v.Duration.Round(time.Millisecond))
	if v.Passed() {
		w.passed = true
		if path, err := w.writeSolution(w.ex()); err == nil {
			fmt.Fprintln(w.out, w.PathLine("The reference solution, to compare with yours:", path))
		}
		if w.idx+1 < len(w.exercises) {
			fmt.Fprintln(w.out, "Well done! Press n for the next exercise.")
		} else {
			fmt.Fprintln(w.out, "Well done! That was the last exercise of the course.")
		}
	}
	fmt.Fprintln(w.out)
	return nil
}

func (w *watcher) loop() error {
	var events <-chan fsnotify.Event
	var errs <-chan error
	if w.fsw != nil {
		events, errs = w.fsw.Events, w.fsw.Errors
	}
	debounce := time.NewTimer(time.Hour)
	debounce.Stop()
	for {
		select {
		case <-w.ctx.Done():
			return w.ctx.Err()
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if w.watched(filepath.Base(ev.Name)) && filepath.Dir(ev.Name) == w.dir &&
				ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename) != 0 {
				debounce.Reset(watchDebounce)
			}
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			fmt.Fprintln(w.errOut, "asynclings: watching the file:", err)
		case <-debounce.C:
			if err := w.check(false); err != nil {
				return err
			}
		case k := <-w.keys.Events:
			if k.Err != nil {
				return ui.ErrKeysEnded
			}
			if w.keys.Raw && k.At.Before(w.ignoreBefore) {
				continue // pressed while a check ran
			}
			if err := w.key(k.R); err != nil {
				return err
			}
		}
	}
}

// key carries out one key's command.
func (w *watcher) key(r rune) error {
	switch r {
	case 'q', ui.KeyCtrlC, ui.KeyCtrlD:
		return errQuit
	case 'r':
		return w.check(true)
	case 'n':
		if !w.passed {
			fmt.Fprintln(w.out, "Pass the check first (or press l to jump to another exercise).")
			return nil
		}
		if w.idx+1 >= len(w.exercises) {
			fmt.Fprintln(w.out, "That was the last exercise of the course.")
			return nil
		}
		return w.enter(w.idx + 1)
	case 'p':
		if w.idx == 0 {
			fmt.Fprintln(w.out, "This is the first exercise of the course.")
			return nil
		}
		return w.enter(w.idx - 1)
	case 'h':
		ex := w.ex()
		if len(ex.Hints) == 0 {
			fmt.Fprintln(w.out, "This exercise has no hints.")
			break
		}
		// The same record as the hint command and the session's.
		n, text, err := w.Learner.RevealHint(w.ctx, ex)
		switch {
		case err != nil:
			return err
		case n == 0:
			fmt.Fprintf(w.out, "No more hints: all %d have been shown.\n", len(ex.Hints))
		default:
			fmt.Fprintf(w.out, "\n%s\n\n", w.RenderMarkdown(fmt.Sprintf("Hint %d of %d: %s", n, len(ex.Hints), text)))
		}
	case 'l':
		return w.list()
	case 'x':
		return w.reset()
	case 0, '\r', '\n', ' ':
	default:
		fmt.Fprintln(w.out, watchKeys)
	}
	return nil
}

func (w *watcher) list() error {
	prog, err := w.Learner.Progress(w.ctx)
	if err != nil {
		return &base.ExitError{Code: 2, Err: err}
	}
	fmt.Fprintln(w.out)
	opts := make([]ui.Option, len(w.exercises))
	for i, ex := range w.exercises {
		opts[i] = ui.Opt(fmt.Sprintf("%s %-28s %s", statusMark(prog.Status(ex.ID)), ex.ID, ex.Title), ex.ID)
	}
	id, err := w.ask.Select(w.ctx, ui.Field{Options: opts, Default: w.ex().ID,
		Prompt: fmt.Sprintf("Jump to (a number from 1 to %d; Enter alone stays at %d): ", len(opts), w.idx+1)})
	if errors.Is(err, ui.ErrNoValidAnswer) {
		fmt.Fprintln(w.out, "Staying here.")
		return nil
	}
	if err != nil || id == w.ex().ID {
		fmt.Fprintln(w.out)
		return err
	}
	return w.enter(w.indexOf(id))
}

func (w *watcher) reset() error {
	answer, err := w.ask.Confirm(w.ctx, ui.Field{Title: "Reset your file to the starter?"}, false)
	if err != nil {
		return err
	}
	if !answer {
		fmt.Fprintln(w.out, "Kept your file.")
		return nil
	}
	_, backup, err := w.resetExerciseFile(w.ex())
	if err != nil {
		fmt.Fprintln(w.errOut, "asynclings:", err)
		return nil
	}
	fmt.Fprintf(w.out, "Reset %s to the starter.\n", w.file)
	if backup != "" {
		fmt.Fprintf(w.out, "Your code is kept in %s.\n", backup)
	}
	if w.fsw == nil {
		return w.check(true)
	}
	return nil // the watcher sees the write and checks it
}
