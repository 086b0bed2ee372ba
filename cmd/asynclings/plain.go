package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
)

// The plain prompter asks in plain lines of text: no escape codes, no cursor
// movement, one answer per line. It works with screen readers and with
// answers piped in one per line.
//
// huh's accessible mode wraps its input in a new scanner for every field, so
// lines that the first field's scanner read ahead from a pipe are lost. The
// plain prompter instead reads every line of a run through one bufio.Reader.

// errInputEnded is the end of the learner's input: the quiz or session ends
// there, cleanly.
var errInputEnded = errors.New("input ended")

// maxTries is how many invalid answers in a row the plain prompter takes
// before it gives up.
const maxTries = 5

type plain struct {
	in  *bufio.Reader
	out io.Writer
	// echo writes each line read after its prompt, when the input is not
	// a terminal (which echoes it), so that the transcript reads well.
	echo bool
	// pending is a read still running when the context was cancelled; the
	// next read takes its line.
	pending chan lineResult
}

type lineResult struct {
	line string
	err  error
}

// plainPrompter returns the app's plain prompter, made once per run so that
// all questions read their lines from one buffer.
func (a *app) plainPrompter() *plain {
	if a.plain == nil {
		f, ok := a.stdin.(*os.File)
		tty := ok && isatty.IsTerminal(f.Fd())
		a.plain = &plain{in: bufio.NewReader(a.stdin), out: a.stdout, echo: !tty}
	}
	return a.plain
}

// accessibleMode reports whether plain prompts are asked for: --accessible,
// ACCESSIBLE=1 (any value but "", "0" or "false"), or TERM=dumb.
func (a *app) accessibleMode() bool {
	if a.accessible {
		return true
	}
	switch os.Getenv("ACCESSIBLE") {
	case "", "0", "false":
	default:
		return true
	}
	return os.Getenv("TERM") == "dumb"
}

// isTerminal reports whether stdin and stdout are both a terminal.
func isTerminal(a *app) bool {
	in, ok1 := a.stdin.(*os.File)
	out, ok2 := a.stdout.(*os.File)
	return ok1 && ok2 && isatty.IsTerminal(in.Fd()) && isatty.IsTerminal(out.Fd())
}

// line reads one line, without its line ending. It returns errInputEnded at
// the end of the input, and the context's error when it is cancelled (the
// read goes on, and the next call gets its line).
func (p *plain) line(ctx context.Context) (string, error) {
	if p.pending == nil {
		ch := make(chan lineResult, 1)
		p.pending = ch
		go func() {
			s, err := p.in.ReadString('\n')
			if err == io.EOF && s != "" {
				err = nil // a last line without a line ending
			}
			ch <- lineResult{strings.TrimRight(s, "\r\n"), err}
		}()
	}
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case r := <-p.pending:
		p.pending = nil
		if r.err == io.EOF {
			return "", errInputEnded
		}
		if r.err == nil && p.echo {
			p.printf("%s\n", r.line)
		}
		return r.line, r.err
	}
}

func (p *plain) printf(format string, args ...any) { fmt.Fprintf(p.out, format, args...) }

// retry asks until parse accepts a line, at most maxTries times.
func (p *plain) retry(ctx context.Context, prompt string, parse func(string) error) error {
	for try := 1; ; try++ {
		p.printf("%s", prompt)
		s, err := p.line(ctx)
		if err != nil {
			p.printf("\n")
			return err
		}
		err = parse(strings.TrimSpace(s))
		if err == nil {
			return nil
		}
		if try == maxTries {
			return usageErr("no valid answer after %d tries: %v", maxTries, err)
		}
		p.printf("%v Please try again.\n", err)
	}
}

// list prints labels as a numbered list.
func (p *plain) list(labels []string) {
	for i, l := range labels {
		p.printf("%d. %s\n", i+1, l)
	}
}

// pickNumber parses a number from 1 to n, or the full text of one label.
func pickNumber(s string, labels []string) (int, error) {
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 || n > len(labels) {
			return 0, fmt.Errorf("%d is not a number from 1 to %d.", n, len(labels))
		}
		return n - 1, nil
	}
	for i, l := range labels {
		if strings.EqualFold(s, strings.TrimSpace(l)) {
			return i, nil
		}
	}
	if s == "" {
		return 0, fmt.Errorf("No answer given.")
	}
	return 0, fmt.Errorf("%q is not a number from 1 to %d.", s, len(labels))
}

// choose asks for one of labels; an empty line takes def (if def >= 0).
func (p *plain) choose(ctx context.Context, title string, labels []string, def int) (int, error) {
	if title != "" {
		p.printf("%s\n", title)
	}
	p.list(labels)
	prompt := fmt.Sprintf("Your choice (1-%d): ", len(labels))
	if def >= 0 {
		prompt = fmt.Sprintf("Your choice (1-%d, Enter for %d): ", len(labels), def+1)
	}
	pick := def
	err := p.retry(ctx, prompt, func(s string) error {
		if s == "" && def >= 0 {
			return nil
		}
		var err error
		pick, err = pickNumber(s, labels)
		return err
	})
	return pick, err
}

// confirm asks a yes/no question; an empty line takes def.
func (p *plain) confirm(ctx context.Context, title string, def bool) (bool, error) {
	hint := "y/N"
	if def {
		hint = "Y/n"
	}
	var yes bool
	err := p.retry(ctx, fmt.Sprintf("%s (%s): ", title, hint), func(s string) (err error) {
		yes, err = parseYesNo(s, &def)
		return err
	})
	return yes, err
}

// ask asks question q, whose MultipleChoice options are shown in the order
// choices.
func (p *plain) ask(ctx context.Context, q *engine.Question, choices []string) (quiz.Answer, error) {
	var ans quiz.Answer
	switch q.Type {
	case engine.MultipleChoice:
		p.list(choices)
		if !q.Multi {
			err := p.retry(ctx, fmt.Sprintf("Your answer (a number from 1 to %d): ", len(choices)), func(s string) error {
				i, err := pickNumber(s, choices)
				ans.Choices = []string{choices[max(i, 0)]}
				return err
			})
			return ans, err
		}
		err := p.retry(ctx, "Pick every right answer (numbers separated by spaces or commas): ", func(s string) error {
			ans.Choices = nil
			if i, err := pickNumber(s, choices); err == nil {
				ans.Choices = []string{choices[i]} // the full text of one option
				return nil
			}
			fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
			if len(fields) == 0 {
				return fmt.Errorf("No answer given.")
			}
			for _, f := range fields {
				n, err := strconv.Atoi(f)
				if err != nil || n < 1 || n > len(choices) {
					return fmt.Errorf("%q is not a number from 1 to %d.", f, len(choices))
				}
				if !slices.Contains(ans.Choices, choices[n-1]) {
					ans.Choices = append(ans.Choices, choices[n-1])
				}
			}
			return nil
		})
		return ans, err
	case engine.ShortAnswer:
		err := p.retry(ctx, "Your answer: ", func(s string) error {
			if s == "" {
				return fmt.Errorf("No answer given.")
			}
			ans.Text = s
			return nil
		})
		return ans, err
	case engine.Tracing:
		var err error
		if ans.DoesCompile, err = p.confirmStrict(ctx, "Does it compile? (y/n): "); err != nil {
			return ans, err
		}
		if !ans.DoesCompile && !q.AskLine {
			return ans, nil // as mdbook-quiz: no line unless the course asks
		}
		if !ans.DoesCompile {
			err := p.retry(ctx, "On which line is the error? (a line number): ", func(s string) error {
				n, err := strconv.Atoi(s)
				if err != nil || n < 1 {
					return fmt.Errorf("A line number, please.")
				}
				ans.LineNumber = n
				return nil
			})
			return ans, err
		}
		p.printf("What does it print? Type its output one line at a time, then a line with a single . to end it (only . if it prints nothing).\n")
		var out []string
		for {
			s, err := p.line(ctx)
			if err != nil {
				return ans, err
			}
			if strings.TrimSpace(s) == "." {
				break
			}
			out = append(out, s)
		}
		ans.Stdout = strings.Join(out, "\n")
		ends := []string{"normally", "it panics", "it deadlocks"}
		failures := []string{"", engine.FailurePanic, engine.FailureDeadlock}
		p.printf("How does it end?\n")
		p.list(ends)
		err = p.retry(ctx, "Your answer (1-3): ", func(s string) error {
			i, err := pickNumber(s, ends)
			ans.Failure = failures[max(i, 0)]
			return err
		})
		return ans, err
	}
	return ans, fmt.Errorf("cannot ask a %s question", q.Type)
}

// confirmStrict asks a yes/no question that has no default.
func (p *plain) confirmStrict(ctx context.Context, prompt string) (bool, error) {
	var yes bool
	err := p.retry(ctx, prompt, func(s string) (err error) {
		yes, err = parseYesNo(s, nil)
		return err
	})
	return yes, err
}

// parseYesNo reads y, yes, n or no in any case; an empty answer is def,
// where there is one.
func parseYesNo(s string, def *bool) (bool, error) {
	switch strings.ToLower(s) {
	case "y", "yes":
		return true, nil
	case "n", "no":
		return false, nil
	case "":
		if def != nil {
			return *def, nil
		}
	}
	return false, errors.New("Please answer y or n.")
}
