package runner

import (
	"context"
	"fmt"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// stdTypes imports standard library packages for go/types from the export
// data of the archives the runner compiles with, so that the learner's file
// is type-checked against the very packages it is built with. A Runner keeps
// one for each race variant: packages are imported once and kept.
type stdTypes struct {
	mu    sync.Mutex
	fset  *token.FileSet
	files map[string]string // import path -> compiled archive
	imp   types.Importer
}

// typeChecks is a Runner's importers, by race variant.
type typeChecks struct{ variants [2]stdTypes }

func (tc *typeChecks) variant(race bool) *stdTypes {
	s := &tc.variants[raceIndex(race)]
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.imp == nil {
		s.fset = token.NewFileSet()
		s.files = map[string]string{}
		s.imp = importer.ForCompiler(s.fset, "gc", func(path string) (io.ReadCloser, error) {
			file, ok := s.files[path] // called from Import, under s.mu
			if !ok {
				return nil, fmt.Errorf("%w: %s", errNotStd, path)
			}
			return os.Open(file)
		})
	}
	return s
}

// learn adds the archives an import configuration names.
func (s *stdTypes) learn(importcfg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for line := range strings.Lines(importcfg) {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "packagefile "); ok {
			if path, file, ok := strings.Cut(rest, "="); ok {
				s.files[path] = file
			}
		}
	}
}

// Import is safe for concurrent use: packages come from export data, complete,
// and are shared by every check afterwards.
func (s *stdTypes) Import(path string) (*types.Package, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.imp.Import(path)
}

// maxConstBytes bounds the string constants of a file that is type-checked
// in the runner's own process: go/types builds them, and a few doubling
// declarations would make one of gigabytes.
const maxConstBytes = 1 << 20

// typed is a type-checked package under test: the learner's file in it
// and what go/types found.
type typed struct {
	fset *token.FileSet
	own  []*ast.File // the learner's files, as compiled
	info *types.Info
	std  *stdTypes
	vet  []vetUnit // the packages go test vets, the package under test first
}

// stdFor is the runner's importer for a race variant, knowing the
// archives of the given standard packages.
func (r *Runner) stdFor(ctx context.Context, race bool, imports []string) (*stdTypes, error) {
	checks := r.types
	if checks == nil {
		checks = &typeChecks{}
	}
	std := checks.variant(race)
	cfg, err := r.tc.importcfg(ctx, r.CacheDir, race, imports)
	if err != nil {
		return nil, err
	}
	std.learn(cfg)
	return std, nil
}

func newInfo() *types.Info {
	return &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Instances:  map[*ast.Ident]types.Instance{},
		Implicits:  map[ast.Node]types.Object{},
		// What the vet checks need too.
		Scopes:       map[ast.Node]*types.Scope{},
		FileVersions: map[*ast.File]string{},
	}
}

// checkFiles parses files and type-checks them as the package path, in the
// order of names. With errs, it goes on after errors and counts them in
// *errs; without, it stops at the first.
func (r *Runner) checkFiles(imp types.Importer, fset *token.FileSet, path string, files map[string][]byte, names []string, info *types.Info, errs *int) (*types.Package, map[string]*ast.File, error) {
	parsed := map[string]*ast.File{}
	var list []*ast.File
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, files[name], parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, nil, err
		}
		parsed[name] = f
		list = append(list, f)
	}
	conf := types.Config{
		GoVersion: r.tc.lang,
		Importer:  imp,
		Sizes:     types.SizesFor("gc", runtime.GOARCH),
	}
	if errs != nil {
		conf.Error = func(error) { *errs++ }
	}
	pkg, err := conf.Check(path, fset, list, info)
	return pkg, parsed, err
}

// typeCheck type-checks the package the learner's file is compiled in (the
// learner's file, the file importing the guard, and in the usual layout the
// hidden test), as it is compiled, against the compiled standard library.
// An error means go/types refused it: what the compiler makes of it
// decides the verdict.
// learner is the learner's file as compiled, whose lines are the learner's.
func (r *Runner) typeCheck(std *stdTypes, src *source) (*typed, error) {
	files := src.units[0].files
	fset := token.NewFileSet()
	info := newInfo()
	names := slices.Sorted(maps.Keys(files))
	pkg, parsed, err := r.checkFiles(std, fset, src.units[0].path, files, names, info, nil)
	if err != nil {
		return nil, err
	}
	return &typed{fset: fset, own: src.ownFiles(parsed), info: info, std: std, vet: []vetUnit{newVetUnit(pkg, parsed, names, info, files)}}, nil
}

// ownFiles picks the learner's files out of the parsed package, nil when
// one of them is missing.
func (s *source) ownFiles(parsed map[string]*ast.File) []*ast.File {
	var own []*ast.File
	for _, name := range s.own {
		f := parsed[name]
		if f == nil {
			return nil
		}
		own = append(own, f)
	}
	return own
}

func newVetUnit(pkg *types.Package, parsed map[string]*ast.File, names []string, info *types.Info, src map[string][]byte) vetUnit {
	u := vetUnit{pkg: pkg, info: info, src: src}
	for _, name := range names {
		u.files = append(u.files, parsed[name])
	}
	return u
}

var (
	errTooBig           = fmt.Errorf("its string constants would take more than %d MiB", maxConstBytes>>20)
	errTooNested        = fmt.Errorf("its types nest values in values more than %d ways", maxTypePaths)
	errTooManyMethods   = fmt.Errorf("its interfaces and types have more than %d pairs of methods to match", maxMethodPairs)
	errTooManyInstances = fmt.Errorf("its generic types could have more than %d instances", maxInstances)
	errTooGeneric       = fmt.Errorf("its uses of generics could make types of more than %d parts", maxTypeGrowth)
	errTooDeep          = fmt.Errorf("its nested function types and else ifs would take more than %d steps to scope", maxScopeEnds)
)

// maxTypePaths bounds the ways the types a learner's files declare hold
// values within values (struct fields, array elements, embedded interfaces
// and unions, type arguments), followed to the end. go/types walks every
// one of them once per type to find cycles, so twenty types of two fields
// of the one before would hold it for minutes.
const maxTypePaths = 1 << 16

// typePaths is an upper bound of the ways the types that files declare
// hold values within values (see maxTypePaths), counted by name: types of
// other files and packages count one, as do pointers, slices, maps,
// channels and functions, which go/types does not walk into.
func typePaths(files []*ast.File) int64 {
	decls := map[string][]*ast.TypeSpec{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if ts, ok := n.(*ast.TypeSpec); ok {
				decls[ts.Name.Name] = append(decls[ts.Name.Name], ts)
			}
			return true
		})
	}
	memo := map[string]int64{}
	var paths func(e ast.Expr) int64
	byName := func(name string) int64 {
		if n, ok := memo[name]; ok {
			return n
		}
		memo[name] = 1 // a cycle, refused by the type checker
		var n int64 = 1
		for _, ts := range decls[name] {
			n = max(n, paths(ts.Type))
		}
		memo[name] = n
		return n
	}
	paths = func(e ast.Expr) int64 {
		switch e := e.(type) {
		case *ast.Ident:
			return byName(e.Name)
		case *ast.ParenExpr:
			return paths(e.X)
		case *ast.ArrayType:
			if e.Len == nil {
				return 1
			}
			return addSat(1, paths(e.Elt))
		case *ast.StructType:
			n := int64(1)
			for _, f := range e.Fields.List {
				n = addSat(n, mulSat(int64(max(len(f.Names), 1)), paths(f.Type)))
			}
			return n
		case *ast.InterfaceType:
			n := int64(1)
			for _, f := range e.Methods.List {
				if len(f.Names) == 0 {
					n = addSat(n, paths(f.Type))
				}
			}
			return n
		case *ast.BinaryExpr: // a union
			return addSat(paths(e.X), paths(e.Y))
		case *ast.UnaryExpr: // ~T
			return paths(e.X)
		case *ast.IndexExpr:
			// An instance is its type's definition with each type
			// parameter, a leaf, replaced by the argument.
			return mulSat(paths(e.X), paths(e.Index))
		case *ast.IndexListExpr:
			var arg int64 = 1
			for _, a := range e.Indices {
				arg = max(arg, paths(a))
			}
			return mulSat(paths(e.X), arg)
		}
		return 1
	}
	var total int64
	for name := range decls {
		total = addSat(total, byName(name))
	}
	return total
}

// inFile reports whether pos is in f.
func inFile(fset *token.FileSet, f *ast.File, pos token.Pos) bool {
	return pos.IsValid() && fset.File(pos) == fset.File(f.Pos())
}

// constBytes is an upper bound of the bytes of the largest string constant
// the file declares: its literals and the constants it names, by name.
func constBytes(f *ast.File) int64 {
	decls := map[string][]ast.Expr{}
	ast.Inspect(f, func(n ast.Node) bool {
		d, ok := n.(*ast.GenDecl)
		if !ok || d.Tok != token.CONST {
			return true
		}
		var last []ast.Expr
		for _, s := range d.Specs {
			vs := s.(*ast.ValueSpec)
			if len(vs.Values) > 0 {
				last = vs.Values
			}
			for i, name := range vs.Names {
				if i < len(last) {
					decls[name.Name] = append(decls[name.Name], last[i])
				}
			}
		}
		return true
	})
	memo := map[string]int64{}
	var size func(e ast.Node) int64
	byName := func(name string) int64 {
		if n, ok := memo[name]; ok {
			return n
		}
		memo[name] = 0 // a cycle, refused by the type checker
		var n int64
		for _, e := range decls[name] {
			n = max(n, size(e))
		}
		memo[name] = n
		return n
	}
	size = func(e ast.Node) int64 {
		var n int64
		ast.Inspect(e, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.BasicLit:
				n = addSat(n, int64(len(x.Value)))
			case *ast.Ident:
				n = addSat(n, byName(x.Name))
			case *ast.FuncLit:
				return false
			}
			return true
		})
		return n
	}
	var most int64
	for name := range decls {
		most = max(most, byName(name))
	}
	return most
}

// The parts of package reflect that reach raw memory without naming unsafe.
var (
	rawMethods = []string{"InterfaceData", "Pointer", "SetPointer", "UnsafeAddr", "UnsafePointer"} // of reflect.Value
	rawFuncs   = []string{"NewAt", "SliceAt"}
	rawTypes   = []string{"SliceHeader", "StringHeader"}
)

// rawMemory refuses every way the type-checked learner's file has to raw
// memory without naming unsafe: reflect's raw methods, functions and
// types, used in any form; any expression whose type holds unsafe.Pointer
// (from a standard package's signature, or inferred for a type parameter);
// and any interface through which a reflect.Value's raw methods could be
// called.
func rawMemory(fset *token.FileSet, f *ast.File, info *types.Info, std *stdTypes) error {
	rc := &rawChecker{memo: map[types.Type]string{}}
	if reflect, err := std.Import("reflect"); err == nil {
		if obj, ok := reflect.Scope().Lookup("Value").(*types.TypeName); ok {
			rc.value = obj.Type()
		}
	}
	// The first of the most telling kind: a use of reflect's raw parts,
	// then an instantiation, then any expression.
	first := [3]token.Pos{}
	var msg [3]string
	refuse := func(kind int, pos token.Pos, m string) {
		if !inFile(fset, f, pos) {
			return // the hidden test's, or the harness's
		}
		if first[kind] == token.NoPos || pos < first[kind] {
			first[kind], msg[kind] = pos, m
		}
	}
	for id, obj := range info.Uses {
		if what := rawObject(obj); what != "" {
			refuse(0, id.Pos(), what+" reaches raw memory, as package unsafe does")
		}
	}
	for id, inst := range info.Instances {
		for t := range inst.TypeArgs.Types() {
			if why := rc.reason(t); why != "" {
				refuse(1, id.Pos(), fmt.Sprintf("%s is instantiated with %s, %s", id.Name, shortType(t), why))
			}
		}
	}
	for e, tv := range info.Types {
		if tv.Type == nil {
			continue
		}
		if why := rc.reason(tv.Type); why != "" {
			refuse(2, e.Pos(), fmt.Sprintf("this has type %s, %s", shortType(tv.Type), why))
		}
	}
	for kind, pos := range first {
		if pos != token.NoPos {
			return &ruleError{msg: fmt.Sprintf("%s: %s: not allowed in exercises", fset.Position(pos), msg[kind])}
		}
	}
	return nil
}

func shortType(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

// rawObject names obj if it is one of reflect's ways to raw memory.
func rawObject(obj types.Object) string {
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != "reflect" {
		return ""
	}
	switch obj := obj.(type) {
	case *types.Func:
		recv := obj.Signature().Recv()
		if recv == nil && slices.Contains(rawFuncs, obj.Name()) {
			return "reflect." + obj.Name()
		}
		if recv != nil && slices.Contains(rawMethods, obj.Name()) {
			t := recv.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if n, ok := t.(*types.Named); ok && n.Obj().Name() == "Value" {
				return "reflect.Value." + obj.Name()
			}
		}
	case *types.TypeName:
		if slices.Contains(rawTypes, obj.Name()) {
			return "reflect." + obj.Name()
		}
	}
	return ""
}

// rawChecker finds unsafe.Pointer in a type, and interfaces that a
// reflect.Value's raw methods satisfy.
type rawChecker struct {
	value types.Type // reflect.Value
	memo  map[types.Type]string
}

// reason says why a value of type t reaches raw memory, or "".
func (rc *rawChecker) reason(t types.Type) string {
	if why, ok := rc.memo[t]; ok {
		return why
	}
	rc.memo[t] = "" // cycles go through named types, which are not entered
	why := rc.walk(t)
	rc.memo[t] = why
	return why
}

func (rc *rawChecker) walk(t types.Type) string {
	if iface, ok := t.Underlying().(*types.Interface); ok {
		if why := rc.rawInterface(iface); why != "" {
			return why
		}
	}
	switch t := types.Unalias(t).(type) {
	case *types.Basic:
		if t.Kind() == types.UnsafePointer {
			return "which is raw memory (unsafe.Pointer)"
		}
	case *types.Pointer:
		return rc.reason(t.Elem())
	case *types.Slice:
		return rc.reason(t.Elem())
	case *types.Array:
		return rc.reason(t.Elem())
	case *types.Chan:
		return rc.reason(t.Elem())
	case *types.Map:
		return cmpOr(rc.reason(t.Key()), rc.reason(t.Elem()))
	case *types.Tuple:
		for v := range t.Variables() {
			if why := rc.reason(v.Type()); why != "" {
				return why
			}
		}
	case *types.Signature:
		return cmpOr(rc.reason(t.Params()), rc.reason(t.Results()))
	case *types.Struct:
		for f := range t.Fields() {
			if why := rc.reason(f.Type()); why != "" {
				return why
			}
		}
	case *types.Interface:
		for m := range t.Methods() {
			if why := rc.reason(m.Type()); why != "" {
				return why
			}
		}
	case *types.Named:
		// Not its fields: atomic.Pointer[T] holds an unsafe.Pointer of
		// its own, out of the learner's reach.
		for a := range t.TypeArgs().Types() {
			if why := rc.reason(a); why != "" {
				return why
			}
		}
	}
	return ""
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// rawInterface reports an interface with a method of reflect.Value's that
// reaches raw memory, as Value has it: a reflect.Value stored in it could
// be asked for raw memory without naming the method's reflect.Value.
func (rc *rawChecker) rawInterface(iface *types.Interface) string {
	if rc.value == nil {
		return ""
	}
	for m := range iface.Methods() {
		if !slices.Contains(rawMethods, m.Name()) {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(rc.value, true, m.Pkg(), m.Name())
		if vm, ok := obj.(*types.Func); ok && types.Identical(vm.Type(), m.Type()) {
			return fmt.Sprintf("whose method %s is reflect.Value's, which reaches raw memory", m.Name())
		}
	}
	return ""
}

// maxStatic bounds the memory of a shared binary's package variables that
// one submission may take: the binary, and each run, carries them.
const maxStatic = 1 << 20

// startsNothing reports whether the type-checked learner's file runs no code
// of its own when its package is initialised, and keeps its package
// variables small: then it may share a test binary. Every package variable
// is left zero or set to a constant, a function literal or a package-level
// function, or to a composite literal (not a map) of such parts with
// constant keys, or its address.
func startsNothing(fset *token.FileSet, f *ast.File, info *types.Info) bool {
	sizes := &sizer{gc: types.SizesFor("gc", runtime.GOARCH), memo: map[types.Type]int64{}}
	var total int64
	add := func(n int64) { total = addSat(total, n) }
	var static func(e ast.Expr) bool
	static = func(e ast.Expr) bool {
		e = ast.Unparen(e)
		tv := info.Types[e]
		if tv.Value != nil {
			if tv.Value.Kind() == constant.String {
				add(int64(len(constant.StringVal(tv.Value)))) // bounded by maxConstBytes
			}
			return true
		}
		if tv.IsNil() {
			return true
		}
		switch e := e.(type) {
		case *ast.FuncLit:
			return true
		case *ast.Ident:
			return packageFunc(info.Uses[e])
		case *ast.SelectorExpr:
			_, method := info.Selections[e]
			return !method && packageFunc(info.Uses[e.Sel])
		case *ast.UnaryExpr:
			lit, ok := ast.Unparen(e.X).(*ast.CompositeLit)
			if e.Op != token.AND || !ok || !static(lit) {
				return false
			}
			add(sizes.of(info.Types[lit].Type))
			return true
		case *ast.CompositeLit:
			t := tv.Type
			if t == nil {
				return false
			}
			var n int64 // a slice's elements
			switch u := t.Underlying().(type) {
			case *types.Map:
				return false // made by code at start-up
			case *types.Slice:
				defer func() { add(min(n, 1<<40) * sizes.of(u.Elem())) }()
			}
			for _, elt := range e.Elts {
				n++
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if _, field := kv.Key.(*ast.Ident); !field || !isStruct(t) {
						k := info.Types[kv.Key].Value
						if k == nil {
							return false
						}
						if i, ok := constant.Int64Val(k); ok {
							n = max(n, i+1)
						}
					}
					elt = kv.Value
				}
				if !static(elt) {
					return false
				}
			}
			return true
		}
		return false
	}
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
			for _, s := range d.Specs {
				vs := s.(*ast.ValueSpec)
				if len(vs.Values) > 0 && len(vs.Values) != len(vs.Names) {
					return false // several values of one call
				}
				for _, name := range vs.Names {
					if obj := info.Defs[name]; obj != nil {
						add(sizes.of(obj.Type()))
					}
				}
				for _, v := range vs.Values {
					if !static(v) {
						return false
					}
				}
			}
		}
	}
	return total <= maxStatic
}

func isStruct(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// packageFunc reports a function declared at package level (not a method).
func packageFunc(obj types.Object) bool {
	fn, ok := obj.(*types.Func)
	return ok && fn.Signature().Recv() == nil
}

// sizer is the gc compiler's sizes, remembered for each type, so that
// types nested in one another as a tree of many leaves cost their depth,
// and at most saturated.
type sizer struct {
	gc   types.Sizes
	memo map[types.Type]int64
}

func (s *sizer) of(t types.Type) int64 {
	if t == nil {
		return 0
	}
	if n, ok := s.memo[t]; ok {
		return n
	}
	s.memo[t] = 0
	var n int64
	switch u := t.Underlying().(type) {
	case *types.Array:
		n = mulSat(u.Len(), s.of(u.Elem()))
	case *types.Struct:
		for f := range u.Fields() {
			n = addSat(n, addSat(s.of(f.Type()), 8)) // with room for alignment
		}
	case *types.Basic:
		if u.Kind() != types.UntypedNil && u.Info()&types.IsUntyped == 0 {
			n = s.gc.Sizeof(u)
		}
	case *types.TypeParam, *types.Tuple:
	default:
		n = s.gc.Sizeof(u) // a pointer, slice, map, chan, func or interface
	}
	s.memo[t] = n
	return n
}
