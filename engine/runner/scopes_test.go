package runner

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestScopeEnds: the nodes go/types walks to find where function types and
// if statements end, as go/ast's End methods go: through unparenthesised
// results and else branches, so nesting costs the square of its depth.
func TestScopeEnds(t *testing.T) {
	tests := []struct {
		decls string
		want  int64
	}{
		{"func f() {}", 1},
		{"var x func() func() int", 7 + 4},
		{"func f() (func() int) { return nil }", 2 + 4},
		{"func f(x int) { if x == 0 {} else if x == 1 {} else {} }", 1 + 3 + 2},
		{"var x func() *[]chan map[int]func(...int)", 8 + 1},
		{"var x " + strings.Repeat("func() ", 100) + "int", 100*101/2*3 + 100},
	}
	for _, tt := range tests {
		f, err := parser.ParseFile(token.NewFileSet(), "x.go", "package x\n\n"+tt.decls+"\n", 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := scopeEnds([]*ast.File{f}); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.decls, got, tt.want)
		}
	}
	for id, f := range courseSolutions(t) {
		if got := scopeEnds([]*ast.File{f}); got > maxScopeEnds/1024 {
			t.Errorf("the solution of %s: %d, want at most %d", id, got, maxScopeEnds/1024)
		}
	}
}
