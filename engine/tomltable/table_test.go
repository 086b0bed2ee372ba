package tomltable

import (
	"fmt"
	"slices"
	"testing"
)

func TestTable(t *testing.T) {
	tests := []struct {
		name string
		src  string
		read func(root *Table)
		want []string // "line: message", in report order
	}{
		{
			name: "syntax error",
			src:  "a = 1\nb = \n",
			want: []string{"2: expected value but found '\\n' instead"},
		},
		{
			name: "wrong types are named by their path",
			src:  "s = 1\nn = 'x'\nf = [1, 'y']\nb = 2\n[t]\nx = 1.5\n[[q]]\n[q.p]\nz = true\n",
			read: func(root *Table) {
				root.Str("s")
				root.Int("n")
				root.Numbers("f")
				root.Bool("b")
				root.Sub("t").Str("x")
				qs, _ := root.Tables("q")
				qs[0].Sub("p").Strings("z")
			},
			want: []string{
				"1: s must be a string, not an integer",
				"2: n must be an integer, not a string",
				"3: f must hold only numbers, not a string",
				"4: b must be true or false, not an integer",
				"6: t.x must be a string, not a float",
				"9: q.p.z must be an array of strings, not a boolean",
			},
		},
		{
			name: "numbers take integers and floats",
			src:  "a = 1\nb = 2.5\nc = [1, 2.5]\n",
			read: func(root *Table) {
				a, _ := root.Number("a")
				b, _ := root.Number("b")
				c, ok := root.Numbers("c")
				if a != 1 || b != 2.5 || !ok || !slices.Equal(c, []float64{1, 2.5}) {
					t.Errorf("got %v %v %v %v", a, b, c, ok)
				}
				root.Unknown()
			},
		},
		{
			name: "unknown keys, named tables and lenient ones",
			src:  "x = 1\n[t]\ny = 2\n[[q]]\nz = 3\n[[q]]\nw = 4\n",
			read: func(root *Table) {
				root.Sub("t").Unknown()
				qs, _ := root.Tables("q")
				qs[0].Unknown()
				qs[1].Name = "[[q]]"
				qs[1].Unknown()
				root.Lenient = true
				root.Unknown()
			},
			want: []string{
				`3: unknown key "y" in t`,
				`5: unknown key "z" in q`,
				`7: unknown key "w" in [[q]]`,
			},
		},
		{
			name: "missing keys and arrays of tables",
			src:  "a = 3\nb = [1]\nc = []\n[t]\n",
			read: func(root *Table) {
				root.Sub("t").Required("k")
				if _, ok := root.Tables("a"); ok {
					t.Error("a is an array of tables")
				}
				root.Tables("b")
				if ts, ok := root.Tables("c"); !ok || len(ts) != 0 {
					t.Errorf("c: %v %v", ts, ok)
				}
				if _, ok := root.Tables("none"); ok {
					t.Error("none is an array of tables")
				}
				root.Unknown()
			},
			want: []string{
				"4: t.k is missing",
				"1: a must be an array of tables ([[a]]), not an integer",
				"2: b must be an array of tables ([[b]]), not an array",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			root := Parse(tt.src, func(line int, msg string) { got = append(got, fmt.Sprintf("%d: %s", line, msg)) })
			if (root == nil) != (tt.read == nil) {
				t.Fatalf("Parse returned %v; reports %q", root, got)
			}
			if tt.read != nil {
				tt.read(root)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("reports:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
}
