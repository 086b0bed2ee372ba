package runner

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/exercises"
)

// generics are the declarations the shapes of TestTypeGrowth use: each
// holds what it is given twice, in its own way.
const generics = `type P[A, B any] struct{ a A; b B }
type Box[T any] struct{ v T; d P[T, T] }
type F[T any] func(T) P[T, T]
type I[T any] interface{ Two() P[T, T] }
func dup[T any](x T) P[T, T] { return P[T, T]{x, x} }
func mk[A, B any](a A, b B) P[A, B] { return P[A, B]{a, b} }
func wrap[T any](x T) Box[T] { return Box[T]{v: x} }
func (b Box[T]) Dup() Box[P[T, T]] { return Box[P[T, T]]{} }
func mkF[T any](x T) F[T] { return nil }
func ap[A, B any](f func(A) B, a A) B { return f(a) }
func pairs[S ~[]E, E any](s S) P[S, E] { return P[S, E]{} }
func one[T any](x T) []T { return []T{x} }
func asI[T any](x T) I[T] { return nil }
`

// doubling is thirty steps of a shape of TestTypeGrowth, each on the one
// before (%[1]s): nested in one expression, or in variables of a function,
// of the package or of a function literal of the package's. The type of
// the last would have 2^30 parts written out.
func doubling(step, in string) string {
	var b strings.Builder
	b.WriteString("package x\n\n" + generics + "\n")
	if in == "nested" {
		e := "0"
		for range 30 {
			e = fmt.Sprintf(step, e)
		}
		return b.String() + "var x = " + e + "\n"
	}
	open, end := "func f() {\n", "_ = x30\n}\n"
	switch in {
	case "package":
		open, end = "", ""
	case "literal":
		open = "var f = func() {\n"
	}
	b.WriteString(open + "var x0 = 0\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "var x%d = %s\n", i, fmt.Sprintf(step, fmt.Sprintf("x%d", i-1)))
	}
	return b.String() + end
}

// TestTypeGrowth: the types that inference could make go/types write out,
// through every way a generic of the file can hold what it is given twice,
// are bounded; ordinary uses of generics, and the course's solutions, stay
// far below maxTypeGrowth.
func TestTypeGrowth(t *testing.T) {
	over := []struct{ name, step, in string }{
		{"nested calls", "dup(%[1]s)", "nested"},
		{"calls on variables", "dup(%[1]s)", "func"},
		{"a value given twice", "mk(%[1]s, %[1]s)", "func"},
		{"package variables", "mk(%[1]s, %[1]s)", "package"},
		{"a function literal's variables", "mk(%[1]s, %[1]s)", "literal"},
		{"a method", "wrap(%[1]s).Dup().v", "func"},
		{"nested methods", "wrap(%[1]s).Dup().v", "nested"},
		{"a field", "wrap(%[1]s).d", "func"},
		{"a generic function type", "mkF(%[1]s)(%[1]s)", "func"},
		{"an uninstantiated argument", "ap(dup, %[1]s)", "func"},
		{"a constraint of another parameter", "pairs(one(%[1]s))", "func"},
		{"an interface method", "asI(%[1]s).Two()", "func"},
	}
	for _, tt := range over {
		code := doubling(tt.step, tt.in)
		f, err := parser.ParseFile(token.NewFileSet(), "x.go", code, 0)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := typeGrowth([]*ast.File{f}); got <= maxTypeGrowth {
			t.Errorf("%s: %d parts, want more than %d", tt.name, got, maxTypeGrowth)
		}
	}

	under := []string{
		"func f() { _ = mk(1, \"a\") }",
		"func f() { a := wrap(1); b := wrap(a); c := wrap(b); _ = c.d }",
		"func f(xs []int) { m := map[int][]int{}; for k, v := range m { _ = mk(k, v) }; _ = one(xs) }",
		"func Map[T, U any](s []T, f func(T) U) []U { var out []U; for _, v := range s { out = append(out, f(v)) }; return out }\nfunc f(s []int) { a := Map(s, func(i int) string { return \"\" }); b := Map(a, func(string) int { return 0 }); _ = Map(b, func(int) bool { return true }) }",
		"type Future[T any] struct{ ch chan T }\nfunc Join[A, B any](a Future[A], b Future[B]) Future[P[A, B]] { return Future[P[A, B]]{} }\nfunc f(a Future[int], b Future[string], c Future[bool]) { _ = Join(Join(a, b), Join(c, a)) }",
	}
	for _, decls := range under {
		f, err := parser.ParseFile(token.NewFileSet(), "x.go", "package x\n\n"+generics+decls+"\n", 0)
		if err != nil {
			t.Fatalf("%s: %v", decls, err)
		}
		if got := typeGrowth([]*ast.File{f}); got > maxTypeGrowth/64 {
			t.Errorf("%s: %d parts, want at most %d", decls, got, maxTypeGrowth/64)
		}
	}

	for id, f := range courseSolutions(t) {
		if got := typeGrowth([]*ast.File{f}); got > maxTypeGrowth/64 {
			t.Errorf("the solution of %s: %d parts, want at most %d", id, got, maxTypeGrowth/64)
		}
	}
}

// courseSolutions are the built-in course's solutions, parsed, by exercise.
func courseSolutions(t *testing.T) map[string]*ast.File {
	t.Helper()
	c, err := engine.LoadFS(exercises.Course(), "exercises/course")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*ast.File{}
	for _, ch := range c.Chapters {
		for _, ex := range ch.Exercises {
			f, err := parser.ParseFile(token.NewFileSet(), "x.go", ex.Solution, 0)
			if err != nil {
				t.Fatalf("%s: %v", ex.ID, err)
			}
			files[ex.ID] = f
		}
	}
	return files
}

// TestSaturating: the bounds' counts stop at saturated and never wrap
// around to a negative count, which every bound would let through.
func TestSaturating(t *testing.T) {
	tests := []struct {
		name      string
		got, want int64
	}{
		{"add", addSat(2, 3), 5},
		{"add to the top", addSat(saturated-1, 1), saturated},
		{"add past the top", addSat(saturated, saturated), saturated},
		{"add nearly the top twice", addSat(saturated-1, saturated-1), saturated},
		{"multiply", mulSat(6, 7), 42},
		{"multiply by zero", mulSat(0, saturated), 0},
		{"multiply past the top", mulSat(saturated, saturated), saturated},
		{"multiply just past the top", mulSat(1<<31, 1<<31+1), saturated},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, tt.got, tt.want)
		}
	}
	// Types of two fields of the one before, 80 deep, and two such
	// chains: each count is saturated, the sum too.
	var b strings.Builder
	b.WriteString("package p\n\ntype a0 struct{ x int }\ntype b0 struct{ x int }\n")
	for i := 1; i < 80; i++ {
		fmt.Fprintf(&b, "type a%d struct{ l, r a%d }\ntype b%d struct{ l, r b%d }\n", i, i-1, i, i-1)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", b.String(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 { // in every order of the declarations' map
		if got := typePaths([]*ast.File{f}); got != saturated {
			t.Fatalf("typePaths of two 80-deep doubling chains: %d, want %d", got, int64(saturated))
		}
	}
}
