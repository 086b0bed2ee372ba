package tomltable

import (
	"testing"

	"github.com/BurntSushi/toml"
)

func TestNormKey(t *testing.T) {
	for in, want := range map[string]string{
		"a":                  "a",
		" a . b ":            "a.b",
		`"a"."b"`:            "a.b",
		`'a' . "b.c"`:        "a.b.c",
		`questions."answer"`: "questions.answer",
		`"x\"y"`:             `x\"y`,
		"":                   "",
		`"unterminated`:      `"unterminated`,
		"a..b":               "a..b",
	} {
		if got := normKey(in); got != want {
			t.Errorf("normKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLocator(t *testing.T) {
	type query struct {
		ctx, key string
		want     int
	}
	tests := []struct {
		name    string
		src     string
		queries []query
	}{
		{
			name: "root keys and tables",
			src: `# leading comment
format_version = 1
title = "T"

[chapter]
id = "c"
`,
			queries: []query{
				{"", "format_version", 2},
				{"", "title", 3},
				{"chapter", "", 5},
				{"chapter", "id", 6},
				{"chapter", "missing", 5}, // falls back to the header
				{"", "missing", 0},
				{"nowhere", "id", 0},
			},
		},
		{
			name: "arrays of tables are numbered per name",
			src: `[[questions]]
id = "a"

[[exercises]]
id = "e"

[[questions]]
id = "b"
[[questions]]
id = "c"
`,
			queries: []query{
				{"questions/0", "", 1},
				{"questions/0", "id", 2},
				{"exercises/0", "", 4},
				{"exercises/0", "id", 5},
				{"questions/1", "", 7},
				{"questions/1", "id", 8},
				{"questions/2", "", 9},
				{"questions/2", "id", 10},
				{"questions/3", "id", 0},
			},
		},
		{
			name: "dotted keys record their prefixes",
			src: `[[questions]]
type = "MultipleChoice"
prompt.prompt = "P"
prompt.distractors = ["x"]
answer.answer = "y"
answer . "doesCompile" = true
`,
			queries: []query{
				{"questions/0", "prompt", 3}, // the first prompt.* key
				{"questions/0.prompt", "prompt", 3},
				{"questions/0.prompt", "distractors", 4},
				{"questions/0.prompt", "answerIndex", 3}, // falls back to prompt
				{"questions/0.answer", "answer", 5},
				{"questions/0.answer", "doesCompile", 6},
				{"questions/0", "context", 1},
			},
		},
		{
			name: "sub-tables of an array entry",
			src: `[[questions]]
id = "a"
[questions.prompt]
prompt = "P"
[questions.answer]
answer = "A"

[[questions]]
id = "b"

[questions.prompt]
prompt = "Q"
distractors = ["x"]
[ questions . "answer" ]  # spaced and quoted
answer = "B"
`,
			queries: []query{
				{"questions/0.prompt", "", 3},
				{"questions/0.prompt", "prompt", 4},
				{"questions/0.answer", "answer", 6},
				{"questions/1", "", 8},
				{"questions/1.prompt", "", 11},
				{"questions/1.prompt", "distractors", 13},
				{"questions/1.answer", "", 14},
				{"questions/1.answer", "answer", 15},
			},
		},
		{
			name: "quoted keys",
			src: `"title" = "T"
'id' = "x"
"dotted.key" = 1
"a = b" = 2
[[exercises]]
"hints" = ["h"]
`,
			queries: []query{
				{"", "title", 1},
				{"", "id", 2},
				{"", "dotted.key", 3},
				{"", "a = b", 4},
				{"exercises/0", "hints", 6},
			},
		},
		{
			name: "headers and keys inside multi-line strings do not count",
			src: "[[exercises]]\n" + // 1
				"id = \"deps\"\n" + // 2
				"prompt = \"\"\"\n" + // 3
				"Add this to Cargo.toml:\n" + // 4
				"```toml\n" + // 5
				"[dependencies]\n" + // 6
				"hints = \"not a key\"\n" + // 7
				"[[exercises]]\n" + // 8
				"```\n" + // 9
				"\"\"\"\n" + // 10
				"starter = '''\n" + // 11
				"[[questions]]\n" + // 12
				"title = 'no'\n" + // 13
				"'''\n" + // 14
				"hints = [\"real\"]\n" + // 15
				"title = \"escaped \\\" quote [x]\"\n" + // 16
				"test = \"\"\"a \\\"\"\" b\"\"\"\n" + // 17
				"\n" + // 18
				"[[exercises]]\n" + // 19
				"id = \"second\"\n", // 20
			queries: []query{
				{"exercises/0", "", 1},
				{"exercises/0", "prompt", 3},
				{"exercises/0", "starter", 11},
				{"exercises/0", "hints", 15},
				{"exercises/0", "title", 16},
				{"exercises/0", "test", 17},
				{"exercises/1", "", 19},
				{"exercises/1", "id", 20},
				{"dependencies", "", 0},
				{"questions/0", "", 0},
			},
		},
		{
			name: "comments",
			src: `# [[questions]]
[[questions]] # the first
# id = "commented out"
id = "a" # trailing [x]
#[chapter]
   # indented comment = 1
context = "c"
`,
			queries: []query{
				{"questions/0", "", 2},
				{"questions/0", "id", 4},
				{"questions/0", "context", 7},
				{"chapter", "", 0},
				{"questions/1", "", 0},
			},
		},
		{
			name: "multi-line arrays whose lines start with brackets",
			src: `[[questions]]
matrix = [
  ["a", "b"],
  [
    "c",
  ],
  ["d"]
]
inline = [
  { x = 1 },
  { y = "[not]" }, # [comment]
]
[chapter] # a real header
id = "after"
`,
			queries: []query{
				{"questions/0", "", 1},
				{"questions/0", "matrix", 2},
				{"questions/0", "inline", 9},
				{"chapter", "", 13},
				{"chapter", "id", 14},
				{"a", "", 0},
			},
		},
		{
			name: "indented keys and CRLF line ends",
			src:  "[chapter]\r\n  id = \"c\"\r\n\ttitle = \"T\"\r\n",
			queries: []query{
				{"chapter", "", 1},
				{"chapter", "id", 2},
				{"chapter", "title", 3},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The locator only ever sees files the decoder accepted.
			var v map[string]any
			if _, err := toml.Decode(tt.src, &v); err != nil {
				t.Fatalf("test input is not TOML: %v", err)
			}
			loc := newLocator(tt.src)
			for _, q := range tt.queries {
				if got := loc.line(q.ctx, q.key); got != q.want {
					t.Errorf("line(%q, %q) = %d, want %d", q.ctx, q.key, got, q.want)
				}
			}
		})
	}
}
