package runner

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// stackReads refuses, in the learner's file, any use of runtime.Stack: a
// goroutine's trace holds each frame's arguments, so a learner's function
// could read the expected value the hidden test's helper was called with,
// and return it. runtime/debug and the pprof packages, which print the
// same traces, are refused imports (DefaultForbidden); an exercise that
// allows runtime/debug allows this too.
func stackReads(fset *token.FileSet, f *ast.File, info *types.Info, allowed []string) error {
	if slices.Contains(allowed, "runtime/debug") {
		return nil
	}
	var first token.Pos
	for id, obj := range info.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "runtime" || fn.Name() != "Stack" || !inFile(fset, f, id.Pos()) {
			continue
		}
		if first == token.NoPos || id.Pos() < first {
			first = id.Pos()
		}
	}
	if first == token.NoPos {
		return nil
	}
	return &ruleError{msg: fmt.Sprintf("%s: runtime.Stack would show the hidden test's arguments, its expected values among them: not allowed in exercises", fset.Position(first))}
}
