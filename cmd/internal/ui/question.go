package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
	"github.com/asynclings/asynclings/engine/quiz"
)

// Ask asks question q through p, its MultipleChoice options in the order
// choices, and returns the answer as given: it grades nothing.
func Ask(ctx context.Context, p Prompter, q *engine.Question, choices []string) (quiz.Answer, error) {
	var ans quiz.Answer
	var err error
	switch q.Type {
	case engine.MultipleChoice:
		opts := make([]Option, len(choices))
		for i, c := range choices {
			opts[i] = Opt(c, c)
		}
		if q.Multi {
			ans.Choices, err = p.MultiSelect(ctx, Field{Title: "Pick every right answer", Description: "space picks one, Enter answers",
				Options: opts, Prompt: "Pick every right answer (numbers separated by spaces or commas): "})
			return ans, err
		}
		one, err := p.Select(ctx, Field{Title: "Your answer", Options: opts,
			Prompt: fmt.Sprintf("Your answer (a number from 1 to %d): ", len(choices))})
		ans.Choices = []string{one}
		return ans, err
	case engine.ShortAnswer:
		// Asked again in the field itself, as mdbook-quiz's form does not
		// submit an empty one.
		notEmpty := func(s string) error {
			if learn.Unanswered(q, quiz.Answer{Text: s}) != nil {
				return errors.New("No answer given.")
			}
			return nil
		}
		if q.MultiLine() { // mdbook-quiz's text area or code editor
			ans.Text, err = p.Text(ctx, Field{Title: "Your answer (alt+enter or ctrl+j for a new line)",
				Prompt: "Your answer: type it one line at a time, then a line with a single . to end it.", Validate: notEmpty})
			return ans, err
		}
		ans.Text, err = p.Input(ctx, Field{Title: "Your answer", Echo: "Your answer: ", Validate: notEmpty})
		return ans, err
	case engine.Tracing:
		ans.DoesCompile, err = p.Confirm(ctx, Field{Title: "Does this program compile?", Options: []Option{Opt("Yes", ""), Opt("No", "")},
			Prompt: "Does it compile? (y/n): "}, false)
		if err != nil {
			return ans, err
		}
		if !ans.DoesCompile {
			if !q.AskLine {
				return ans, nil // as mdbook-quiz: no line unless the course asks
			}
			line, err := p.Input(ctx, Field{Title: "On which line is the error?", Prompt: "On which line is the error? (a line number): ",
				Validate: func(v string) error {
					if n, err := strconv.Atoi(strings.TrimSpace(v)); err != nil || n < 1 {
						return errors.New("A line number, please.")
					}
					return nil
				}})
			ans.LineNumber, _ = strconv.Atoi(strings.TrimSpace(line))
			return ans, err
		}
		ans.Stdout, err = p.Text(ctx, Field{Title: "What does it print? (alt+enter or ctrl+j for a new line)",
			Prompt: "What does it print? Type its output one line at a time, then a line with a single . to end it (only . if it prints nothing)."})
		if err != nil {
			return ans, err
		}
		ans.Failure, err = p.Select(ctx, Field{Title: "How does it end?", Prompt: "Your answer (1-3): ", Options: []Option{
			Opt("normally", ""), Opt("it panics", engine.FailurePanic), Opt("it deadlocks", engine.FailureDeadlock)}})
		return ans, err
	}
	return ans, fmt.Errorf("cannot ask a %s question", q.Type)
}

// Numbered prefixes a program's lines with their numbers, so that a learner
// can name the line of a compile error.
func Numbered(src string) string {
	lines := strings.Split(strings.TrimRight(src, "\n"), "\n")
	for i, l := range lines {
		lines[i] = fmt.Sprintf("%3d | %s", i+1, l)
	}
	return strings.Join(lines, "\n")
}

// DescribeAnswer writes an answer as the learner gave it.
func DescribeAnswer(q *engine.Question, a quiz.Answer) string {
	switch q.Type {
	case engine.MultipleChoice:
		return strings.Join(a.Choices, " | ")
	case engine.ShortAnswer:
		return a.Text
	}
	if !a.DoesCompile {
		return fmt.Sprintf("does not compile (line %d)", a.LineNumber)
	}
	out := "compiles and prints:\n" + Indent(a.Stdout, "  ")
	if a.Failure != "" {
		out += "\n  then it ends in a " + a.Failure
	}
	return out
}
