package runner

import "go/ast"

// maxScopeEnds bounds the nodes go/types walks to find where the scopes
// of the learner's function types and if statements end (see scopeEnds).
// It asks each for its End, which follows a result's type (func() func()
// ...) and an else branch (else if ...) to their last node, so 9000
// nested function types twice, 126 KB, held the runner's own process for
// 5 s of CPU. 1<<22 of them cost it a quarter of a second; a chain of a
// hundred else ifs costs 5000.
const maxScopeEnds = 1 << 22

// scopeEnds is the number of nodes go/types walks, in all, to find where
// the files' function types and if statements end: for each, the nodes
// its End goes through.
func scopeEnds(files []*ast.File) int64 {
	memo := map[ast.Node]int64{}
	// The nodes End goes through from n (go/ast's End methods).
	var walked func(n ast.Node) int64
	walked = func(n ast.Node) int64 {
		if n, ok := memo[n]; ok {
			return n
		}
		var next ast.Node
		switch x := n.(type) {
		case *ast.FuncType:
			if x.Results != nil {
				next = x.Results
			}
		case *ast.FieldList:
			if !x.Closing.IsValid() && len(x.List) > 0 {
				next = x.List[len(x.List)-1]
			}
		case *ast.Field:
			if x.Tag == nil && x.Type != nil {
				next = x.Type
			}
		case *ast.StarExpr:
			next = x.X
		case *ast.ArrayType:
			next = x.Elt
		case *ast.ChanType:
			next = x.Value
		case *ast.MapType:
			next = x.Value
		case *ast.Ellipsis:
			if x.Elt != nil {
				next = x.Elt
			}
		case *ast.UnaryExpr:
			next = x.X
		case *ast.BinaryExpr:
			next = x.Y
		case *ast.IfStmt:
			if x.Else != nil {
				next = x.Else
			}
		}
		var steps int64 = 1
		if next != nil {
			steps = addSat(1, walked(next))
		}
		memo[n] = steps
		return steps
	}
	var total int64
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.FuncType, *ast.IfStmt:
				total = addSat(total, walked(n))
			}
			return true
		})
	}
	return total
}
