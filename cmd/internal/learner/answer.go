package learner

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
	"github.com/asynclings/asynclings/engine/quiz"
)

type answerOpts struct {
	notCompile        bool
	line              int
	panics, deadlocks bool
	giveUp            bool
}

var answerFlag answerOpts

func AnswerFlags(fs *flag.FlagSet) {
	fs.BoolVar(&answerFlag.notCompile, "does-not-compile", false, "Tracing: the program does not compile")
	fs.IntVar(&answerFlag.line, "line", 0, "Tracing: the line of the compile error")
	fs.BoolVar(&answerFlag.panics, "panics", false, "Tracing: the program panics after printing its output")
	fs.BoolVar(&answerFlag.deadlocks, "deadlocks", false, "Tracing: the program deadlocks after printing its output")
	fs.BoolVar(&answerFlag.giveUp, "give-up", false, "give up and see the answer")
}

type answerJSON struct {
	ID      string `json:"id"`
	Correct bool   `json:"correct"`
	GivenUp bool   `json:"given_up,omitempty"`
	// Answer and Context are told only after a right answer or a give-up,
	// as mdbook-quiz does.
	Answer  string `json:"answer,omitempty"`
	Context string `json:"context,omitempty"`
	// WhyNot says why each distractor picked is wrong, where the course
	// says (answer.whyNot).
	WhyNot []learn.WhyNot `json:"why_not,omitempty"`
}

func (a *app) cmdAnswer(ctx context.Context, args []string) error {
	if len(args) < 1 {
		return base.UsageErr("answer needs an ID and an answer")
	}
	it, err := a.OpenItem(ctx, args[0])
	if err != nil {
		return err
	}
	q, ok := it.(*engine.Question)
	if !ok {
		return base.UsageErr("%s is an exercise: use asynclings check %s", it.ItemID(), it.ItemID())
	}
	opts := answerFlag
	out := answerJSON{ID: q.ID}
	if opts.giveUp {
		if len(args) > 1 {
			return base.UsageErr("--give-up takes no answer")
		}
		out.GivenUp = true
		if err := a.Learner.GiveUp(ctx, q); err != nil {
			return err
		}
	} else {
		ans, err := parseAnswer(q, args[1:], opts)
		if err != nil {
			return err
		}
		g, err := a.Learner.Answer(ctx, q, ans)
		switch {
		case errors.Is(err, learn.ErrEmptyAnswer):
			return base.UsageErr("%v", err)
		case err != nil:
			return err
		}
		out.Correct, out.WhyNot = g.Right, g.WhyNot
	}
	if out.Correct || out.GivenUp {
		out.Answer, out.Context = quiz.Describe(q), q.Context
	}
	if a.JSON {
		if err := a.WriteJSON(out); err != nil {
			return err
		}
	} else {
		a.printAnswer(out)
	}
	if !out.Correct {
		return base.Failed
	}
	return nil
}

func (a *app) printAnswer(out answerJSON) {
	w := a.Stdout
	switch {
	case out.Correct:
		fmt.Fprintln(w, "Right!")
	case out.GivenUp:
		fmt.Fprintf(w, "The answer:\n%s\n", ui.Indent(out.Answer, "  "))
	default:
		fmt.Fprintln(w, "Not quite. Try again, or see the answer with --give-up.")
	}
	if len(out.WhyNot) > 0 {
		fmt.Fprintf(w, "\n%s\n", whyNotText(out.WhyNot))
	}
	if out.Context != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(out.Context))
	}
}

// parseAnswer reads an answer from the command line.
func parseAnswer(q *engine.Question, args []string, opts answerOpts) (quiz.Answer, error) {
	switch q.Type {
	case engine.MultipleChoice:
		if len(args) == 0 {
			return quiz.Answer{}, base.UsageErr("give the full text, or the number, of each chosen option")
		}
		choices := quiz.Choices(q, 0)
		picked := make([]string, len(args))
		for i, c := range args {
			// An option's number, as show numbers them, unless an
			// option's text is exactly that.
			if n, err := strconv.Atoi(c); err == nil && n >= 1 && n <= len(choices) && !slices.Contains(choices, c) {
				c = choices[n-1]
			}
			if !slices.Contains(choices, c) {
				return quiz.Answer{}, base.UsageErr("%q is not one of the options of %s (give an option's text, or its number from 1 to %d as show numbers them):\n  %s", args[i], q.ID, len(choices), strings.Join(choices, "\n  "))
			}
			picked[i] = c
		}
		return quiz.Answer{Choices: picked}, nil
	case engine.ShortAnswer:
		if len(args) == 0 {
			return quiz.Answer{}, base.UsageErr("give the answer's text")
		}
		return quiz.Answer{Text: strings.Join(args, " ")}, nil
	case engine.Tracing:
		if opts.panics && opts.deadlocks {
			return quiz.Answer{}, base.UsageErr("--panics or --deadlocks, not both")
		}
		if opts.notCompile {
			if len(args) > 0 || opts.panics || opts.deadlocks {
				return quiz.Answer{}, base.UsageErr("--does-not-compile takes no output, --panics or --deadlocks")
			}
			return quiz.Answer{DoesCompile: false, LineNumber: opts.line}, nil
		}
		if opts.line != 0 {
			return quiz.Answer{}, base.UsageErr("--line goes with --does-not-compile")
		}
		failure := ""
		switch {
		case opts.panics:
			failure = engine.FailurePanic
		case opts.deadlocks:
			failure = engine.FailureDeadlock
		}
		if len(args) == 0 && failure != "" {
			args = []string{""} // it fails before printing anything
		}
		if len(args) != 1 {
			return quiz.Answer{}, base.UsageErr("give the program's output as one argument (and --panics or --deadlocks if it ends so), or --does-not-compile [--line N]")
		}
		return quiz.Answer{DoesCompile: true, Stdout: args[0], Failure: failure}, nil
	}
	return quiz.Answer{}, base.UsageErr("cannot answer a %s question", q.Type)
}

// whyNotText renders why-nots as a Markdown list, "- «choice»: why" an
// item; "" for none.
func whyNotText(ws []learn.WhyNot) string {
	var b strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&b, "- «%s»: %s\n", strings.TrimSpace(w.Choice), strings.ReplaceAll(w.Why, "\n", "\n  "))
	}
	return strings.TrimSuffix(b.String(), "\n")
}
