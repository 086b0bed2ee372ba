package runner

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/atomic"
	"golang.org/x/tools/go/analysis/passes/bools"
	"golang.org/x/tools/go/analysis/passes/buildtag"
	"golang.org/x/tools/go/analysis/passes/copylock"
	"golang.org/x/tools/go/analysis/passes/defers"
	"golang.org/x/tools/go/analysis/passes/directive"
	"golang.org/x/tools/go/analysis/passes/errorsas"
	"golang.org/x/tools/go/analysis/passes/httpresponse"
	"golang.org/x/tools/go/analysis/passes/ifaceassert"
	"golang.org/x/tools/go/analysis/passes/lostcancel"
	"golang.org/x/tools/go/analysis/passes/nilfunc"
	"golang.org/x/tools/go/analysis/passes/printf"
	"golang.org/x/tools/go/analysis/passes/sigchanyzer"
	"golang.org/x/tools/go/analysis/passes/slog"
	"golang.org/x/tools/go/analysis/passes/stringintconv"
	"golang.org/x/tools/go/analysis/passes/testinggoroutine"
	"golang.org/x/tools/go/analysis/passes/tests"
	"golang.org/x/tools/go/analysis/passes/unusedresult"
	"golang.org/x/tools/go/analysis/passes/waitgroup"
)

// vetAnalyzers are the checks go test runs with vet before the tests
// (defaultVetFlags in cmd/go/internal/test): atomic, bool, buildtags,
// directive, errorsas, ifaceassert, nilfunc, printf, slog, stringintconv
// and tests.
var vetAnalyzers = []*analysis.Analyzer{
	atomic.Analyzer,
	bools.Analyzer,
	buildtag.Analyzer,
	directive.Analyzer,
	errorsas.Analyzer,
	ifaceassert.Analyzer,
	nilfunc.Analyzer,
	printf.Analyzer,
	slog.Analyzer,
	stringintconv.Analyzer,
	tests.Analyzer,
}

// concurrencyAnalyzers are vet's analyzers of concurrency mistakes that go
// test does not run (engine.VetAnalyzers names them): run on the learner's
// code, their findings fail a check for the ones the exercise's vet key
// names and are advice otherwise.
var concurrencyAnalyzers = []*analysis.Analyzer{
	copylock.Analyzer,
	defers.Analyzer,
	httpresponse.Analyzer,
	lostcancel.Analyzer,
	sigchanyzer.Analyzer,
	testinggoroutine.Analyzer,
	unusedresult.Analyzer,
	waitgroup.Analyzer,
}

// vetDiag is a diagnostic and the analyzer that made it.
type vetDiag struct {
	analysis.Diagnostic
	analyzer string
	gotest   bool // one of go test's own
}

// vetUnit is one type-checked package go test vets: the package under
// test, or an external test package.
type vetUnit struct {
	pkg   *types.Package
	files []*ast.File
	info  *types.Info
	src   map[string][]byte
}

// vetFacts keeps the facts analyzers export, for the package under test
// and its external test package; a standard package has none (its
// printf-like functions are known by name to the printf check).
type vetFacts map[vetFactKey]analysis.Fact

type vetFactKey struct {
	obj types.Object // nil for a package fact
	pkg *types.Package
	t   reflect.Type
}

// vet runs go test's vet checks on the type-checked packages, in order
// (the package under test first, so that its facts reach its external
// test package), and returns their diagnostics sorted by position.
func vet(fset *token.FileSet, units []vetUnit) ([]vetDiag, error) {
	facts := vetFacts{}
	var diags []vetDiag
	sizes := types.SizesFor("gc", runtime.GOARCH)
	for _, u := range units {
		results := map[*analysis.Analyzer]any{}
		var run func(a *analysis.Analyzer, report bool) error
		run = func(a *analysis.Analyzer, report bool) error {
			if _, done := results[a]; done {
				return nil
			}
			for _, req := range a.Requires {
				if err := run(req, false); err != nil {
					return err
				}
			}
			pass := &analysis.Pass{
				Analyzer:   a,
				Fset:       fset,
				Files:      u.files,
				Pkg:        u.pkg,
				TypesInfo:  u.info,
				TypesSizes: sizes,
				ResultOf:   map[*analysis.Analyzer]any{},
				Report: func(d analysis.Diagnostic) {
					if report {
						diags = append(diags, vetDiag{Diagnostic: d, analyzer: a.Name, gotest: slices.Contains(vetAnalyzers, a)})
					}
				},
				ReadFile: func(name string) ([]byte, error) {
					if b, ok := u.src[name]; ok {
						return b, nil
					}
					return nil, fmt.Errorf("vet: no file %s", name)
				},
				ImportObjectFact: func(obj types.Object, f analysis.Fact) bool {
					return facts.get(vetFactKey{obj: obj, t: reflect.TypeOf(f)}, f)
				},
				ImportPackageFact: func(pkg *types.Package, f analysis.Fact) bool {
					return facts.get(vetFactKey{pkg: pkg, t: reflect.TypeOf(f)}, f)
				},
				ExportObjectFact: func(obj types.Object, f analysis.Fact) {
					facts[vetFactKey{obj: obj, t: reflect.TypeOf(f)}] = f
				},
				ExportPackageFact: func(f analysis.Fact) {
					facts[vetFactKey{pkg: u.pkg, t: reflect.TypeOf(f)}] = f
				},
				AllPackageFacts: func() []analysis.PackageFact { return nil },
				AllObjectFacts:  func() []analysis.ObjectFact { return nil },
			}
			for _, req := range a.Requires {
				pass.ResultOf[req] = results[req]
			}
			res, err := a.Run(pass)
			if err != nil {
				return fmt.Errorf("vet %s: %w", a.Name, err)
			}
			results[a] = res
			return nil
		}
		for _, a := range append(slices.Clip(vetAnalyzers), concurrencyAnalyzers...) {
			if err := run(a, true); err != nil {
				return nil, err
			}
		}
	}
	slices.SortStableFunc(diags, func(a, b vetDiag) int { return cmp.Compare(a.Pos, b.Pos) })
	return diags, nil
}

func (f vetFacts) get(k vetFactKey, into analysis.Fact) bool {
	got, ok := f[k]
	if ok {
		reflect.ValueOf(into).Elem().Set(reflect.ValueOf(got).Elem())
	}
	return ok
}

// maxVetLines bounds the diagnostics a verdict lists.
const maxVetLines = 10

// vetVerdict turns vet's diagnostics into what go test would make of
// them: one in the learner's file fails its build (a compileError, with
// the learner's lines); one in the hidden test alone is the exercise's
// error, which go test would fail on too.
//
// The concurrency analyzers' findings count in the learner's files only:
// those of the analyzers in failOn fail the check as go test's own do, the
// others are returned as advice.
func vetVerdict(fset *token.FileSet, own []*ast.File, diags []vetDiag, nonce string, failOn []string) (advice []string, err error) {
	var mine, theirs []string
	for _, d := range diags {
		line := strings.ReplaceAll(fmt.Sprintf("%s: vet: %s", fset.Position(d.Pos), d.Message), nonce, "")
		learner := slices.ContainsFunc(own, func(f *ast.File) bool { return inFile(fset, f, d.Pos) })
		switch {
		case !d.gotest && !learner:
		case !d.gotest && !slices.Contains(failOn, d.analyzer):
			if len(advice) < maxVetLines {
				advice = append(advice, printable(strings.Replace(line, ": vet: ", ": vet "+d.analyzer+": ", 1)))
			}
		case !d.gotest:
			mine = append(mine, printable(strings.Replace(line, ": vet: ", ": vet "+d.analyzer+": ", 1)))
		case learner:
			mine = append(mine, printable(line))
		default:
			theirs = append(theirs, printable(line))
		}
	}
	switch {
	case len(mine) > 0:
		if len(mine) > maxVetLines {
			mine = append(mine[:maxVetLines], fmt.Sprintf("(and %d more)", len(mine)-maxVetLines))
		}
		return advice, &compileError{msg: strings.Join(mine, "\n")}
	case len(theirs) > 0:
		return advice, &hiddenVetError{lines: theirs}
	}
	return advice, nil
}

// hiddenVetError is vet's findings in the hidden test alone: the
// exercise's error, unless the learner's types made them (Runner.prepare
// asks the exercise's solution).
type hiddenVetError struct{ lines []string }

func (e *hiddenVetError) Error() string {
	return "the hidden test fails go vet, which go test runs: " + strings.Join(e.lines, "; ")
}
