package runner

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/build/constraint"
	"go/doc"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// DefaultForbidden are imports that no exercise needs and that would let a
// submission reach around the sandbox or the verdict; an exercise may allow
// them with allow_imports.
var DefaultForbidden = []string{"os/exec", "os/signal", "plugin", "runtime/cgo", "runtime/debug", "runtime/pprof", "net/http/pprof", "syscall", "unsafe", "reflect/internal"}

// source is a submission turned into the packages of a test binary, built
// as go test builds them: the package under test (the learner's file, the
// hidden test when it is in the same package, and a file importing the
// guard), in an external layout the test package, and a generated main
// package of its own that drives their tests.
type source struct {
	units   []unit   // compiled in order; the last holds the tests
	imports []string // standard packages imported
	tests   []string // the hidden test's Test functions, examples with output and fuzz tests: what must pass
	funcs   testFuncs
	hasMain bool   // the hidden test has a TestMain, renamed with the nonce
	nonce   string // suffix of every renamed identifier
	file    string // the learner's file name
	// support are the support files compiled with the learner's file, and
	// own the learner's files among them and theirs: the learner's file
	// and the editable support files, held to the exercise's rules.
	support []string
	own     []string
	advice  []string // vet's concurrency findings the exercise does not fail on
	// external says the hidden test is an external test package, the
	// last unit; otherwise it is a file of the package under test.
	external bool

	// shareable says whether the package under test could share a test
	// binary with others (an in-package test without TestMain that starts
	// nothing), and combinable whether that is safe, once the learner's
	// file is type-checked: neither file runs any code of its own when the
	// binary starts (see startsNothing), so the other submissions in the
	// binary can neither disturb nor be disturbed by it.
	shareable  bool
	combinable bool

	// unchecked says why the learner's file could not be type-checked
	// for the rules: if the compiler accepts it anyway, it is refused.
	unchecked string

	fset  *token.FileSet
	owned map[string]*ast.File // the learner's files as parsed, until the rules are checked
}

// unit is one package of a test binary: its import path and its files.
type unit struct {
	path  string
	files map[string][]byte
}

// The import paths of the package under test and of an external test
// package, as the harness and the hidden test import them.
const (
	exercisePath = "exercise"
	xtestPath    = "exercise_test"
)

// ruleError is a submission refused before building, with the learner's line.
type ruleError struct{ msg string }

func (e *ruleError) Error() string { return e.msg }

func newNonce() string {
	var b [6]byte
	rand.Read(b[:])
	return "__" + hex.EncodeToString(b[:])
}

// prepare checks the learner's code against the exercise's rules and turns
// it and the hidden test into the packages of a test binary, the harness
// reporting through the guard. The hidden test is as the exercise has it
// until the package is type-checked: then its own names get a suffix no
// submission can guess, so that code cannot reach the test's data
// (Runner.checkTyped, renameHidden).
func prepare(ex *engine.Exercise, code string, edits map[string]string) (*source, error) {
	s := &source{nonce: newNonce(), file: ex.FileName(), own: []string{ex.FileName()}}
	if err := checkSize(s.file, code); err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	learner, err := parser.ParseFile(fset, s.file, code, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		if learner != nil {
			// A line directive would have moved the error's position.
			if err := checkDirectives(fset, learner); err != nil {
				return nil, err
			}
		}
		return nil, &compileError{msg: err.Error()}
	}
	if err := checkRules(fset, learner, ex, true); err != nil {
		return nil, err
	}
	owned := map[string]*ast.File{s.file: learner}
	test, err := parser.ParseFile(fset, hiddenFile, ex.Test, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("the hidden test does not parse: %w", err)
	}
	want := strings.TrimSuffix(test.Name.Name, "_test")
	external := test.Name.Name != want
	if learner.Name.Name != want {
		return nil, &compileError{msg: fmt.Sprintf("%s: the file must be package %s, not %s", fset.Position(learner.Name.Pos()), want, learner.Name.Name)}
	}

	// The package under test imports the guard, so that the guard is
	// initialised (and takes the key) before any of the learner's code
	// runs.
	pkg := unit{path: exercisePath, files: map[string][]byte{
		s.file:      []byte(code),
		guardImport: fmt.Appendf(nil, "package %s\n\nimport _ %q\n", learner.Name.Name, guardPath),
	}}
	parsed := []*ast.File{learner, test}
	startsCode := false // a read-only support file runs code of its own at start
	for _, sf := range ex.Support {
		f, text, err := supportFile(fset, ex, sf, edits, want)
		if err != nil {
			return nil, err
		}
		pkg.files[sf.Name] = text
		s.support = append(s.support, sf.Name)
		parsed = append(parsed, f)
		if sf.Editable {
			s.own = append(s.own, sf.Name)
			owned[sf.Name] = f
		} else if !inert(f) {
			startsCode = true
		}
	}
	// The hidden test is renamed once the package is type-checked
	// (renameHidden).
	testSrc := []byte(ex.Test)
	hasMain := slices.ContainsFunc(test.Decls, func(d ast.Decl) bool {
		return slices.ContainsFunc(topLevelNames(d), func(id *ast.Ident) bool { return id.Name == "TestMain" })
	})
	s.hasMain, s.external = hasMain, external
	if external {
		// The test imports the learner's package as "exercise".
		s.units = []unit{pkg, {path: xtestPath, files: map[string][]byte{hiddenFile: testSrc}}}
	} else {
		pkg.files[hiddenFile] = testSrc
		s.units = []unit{pkg}
		s.shareable = !hasMain && inert(test) && !startsCode && !slices.Contains(ex.AllowImports, "unsafe")
	}
	s.fset, s.owned = fset, owned
	s.funcs = hiddenFuncs(test)
	if len(s.funcs.tests) == 0 {
		return nil, fmt.Errorf("the hidden test has no Test functions")
	}
	s.tests = s.funcs.names()
	for _, f := range parsed {
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p != exercisePath || !external {
				s.imports = append(s.imports, p)
			}
		}
	}
	slices.Sort(s.imports)
	s.imports = slices.Compact(s.imports)
	return s, nil
}

const (
	hiddenFile  = "hidden_test.go"
	harnessFile = "asynclings_main.go"
	guardImport = "asynclings_guard.go"
)

type compileError struct{ msg string }

func (e *compileError) Error() string { return e.msg }

// supportFile parses one of the exercise's support files as it is compiled:
// the course's copy of a read-only one, the learner's of an editable one
// (held to the exercise's rules as the learner's file is).
func supportFile(fset *token.FileSet, ex *engine.Exercise, sf engine.SupportFile, edits map[string]string, want string) (*ast.File, []byte, error) {
	text := sf.Code
	if mine, ok := edits[sf.Name]; ok && sf.Editable {
		if err := checkSize(sf.Name, mine); err != nil {
			return nil, nil, err
		}
		text = mine
	}
	f, err := parser.ParseFile(fset, sf.Name, text, parser.ParseComments|parser.SkipObjectResolution)
	switch {
	case err != nil && !sf.Editable:
		return nil, nil, fmt.Errorf("the support file %s does not parse: %w", sf.Name, err)
	case err != nil:
		if f != nil {
			if err := checkDirectives(fset, f); err != nil {
				return nil, nil, err
			}
		}
		return nil, nil, &compileError{msg: err.Error()}
	case sf.Editable:
		if err := checkRules(fset, f, ex, false); err != nil {
			return nil, nil, err
		}
	}
	if f.Name.Name != want {
		msg := fmt.Sprintf("%s: the file must be package %s, not %s", fset.Position(f.Name.Pos()), want, f.Name.Name)
		if !sf.Editable {
			return nil, nil, errors.New("the support file " + msg)
		}
		return nil, nil, &compileError{msg: msg}
	}
	return f, []byte(text), nil
}

// maxSourceBytes bounds each of the learner's files. Before the compiler
// (bounded) sees them, the runner parses, type-checks and vets them in its
// own process: an expression nested as deep as the parser allows (100000
// parentheses) costs it a second of CPU and 280 MB, a few megabytes of
// them a minute and gigabytes. 128 KiB is twenty times the longest
// solution of the course and holds the worst file to about half that.
const maxSourceBytes = 128 << 10

// checkSize refuses a learner's file larger than maxSourceBytes.
func checkSize(name, code string) error {
	if len(code) > maxSourceBytes {
		return &ruleError{msg: fmt.Sprintf("%s: the file has %d KiB of code; exercises take at most %d KiB", name, len(code)>>10, maxSourceBytes>>10)}
	}
	return nil
}

// checkRules refuses what an exercise does not allow, before anything runs;
// main says f is the learner's file, which must import what the exercise
// requires (an editable support file need not).
func checkRules(fset *token.FileSet, f *ast.File, ex *engine.Exercise, main bool) error {
	// First: a line directive would change the positions of the rest.
	if err := checkDirectives(fset, f); err != nil {
		return err
	}
	at := func(n ast.Node) string { return fset.Position(n.Pos()).String() }
	forbidden := append(slices.Clone(DefaultForbidden), ex.ForbidImports...)
	have := map[string]bool{}
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return &compileError{msg: at(imp) + ": bad import path"}
		}
		have[p] = true
		switch {
		case !validImportPath(p):
			return &ruleError{msg: fmt.Sprintf("%s: %q is not a valid import path", at(imp), p)}
		case p == "C":
			return &ruleError{msg: at(imp) + `: import "C" (cgo) is not allowed in exercises`}
		case slices.Contains(forbidden, p) && !slices.Contains(ex.AllowImports, p):
			return &ruleError{msg: fmt.Sprintf("%s: import %q is not allowed in this exercise", at(imp), p)}
		case strings.Contains(strings.SplitN(p, "/", 2)[0], ".") || p == "exercise" || strings.HasPrefix(p, "exercise/"):
			return &ruleError{msg: fmt.Sprintf("%s: import %q: exercises use the standard library only", at(imp), p)}
		case slices.Contains(strings.Split(p, "/"), "internal") || strings.HasPrefix(p, "vendor/"):
			return &ruleError{msg: fmt.Sprintf("%s: import %q: internal packages of the standard library cannot be imported", at(imp), p)}
		}
	}
	for _, p := range ex.RequireImports {
		if main && !have[p] {
			return &ruleError{msg: fmt.Sprintf("%s: this exercise asks you to use package %q: import it", at(f.Name), p)}
		}
	}
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "TestMain" {
			return &ruleError{msg: at(fn) + ": TestMain belongs to the test harness; remove it"}
		}
		// The hidden test shares the learner's package: a package-level
		// append, nil or true of the learner's would be the test's too.
		for _, id := range topLevelNames(d) {
			if slices.Contains(predeclared, id.Name) {
				return &ruleError{msg: fmt.Sprintf("%s: %s is predeclared in Go, and declared here it would change what %s means in the hidden test too: give yours another name", at(id), id.Name, id.Name)}
			}
		}
	}
	return nil
}

// allowedDirectives are the //go: directives a learner's file may hold:
// the build constraint, and two that only other tools read.
var allowedDirectives = []string{"build", "generate", "fix"}

// checkDirectives refuses compiler directives in the learner's file, which
// would change how it is built (//go:norace, //go:linkname,
// //go:cgo_import_dynamic, //go:embed...), and line directives, which would
// change which file and line a message names. Only the allowed //go: ones
// are let through, wherever any comment is.
func checkDirectives(fset *token.FileSet, f *ast.File) error {
	for _, g := range f.Comments {
		for _, c := range g.List {
			text := c.Text
			if rest, ok := strings.CutPrefix(text, "//go:"); ok {
				name := rest
				if i := strings.IndexFunc(rest, func(r rune) bool { return r == ' ' || r == '\t' }); i >= 0 {
					name = rest[:i]
				}
				if !slices.Contains(allowedDirectives, name) {
					return &ruleError{msg: fmt.Sprintf("%s: //go:%s is a compiler directive: exercises may not change how they are built", fset.Position(c.Pos()), printable(name))}
				}
				continue
			}
			rest, ok := strings.CutPrefix(text, "//line")
			if !ok {
				rest, ok = strings.CutPrefix(text, "/*line")
			}
			if ok && (rest == "" || rest == "*/" || !isWordByte(rest[0])) {
				return &ruleError{msg: fmt.Sprintf("%s: a //line directive would make messages name another file or line: remove it", fset.Position(c.Pos()))}
			}
		}
	}
	return nil
}

func isWordByte(b byte) bool {
	return b == '_' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b >= 0x80
}

// predeclared are the names of Go's universe block.
var predeclared = []string{
	"any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64",
	"int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
	"true", "false", "iota", "nil",
	"append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max", "min",
	"new", "panic", "print", "println", "real", "recover",
}

// topLevelNames are the names a package-level declaration declares.
func topLevelNames(d ast.Decl) []*ast.Ident {
	var names []*ast.Ident
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			names = append(names, d.Name)
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.ValueSpec:
				names = append(names, s.Names...)
			case *ast.TypeSpec:
				names = append(names, s.Name)
			}
		}
	}
	return names
}

type edit struct {
	pos      int
	old, new string
}

// apply replaces text at byte offsets, keeping every line where it was.
func apply(src []byte, edits []edit) []byte {
	slices.SortFunc(edits, func(a, b edit) int { return a.pos - b.pos })
	var out []byte
	last := 0
	for _, e := range edits {
		if e.pos < last || string(src[e.pos:e.pos+len(e.old)]) != e.old {
			continue
		}
		out = append(out, src[last:e.pos]...)
		out = append(out, e.new...)
		last = e.pos + len(e.old)
	}
	return append(out, src[last:]...)
}

// testPkg is a package whose tests a harness runs.
type testPkg struct {
	key     string // what selects it in a shared binary (submissionEnv)
	path    string
	funcs   testFuncs
	hasMain bool   // it has a TestMain, named TestMain+nonce
	nonce   string // the suffix of its examples, fuzz tests and TestMain
}

// testFuncs are what go test runs of a test file: its Test functions, its
// examples with an output comment and its fuzz tests (their seeds).
type testFuncs struct {
	tests    []string
	examples []*doc.Example
	fuzz     []string
}

func (f testFuncs) names() []string {
	names := slices.Clone(f.tests)
	for _, e := range f.examples {
		names = append(names, "Example"+e.Name)
	}
	return append(names, f.fuzz...)
}

// hiddenFuncs finds what go test would run in the hidden test.
func hiddenFuncs(f *ast.File) testFuncs {
	var funcs testFuncs
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && isTestName(fn.Name.Name) {
			funcs.tests = append(funcs.tests, fn.Name.Name)
		}
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && isFuzzName(fn.Name.Name) {
			funcs.fuzz = append(funcs.fuzz, fn.Name.Name)
		}
	}
	for _, e := range doc.Examples(f) {
		if e.Output != "" || e.EmptyOutput {
			funcs.examples = append(funcs.examples, e)
		}
	}
	return funcs
}

// harness is the test binary's main, a package of its own as go test
// generates it: it hands the tests of a package it imports to the guard,
// which runs each watched and records when all of them are over. Nothing in
// it shares a scope with the packages under test, so no name of theirs can
// clash with its own. With several packages (a shared binary), the
// environment's submissionEnv says whose tests to run.
func harness(pkgs []testPkg) []byte {
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n")
	if len(pkgs) > 1 {
		b.WriteString("\t\"os\"\n")
	}
	fmt.Fprintf(&b, "\t\"testing\"\n\n\tguard %q\n", guardPath)
	for i, p := range pkgs {
		fmt.Fprintf(&b, "\tp%d %q\n", i, p.path)
	}
	b.WriteString(")\n\nfunc main() {\n")
	run := func(i int, p testPkg) {
		var names, fns, examples, fuzz []string
		for _, t := range p.funcs.tests {
			names = append(names, strconv.Quote(t))
			fns = append(fns, fmt.Sprintf("p%d.%s%s", i, t, p.nonce))
		}
		for _, e := range p.funcs.examples {
			examples = append(examples, fmt.Sprintf("{Name: %q, F: p%d.Example%s%s, Output: %q, Unordered: %v}", "Example"+e.Name, i, e.Name, p.nonce, e.Output, e.Unordered))
		}
		for _, f := range p.funcs.fuzz {
			fuzz = append(fuzz, fmt.Sprintf("{Name: %q, F: p%d.%s%s}", f, i, f, p.nonce))
		}
		testMain := "nil"
		if p.hasMain {
			testMain = fmt.Sprintf("p%d.TestMain%s", i, p.nonce)
		}
		fmt.Fprintf(&b, "guard.Run([]string{%s}, []func(*testing.T){%s}, []guard.Example{%s}, []guard.Fuzz{%s}, %s)\n",
			strings.Join(names, ", "), strings.Join(fns, ", "), strings.Join(examples, ", "), strings.Join(fuzz, ", "), testMain)
	}
	if len(pkgs) == 1 {
		b.WriteString("\t")
		run(0, pkgs[0])
	} else {
		fmt.Fprintf(&b, "\tswitch os.Getenv(%q) {\n", submissionEnv)
		for i, p := range pkgs {
			fmt.Fprintf(&b, "\tcase %q:\n\t\t", p.key)
			run(i, p)
		}
		b.WriteString("\t}\n\tguard.Run(nil, nil, nil, nil, nil)\n")
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

// validImportPath accepts the import paths of the standard library's shape:
// slash-separated elements of letters, digits and ._-+~, none empty or dots
// only. Anything else, such as a path that looks like a flag, never reaches
// a tool.
func validImportPath(p string) bool {
	if p == "" {
		return false
	}
	for _, elem := range strings.Split(p, "/") {
		if elem == "" || strings.Trim(elem, ".") == "" || elem[0] == '-' {
			return false
		}
		for _, r := range elem {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-+~", r)) {
				return false
			}
		}
	}
	return true
}

// inert reports whether the hidden test runs no code when its package is
// initialised: it has no init function and no package variable whose value
// needs a call. (The learner's file is held to more: see startsNothing.)
func inert(f *ast.File) bool {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name == "init" {
				return false
			}
		case *ast.GenDecl:
			if d.Tok != token.VAR {
				continue
			}
			calls := false
			ast.Inspect(d, func(n ast.Node) bool {
				if _, ok := n.(*ast.CallExpr); ok {
					calls = true
				}
				return !calls
			})
			if calls {
				return false
			}
		}
	}
	return true
}

// prepare checks a submission's rules; final is set when the verdict is
// already known.
func (r *Runner) prepare(ctx context.Context, ex *engine.Exercise, code string, edits map[string]string) (src *source, v engine.Verdict, final bool) {
	src, err := prepare(ex, code, edits)
	if err == nil {
		src.nonce = r.built.nonce(ex, code, edits) // before anything is renamed
		err = r.testConstraint(ex)
	}
	if err == nil {
		err = r.supportConstraints(ex, src)
	}
	if err == nil {
		err = r.checkTyped(ctx, ex, src)
	}
	var hidden *hiddenVetError
	if errors.As(err, &hidden) && ex.Solution != "" && code != ex.Solution {
		// The hidden test's findings may be the learner's doing (a result
		// of another type than the test formats with %d): go test fails
		// the learner's build then. They are the exercise's only when its
		// own solution makes them too.
		if _, _, final := r.prepare(ctx, ex, ex.Solution, nil); !final {
			lines := make([]string, len(hidden.lines))
			for i, l := range hidden.lines {
				if _, msg, ok := strings.Cut(l, ": vet: "); ok {
					l = "the hidden test: vet: " + msg
				}
				lines[i] = l
			}
			err = &compileError{msg: strings.Join(lines, "\n")}
		}
	}
	var rule *ruleError
	var cerr *compileError
	switch {
	case errors.As(err, &rule):
		return nil, finish(engine.Verdict{Outcome: engine.OutcomeRuleViolation, Message: rule.msg}, time.Now(), nil), true
	case errors.As(err, &cerr):
		return nil, finish(engine.Verdict{Outcome: engine.OutcomeCompileError, Message: cerr.msg}, time.Now(), nil), true
	case err != nil:
		return nil, finish(engine.Verdict{}, time.Now(), fmt.Errorf("check %s: %w", ex.ID, err)), true
	}
	return src, engine.Verdict{}, false
}

// checkTyped renames the hidden test's own names by their types
// (renameHidden) and holds the learner's file to what needs its types: its
// build constraint, the ways to raw memory, and whether it may share a test
// binary.
func (r *Runner) checkTyped(ctx context.Context, ex *engine.Exercise, src *source) error {
	fset, owned := src.fset, src.owned
	src.fset, src.owned = nil, nil
	var consts int64
	var files []*ast.File
	for _, name := range src.own {
		if err := r.buildConstraint(ex, fset, owned[name], src.units[0].files[name]); err != nil {
			return err
		}
		consts += constBytes(owned[name])
		files = append(files, owned[name])
	}
	std, err := r.stdFor(ctx, ex.Race, src.imports)
	var imp types.Importer // the standard library's method sets
	if std != nil {
		imp = std
	}
	var tooBig error
	switch {
	case consts > maxConstBytes:
		tooBig = errTooBig
	case typePaths(files) > maxTypePaths:
		tooBig = errTooNested
	case typeGrowth(files) > maxTypeGrowth:
		tooBig = errTooGeneric
	case methodPairs(files, imp) > maxMethodPairs:
		tooBig = errTooManyMethods
	case scopeEnds(files) > maxScopeEnds:
		tooBig = errTooDeep
	case instances(files) > maxInstances:
		tooBig = errTooManyInstances
	}
	if tooBig != nil {
		// Refused, whatever the compiler would make of it; so it is not
		// asked, which for a file made to hold it up would take the
		// compiler's whole bound.
		return &ruleError{msg: uncheckedMessage(src.file, tooBig.Error())}
	}
	tc, rerr := r.renameHidden(std, src)
	if rerr != nil {
		return rerr
	}
	if tc == nil && err == nil {
		tc, err = r.typeCheck(std, src)
	}
	if err != nil {
		src.unchecked = strings.ReplaceAll(err.Error(), src.nonce, "")
		return nil
	}
	fset, info := tc.fset, tc.info
	src.combinable = src.shareable
	for _, f := range tc.own {
		if !slices.Contains(ex.AllowImports, "unsafe") {
			if err := rawMemory(fset, f, info, std); err != nil {
				return err
			}
		}
		if err := stdWrites(fset, f, info); err != nil {
			return err
		}
		if err := stackReads(fset, f, info, ex.AllowImports); err != nil {
			return err
		}
		src.combinable = src.combinable && startsNothing(fset, f, info)
	}
	// go test vets the packages before it runs the tests.
	diags, err := safeVet(src.file, fset, tc.vet)
	if err != nil {
		return err
	}
	src.advice, err = vetVerdict(fset, tc.own, diags, src.nonce, ex.Vet)
	return err
}

// safeVet runs vet's analyzers, which run in the runner's own process: a
// panic of one of theirs (a bug a line of code can reach, such as printf's
// on a method expression of an unnamed interface type,
// interface{ Len() int }.Len) is a rule violation of the learner's file,
// which go vet too would fail on, not the end of the process, and in a
// batch of every other submission's check.
func safeVet(file string, fset *token.FileSet, units []vetUnit) (diags []vetDiag, err error) {
	defer func() {
		if p := recover(); p != nil {
			diags, err = nil, &ruleError{msg: uncheckedMessage(file, "go vet fails on it")}
		}
	}()
	return vet(fset, units)
}

// supportConstraints leaves out the read-only support files that go test
// would not build here, by their names and build constraints; an editable
// one is the learner's, held to its constraint as their file is.
func (r *Runner) supportConstraints(ex *engine.Exercise, src *source) error {
	for _, sf := range ex.Support {
		if sf.Editable {
			continue
		}
		ok, err := r.matchNamed(ex, sf.Name, src.units[0].files[sf.Name])
		if err != nil {
			return fmt.Errorf("the support file %s: %v", sf.Name, err)
		}
		if !ok {
			delete(src.units[0].files, sf.Name)
			src.support = slices.DeleteFunc(src.support, func(n string) bool { return n == sf.Name })
		}
	}
	return nil
}

// uncheckedVerdict refuses a file that built although it could not be
// type-checked for the rules; ok is false for one that was checked.
func (src *source) uncheckedVerdict() (v engine.Verdict, ok bool) {
	if src.unchecked == "" {
		return engine.Verdict{}, false
	}
	return engine.Verdict{Outcome: engine.OutcomeRuleViolation, Message: uncheckedMessage(src.file, src.unchecked)}, true
}

func uncheckedMessage(file, why string) string {
	return fmt.Sprintf("%s: the runner could not check this file against the exercise's rules (%s), so it does not run it", file, printable(why))
}

// buildConstraint excludes the learner's file as go test would: by its
// //go:build line, for this system, without cgo, with the race tag when the
// exercise is run under the race detector and the toolchain's release tags.
func (r *Runner) buildConstraint(ex *engine.Exercise, fset *token.FileSet, f *ast.File, code []byte) error {
	var line *ast.Comment
	for _, g := range f.Comments {
		if g.Pos() > f.Package {
			break
		}
		for _, c := range g.List {
			if constraint.IsGoBuild(c.Text) || constraint.IsPlusBuild(c.Text) {
				line = c
				break
			}
		}
		if line != nil {
			break
		}
	}
	if line == nil {
		return nil
	}
	ok, err := r.matchFile(ex, code)
	at := fset.Position(line.Pos())
	switch {
	case err != nil:
		return &compileError{msg: fmt.Sprintf("%s: %s", at, printable(strings.TrimPrefix(err.Error(), "./learner.go: ")))}
	case !ok:
		return &compileError{msg: fmt.Sprintf("%s: the build constraint %s excludes this file on %s, without cgo: go test would not build it", at, printable(line.Text), system(ex))}
	}
	return nil
}

// testConstraint honours the hidden test's build constraint as go test
// would: a hidden test it excludes leaves no test to run, which is the
// exercise's fault.
func (r *Runner) testConstraint(ex *engine.Exercise) error {
	ok, err := r.matchFile(ex, []byte(ex.Test))
	switch {
	case err != nil:
		return fmt.Errorf("the hidden test's build constraint: %s", strings.TrimPrefix(err.Error(), "./learner.go: "))
	case !ok:
		return fmt.Errorf("the hidden test's build constraint excludes it on %s, without cgo: go test would run no test of this exercise", system(ex))
	}
	return nil
}

// system names the system files are built for.
func system(ex *engine.Exercise) string {
	on := runtime.GOOS + "/" + runtime.GOARCH
	if ex.Race {
		on += " with the race detector"
	}
	return on
}

// matchFile evaluates a file's build constraint as go test would: for this
// system, without cgo, with the race tag when the exercise is run under the
// race detector and the toolchain's release tags.
func (r *Runner) matchFile(ex *engine.Exercise, code []byte) (bool, error) {
	// The exercise names the file; only its constraint counts.
	return r.matchNamed(ex, "learner.go", code)
}

// matchNamed is matchFile for a file whose name counts too (x_linux.go).
func (r *Runner) matchNamed(ex *engine.Exercise, name string, code []byte) (bool, error) {
	ctxt := build.Default
	ctxt.GOOS, ctxt.GOARCH, ctxt.Compiler = runtime.GOOS, runtime.GOARCH, "gc"
	ctxt.CgoEnabled = false
	ctxt.BuildTags = nil
	if ex.Race {
		ctxt.BuildTags = []string{"race"}
	}
	ctxt.ReleaseTags = releaseTags(r.tc.lang)
	ctxt.JoinPath = func(elem ...string) string { return strings.Join(elem, "/") }
	ctxt.OpenFile = func(string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(code)), nil }
	return ctxt.MatchFile(".", name)
}

// releaseTags are go1.1 to the toolchain's language version, as go/build has them.
func releaseTags(lang string) []string {
	minor, err := strconv.Atoi(strings.TrimPrefix(lang, "go1."))
	if err != nil {
		return build.Default.ReleaseTags
	}
	var tags []string
	for i := 1; i <= minor; i++ {
		tags = append(tags, "go1."+strconv.Itoa(i))
	}
	return tags
}
