package runner

import "go/ast"

// maxInstances bounds the instances of generic types the learner's files
// could make go/types create (see instances): each use of a generic type
// with type arguments of its own creates an instance of every generic type
// its definition and its methods' signatures use, transitively, so 500
// uses of a generic type embedding another 200 deep (31 KB) held the
// runner's own process for 2.3 s and 165 MB. 1<<14 of them cost it a
// third of a second; the course's solutions stay below 512.
const maxInstances = 1 << 14

// instances is an upper bound of the instances of generic types the files
// make go/types create: for each use of one of their generic types or
// functions, by name, the generic types and functions its definition (a
// function's signature, a type's methods' signatures) uses, transitively.
func instances(files []*ast.File) int64 {
	defs := map[string][]ast.Node{} // the generics, by name
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil && len(d.Recv.List) == 1 {
					if name := embeddedName(d.Recv.List[0].Type); len(receiverParams(d.Recv.List[0].Type)) > 0 {
						defs[name] = append(defs[name], d.Type)
					}
				} else if d.Type.TypeParams != nil {
					defs[d.Name.Name] = append(defs[d.Name.Name], d.Type)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.TypeParams != nil {
						defs[ts.Name.Name] = append(defs[ts.Name.Name], ts.Type)
					}
				}
			}
		}
	}
	// The generics n uses, each with its name.
	uses := func(n ast.Node, each func(name string)) {
		ast.Inspect(n, func(x ast.Node) bool {
			var fun ast.Expr
			switch x := x.(type) {
			case *ast.IndexExpr:
				fun = x.X
			case *ast.IndexListExpr:
				fun = x.X
			case *ast.CallExpr:
				fun = x.Fun
			}
			if id, ok := ast.Unparen(fun).(*ast.Ident); ok {
				if _, generic := defs[id.Name]; generic {
					each(id.Name)
				}
			}
			return true
		})
	}
	memo := map[string]int64{}
	var reach func(name string) int64
	reach = func(name string) int64 {
		if n, ok := memo[name]; ok {
			return n
		}
		memo[name] = 1 // a cycle, refused by the type checker or instantiated once
		var n int64 = 1
		for _, d := range defs[name] {
			uses(d, func(used string) { n = addSat(n, reach(used)) })
		}
		memo[name] = n
		return n
	}
	var total int64
	for _, f := range files {
		uses(f, func(name string) { total = addSat(total, reach(name)) })
	}
	return total
}
