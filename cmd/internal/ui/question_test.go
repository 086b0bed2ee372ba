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
