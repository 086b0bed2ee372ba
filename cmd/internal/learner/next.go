package learner

import (
	"context"
	"fmt"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/engine"
)

type nextJSON struct {
	ID      string      `json:"id,omitempty"`
	Kind    engine.Kind `json:"kind,omitempty"`
	Chapter string      `json:"chapter,omitempty"`
	Title   string      `json:"title,omitempty"`
	// Done says every item is done or given up: there is no next one.
	Done bool `json:"done"`
}

// cmdNext prints the item the session's Continue would open.
func (a *app) cmdNext(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return base.UsageErr("next takes no arguments")
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	it, err := a.Learner.Continue(ctx)
	if err != nil {
		return err
	}
	out := nextJSON{Done: it == nil}
	if it != nil {
		out.ID, out.Kind, out.Chapter, out.Title = it.ItemID(), it.ItemKind(), it.ItemChapter().ID, it.ItemTitle()
	}
	if a.JSON {
		return a.WriteJSON(out)
	}
	if it == nil {
		fmt.Fprintln(a.Stdout, "Every item is done or given up: nothing left to continue with.")
		return nil
	}
	fmt.Fprintf(a.Stdout, "%s  [%s, %s]\n%s\n", out.ID, out.Kind, out.Chapter, out.Title)
	return nil
}
