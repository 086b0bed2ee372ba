package runner

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestMethodPairs: the methods of the largest interface times those of the
// type with the most, through embedding, with the standard library's
// types by their method sets; ordinary programs, and the course's
// solutions, stay far below maxMethodPairs.
func TestMethodPairs(t *testing.T) {
	r := typedRunner(t)
	std, err := r.stdFor(context.Background(), false, []string{"io", "sync"})
	if err != nil {
		t.Fatal(err)
	}
	many := func(n int, format string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	tests := []struct {
		decls string
		want  int64
	}{
		{"type T int", 0},
		{"type T int\nfunc (T) A() {}\nfunc (*T) B() {}\ntype I interface{ A() }", 1 * 2},
		{"type T struct{ sync.Mutex }\ntype I interface{ Lock(); Unlock() }", 2 * 3}, // *sync.Mutex has TryLock too
		{"type R interface{ io.ReadWriter; Close() error }\ntype B struct{ sync.Mutex; n int }\nfunc (B) Close() error { return nil }", 3 * 4},
		{"type A interface{ M() }\ntype B interface{ A; N() }\ntype C interface{ B; A; O() }", 4 * 4}, // A counted twice
		{"type T struct{ U }\ntype U struct{ *T }\nfunc (U) M() {}\ntype I interface{ M() }", 1},      // a cycle, counted once
		{"type T struct{}\n" + many(200, "func (T) M%d() {}\n") + "type I interface{\n" + many(200, "M%d()\n") + "}", 200 * 200},
		{"var x interface{ " + many(50, "M%d(); ") + " }\ntype T struct{}\n" + many(200, "func (*T) M%d() {}\n"), 50 * 200},
	}
	for _, tt := range tests {
		f, err := parser.ParseFile(token.NewFileSet(), "x.go", "package x\n\nimport (\n\t\"io\"\n\t\"sync\"\n)\n\nvar _ io.Reader\nvar _ sync.Mutex\n\n"+tt.decls+"\n", 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := methodPairs([]*ast.File{f}, std); got != tt.want {
			t.Errorf("%s: %d pairs, want %d", tt.decls, got, tt.want)
		}
	}

	for id, f := range courseSolutions(t) {
		var imports []string
		for _, imp := range f.Imports {
			imports = append(imports, strings.Trim(imp.Path.Value, `"`))
		}
		std, err := r.stdFor(context.Background(), false, imports)
		if err != nil {
			t.Fatal(err)
		}
		if got := methodPairs([]*ast.File{f}, std); got > maxMethodPairs/16 {
			t.Errorf("the solution of %s: %d pairs, want at most %d", id, got, maxMethodPairs/16)
		}
	}
}
