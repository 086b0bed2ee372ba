package runner

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// stdWrites refuses, in the learner's file, a write to one of the standard
// library's package-level variables or to anything reached through one:
// assigned (also a field, element or pointee of one: http.DefaultClient.
// Transport, *http.DefaultClient), incremented, ranged into, or with its
// address taken (through which anything could write it). The hidden test
// shares them: it compares errors with io.EOF or context.Canceled, calls
// through http.DefaultClient, reads os.Args; a learner's file that made
// them its own (a wrong answer of its own as context.Canceled, a transport
// that gives the answers) would change what the hidden test does. Calling
// their methods is allowed (http.DefaultServeMux.Handle): the methods are
// the packages' own API.
func stdWrites(fset *token.FileSet, f *ast.File, info *types.Info) error {
	var found error
	target := func(e ast.Expr) {
		if e == nil || found != nil {
			return
		}
		if v, id := stdRoot(e, info); v != nil {
			found = &ruleError{msg: fmt.Sprintf("%s: %s.%s belongs to the standard library, which the hidden test uses too: exercises may not change it", fset.Position(id.Pos()), v.Pkg().Name(), v.Name())}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, l := range n.Lhs {
					target(l)
				}
			}
		case *ast.IncDecStmt:
			target(n.X)
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

// stdRoot returns the standard library's package-level variable that e
// writes to, through fields, elements, pointers and type assertions, with
// the identifier that names it; or nil.
func stdRoot(e ast.Expr, info *types.Info) (*types.Var, *ast.Ident) {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.TypeAssertExpr:
			e = x.X
		case *ast.Ident: // a dot import's
			return stdVar(x, info)
		case *ast.SelectorExpr:
			if v, id := stdVar(x.Sel, info); v != nil {
				return v, id
			}
			if _, pkg := info.Uses[identOf(x.X)].(*types.PkgName); pkg {
				return nil, nil // a qualified name that is no variable
			}
			e = x.X
		default:
			return nil, nil
		}
	}
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := e.(*ast.Ident)
	return id
}

// stdVar returns id's object when it is a package-level variable of a
// standard package.
func stdVar(id *ast.Ident, info *types.Info) (*types.Var, *ast.Ident) {
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() || v.Pkg().Path() == exercisePath || v.Pkg().Path() == xtestPath {
		return nil, nil
	}
	return v, id
}
