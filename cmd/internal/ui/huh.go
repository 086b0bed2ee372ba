package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// huhPrompter asks with huh's fields, one form a prompt.
type huhPrompter struct {
	out   io.Writer
	width int
}

// What a field takes of a line beside an option's text: huh's border and
// padding and the cursor, and a MultiSelect's "[ ] " too; one more column
// keeps the cursor off the last.
const (
	selectMargin = 6
	multiMargin  = 10
)

// ListWidth is how wide a Select's option may be on the terminal out is, 0
// when it is not one.
func ListWidth(out any) int {
	if w := Width(out); w > 0 {
		return max(w-selectMargin, 10)
	}
	return 0
}

// run runs the fields as one form. filter, if not nil, sees every message
// first and may drop it (nil).
func (h *huhPrompter) run(ctx context.Context, filter func(tea.Msg) tea.Msg, fields ...huh.Field) error {
	km := huh.NewDefaultKeyMap()
	// No filtering: j and k move, as the help line says, and Up on the
	// first option stays there (see noWrap).
	km.Select.Filter = key.NewBinding(key.WithDisabled())
	km.MultiSelect.Filter = key.NewBinding(key.WithDisabled())
	// The command's interrupts (base.InterruptContext) take SIGINT and
	// SIGTERM and cancel ctx; Bubble Tea's own handler beside them could
	// block forever on a signal that came as ctx ended the program.
	opts := []tea.ProgramOption{tea.WithoutSignalHandler()}
	if filter != nil {
		opts = append(opts, tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg { return filter(msg) }))
	}
	form := huh.NewForm(huh.NewGroup(fields...)).WithShowHelp(true).WithKeyMap(km).WithProgramOptions(opts...)
	err := form.RunWithContext(ctx)
	switch {
	case errors.Is(err, huh.ErrUserAborted):
		return ErrAborted
	case err != nil && ctx.Err() != nil:
		// Ctrl-C as a signal (no form was reading keys), which huh
		// reports as a timeout.
		return ctx.Err()
	}
	return err
}

// options makes huh's options, their labels wrapped to the terminal so
// that huh does not wrap them itself (which loses a character where a line
// breaks).
func (h *huhPrompter) options(opts []Option, margin int) []huh.Option[string] {
	out := make([]huh.Option[string], len(opts))
	for i, o := range opts {
		out[i] = huh.NewOption(Wrap(PlainMarkdown(o.Label), h.width-margin), o.Value)
	}
	return out
}

// noWrap keeps a Select's cursor within its options: huh wraps around, so
// that Up on the first option picks the last.
func noWrap(cur *string, opts []Option) func(tea.Msg) tea.Msg {
	return func(msg tea.Msg) tea.Msg {
		k, ok := msg.(tea.KeyMsg)
		if !ok || len(opts) == 0 {
			return msg
		}
		switch k.String() {
		case "up", "k", "ctrl+k", "ctrl+p", "left", "h":
			if *cur == opts[0].Value {
				return nil
			}
		case "down", "j", "ctrl+j", "ctrl+n", "right", "l":
			if *cur == opts[len(opts)-1].Value {
				return nil
			}
		}
		return msg
	}
}

func (h *huhPrompter) Select(ctx context.Context, f Field) (string, error) {
	choice := f.Default
	if choice == "" && len(f.Options) > 0 {
		choice = f.Options[0].Value
	}
	sel := huh.NewSelect[string]().Title(f.Title).Options(h.options(f.Options, selectMargin)...).Value(&choice)
	if f.Description != "" {
		sel = sel.Description(Wrap(f.Description, h.width-selectMargin))
	}
	if f.Height > 0 && f.Height < h.lines(f) {
		sel = sel.Height(f.Height)
	}
	err := h.run(ctx, noWrap(&choice, f.Options), sel)
	return choice, err
}

// lines is how many lines a Select of f takes, its options wrapped.
func (h *huhPrompter) lines(f Field) int {
	n := 1 + strings.Count(Wrap(f.Description, h.width-selectMargin), "\n") + 1
	for _, o := range f.Options {
		n += strings.Count(Wrap(o.Label, h.width-selectMargin), "\n") + 1
	}
	return n
}

func (h *huhPrompter) MultiSelect(ctx context.Context, f Field) ([]string, error) {
	var picked []string
	ms := huh.NewMultiSelect[string]().Title(f.Title).Options(h.options(f.Options, multiMargin)...).Value(&picked)
	if f.Description != "" {
		ms = ms.Description(f.Description)
	}
	return picked, h.run(ctx, nil, ms)
}

func (h *huhPrompter) Confirm(ctx context.Context, f Field, def bool) (bool, error) {
	yes := def
	c := huh.NewConfirm().Title(f.Title).Value(&yes)
	if len(f.Options) == 2 {
		c = c.Affirmative(f.Options[0].Label).Negative(f.Options[1].Label)
	}
	return yes, h.run(ctx, nil, c)
}

func (h *huhPrompter) Input(ctx context.Context, f Field) (string, error) {
	var text string
	in := huh.NewInput().Title(f.Title).Value(&text)
	if f.Validate != nil {
		in = in.Validate(f.Validate)
	}
	err := h.run(ctx, nil, in)
	if err == nil && f.Echo != "" {
		fmt.Fprintf(h.out, "%s%s\n", f.Echo, text)
	}
	return text, err
}

func (h *huhPrompter) Text(ctx context.Context, f Field) (string, error) {
	var text string
	in := huh.NewText().Title(f.Title).Value(&text)
	if f.Validate != nil {
		in = in.Validate(f.Validate)
	}
	return text, h.run(ctx, nil, in)
}
