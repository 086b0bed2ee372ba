package runner

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// stdSentinels refuses, in the learner's file, a write to one of the
// standard library's package-level variables of type error (io.EOF,
// context.Canceled, os.ErrNotExist...): assigned, ranged into, or with its
// address taken (through which anything could write it). The hidden test
// compares errors with them, as the standard library does: a learner's
// file that made them its own wrong answer would pass it, as a package
// level nil or true of its own would (see the predeclared names).
func stdSentinels(fset *token.FileSet, f *ast.File, info *types.Info) error {
	errType := types.Universe.Lookup("error").Type()
	var found error
	target := func(e ast.Expr) {
		if e == nil || found != nil {
			return
		}
		var id *ast.Ident
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			id = x.Sel
		case *ast.Ident: // a dot import's
			id = x
		default:
			return
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() || v.Pkg().Path() == exercisePath || v.Pkg().Path() == xtestPath {
			return
		}
		if types.Identical(v.Type(), errType) {
			found = &ruleError{msg: fmt.Sprintf("%s: %s.%s is the standard library's error, which the hidden test compares with: exercises may not change it", fset.Position(id.Pos()), v.Pkg().Name(), v.Name())}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				target(l)
			}
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				target(n.Key)
				target(n.Value)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				target(n.X)
			}
		}
		return found == nil
	})
	return found
}
