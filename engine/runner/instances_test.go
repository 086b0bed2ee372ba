package runner

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestInstances: each use of a generic counts the generics its definition
// uses, transitively; the course's solutions stay far below maxInstances.
func TestInstances(t *testing.T) {
	var chain strings.Builder
	chain.WriteString("type W0[T any] struct{ v T }\n")
	for i := 1; i <= 200; i++ {
		fmt.Fprintf(&chain, "type W%d[T any] struct{ W%d[T] }\n", i, i-1)
	}
	tests := []struct {
		decls string
		want  int64
	}{
		{"type G[T any] struct{ v T }\n\nvar x G[int]", 1},
		{"type E[T any] struct{ v T }\ntype W[T any] struct{ E[T] }\n\nvar x W[int]\nvar y W[string]", 1 + 2 + 2},
		{"type G[T any] struct{ v T }\nfunc f[T any](x T) G[T] { return G[T]{x} }\n\nvar _ = f(1)", 1 + 1 + 2},
		{"type L[T any] struct{ next *L[T] }\n\nvar _ L[int]", 2 + 2}, // a cycle, counted once
		{"func f(x int) int { return x }\n\nvar _ = f(1)", 0},
		{chain.String() + strings.Repeat("var _ = W200[int]{}\n", 100), 200*201/2 + 100*201},
	}
	for _, tt := range tests {
		f, err := parser.ParseFile(token.NewFileSet(), "x.go", "package x\n\n"+tt.decls+"\n", 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := instances([]*ast.File{f}); got != tt.want {
			t.Errorf("%s: %d instances, want %d", tt.decls, got, tt.want)
		}
	}
	for id, f := range courseSolutions(t) {
		if got := instances([]*ast.File{f}); got > maxInstances/32 {
			t.Errorf("the solution of %s: %d instances, want at most %d", id, got, maxInstances/32)
		}
	}
}
