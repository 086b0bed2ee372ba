package runner

import (
	"go/ast"
	"go/token"
)

// maxTypeGrowth bounds the parts of the types the learner's files could
// make go/types build by inference, written out (see typeGrowth): to find
// an instance it already has, go/types writes every type argument out in
// full, without sharing, so twenty nested calls of a function of T
// returning pair[T, T] held it for 3 s and 190 MB, and each one more
// doubles that. 1<<16 parts cost it a quarter of a second; the course's
// solutions stay below a thousand.
const maxTypeGrowth = 1 << 16

// typeGrowth is an upper bound of the parts of any type the expressions
// of files have, written out: the largest type written in them (an alias
// as what it stands for), times how many such types an expression's type
// may hold. That is one for a type written in the source, and grows only
// where a generic of the files is used: a call of one of the files'
// generic functions or methods of generic types holds its arguments' types
// as many times as one of its type parameters appears in its results (all
// of them when a constraint names another type parameter, which go/types
// may infer twice over), a selected field of a generic struct as many times
// as one appears in its type, and unwrapping a value of a generic type
// (indexing, dereferencing, receiving, calling, ranging) as many times as
// one appears in any generic type's definition. Variables carry their
// initial value's count, matched by name without scopes (the largest for a
// name). Other calls give one of their operands' types (the standard
// library's generic functions do) or a written one.
func typeGrowth(files []*ast.File) int64 {
	called := map[string]int64{}   // a generic function's or method's results
	selected := map[string]int64{} // a generic struct's field, a generic method value
	var unwrap int64 = 1           // any generic type's definition
	aliases := map[string]ast.Expr{}
	pkgVars := map[string][]ast.Expr{}
	note := func(m map[string]int64, name string, n int64) { m[name] = max(m[name], n) }
	for _, f := range files {
		for _, d := range f.Decls {
			if d, ok := d.(*ast.GenDecl); ok && d.Tok == token.VAR {
				for _, s := range d.Specs {
					addValues(pkgVars, s.(*ast.ValueSpec))
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch d := n.(type) {
			case *ast.FuncDecl:
				tparams, twice := typeParams(d.Type.TypeParams)
				if d.Recv != nil && len(d.Recv.List) == 1 {
					tparams, twice = receiverParams(d.Recv.List[0].Type), false
				}
				if len(tparams) > 0 {
					n := mostUses(resultList(d.Type), tparams)
					if twice {
						n = mulSat(n, int64(len(tparams)))
					}
					note(called, d.Name.Name, n)
					note(selected, d.Name.Name, mostUses(d.Type, tparams))
				}
			case *ast.TypeSpec:
				if d.Assign.IsValid() {
					aliases[d.Name.Name] = d.Type
				}
				tparams, _ := typeParams(d.TypeParams)
				if len(tparams) == 0 {
					return true
				}
				unwrap = max(unwrap, mostUses(d.Type, tparams))
				switch t := d.Type.(type) {
				case *ast.StructType:
					for _, fl := range t.Fields.List {
						n := mostUses(fl.Type, tparams)
						for _, id := range fl.Names {
							note(selected, id.Name, n)
						}
						if len(fl.Names) == 0 {
							note(selected, embeddedName(fl.Type), n)
						}
					}
				case *ast.InterfaceType:
					for _, m := range t.Methods.List {
						if ft, ok := m.Type.(*ast.FuncType); ok {
							for _, id := range m.Names {
								note(called, id.Name, mostUses(resultList(ft), tparams))
								note(selected, id.Name, mostUses(ft, tparams))
							}
						}
					}
				}
			}
			return true
		})
	}

	// How many written types the type of an expression may hold.
	var largest int64 = 1
	memo := map[ast.Expr]int64{}
	local := map[string]int64{} // the function body's, by name
	pkgMemo := map[string]int64{}
	var count func(e ast.Expr) int64
	byName := func(name string) int64 {
		if n, ok := local[name]; ok {
			return n
		}
		if n, ok := pkgMemo[name]; ok {
			return n
		}
		pkgMemo[name] = 1 // a cycle, refused by the type checker
		var n int64 = 1
		for _, e := range pkgVars[name] {
			n = max(n, count(e))
		}
		pkgMemo[name] = n
		return n
	}
	count = func(e ast.Expr) int64 {
		if e == nil {
			return 1
		}
		if n, ok := memo[e]; ok {
			return n
		}
		var n int64 = 1
		switch e := e.(type) {
		case *ast.Ident:
			n = max(byName(e.Name), selected[e.Name])
		case *ast.ParenExpr:
			n = count(e.X)
		case *ast.SelectorExpr:
			n = mulSat(count(e.X), max(selected[e.Sel.Name], 1))
		case *ast.IndexExpr:
			n = mulSat(max(count(e.X), count(e.Index)), unwrap)
		case *ast.IndexListExpr:
			n = mulSat(count(e.X), unwrap)
		case *ast.SliceExpr:
			n = count(e.X)
		case *ast.StarExpr:
			n = mulSat(count(e.X), unwrap)
		case *ast.UnaryExpr:
			n = count(e.X)
			if e.Op == token.ARROW {
				n = mulSat(n, unwrap)
			}
		case *ast.BinaryExpr:
			n = max(count(e.X), count(e.Y))
		case *ast.CallExpr:
			fun := ast.Unparen(e.Fun)
			switch f := fun.(type) {
			case *ast.IndexExpr:
				fun = f.X
			case *ast.IndexListExpr:
				fun = f.X
			}
			// A generic function passed uninstantiated is instantiated
			// with the call's types: its own factor multiplies them.
			var args, most, values int64 = 0, 0, 1
			for _, a := range e.Args {
				c := count(a)
				args, most = addSat(args, c), max(most, c)
				switch a := ast.Unparen(a).(type) {
				case *ast.Ident:
					values = mulSat(values, max(called[a.Name], 1))
				case *ast.SelectorExpr:
					values = mulSat(values, max(called[a.Sel.Name], 1))
				}
			}
			args = mulSat(args, values)
			switch f := fun.(type) {
			case *ast.Ident:
				if m, ok := called[f.Name]; ok {
					n = mulSat(max(m, 1), max(args, 1))
					break
				}
				n = mulSat(max(count(e.Fun), most), unwrap)
			case *ast.SelectorExpr:
				if m, ok := called[f.Sel.Name]; ok {
					n = mulSat(max(m, 1), addSat(count(f.X), args))
					break
				}
				n = mulSat(max(count(e.Fun), most), unwrap)
			default:
				n = mulSat(max(count(e.Fun), most), unwrap)
			}
		}
		memo[e] = n
		largest = max(largest, n)
		return n
	}
	// The variables a statement declares.
	define := func(n ast.Node) {
		var lhs, rhs []ast.Expr
		switch s := n.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				lhs, rhs = s.Lhs, s.Rhs
			}
		case *ast.ValueSpec:
			for _, id := range s.Names {
				lhs = append(lhs, id)
			}
			rhs = s.Values
		case *ast.RangeStmt:
			if s.Tok == token.DEFINE {
				x := &ast.StarExpr{X: s.X} // an element: unwrapped
				lhs, rhs = []ast.Expr{s.Key, s.Value}, []ast.Expr{x, x}
			}
		}
		for i, l := range lhs {
			id, ok := l.(*ast.Ident)
			if !ok || len(rhs) == 0 {
				continue
			}
			r := rhs[0] // several results of one call
			if len(rhs) == len(lhs) {
				r = rhs[i]
			}
			local[id.Name] = max(local[id.Name], count(r))
		}
	}
	walk := func(n ast.Node) {
		clear(local)
		clear(memo)
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt, *ast.ValueSpec, *ast.RangeStmt:
				define(n)
			case ast.Expr:
				count(n)
			}
			return true
		})
	}
	for name := range pkgVars {
		byName(name) // before any function's locals
	}
	for _, f := range files {
		for _, d := range f.Decls {
			walk(d)
		}
	}
	return mulSat(largest, writtenTypes(files, aliases))
}

func addValues(vars map[string][]ast.Expr, vs *ast.ValueSpec) {
	for i, id := range vs.Names {
		switch {
		case len(vs.Values) == len(vs.Names):
			vars[id.Name] = append(vars[id.Name], vs.Values[i])
		case len(vs.Values) == 1:
			vars[id.Name] = append(vars[id.Name], vs.Values[0])
		}
	}
}

// typeParams are the names of a type parameter list, and whether a
// constraint names one of them.
func typeParams(l *ast.FieldList) (map[string]bool, bool) {
	names := map[string]bool{}
	if l == nil {
		return names, false
	}
	for _, f := range l.List {
		for _, id := range f.Names {
			names[id.Name] = true
		}
	}
	twice := false
	for _, f := range l.List {
		twice = twice || mostUses(f.Type, names) > 0
	}
	return names, twice
}

// receiverParams are the names of a generic receiver's type parameters.
func receiverParams(t ast.Expr) map[string]bool {
	names := map[string]bool{}
	t = ast.Unparen(t)
	if s, ok := t.(*ast.StarExpr); ok {
		t = ast.Unparen(s.X)
	}
	var idx []ast.Expr
	switch t := t.(type) {
	case *ast.IndexExpr:
		idx = []ast.Expr{t.Index}
	case *ast.IndexListExpr:
		idx = t.Indices
	}
	for _, e := range idx {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			names[id.Name] = true
		}
	}
	return names
}

// embeddedName is the name of an embedded field of type t.
func embeddedName(t ast.Expr) string {
	for {
		switch e := t.(type) {
		case *ast.StarExpr:
			t = e.X
		case *ast.ParenExpr:
			t = e.X
		case *ast.IndexExpr:
			t = e.X
		case *ast.IndexListExpr:
			t = e.X
		case *ast.SelectorExpr:
			return e.Sel.Name
		case *ast.Ident:
			return e.Name
		default:
			return ""
		}
	}
}

// saturated is where the counts of the bounds on a learner's files stop
// (typePaths, typeGrowth): far above any bound, and no overflow.
const saturated = 1 << 62

// addSat is a+b for counts (0 to saturated), at most saturated: a+b
// itself could wrap around to a negative count, which no bound refuses.
func addSat(a, b int64) int64 {
	if a > saturated-b {
		return saturated
	}
	return a + b
}

// mulSat is a*b for counts, at most saturated.
func mulSat(a, b int64) int64 {
	if a > 0 && b > saturated/a {
		return saturated
	}
	return min(a*b, saturated)
}

// resultList is a function type's results, as a node (nil for none).
func resultList(ft *ast.FuncType) ast.Node {
	if ft.Results == nil {
		return nil
	}
	return ft.Results
}

// mostUses is how many times the most used of names appears in n.
func mostUses(n ast.Node, names map[string]bool) int64 {
	if n == nil || len(names) == 0 {
		return 0
	}
	uses := map[string]int64{}
	var most int64
	ast.Inspect(n, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok && names[id.Name] {
			uses[id.Name]++
			most = max(most, uses[id.Name])
		}
		return true
	})
	return most
}

// writtenTypes is the parts of the largest type written in files, an
// alias as what it stands for.
func writtenTypes(files []*ast.File, aliases map[string]ast.Expr) int64 {
	memo := map[string]int64{}
	var parts func(e ast.Node) int64
	byAlias := func(name string) int64 {
		if n, ok := memo[name]; ok {
			return n
		}
		memo[name] = 1 // a cycle, refused by the type checker
		n := parts(aliases[name])
		memo[name] = n
		return n
	}
	parts = func(e ast.Node) int64 {
		var n int64
		ast.Inspect(e, func(x ast.Node) bool {
			if x == nil {
				return false
			}
			if id, ok := x.(*ast.Ident); ok {
				if _, alias := aliases[id.Name]; alias {
					n = addSat(n, byAlias(id.Name))
					return false
				}
			}
			n = addSat(n, 1)
			return true
		})
		return n
	}
	var largest int64 = 1
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			var t ast.Expr
			switch n := n.(type) {
			case *ast.StructType, *ast.InterfaceType, *ast.FuncType, *ast.ArrayType, *ast.MapType, *ast.ChanType:
				largest = max(largest, parts(n))
				return false
			case *ast.Field:
				t = n.Type
			case *ast.ValueSpec:
				t = n.Type
			case *ast.TypeSpec:
				t = n.Type
			case *ast.CompositeLit:
				t = n.Type
			case *ast.TypeAssertExpr:
				t = n.Type
			}
			if t != nil {
				largest = max(largest, parts(t))
			}
			return true
		})
	}
	return largest
}
