package learner

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/engine"
)

type resetOpts struct {
	chapter string
	all     bool
	yes     bool
}

var resetFlag resetOpts

func ResetFlags(fs *flag.FlagSet) {
	fs.StringVar(&resetFlag.chapter, "chapter", "", "reset every item of this chapter")
	fs.BoolVar(&resetFlag.all, "all", false, "reset every item of the course")
	fs.BoolVar(&resetFlag.yes, "yes", false, "do not ask before resetting")
}

type resetItemJSON struct {
	ID   string      `json:"id"`
	Kind engine.Kind `json:"kind"`
	// AttemptsKept counts every attempt at the item so far, all kept in
	// the history.
	AttemptsKept int `json:"attempts_kept"`
	// Exercises whose workspace file existed: the file is the starter
	// again, and the learner's code was moved to Backup.
	File   string `json:"file,omitempty"`
	Backup string `json:"backup,omitempty"`
}

type resetJSON struct {
	User   string          `json:"user"`
	Course string          `json:"course"`
	Items  []resetItemJSON `json:"items"`
}

// cmdReset starts items afresh: their attempts are kept in the database but
// no longer count towards their status, which is new again. It asks first,
// unless --yes.
func (a *app) cmdReset(ctx context.Context, args []string) error {
	opts := resetFlag
	modes := 0
	if len(args) > 0 {
		modes++
	}
	if opts.chapter != "" {
		modes++
	}
	if opts.all {
		modes++
	}
	if modes != 1 {
		return base.UsageErr("reset needs IDs, --chapter ID or --all (one of them)")
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	var items []engine.Item
	switch {
	case opts.all:
		for _, ch := range a.Course.Chapters {
			items = append(items, ch.Items()...)
		}
	case opts.chapter != "":
		ch, ok := a.Course.Chapter(opts.chapter)
		if !ok {
			return base.UsageErr("no chapter with ID %q (asynclings list shows them)", opts.chapter)
		}
		items = ch.Items()
	default:
		seen := make(map[string]bool)
		for _, id := range args {
			it, ok := a.Course.Find(id)
			if !ok {
				return base.UsageErr("no question or exercise with ID %q (asynclings list shows them)", id)
			}
			if !seen[id] {
				seen[id] = true
				items = append(items, it)
			}
		}
	}
	if len(items) == 0 {
		fmt.Fprintln(a.Stdout, "Nothing to reset.")
		return nil
	}

	if !opts.yes {
		ok, err := askYes(a.Stdin, a.Stderr, fmt.Sprintf("Reset %s for %s? [y/N] ", base.Plural(len(items), "item"), a.UserName))
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintln(a.Stdout, "Nothing reset.")
			return nil
		}
	}

	before, err := a.Store.Progress(ctx, a.UserName, a.Course.ID)
	if err != nil {
		return err
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ItemID()
	}
	if err := a.Store.Reset(ctx, a.UserName, a.Course.ID, ids, a.Now()); err != nil {
		return err
	}
	kept := 0
	out := resetJSON{User: a.UserName, Course: a.Course.ID, Items: []resetItemJSON{}}
	for _, it := range items {
		ri := resetItemJSON{ID: it.ItemID(), Kind: it.ItemKind(), AttemptsKept: before[it.ItemID()].TotalAttempts}
		kept += ri.AttemptsKept
		if ex, ok := it.(*engine.Exercise); ok {
			file, backup, err := a.resetExerciseFile(ex)
			if err != nil {
				return err
			}
			ri.File, ri.Backup = file, backup
		}
		out.Items = append(out.Items, ri)
	}
	if a.JSON {
		return a.WriteJSON(out)
	}
	fmt.Fprintf(a.Stdout, "Reset %s for %s; %s before stay in the history.\n", base.Plural(len(items), "item"), a.UserName, base.Plural(kept, "attempt"))
	for _, ri := range out.Items {
		if ri.Backup != "" {
			fmt.Fprintf(a.Stdout, "%s: the file is the starter again; your code is in %s\n", ri.ID, a.FileLink(ri.Backup))
		}
	}
	return nil
}

// resetExerciseFile writes the starter of ex over the learner's workspace
// file, keeping their code aside (see workspace.Reset).
func (a *app) resetExerciseFile(ex *engine.Exercise) (file, backup string, err error) {
	w, err := a.OpenWorkspace()
	if err != nil {
		return "", "", err
	}
	defer w.Close()
	return w.Reset(ex)
}

// askYes prints question to w and reads one line from r: true for y or yes
// (in any case). The end of the input, with no answer, is a no.
func askYes(r io.Reader, w io.Writer, question string) (bool, error) {
	fmt.Fprint(w, question)
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return false, err
	}
	if errors.Is(err, io.EOF) && line == "" {
		fmt.Fprintln(w)
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true, nil
	}
	return false, nil
}
