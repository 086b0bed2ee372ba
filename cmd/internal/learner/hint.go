package learner

import (
	"context"
	"fmt"
	"strings"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/engine"
)

// Hints are revealed one at a time, and each reveal is recorded, so that the
// commands and the session take up where the learner left off. The reference
// solution is shown only after a pass or an explicit give-up.

type hintJSON struct {
	ID       string `json:"id"`
	Number   int    `json:"number"` // the hint shown; 0 when none was left
	Total    int    `json:"total"`
	Hint     string `json:"hint,omitempty"`
	AllShown bool   `json:"all_shown"` // every hint has now been revealed
}

// openExercise opens the course and the database and finds the exercise id;
// cmd names the command for the error when id is a question.
func (a *app) openExercise(ctx context.Context, id, cmd string) (*engine.Exercise, error) {
	it, err := a.OpenItem(ctx, id)
	if err != nil {
		return nil, err
	}
	ex, ok := it.(*engine.Exercise)
	if !ok {
		return nil, base.UsageErr("%s is a question, and %s is for exercises: see asynclings answer %s --give-up", it.ItemID(), cmd, it.ItemID())
	}
	return ex, nil
}

func (a *app) cmdHint(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return base.UsageErr("hint needs one exercise ID")
	}
	ex, err := a.openExercise(ctx, args[0], "hint")
	if err != nil {
		return err
	}
	n, text, err := a.Learner.RevealHint(ctx, ex)
	if err != nil {
		return err
	}
	out := hintJSON{ID: ex.ID, Number: n, Total: len(ex.Hints), Hint: text, AllShown: n == 0 || n == len(ex.Hints)}
	if a.JSON {
		return a.WriteJSON(out)
	}
	switch {
	case len(ex.Hints) == 0:
		fmt.Fprintf(a.Stdout, "%s has no hints.\n", ex.ID)
	case n == 0:
		fmt.Fprintf(a.Stdout, "All %d hints of %s are shown already. Stuck? asynclings give-up %s shows the solution.\n", len(ex.Hints), ex.ID, ex.ID)
	default:
		fmt.Fprintf(a.Stdout, "Hint %d of %d: %s\n", n, len(ex.Hints), text)
	}
	return nil
}

type solutionJSON struct {
	ID       string        `json:"id"`
	Status   engine.Status `json:"status"`
	Solution string        `json:"solution"`
	File     string        `json:"file"` // where the solution was written
}

// writeSolution writes ex's reference solution beside the learner's file,
// as solution.go.txt, and returns its path.
func (a *app) writeSolution(ex *engine.Exercise) (string, error) {
	w, err := a.OpenWorkspace()
	if err != nil {
		return "", err
	}
	defer w.Close()
	return w.WriteSolution(ex)
}

// showSolution writes the solution beside the learner's file and prints it.
func (a *app) showSolution(ex *engine.Exercise, st engine.Status) error {
	path, err := a.writeSolution(ex)
	if err != nil {
		return err
	}
	if a.JSON {
		return a.WriteJSON(solutionJSON{ID: ex.ID, Status: st, Solution: ex.Solution, File: path})
	}
	fmt.Fprintf(a.Stdout, "The reference solution of %s:\n\n%s\n\nWritten beside your file: %s\n", ex.ID, strings.TrimRight(ex.Solution, "\n"), path)
	return nil
}

func (a *app) itemStatus(ctx context.Context, id string) (engine.Status, error) {
	prog, err := a.Store.Progress(ctx, a.UserName, a.Course.ID)
	if err != nil {
		return "", err
	}
	return StatusOf(prog, id), nil
}

func (a *app) cmdSolution(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return base.UsageErr("solution needs one exercise ID")
	}
	ex, err := a.openExercise(ctx, args[0], "solution")
	if err != nil {
		return err
	}
	st, err := a.itemStatus(ctx, ex.ID)
	if err != nil {
		return err
	}
	if st != engine.StatusDone && st != engine.StatusGivenUp {
		return &base.ExitError{Code: 1, Err: fmt.Errorf("pass it or give up first: asynclings give-up %s", ex.ID)}
	}
	return a.showSolution(ex, st)
}

// cmdGiveUp records a give-up on an exercise and shows its solution. Once
// the exercise is passed there is nothing to give up: the solution is shown
// and nothing is recorded.
func (a *app) cmdGiveUp(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return base.UsageErr("give-up needs one exercise ID")
	}
	ex, err := a.openExercise(ctx, args[0], "give-up")
	if err != nil {
		return err
	}
	st, err := a.itemStatus(ctx, ex.ID)
	if err != nil {
		return err
	}
	if st != engine.StatusDone {
		if err := a.Learner.GiveUp(ctx, ex); err != nil {
			return err
		}
		st = engine.StatusGivenUp
	}
	return a.showSolution(ex, st)
}
