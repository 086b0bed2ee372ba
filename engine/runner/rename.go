package runner

import (
	"errors"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
)

// renameHidden gives every top-level name of the hidden test but init a
// suffix, the nonce, in src's units: its Test functions, TestMain,
// examples and fuzz tests too, which the harness calls by their new names
// (a learner's code that could call the Test functions could run them
// with a *testing.T of its own and read the expected values from their
// failures).
// What is renamed is what go/types says: the identifiers whose object is
// one the hidden test declares at package level, never a field, a method,
// a struct literal's key, a selector or a local of the same name.
//
// The package is type-checked as it is before renaming, with the hidden
// test first, so that where the learner's file declares a name of the
// hidden test too, the learner's is the redeclaration and the hidden
// test's names resolve to its own. Errors do not stop it: go/types still
// resolves the hidden test's names, and the compiler judges the package.
//
// It returns the type-check of the package under test when it holds for
// the package as compiled (it had no error, and renaming changes nothing
// the learner's file means), nil when that must be checked again.
func (r *Runner) renameHidden(std *stdTypes, src *source) (*typed, error) {
	var imp types.Importer = noImports{}
	if std != nil {
		imp = std
	}
	under := src.units[0]
	files := under.files
	names := slices.Sorted(maps.Keys(files))
	if i := slices.Index(names, hiddenFile); i > 0 {
		names = append([]string{hiddenFile}, slices.Delete(names, i, i+1)...)
	}
	fset := token.NewFileSet()
	info := newInfo()
	errs := 0
	pkg, parsed, _ := r.checkFiles(imp, fset, under.path, files, names, info, &errs)
	if pkg == nil {
		return nil, errors.New("the hidden test could not be read for renaming")
	}
	own := src.ownFiles(parsed)
	var tc *typed
	if errs == 0 && own != nil && std != nil {
		tc = &typed{fset: fset, own: own, info: info, std: std, vet: []vetUnit{newVetUnit(pkg, parsed, names, info, files)}}
	}
	test, testInfo, scope := parsed[hiddenFile], info, pkg.Scope()
	if src.external {
		testInfo = newInfo()
		xerrs := 0
		xpkg, xparsed, _ := r.checkFiles(withPackage{imp, exercisePath, pkg}, fset, xtestPath, src.units[1].files, []string{hiddenFile}, testInfo, &xerrs)
		if xpkg == nil {
			return nil, errors.New("the hidden test could not be read for renaming")
		}
		test, scope = xparsed[hiddenFile], xpkg.Scope()
		if tc != nil {
			if xerrs == 0 {
				tc.vet = append(tc.vet, newVetUnit(xpkg, xparsed, []string{hiddenFile}, testInfo, src.units[1].files))
			} else {
				tc.vet = nil // the test package does not compile: the compiler says why
			}
		}
	}
	if test == nil {
		return nil, errors.New("the hidden test could not be read for renaming")
	}
	tf := fset.File(test.Pos())
	hidden := func(obj types.Object) bool {
		if obj == nil || obj.Parent() != scope || fset.File(obj.Pos()) != tf {
			return false
		}
		name := obj.Name()
		return name != "_" && name != "init"
	}
	// An embedded field of a renamed type is named after it: it is renamed
	// too, where it is selected or a key.
	fields := map[types.Object]bool{}
	ast.Inspect(test, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := testInfo.Defs[id].(*types.Var); ok && v.Embedded() && hidden(testInfo.Uses[id]) {
				fields[v] = true
			}
		}
		return true
	})
	var edits []edit
	ast.Inspect(test, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj := testInfo.Uses[id]
		if obj == nil {
			obj = testInfo.Defs[id]
		}
		if hidden(obj) || fields[obj] {
			edits = append(edits, edit{pos: tf.Offset(id.Pos()), old: id.Name, new: id.Name + src.nonce})
		}
		return true
	})
	src.setTest(apply(src.units[len(src.units)-1].files[hiddenFile], edits))

	if tc != nil && !src.external {
		// Renamed, a predeclared name the hidden test declares is the
		// universe's again in the learner's file, and a name of the hidden
		// test the learner's file uses is undefined.
		for _, name := range scope.Names() {
			if hidden(scope.Lookup(name)) && types.Universe.Lookup(name) != nil {
				return nil, nil
			}
		}
		for id, obj := range info.Uses {
			if hidden(obj) && fset.File(id.Pos()) != tf {
				return nil, nil
			}
		}
	}
	return tc, nil
}

// withPackage imports one package the importer does not know, the package
// under test for its external test package.
type withPackage struct {
	types.Importer
	path string
	pkg  *types.Package
}

func (w withPackage) Import(path string) (*types.Package, error) {
	if path == w.path {
		return w.pkg, nil
	}
	return w.Importer.Import(path)
}

// noImports imports nothing: without the standard library's archives, the
// hidden test's own names still resolve.
type noImports struct{}

func (noImports) Import(path string) (*types.Package, error) {
	return nil, errors.New("no importer")
}

// setTest replaces the hidden test's source, in the last unit in both
// layouts.
func (s *source) setTest(b []byte) {
	s.units[len(s.units)-1].files[hiddenFile] = b
}
