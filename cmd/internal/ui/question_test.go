package ui

import (
	"context"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/asynclings/asynclings/engine"
)

// TestAskShortAnswerResponse: a ShortAnswer question takes its answer as
// mdbook-quiz's prompt.response says: one line for "short" (the default),
// several for "long" (mdbook-quiz's text area) and "code" (its code
// editor), so that an answer of several lines can be given.
func TestAskShortAnswerResponse(t *testing.T) {
	tests := []struct {
		name     string
		response string // the TOML line, or ""
		input    string
		want     string
	}{
		{"default: one line", "", "fn f() {\n}\n.\n", "fn f() {"},
		{"short: one line", `prompt.response = "short"`, "fn f() {\n}\n.\n", "fn f() {"},
		{"long: lines up to a single dot", `prompt.response = "long"`, "first line\nsecond line\n.\n", "first line\nsecond line"},
		{"code: lines up to a single dot", `prompt.response = "code"`, "fn f() {\n}\n.\n", "fn f() {\n}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "[[questions]]\nid = \"q\"\ntype = \"ShortAnswer\"\nprompt.prompt = \"Write it.\"\n" + tt.response + "\nanswer.answer = \"x\"\n"
			c, err := engine.LoadFS(fstest.MapFS{"01-a.toml": {Data: []byte(src)}}, "course")
			if err != nil {
				t.Fatal(err)
			}
			q := c.Chapters[0].Questions[0]
			ans, err := Ask(context.Background(), NewPlain(strings.NewReader(tt.input), io.Discard), q, nil)
			if err != nil {
				t.Fatal(err)
			}
			if ans.Text != tt.want {
				t.Errorf("answer %q, want %q", ans.Text, tt.want)
			}
		})
	}
}

// scripted is a Prompter that answers Input and Text from replies in turn
// and, as huh does, asks again when the field's Validate refuses a reply.
type scripted struct{ replies []string }

func (s *scripted) next(f Field) (string, error) {
	for len(s.replies) > 0 {
		r := s.replies[0]
		s.replies = s.replies[1:]
		if f.Validate == nil || f.Validate(r) == nil {
			return r, nil
		}
	}
	return "", ErrInputEnded
}

func (s *scripted) Select(ctx context.Context, f Field) (string, error) { return s.next(f) }
func (s *scripted) MultiSelect(ctx context.Context, f Field) ([]string, error) {
	return nil, ErrInputEnded
}
func (s *scripted) Confirm(ctx context.Context, f Field, def bool) (bool, error) {
	return def, nil
}
func (s *scripted) Input(ctx context.Context, f Field) (string, error) { return s.next(f) }
func (s *scripted) Text(ctx context.Context, f Field) (string, error)  { return s.next(f) }

// TestAskShortAnswerNotEmpty: an empty ShortAnswer reply is no answer, in
// every prompter: it is asked again, as mdbook-quiz's form refuses to submit
// an empty field (a reply of spaces is an answer there, and here).
func TestAskShortAnswerNotEmpty(t *testing.T) {
	tests := []struct {
		name     string
		response string
		replies  []string
		want     string
	}{
		{"one line: empty, then a reply", "", []string{"", "mut"}, "mut"},
		{"one line: spaces are a reply", "", []string{"", "  "}, "  "},
		{"several lines: empty, then a reply", `prompt.response = "code"`, []string{"", "fn f() {\n}"}, "fn f() {\n}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "[[questions]]\nid = \"q\"\ntype = \"ShortAnswer\"\nprompt.prompt = \"Write it.\"\n" + tt.response + "\nanswer.answer = \"x\"\n"
			c, err := engine.LoadFS(fstest.MapFS{"01-a.toml": {Data: []byte(src)}}, "course")
			if err != nil {
				t.Fatal(err)
			}
			ans, err := Ask(context.Background(), &scripted{replies: tt.replies}, c.Chapters[0].Questions[0], nil)
			if err != nil {
				t.Fatal(err)
			}
			if ans.Text != tt.want {
				t.Errorf("answer %q, want %q", ans.Text, tt.want)
			}
		})
	}
}
