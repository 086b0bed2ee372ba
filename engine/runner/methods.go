package runner

import (
	"go/ast"
	"go/types"
	"path"
	"strconv"
	"strings"
)

// maxMethodPairs bounds the methods of the learner's largest interface
// times those of their type with the most (see methodPairs). go/types
// finds each of an interface's methods by a linear search of a type's, so
// every assignment of a type of 3000 methods to an interface of them held
// the runner's own process for 24 ms: 600 of them, 94 KB, for 15 s. At
// 1<<13, the worst file of maxSourceBytes (9000 assignments of a type of
// 90 methods to an interface of them) costs it 0.6 s; the course's
// solutions stay below 512.
const maxMethodPairs = 1 << 13

// methodPairs is an upper bound of the methods of the largest interface
// the files write times those of the type of theirs with the most: its own,
// its embedded fields' and embedded interfaces', transitively, by name;
// the standard library's types by their method sets when std has them.
// (The standard library's own interfaces are small.)
func methodPairs(files []*ast.File, std types.Importer) int64 {
	own := map[string]int64{}
	specs := map[string][]ast.Expr{}
	var ifaces []*ast.InterfaceType
	imports := map[string]string{} // package name -> import path
	for _, f := range files {
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				continue
			}
			name := path.Base(p)
			if strings.HasPrefix(name, "v") && strings.Trim(name[1:], "0123456789") == "" && path.Dir(p) != "." {
				name = path.Base(path.Dir(p)) // math/rand/v2
			}
			if imp.Name != nil {
				name = imp.Name.Name
			}
			imports[name] = p
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Recv != nil && len(n.Recv.List) == 1 {
					own[embeddedName(n.Recv.List[0].Type)]++
				}
			case *ast.TypeSpec:
				specs[n.Name.Name] = append(specs[n.Name.Name], n.Type)
			case *ast.InterfaceType:
				ifaces = append(ifaces, n)
			}
			return true
		})
	}
	stdMemo := map[string]int64{}
	fromStd := func(pkg, name string) int64 {
		p, ok := imports[pkg]
		if !ok || std == nil {
			return 0
		}
		key := p + "." + name
		if n, ok := stdMemo[key]; ok {
			return n
		}
		var n int64
		if imported, err := std.Import(p); err == nil {
			if obj, ok := imported.Scope().Lookup(name).(*types.TypeName); ok {
				t := obj.Type()
				if !types.IsInterface(t) {
					t = types.NewPointer(t)
				}
				n = int64(types.NewMethodSet(t).Len())
			}
		}
		stdMemo[key] = n
		return n
	}
	memo := map[string]int64{}
	var total func(e ast.Expr) int64
	byName := func(name string) int64 {
		if n, ok := memo[name]; ok {
			return n
		}
		memo[name] = 0 // a cycle, refused by the type checker
		n := own[name]
		for _, e := range specs[name] {
			n = addSat(n, total(e))
		}
		memo[name] = n
		return n
	}
	literals := map[ast.Expr]int64{} // struct and interface types, each counted once
	total = func(e ast.Expr) int64 {
		if n, ok := literals[e]; ok {
			return n
		}
		switch e := e.(type) {
		case *ast.Ident:
			return byName(e.Name)
		case *ast.SelectorExpr:
			if pkg, ok := e.X.(*ast.Ident); ok {
				return fromStd(pkg.Name, e.Sel.Name)
			}
		case *ast.ParenExpr:
			return total(e.X)
		case *ast.StarExpr:
			return total(e.X)
		case *ast.IndexExpr:
			return total(e.X)
		case *ast.IndexListExpr:
			return total(e.X)
		case *ast.StructType:
			var n int64
			for _, f := range e.Fields.List {
				if len(f.Names) == 0 {
					n = addSat(n, total(f.Type))
				}
			}
			literals[e] = n
			return n
		case *ast.InterfaceType:
			var n int64
			for _, f := range e.Methods.List {
				if len(f.Names) == 0 {
					n = addSat(n, total(f.Type))
				} else {
					n = addSat(n, int64(len(f.Names)))
				}
			}
			literals[e] = n
			return n
		}
		return 0
	}
	var iface, typ int64
	for _, it := range ifaces {
		iface = max(iface, total(it))
	}
	for name := range specs {
		typ = max(typ, byName(name))
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if st, ok := n.(*ast.StructType); ok {
				typ = max(typ, total(st))
			}
			return true
		})
	}
	return mulSat(iface, typ)
}
