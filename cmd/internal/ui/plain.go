package ui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The plain prompter asks in plain lines of text: no escape codes, no cursor
// movement, one answer per line. It works with screen readers and with
// answers piped in one per line.
//
// huh's accessible mode wraps its input in a new scanner for every field, so
// lines that the first field's scanner read ahead from a pipe are lost. The
// plain prompter instead reads every line of a run through one bufio.Reader.

// MaxTries is how many invalid answers in a row the plain prompter takes
// before it gives up.
const MaxTries = 5

// ErrNoValidAnswer is MaxTries invalid answers in a row.
var ErrNoValidAnswer = errors.New("no valid answer")

// Plain is the plain prompter.
type Plain struct {
	// next reads the next line, without its ending.
	next func() (string, error)
	out  io.Writer
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

// NewPlain returns a plain prompter reading lines from in.
func NewPlain(in io.Reader, out io.Writer) *Plain {
	br := bufio.NewReader(in)
	next := func() (string, error) {
		s, err := br.ReadString('\n')
		if err == io.EOF && s != "" {
			err = nil // a last line without a line ending
		}
		return strings.TrimRight(s, "\r\n"), err
	}
	return &Plain{next: next, out: out, echo: !IsTerminal(in)}
}

// NewPlainKeys returns a plain prompter reading lines through k, for a
// screen that reads keys itself between its prompts (watch).
func NewPlainKeys(k *Keys) *Plain {
	next := func() (string, error) {
		s, err := k.ReadLine(context.Background())
		if errors.Is(err, ErrKeysEnded) {
			err = io.EOF
		}
		return s, err
	}
	return &Plain{next: next, out: k.Out, echo: !k.Raw}
}

// line reads one line, without its line ending. It returns ErrInputEnded at
// the end of the input, and the context's error when it is cancelled (the
// read goes on, and the next call gets its line).
func (p *Plain) line(ctx context.Context) (string, error) {
	if p.pending == nil {
		ch := make(chan lineResult, 1)
		p.pending = ch
		go func() {
			s, err := p.next()
			ch <- lineResult{s, err}
		}()
	}
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case r := <-p.pending:
		p.pending = nil
		if r.err == io.EOF {
			return "", ErrInputEnded
		}
		if r.err == nil && p.echo {
			p.printf("%s\n", r.line)
		}
		return r.line, r.err
	}
}

func (p *Plain) printf(format string, args ...any) { fmt.Fprintf(p.out, format, args...) }

// retry asks until parse accepts a line, at most MaxTries times.
func (p *Plain) retry(ctx context.Context, prompt string, parse func(string) error) error {
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
		if try == MaxTries {
			return fmt.Errorf("%w after %d tries: %v", ErrNoValidAnswer, MaxTries, err)
		}
		p.printf("%v Please try again.\n", err)
	}
}

// heading writes the field's title and description, unless its prompt
// says the title already.
func (p *Plain) heading(f Field) {
	if f.Prompt != "" && strings.HasPrefix(f.Prompt, f.Title) {
		return
	}
	for _, s := range []string{f.Title, f.Description} {
		if s != "" {
			p.printf("%s\n", s)
		}
	}
}

// list prints the options as a numbered list.
func (p *Plain) list(opts []Option) []string {
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = o.Label
		p.printf("%d. %s\n", i+1, o.Label)
	}
	return labels
}

// PickNumber parses a number from 1 to len(labels), or the full text of one
// label, and returns its index.
func PickNumber(s string, labels []string) (int, error) {
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

// Select asks for one option by its number; an empty line takes the
// default, if there is one.
func (p *Plain) Select(ctx context.Context, f Field) (string, error) {
	p.heading(f)
	labels := p.list(f.Options)
	def := slices.IndexFunc(f.Options, func(o Option) bool { return f.Default != "" && o.Value == f.Default })
	prompt := f.Prompt
	if prompt == "" && def >= 0 {
		prompt = fmt.Sprintf("Your choice (1-%d, Enter for %d): ", len(labels), def+1)
	} else if prompt == "" {
		prompt = fmt.Sprintf("Your choice (1-%d): ", len(labels))
	}
	pick := def
	err := p.retry(ctx, prompt, func(s string) error {
		if s == "" && def >= 0 {
			pick = def
			return nil
		}
		var err error
		pick, err = PickNumber(s, labels)
		return err
	})
	if err != nil {
		return "", err
	}
	return f.Options[pick].Value, nil
}

// MultiSelect asks for the numbers of the options, separated by spaces or
// commas, or the full text of one.
func (p *Plain) MultiSelect(ctx context.Context, f Field) ([]string, error) {
	p.heading(f)
	labels := p.list(f.Options)
	prompt := f.Prompt
	if prompt == "" {
		prompt = "Your choices (numbers separated by spaces or commas): "
	}
	var picked []string
	err := p.retry(ctx, prompt, func(s string) error {
		picked = nil
		if i, err := PickNumber(s, labels); err == nil {
			picked = []string{f.Options[i].Value} // the full text of one option
			return nil
		}
		fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
		if len(fields) == 0 {
			return fmt.Errorf("No answer given.")
		}
		for _, s := range fields {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > len(labels) {
				return fmt.Errorf("%q is not a number from 1 to %d.", s, len(labels))
			}
			if v := f.Options[n-1].Value; !slices.Contains(picked, v) {
				picked = append(picked, v)
			}
		}
		return nil
	})
	return picked, err
}

// Confirm asks a yes/no question; an empty line takes def, unless the
// field has its own prompt, which asks for y or n.
func (p *Plain) Confirm(ctx context.Context, f Field, def bool) (bool, error) {
	prompt, d := f.Prompt, &def
	if prompt == "" {
		title := f.Title
		if len(f.Options) == 2 {
			title = fmt.Sprintf("%s (y: %s, n: %s)", title, f.Options[0].Label, f.Options[1].Label)
		}
		hint := "y/N"
		if def {
			hint = "Y/n"
		}
		prompt = fmt.Sprintf("%s (%s): ", title, hint)
	} else {
		d = nil
	}
	var yes bool
	err := p.retry(ctx, prompt, func(s string) (err error) {
		yes, err = ParseYesNo(s, d)
		return err
	})
	return yes, err
}

// Input asks for a line; an empty one is asked again, as is one that the
// field's Validate refuses.
func (p *Plain) Input(ctx context.Context, f Field) (string, error) {
	prompt := f.Prompt
	if prompt == "" {
		prompt = f.Title + ": "
	}
	var text string
	err := p.retry(ctx, prompt, func(s string) error {
		if s == "" {
			return fmt.Errorf("No answer given.")
		}
		if f.Validate != nil {
			if err := f.Validate(s); err != nil {
				return err
			}
		}
		text = s
		return nil
	})
	return text, err
}

// Text reads lines up to one with a single "."; a text that the field's
// Validate refuses is asked again.
func (p *Plain) Text(ctx context.Context, f Field) (string, error) {
	prompt := f.Prompt
	if prompt == "" {
		prompt = f.Title + " Type it one line at a time, then a line with a single . to end it."
	}
	for try := 1; ; try++ {
		p.printf("%s\n", prompt)
		var out []string
		for {
			s, err := p.line(ctx)
			if err != nil {
				return "", err
			}
			if strings.TrimSpace(s) == "." {
				break
			}
			out = append(out, s)
		}
		text := strings.Join(out, "\n")
		if f.Validate == nil {
			return text, nil
		}
		err := f.Validate(text)
		if err == nil {
			return text, nil
		}
		if try == MaxTries {
			return "", fmt.Errorf("%w after %d tries: %v", ErrNoValidAnswer, MaxTries, err)
		}
		p.printf("%v Please try again.\n", err)
	}
}

// ParseYesNo reads y, yes, n or no in any case; an empty answer is def,
// where there is one.
func ParseYesNo(s string, def *bool) (bool, error) {
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
