package learner

import (
	"context"
	"fmt"
	"strings"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
)

type showJSON struct {
	ID      string      `json:"id"`
	Kind    engine.Kind `json:"kind"`
	Chapter string      `json:"chapter"`
	Title   string      `json:"title"`
	Prompt  string      `json:"prompt"`
	Status  string      `json:"status"`
	// Questions.
	Type      string   `json:"type,omitempty"`
	Multipart string   `json:"multipart,omitempty"`
	Choices   []string `json:"choices,omitempty"`
	Multiple  bool     `json:"multiple,omitempty"` // pick every right choice
	Program   string   `json:"program,omitempty"`
	// Exercises.
	Starter string `json:"starter,omitempty"`
	File    string `json:"file,omitempty"`
	Hints   int    `json:"hints,omitempty"`
}

func (a *app) cmdShow(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return base.UsageErr("show needs one ID")
	}
	it, err := a.OpenItem(ctx, args[0])
	if err != nil {
		return err
	}
	prog, err := a.Store.Progress(ctx, a.UserName, a.Course.ID)
	if err != nil {
		return err
	}
	out := showJSON{
		ID: it.ItemID(), Kind: it.ItemKind(), Chapter: it.ItemChapter().ID,
		Title: it.ItemTitle(), Status: string(StatusOf(prog, it.ItemID())),
	}
	switch it := it.(type) {
	case *engine.Question:
		out.Type, out.Prompt, out.Multipart, out.Program = string(it.Type), it.Prompt, it.Multipart, it.Program
		out.Choices, out.Multiple = quiz.Choices(it, 0), it.Multi
	case *engine.Exercise:
		out.Prompt, out.Starter, out.Hints = it.Prompt, it.Starter, len(it.Hints)
		if out.File, err = a.ExerciseFile(it); err != nil {
			return err
		}
	}
	if a.JSON {
		return a.WriteJSON(out)
	}
	w := a.Stdout
	fmt.Fprintf(w, "%s  [%s, %s]\n\n", out.ID, kindLabel(out.Kind, out.Type), out.Status)
	// One blank line between the parts, whether or not the course's
	// strings end with a newline.
	if out.Multipart != "" {
		fmt.Fprintf(w, "%s\n\n", a.RenderMarkdown(out.Multipart))
	}
	if out.Kind == engine.KindExercise {
		fmt.Fprintf(w, "%s\n\n%s\n\n%s\nEdit it, then run: asynclings check %s\n", out.Title, a.RenderMarkdown(out.Prompt), a.PathLine("Your file:", out.File), out.ID)
		return nil
	}
	sep := ""
	if p := a.RenderMarkdown(out.Prompt); p != "" {
		fmt.Fprintf(w, "%s\n", p)
		sep = "\n"
	}
	if p := strings.Trim(out.Program, "\n"); p != "" { // numbered, as the session shows it, for answer --line
		fmt.Fprintf(w, "%s%s\n\nDoes this program compile? If it does, what does it print?\n", sep, ui.Numbered(p))
		sep = "\n"
	}
	if len(out.Choices) > 0 {
		fmt.Fprint(w, sep)
	}
	for i, c := range out.Choices {
		fmt.Fprintf(w, "  %d. %s\n", i+1, c)
	}
	if out.Multiple {
		fmt.Fprintln(w, "(pick every right choice)")
	}
	return nil
}

func kindLabel(k engine.Kind, typ string) string {
	if k == engine.KindExercise {
		return "Go exercise"
	}
	return typ
}
