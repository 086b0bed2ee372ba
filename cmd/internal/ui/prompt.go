// Package ui is the terminal side of asynclings: the prompter that asks the
// learner (huh's fields on a terminal, plain lines in accessible mode or
// when the input is piped), Markdown rendering, the terminal's width,
// progress bars, spinners and verdicts. It decides nothing about the
// course: the screens in cmd/internal/learner call engine/learn for that.
package ui

import (
	"context"
	"errors"
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// Option is one choice of a Select or MultiSelect.
type Option struct{ Label, Value string }

// Opt is an Option.
func Opt(label, value string) Option { return Option{label, value} }

// Field is what one prompt asks.
type Field struct {
	Title, Description string
	Options            []Option
	// Default is the value a Select starts at (and the plain prompter
	// takes on an empty line); "" for none.
	Default string
	// Height is how many lines a Select may take on a terminal, 0 for as
	// many as it needs (within the terminal's height).
	Height int
	// Prompt is what the plain prompter writes before it reads the line,
	// when the default one does not fit.
	Prompt string
	// Echo, for Input, is written before the answer once it is given,
	// where the answer would not otherwise stay on the screen.
	Echo string
	// Validate, for Input, refuses an answer with a reason.
	Validate func(string) error
}

// Prompter asks the learner. Every screen asks through one, chosen once per
// run by New.
type Prompter interface {
	// Select asks for one of the options and returns its value.
	Select(ctx context.Context, f Field) (string, error)
	// MultiSelect asks for any number of the options (none at all is an
	// answer too: the caller decides what it means).
	MultiSelect(ctx context.Context, f Field) ([]string, error)
	// Confirm asks a yes/no question; Options, if two, name yes and no.
	Confirm(ctx context.Context, f Field, def bool) (bool, error)
	// Input asks for one line.
	Input(ctx context.Context, f Field) (string, error)
	// Text asks for several lines.
	Text(ctx context.Context, f Field) (string, error)
}

// ErrInputEnded is the end of the learner's input (a pipe's end, Ctrl-D):
// the screen ends there, cleanly.
var ErrInputEnded = errors.New("input ended")

// ErrAborted is the learner leaving a prompt (Ctrl-C, Esc on a terminal).
var ErrAborted = errors.New("user aborted")

// Stopped reports whether err is the learner ending the screen rather than
// a failure: the end of the input, an abort, a cancelled context.
func Stopped(err error) bool {
	return errors.Is(err, ErrInputEnded) || errors.Is(err, ErrAborted) || errors.Is(err, context.Canceled)
}

// New chooses the prompter once: plain lines when accessible is set or when
// in or out is not a terminal, else huh's fields.
func New(in io.Reader, out io.Writer, accessible bool) Prompter {
	if accessible || !IsTerminal(in) || !IsTerminal(out) {
		return NewPlain(in, out)
	}
	return &huhPrompter{out: out, width: Width(out)}
}

// IsTerminal reports whether v is a terminal (or writes to one in raw
// mode, see OpenKeys).
func IsTerminal(v any) bool {
	if c, ok := v.(crlfWriter); ok {
		v = c.w
	}
	f, ok := v.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
