package runner

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner/runnertest/testcache"
)

// typedRunner is a runner for prepare alone: type-checking needs the
// compiled standard library, not a build.
func typedRunner(t testing.TB) *Runner {
	t.Helper()
	if testing.Short() {
		t.Skip("compiles the standard library; skipped with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	r, err := New(testCacheDir())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// testCacheDir is the build cache the tests share (testcache.Dir).
func testCacheDir() string { return testcache.Dir }

// TestCacheDir is testCacheDir, for the package's external tests.
var TestCacheDir = testCacheDir

var sumTest = "package sum\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n"

// prepared prepares code for the sum exercise, as a check does.
func prepared(t *testing.T, r *Runner, ex *engine.Exercise, code string) (*source, engine.Verdict, bool) {
	t.Helper()
	if ex == nil {
		ex = &engine.Exercise{ID: "sum", Test: sumTest}
	}
	return r.prepare(context.Background(), ex, code, nil)
}

// TestRawMemory: no way to raw memory without naming unsafe, however
// reflect's raw methods, functions and types are reached.
func TestRawMemory(t *testing.T) {
	r := typedRunner(t)
	tests := []struct {
		name, code string
		want       string // part of the rule violation; "" for none
	}{
		{"call", "var x int\n\nfunc f() { _ = reflect.ValueOf(&x).UnsafePointer() }", "sum.go:7:36: reflect.Value.UnsafePointer"},
		{"method value", "var x int\n\nvar g = reflect.ValueOf(&x).Elem().UnsafeAddr", "sum.go:7:36: reflect.Value.UnsafeAddr"},
		{"method expression", "var g = reflect.Value.Pointer", "sum.go:5:23: reflect.Value.Pointer"},
		{"method expression of the pointer", "var g = (*reflect.Value).InterfaceData", "reflect.Value.InterfaceData"},
		{"SetPointer", "func f(v reflect.Value) { v.SetPointer(nil) }", "reflect.Value.SetPointer"},
		{"NewAt", "func f(t reflect.Type) { reflect.NewAt(t, nil) }", "reflect.NewAt"},
		{"NewAt as a value", "var g = reflect.NewAt", "reflect.NewAt"},
		{"SliceAt", "var g = reflect.SliceAt", "reflect.SliceAt"},
		{"SliceHeader", "var h reflect.SliceHeader", "reflect.SliceHeader"},
		{"StringHeader in a type", "type H = reflect.StringHeader", "reflect.StringHeader"},
		{"promoted", "type V struct{ reflect.Value }\n\nfunc f(v V) uintptr { return v.UnsafeAddr() }", "reflect.Value.UnsafeAddr"},
		{"interface", "var x int\n\nvar i interface{ Pointer() uintptr } = reflect.ValueOf(&x)", "method Pointer is reflect.Value's"},
		{"named interface", "type P interface{ UnsafeAddr() uintptr }\n\nfunc f(p P) uintptr { return p.UnsafeAddr() }", "method UnsafeAddr is reflect.Value's"},
		{"type assertion", "func f(a any) uintptr { return a.(interface{ UnsafeAddr() uintptr }).UnsafeAddr() }", "UnsafeAddr is reflect.Value's"},
		{"constraint", "func f[T interface{ Pointer() uintptr }](v T) uintptr { return v.Pointer() }", "Pointer is reflect.Value's"},
		{"inferred unsafe.Pointer", "func f[T any](x interface{ UnsafePointer() T }) T { return x.UnsafePointer() }\n\nvar x int\n\nfunc g() { f(reflect.ValueOf(&x)) }", "unsafe.Pointer"},
		{"inferred uintptr", "func f[T any](x interface{ Pointer() T }) T { return x.Pointer() }\n\nvar x int\n\nfunc g() uint64 { return uint64(f(reflect.ValueOf(&x))) }", "Pointer is reflect.Value's"},
		{"generic named interface", "type P[T any] interface{ Pointer() T }\n\nvar x int\n\nvar p P[uintptr] = reflect.ValueOf(&x)", "Pointer is reflect.Value's"},
		{"generic SetPointer", "func f[T any](v interface{ SetPointer(T) }) {}\n\nfunc g(v reflect.Value) { f(v) }", "f is instantiated with unsafe.Pointer"},
		{"atomic's unsafe.Pointer", "var g = atomic.LoadPointer", "this has type func(addr *unsafe.Pointer) (val unsafe.Pointer), which is raw memory"},
		{"unsafe.Pointer in a result", "func f() { atomic.SwapPointer(nil, nil) }", "unsafe.Pointer"},
		{"unsafe.Pointer from a method's signature", "var m, _ = reflect.TypeFor[reflect.Value]().MethodByName(\"UnsafePointer\")\n\nvar _ = m.Type.Out(0)", ""},
		// Allowed: nothing here reaches raw memory.
		{"reflect's safe parts", "var x int\n\nfunc f() int64 { return reflect.ValueOf(&x).Elem().Int() + int64(reflect.TypeOf(x).Size()) }", ""},
		{"DeepEqual", "var same = reflect.DeepEqual", ""},
		{"atomic.Pointer", "var p atomic.Pointer[int]\n\nfunc f() *int { p.Store(new(int)); return p.Load() }", ""},
		{"a Pointer method of one's own", "type T struct{}\n\nfunc (T) Pointer() uintptr { return 0 }\n\nvar _ = T{}.Pointer()", ""},
		{"another Pointer", "type P interface{ Pointer() *int }", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// tt.code starts on line 5.
			code := "package sum\n\nimport (\"reflect\"; \"sync/atomic\")\nvar _, _ = reflect.Copy, atomic.AddInt32\n" + tt.code + "\n"
			src, v, final := prepared(t, r, nil, code)
			switch {
			case tt.want == "" && final:
				t.Errorf("%s: %s", v.Outcome, v.Message)
			case tt.want == "" && src.unchecked != "":
				t.Errorf("not type-checked: %s", src.unchecked)
			case tt.want != "" && (!final || v.Outcome != engine.OutcomeRuleViolation || !strings.Contains(v.Message, tt.want)):
				t.Errorf("%s %q, want a rule violation mentioning %q", v.Outcome, v.Message, tt.want)
			}
			// An exercise that allows unsafe allows raw memory.
			ex := &engine.Exercise{ID: "sum", Test: sumTest, AllowImports: []string{"unsafe"}}
			if _, v, final := prepared(t, r, ex, code); final {
				t.Errorf("with unsafe allowed: %s %q", v.Outcome, v.Message)
			}
		})
	}
}

// TestStdWrites: the standard library's package variables, and what is
// reached through them, are not the learner's to change; its own are, and
// reading theirs or calling their methods is allowed.
func TestStdWrites(t *testing.T) {
	r := typedRunner(t)
	tests := []struct {
		name, code string
		want       string // part of the rule violation; "" for none
	}{
		{"assigned", "func init() { io.EOF = errors.New(\"x\") }", "sum.go:5:18: io.EOF belongs to the standard library"},
		{"in a list", "func init() { _, context.Canceled = 1, io.ErrUnexpectedEOF }", "context.Canceled"},
		{"address", "var p = &context.DeadlineExceeded", "context.DeadlineExceeded"},
		{"parenthesised", "func init() { (os.ErrNotExist) = nil }", "os.ErrNotExist"},
		{"ranged into", "func init() { for _, io.EOF = range []error{nil} {} }", "io.EOF"},
		{"not an error", "func init() { os.Args = nil }", "os.Args"},
		{"an element", "func init() { os.Args[0] = \"x\" }", "os.Args"},
		{"incremented", "func init() { http.DefaultClient.Timeout++ }", "http.DefaultClient"},
		{"a field through a pointer", "func init() { http.DefaultClient.Transport = nil }", "http.DefaultClient"},
		{"the pointee", "func init() { *http.DefaultClient = http.Client{} }", "http.DefaultClient"},
		{"through an assertion", "func init() { http.DefaultTransport.(*http.Transport).Proxy = nil }", "http.DefaultTransport"},
		{"a field's address", "var p = &http.DefaultClient.Timeout", "http.DefaultClient"},
		{"the address of a stream", "var p = &os.Stdout", "os.Stdout"},
		// Allowed.
		{"read", "var e = io.EOF\n\nfunc f(err error) bool { return errors.Is(err, context.Canceled) || err == os.ErrNotExist }", ""},
		{"one's own", "var ErrMine = errors.New(\"mine\")\n\nfunc init() { ErrMine = io.EOF; _ = &ErrMine }", ""},
		{"a method", "func init() { http.DefaultServeMux.HandleFunc(\"/x\", func(http.ResponseWriter, *http.Request) {}) }", ""},
		{"a local of the same name", "func f() { var http struct{ DefaultClient int }; http.DefaultClient = 1; _ = http }", ""},
		{"a copy", "func f() { c := *http.DefaultClient; c.Timeout = 1; _ = c }", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// tt.code starts on line 5.
			code := "package sum\n\nimport (\"context\"; \"errors\"; \"io\"; \"net/http\"; \"os\")\nvar _, _, _, _, _ = context.Background, errors.New, io.Copy, http.Get, os.Exit\n" + tt.code + "\n"
			_, v, final := prepared(t, r, nil, code)
			switch {
			case tt.want == "" && final:
				t.Errorf("%s: %s", v.Outcome, v.Message)
			case tt.want != "" && (!final || v.Outcome != engine.OutcomeRuleViolation || !strings.Contains(v.Message, tt.want)):
				t.Errorf("%s %q, want a rule violation mentioning %q", v.Outcome, v.Message, tt.want)
			}
		})
	}
}

// TestDirectives: only //go:build, //go:generate and //go:fix.
func TestDirectives(t *testing.T) {
	ex := &engine.Exercise{ID: "sum", Test: sumTest}
	tests := []struct {
		code string
		want string // part of the rule violation; "" for none
	}{
		{"//go:build linux || !linux\n\npackage sum", ""},
		{"package sum\n\n//go:generate echo hi\n//go:fix inline\nfunc f() {}", ""},
		{"package sum\n\n// go:norace is only a comment with a space\n//linear, not a line directive\nfunc f() {}", ""},
		{"package sum\n\nvar s = \"//go:norace\"", ""},
		{"package sum\n\n//go:norace\nfunc f() {}", "sum.go:3:1: //go:norace is a compiler directive"},
		{"package sum\n\nfunc f() {\n\t//go:nosplit\n}", "sum.go:4:2: //go:nosplit"},
		{"package sum\n\n//go:linkname x asynclings.invalid/guard.key\nvar x []byte", "//go:linkname"},
		{"package sum\n\n//go:embed hidden_test.go\nvar x string", "//go:embed"},
		{"package sum\n\n//go:cgo_import_dynamic libc_getpid getpid \"libc.so.6\"\nvar x int", "//go:cgo_import_dynamic"},
		{"package sum\n\nvar x = 1 //go:noinline", "sum.go:3:11: //go:noinline"},
		{"package sum\n\n//line hidden_test.go:10\nfunc f() {}", "sum.go:3:1: a //line directive"},
		{"package sum\n\nfunc f() {\n\tx := 1 /*line hidden_test.go:3:1*/\n\t_ = x\n}", "sum.go:4:9: a //line directive"},
		{"package sum\n\n//line :7\nfunc f() {}", "//line directive"},
		{"package sum\n\n//go:\nfunc f() {}", "//go: is a compiler directive"},
	}
	for _, tt := range tests {
		_, err := prepare(ex, tt.code+"\n", nil)
		var rule *ruleError
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.code, err)
		case tt.want != "" && (!errors.As(err, &rule) || !strings.Contains(rule.msg, tt.want)):
			t.Errorf("%q: %v, want a rule violation mentioning %q", tt.code, err, tt.want)
		}
	}
}

// TestBuildConstraint: the learner's //go:build line decides, as for go
// test, whether the file is built.
func TestBuildConstraint(t *testing.T) {
	r := typedRunner(t)
	plain := &engine.Exercise{ID: "sum", Test: sumTest}
	race := &engine.Exercise{ID: "sum", Test: sumTest, Race: true}
	tests := []struct {
		header string
		ex     *engine.Exercise
		want   string // part of the compile error; "" when built
	}{
		{"//go:build linux || darwin || windows || !windows", plain, ""},
		{"//go:build go1.21 && gc", plain, ""},
		{"//go:build !go1.21", plain, "sum.go:1:1: the build constraint //go:build !go1.21 excludes this file"},
		{"//go:build go1.99", plain, "excludes"},
		{"//go:build plan9 && windows", plain, "excludes"},
		{"//go:build cgo", plain, "excludes"},
		{"//go:build race", plain, "excludes"},
		{"//go:build race", race, ""},
		{"//go:build !race", race, "with the race detector"},
		{"//go:build ignore", plain, "excludes"},
		{"// +build ignore", plain, "excludes"},
		{"// Package sum adds.\n//go:build ignore", plain, "sum.go:2:1: the build constraint"},
		{"//go:build (", plain, "sum.go:1:1:"},
	}
	for _, tt := range tests {
		code := tt.header + "\n\npackage sum\n\nfunc Sum([]int) int { return 0 }\n"
		_, v, final := prepared(t, r, tt.ex, code)
		switch {
		case tt.want == "" && final:
			t.Errorf("%q: %s %q", tt.header, v.Outcome, v.Message)
		case tt.want != "" && (!final || v.Outcome != engine.OutcomeCompileError || !strings.Contains(v.Message, tt.want)):
			t.Errorf("%q: %s %q, want a compile error mentioning %q", tt.header, v.Outcome, v.Message, tt.want)
		}
	}
}

// TestStartsNothing: only a submission that runs nothing of its own at
// start-up, with small package variables, shares a test binary.
func TestStartsNothing(t *testing.T) {
	r := typedRunner(t)
	tests := []struct {
		decls string
		want  bool
	}{
		{"", true},
		{"const c = 3\n\nvar x, y = c * 2, \"s\" + \"t\"", true},
		{"var e error = nil\n\nvar f = func() int { return len(os.Args) }", true},
		{"var t = []int{1, 2, 3}\n\nvar a = [3]int{2: 1}\n\nvar p = &struct{ a []int }{a: []int{1}}", true},
		{"var g, h = strings.ToUpper, Sum", true},
		{"var w = []any{1, \"a\", nil}", true},
		{"var buf [1 << 19]byte", true},
		{"func init() {}", false},
		{"var _ = [1]int{}[len(os.Args)]", false},
		{"var _ = any(1).(string)", false},
		{"var m = map[int]int{}", false},
		{"var x = os.Getpid()", false},
		{"var s = make([]int, 3)", false},
		{"var zero int\n\nvar d = 1 / zero", false},
		{"var mv = strings.NewReader(\"\").Len", false},
		{"var ch chan int\n\nvar c = <-ch", false},
		{"var n = 1\n\nvar y = n", false},
		{"var b = []byte(\"abc\")", false},
		{"var i = 1\n\nvar t = []int{i: 1}", false},
		{"var big = [64 << 20]byte{1}", false},
		{"var big [2 << 20]byte", false},
		{"var big = []byte{64 << 20: 1}", false},
		{"var big = &[2 << 20]byte{}", false},
		{"type T struct{ a, b [600 << 10]byte }\n\nvar t T", false},
		{"var s = Sum\n\nvar k = s", false},
	}
	for _, tt := range tests {
		code := "package sum\n\nimport (\n\t\"os\"\n\t\"strings\"\n)\n\nvar _ = os.Getpid\nvar _ = strings.ToUpper\n\n" + tt.decls + "\n\nfunc Sum([]int) int { return 0 }\n"
		src, v, final := prepared(t, r, nil, code)
		switch {
		case final:
			t.Errorf("%q: %s %q", tt.decls, v.Outcome, v.Message)
		case src.combinable != tt.want:
			t.Errorf("%q: combinable = %v, want %v", tt.decls, src.combinable, tt.want)
		}
	}
}

// TestUnchecked: a file go/types refuses goes to the compiler, whose
// verdict stands; one too big to type-check in the runner is not checked.
func TestUnchecked(t *testing.T) {
	r := typedRunner(t)
	src, _, final := prepared(t, r, nil, "package sum\n\nfunc Sum([]int) int { return \"no\" }\n")
	if final || src.unchecked == "" || src.combinable {
		t.Errorf("a type error: final %v, unchecked %q, combinable %v", final, src.unchecked, src.combinable)
	}
	if v, ok := src.uncheckedVerdict(); !ok || v.Outcome != engine.OutcomeRuleViolation || !strings.Contains(v.Message, "sum.go: the runner could not check") {
		t.Errorf("a type error that compiled: verdict %+v %v", v, ok)
	}
	// Past a bound the file is refused before anything checks or
	// compiles it.
	refused := func(what, code, why string) {
		t.Helper()
		_, v, final := prepared(t, r, nil, code)
		if !final || v.Outcome != engine.OutcomeRuleViolation || !strings.Contains(v.Message, "sum.go: the runner could not check this file") || !strings.Contains(v.Message, why) {
			t.Errorf("%s: final %v, %s %q, want refused: %s", what, final, v.Outcome, v.Message, why)
		}
	}
	// Thirty doublings of a string constant: a gigabyte, if go/types
	// were asked its length.
	var b strings.Builder
	b.WriteString("package sum\n\nconst c0 = \"xx\"\n")
	for i := 1; i <= 30; i++ {
		b.WriteString("const c" + strconv.Itoa(i) + " = c" + strconv.Itoa(i-1) + " + c" + strconv.Itoa(i-1) + "\n")
	}
	b.WriteString("\nvar n = len(c30)\n\nfunc Sum([]int) int { return 0 }\n")
	refused("doubled constants", b.String(), "string constants would take more than 1 MiB")
	// Thirty types, each holding the one before twice: go/types would walk
	// 2^30 ways through them (for hours) in the runner's own process.
	for _, form := range []string{"struct{ a, b t%d }", "struct{ t%[2]d; b t%[2]d }", "= struct{ a, b t%d }", "g[t%d]"} {
		b.Reset()
		b.WriteString("package sum\n\ntype g[P any] struct{ a, b P }\n\ntype t0 struct{ a, b [1 << 10]int }\n")
		for i := 1; i <= 30; i++ {
			fmt.Fprintf(&b, "type t%d "+form+"\n", i, i-1)
		}
		b.WriteString("\nfunc Sum([]int) int { return 0 }\n")
		refused("types of "+form, b.String(), "nest values in values more than 65536 ways")
	}
	// Thirty nested calls, each giving what it is given twice: go/types
	// would write out a type of 2^30 parts (for hours) in the runner's own
	// process.
	code := "package sum\n\ntype pair[A, B any] struct{ a A; b B }\n\nfunc dup[T any](x T) pair[T, T] { return pair[T, T]{x, x} }\n\nvar v = " +
		strings.Repeat("dup(", 30) + "0" + strings.Repeat(")", 30) + "\n\nfunc Sum([]int) int { return 0 }\n"
	refused("nested generic calls", code, "uses of generics could make types of more than 65536 parts")
	// A type of 3000 methods assigned to an interface of them 600 times:
	// 15 s of go/types' searches in the runner's own process.
	b.Reset()
	b.WriteString("package sum\n\ntype T struct{}\n\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "func (T) M%d() {}\n", i)
	}
	b.WriteString("\ntype I interface {\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "\tM%d()\n", i)
	}
	b.WriteString("}\n\n" + strings.Repeat("var _ I = T{}\n", 600) + "\nfunc Sum([]int) int { return 0 }\n")
	refused("many methods", b.String(), "more than 8192 pairs of methods to match")
	// Two types of 9000 nested function types: go/types would walk 80
	// million nodes, 5 s, to find where their scopes end.
	nested := strings.Repeat("func() ", 9000) + "int"
	refused("nested function types", "package sum\n\nvar x "+nested+"\n\nvar y "+nested+"\n\nfunc Sum([]int) int { return 0 }\n", "nested function types and else ifs would take more than 4194304 steps")
	// 500 uses of a generic type embedding another 200 deep: 100000
	// instances, 2.3 s and 165 MB.
	b.Reset()
	b.WriteString("package sum\n\ntype e[T any] struct{ v T }\n\nfunc (e[T]) M() T { var z T; return z }\n\ntype w1[T any] struct{ e[T] }\n")
	for i := 2; i < 200; i++ {
		fmt.Fprintf(&b, "type w%d[T any] struct{ w%d[T] }\n", i, i-1)
	}
	for i := range 500 {
		fmt.Fprintf(&b, "var _ = w199[[%d]int]{}.M()\n", i)
	}
	b.WriteString("\nfunc Sum([]int) int { return 0 }\n")
	refused("instances", b.String(), "generic types could have more than 16384 instances")
}

// TestTypePaths: the ways types hold values within values, counted as
// go/types walks them: doubling struct fields and arrays multiply, pointers
// and slices do not, and the types of ordinary programs stay far below
// maxTypePaths.
func TestTypePaths(t *testing.T) {
	tests := []struct {
		decls string
		want  int64
	}{
		{"type a int", 1},
		{"type a struct{ x, y int }", 3},
		{"type a struct{ x, y int }\ntype b struct{ p, q a }", 3 + 7},
		{"type a [4]int\ntype b [3]a", 2 + 3}, // go/types walks an element once
		{"type a [2]b\ntype b [2]c\ntype c [2]int", 4 + 3 + 2},
		{"type node struct{ next *node; left, right *node; v int }", 5},
		{"type list []list", 1},
		{"type a struct{ x, y b }\ntype b struct{ p, q c }\ntype c struct{ m, n int }", 15 + 7 + 3},
		// An instance: its definition with each leaf P as big as the
		// argument (h is 7; the bound says 3*3).
		{"type g[P any] struct{ x, y P }\ntype h g[g[int]]", 3 + 3*3},
		// A chain of generic types embedding the one before grows by
		// one part per link, not twice (a fixed 200 links once wrapped
		// the count to a negative one, and the bound let it through).
		{"type e[T any] struct{ v T }\ntype w1[T any] struct{ e[T] }\ntype w2[T any] struct{ w1[T] }\ntype w3[T any] struct{ w2[T] }", 2 + 3 + 4 + 5},
		{"type s interface{ ~int | ~string }\ntype i interface{ s; M() }", 3 + 4},
		{"type server struct{ mu sync.Mutex; conns map[net.Conn]bool; wg sync.WaitGroup; quit chan struct{} }", 5},
		{"type a struct{ x, y a }", 3}, // a cycle: refused by go/types, counted once
	}
	for _, tt := range tests {
		f, err := parser.ParseFile(token.NewFileSet(), "x.go", "package x\n\n"+tt.decls+"\n", 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := typePaths([]*ast.File{f}); got != tt.want {
			t.Errorf("%s: %d paths, want %d", tt.decls, got, tt.want)
		}
	}
}

// TestBatchStartup: submissions of one owner, in one batch, where some would
// run code when their package starts or carry a large static array: the
// correct ones beside them still pass, and each gets the verdict a check
// alone gives.
func TestBatchStartup(t *testing.T) {
	r := typedRunner(t)
	ex := &engine.Exercise{ID: "sum", Test: "package sum\n\nimport \"testing\"\n\nfunc TestSmall(t *testing.T) {\n\tif Sum([]int{1, 2}) != 3 {\n\t\tt.Fatal(\"wrong\")\n\t}\n}\n"}
	solution := "package sum\n\nfunc Sum(nums []int) int {\n\ttotal := 0\n\tfor _, n := range nums {\n\t\ttotal += n\n\t}\n\treturn total\n}\n"
	subs := []struct {
		code string
		want engine.Outcome
	}{
		{solution, engine.OutcomePass},
		{"package sum\n\nvar n = 1\n\nvar _ = [1]int{}[n]\n\nfunc Sum(nums []int) int { return 3 }\n", engine.OutcomeRuntimeError},
		{"package sum\n\nvar x any = 1\n\nvar _ = x.(string)\n\nfunc Sum(nums []int) int { return 3 }\n", engine.OutcomeRuntimeError},
		{"package sum\n\nvar big = [64 << 20]byte{1}\n\nfunc Sum(nums []int) int { return int(big[0]) }\n", engine.OutcomeFail},
		{strings.Replace(solution, "total := 0", "total := 1 - 1", 1), engine.OutcomePass},
	}
	batch := make([]Submission, len(subs))
	for i, s := range subs {
		batch[i] = Submission{Exercise: ex, Code: s.code, Owner: "alice"}
	}
	for res := range r.Batch(context.Background(), batch, 0) {
		if v := res.Verdict; res.Err != nil || v.Outcome != subs[res.Index].want {
			t.Errorf("submission %d: %s %q %v, want %s", res.Index, v.Outcome, v.Message, res.Err, subs[res.Index].want)
		}
	}
}

// BenchmarkPrepare measures what a check spends before building, type-check
// included, once the standard library's packages are imported.
func BenchmarkPrepare(b *testing.B) {
	r := typedRunner(b)
	ex := &engine.Exercise{ID: "sum", Test: "package sum\n\nimport (\n\t\"fmt\"\n\t\"testing\"\n)\n\nfunc TestX(t *testing.T) { fmt.Sprint(Sum(nil)) }\n"}
	code := "package sum\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n\t\"sync\"\n)\n\nvar mu sync.Mutex\n\nfunc Sum(nums []int) int {\n\tmu.Lock()\n\tdefer mu.Unlock()\n\ttotal := 0\n\tfor _, n := range nums {\n\t\ttotal += n\n\t}\n\t_ = strings.Repeat(fmt.Sprint(total), 1)\n\treturn total\n}\n"
	if _, v, final := r.prepare(context.Background(), ex, code, nil); final {
		b.Fatal(v.Message)
	}
	b.ResetTimer()
	for range b.N {
		if _, v, final := r.prepare(context.Background(), ex, code, nil); final {
			b.Fatal(v.Message)
		}
	}
}
