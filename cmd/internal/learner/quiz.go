package learner

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
	"github.com/asynclings/asynclings/engine/quiz"
)

type quizOpts struct {
	seed uint64
}

var quizFlag quizOpts

func QuizFlags(fs *flag.FlagSet) {
	fs.Uint64Var(&quizFlag.seed, "seed", 0, "shuffle the options of MultipleChoice questions in this repeatable order (0: the order show uses)")
}

// cmdQuiz asks a chapter's questions one after the other, as mdbook-quiz
// does: each answer is graded and recorded at once, a wrong one is shown the
// right answer, and the quiz moves on. The options of a MultipleChoice
// question come in quiz.Choices(q, seed) order; the default seed, 0, gives
// the order show, answer and the interactive course use.
//
// On a terminal the questions are huh's fields, as in the interactive
// course; in accessible mode, or when stdin or stdout is not a terminal, the
// plain prompter asks, one answer a line. The end of the input ends the quiz
// cleanly.
func (a *app) cmdQuiz(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return base.UsageErr("quiz needs one chapter ID (asynclings list shows them)")
	}
	if a.JSON {
		return base.UsageErr("quiz has no --json output")
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	ch, ok := a.Course.Chapter(args[0])
	if !ok {
		return base.UsageErr("no chapter with ID %q (asynclings list shows them)", args[0])
	}
	var qs []*engine.Question
	for _, it := range ch.Items() {
		if q, ok := it.(*engine.Question); ok {
			qs = append(qs, q)
		}
	}
	if len(qs) == 0 {
		fmt.Fprintf(a.Stdout, "%s has no questions.\n", ch.Title)
		return nil
	}
	return a.askAll(ctx, ch.Title, qs, quizFlag.seed)
}

// askAll asks a chapter's questions one after the other, grading and
// recording each at once, then gives the score.
func (a *app) askAll(ctx context.Context, title string, qs []*engine.Question, seed uint64) error {
	a.printAskTitle(title, len(qs))
	res, err := a.askEach(ctx, qs, seed, a.Learner.Answer)
	if err != nil {
		return err
	}
	a.printScore(res, len(qs))
	return nil
}

func (a *app) printAskTitle(title string, n int) {
	noun := "questions"
	if n == 1 {
		noun = "question"
	}
	fmt.Fprintf(a.Stdout, "%s: %d %s\n", title, n, noun)
}

// asked is what came of asking questions.
type asked struct {
	answered, right int
	missed          []*engine.Question // answered wrong, in order
	ended           bool               // the input ended or the learner stopped
}

// askEach asks qs one after the other, grading and recording each with
// answer; it stops early when the input ends or the learner stops.
func (a *app) askEach(ctx context.Context, qs []*engine.Question, seed uint64,
	answer func(context.Context, *engine.Question, quiz.Answer) (learn.Graded, error)) (asked, error) {
	w, ask := a.Stdout, a.Prompter()
	var res asked
	for i, q := range qs {
		fmt.Fprintf(w, "\nQuestion %d of %d (%s)\n\n", i+1, len(qs), q.ID)
		if q.Multipart != "" {
			fmt.Fprintf(w, "%s\n\n", a.RenderMarkdown(q.Multipart))
		}
		if q.Prompt != "" {
			fmt.Fprintf(w, "%s\n\n", a.RenderMarkdown(q.Prompt))
		}
		if q.Type == engine.Tracing {
			fmt.Fprintf(w, "%s\n\n", ui.Numbered(q.Program))
		}
		ans, err := ui.Ask(ctx, ask, q, quiz.Choices(q, seed))
		if errors.Is(err, ui.ErrInputEnded) {
			fmt.Fprintln(w, "\nInput ended.")
			res.ended = true
			break
		}
		if ui.Stopped(err) {
			fmt.Fprintln(w, "\nQuiz stopped.")
			res.ended = true
			break
		}
		if err != nil {
			return res, promptErr(err)
		}
		g, err := answer(ctx, q, ans)
		if errors.Is(err, learn.ErrEmptyAnswer) {
			fmt.Fprintln(w, "\nNothing picked: the question is left unanswered.")
			continue
		}
		if err != nil {
			return res, err
		}
		res.answered++
		if g.Right {
			res.right++
			fmt.Fprintln(w, "\nRight!")
		} else {
			res.missed = append(res.missed, q)
			fmt.Fprintf(w, "\nNot quite. The answer:\n%s\n", ui.Indent(quiz.Describe(q), "  "))
			if why := whyNotText(g.WhyNot); why != "" {
				fmt.Fprintf(w, "\n%s\n", a.RenderMarkdown(why))
			}
		}
		if c := a.RenderMarkdown(q.Context); c != "" {
			fmt.Fprintf(w, "\n%s\n", c)
		}
	}
	return res, nil
}

// printScore gives the score of n questions asked.
func (a *app) printScore(res asked, n int) {
	fmt.Fprintf(a.Stdout, "\nScore: %d of %d right", res.right, res.answered)
	if res.answered < n {
		fmt.Fprintf(a.Stdout, " (%d of the %d questions answered)", res.answered, n)
	}
	fmt.Fprintln(a.Stdout)
}
