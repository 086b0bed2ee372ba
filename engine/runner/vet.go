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
	"golang.org/x/tools/go/analysis/passes/directive"
	"golang.org/x/tools/go/analysis/passes/errorsas"
	"golang.org/x/tools/go/analysis/passes/ifaceassert"
	"golang.org/x/tools/go/analysis/passes/nilfunc"
	"golang.org/x/tools/go/analysis/passes/printf"
	"golang.org/x/tools/go/analysis/passes/slog"
	"golang.org/x/tools/go/analysis/passes/stringintconv"
	"golang.org/x/tools/go/analysis/passes/tests"
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
func vet(fset *token.FileSet, units []vetUnit) ([]analysis.Diagnostic, error) {
	facts := vetFacts{}
	var diags []analysis.Diagnostic
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
						diags = append(diags, d)
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
		for _, a := range vetAnalyzers {
			if err := run(a, true); err != nil {
				return nil, err
			}
		}
	}
	slices.SortStableFunc(diags, func(a, b analysis.Diagnostic) int { return cmp.Compare(a.Pos, b.Pos) })
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
func vetVerdict(fset *token.FileSet, own []*ast.File, diags []analysis.Diagnostic, nonce string) error {
	var mine, theirs []string
	for _, d := range diags {
		line := strings.ReplaceAll(fmt.Sprintf("%s: vet: %s", fset.Position(d.Pos), d.Message), nonce, "")
		if slices.ContainsFunc(own, func(f *ast.File) bool { return inFile(fset, f, d.Pos) }) {
			mine = append(mine, printable(line))
		} else {
			theirs = append(theirs, printable(line))
		}
	}
	switch {
	case len(mine) > 0:
		if len(mine) > maxVetLines {
			mine = append(mine[:maxVetLines], fmt.Sprintf("(and %d more)", len(mine)-maxVetLines))
		}
		return &compileError{msg: strings.Join(mine, "\n")}
	case len(theirs) > 0:
		return fmt.Errorf("the hidden test fails go vet, which go test runs: %s", strings.Join(theirs, "; "))
	}
	return nil
}
