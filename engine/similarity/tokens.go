// Package similarity finds Go code that students may have shared: each
// submission's normalised token stream is cut into k-grams whose hashes are
// winnowed into fingerprints (Schleimer, Wilkerson and Aiken, "Winnowing:
// local algorithms for document fingerprinting", SIGMOD 2003, the method of
// MOSS), and submissions are compared by the fingerprints they share.
//
// Normalisation, so that the cheap disguises change nothing:
//   - every identifier not kept below (the code's own names, and fields
//     and methods after a dot) becomes one token, whatever its name;
//   - Go's keywords, operators and predeclared names (int, len, nil, ...)
//     stay as they are, since they cannot be renamed; a predeclared name
//     the file redeclares is an identifier like any other;
//   - a package-qualified name stays whole, with the import path for the
//     package name (sync.WaitGroup, however sync was imported), since
//     that is a library's name and not the student's;
//   - each literal becomes one token of its kind (int, float, imaginary,
//     rune, string), so changed constants and messages do not hide a copy;
//   - x++, x += 1 and x = x + 1 are one form (assignOps), and a loop
//     counting from 0 to len(xs) or n is the range loop over xs or n;
//   - comments, white space and semicolons (written or automatic) are
//     dropped, so layout does not count; the package clause and the
//     imports are dropped too, being the same in every solution.
//
// Each top-level declaration is fingerprinted on its own, so that the
// order of declarations changes no fingerprint.
//
// A score is a reason to look at two submissions, never proof that one was
// copied from the other: short exercises have few ways to be solved.
// Package pages renders the scores and passages as HTML.
package similarity

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"hash/fnv"
	"path"
	"strconv"
	"strings"
)

// File is one source file of a submission.
type File struct {
	Name string
	Text string
}

// tok is one normalised token.
type tok struct {
	sym  uint64 // hash of the normalised text
	file int    // index in the submission's files
	line int
}

// ident is the symbol of every identifier the code declares.
const ident = "ID"

// tokenize returns the normalised tokens of files, cut into segments, one
// per top-level declaration. It never fails: text that is not Go scans as
// what it can, so that a broken submission is still compared.
func tokenize(files []File) [][]tok {
	var segs [][]tok
	for fi, f := range files {
		segs = append(segs, tokenizeFile(fi, f.Text)...)
	}
	return segs
}

func tokenizeFile(fi int, src string) [][]tok {
	fset := token.NewFileSet()
	tf := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(tf, []byte(src), func(token.Position, string) {}, 0)
	var toks []rawTok
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		if t != token.SEMICOLON {
			toks = append(toks, rawTok{pos, t, lit})
		}
	}
	toks = countingLoops(assignOps(toks))
	imports := map[string]string{}
	declared := declaredNames(src)
	var segs [][]tok
	var seg []tok
	depth := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if depth == 0 {
			switch t.tok {
			case token.PACKAGE:
				i++ // and its name
				continue
			case token.IMPORT:
				i += importDecl(toks[i+1:], imports)
				continue
			case token.FUNC, token.TYPE, token.VAR, token.CONST:
				if len(seg) > 0 {
					segs = append(segs, seg)
				}
				seg = nil
			}
		}
		switch t.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth = max(depth-1, 0)
		}
		text := t.tok.String()
		switch {
		case t.tok == token.IDENT:
			text = ident
			afterDot := i > 0 && toks[i-1].tok == token.PERIOD
			if p, ok := imports[t.lit]; ok && !afterDot && !declared[t.lit] &&
				i+2 < len(toks) && toks[i+1].tok == token.PERIOD && toks[i+2].tok == token.IDENT {
				text = p + "." + toks[i+2].lit
				i += 2
			} else if !afterDot && !declared[t.lit] && predeclared[t.lit] {
				text = t.lit
			}
		case t.tok.IsLiteral():
			text = t.tok.String() // INT, FLOAT, IMAG, CHAR, STRING
		}
		seg = append(seg, tok{sym: symbol(text), file: fi, line: tf.Line(t.pos)})
	}
	if len(seg) > 0 {
		segs = append(segs, seg)
	}
	return segs
}

type rawTok struct {
	pos token.Pos
	tok token.Token
	lit string
}

// assignOps writes the forms of one update alike, as `x += 1`: x++ and
// x-- become x += 1 and x -= 1, and x = x op y becomes x op= y, so that
// trading one for the other changes no token.
func assignOps(toks []rawTok) []rawTok {
	out := make([]rawTok, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.tok {
		case token.INC, token.DEC:
			op := token.ADD_ASSIGN
			if t.tok == token.DEC {
				op = token.SUB_ASSIGN
			}
			out = append(out, rawTok{t.pos, op, ""}, rawTok{t.pos, token.INT, "1"})
			continue
		case token.IDENT:
			if i+3 < len(toks) && toks[i+1].tok == token.ASSIGN && toks[i+2].tok == token.IDENT &&
				toks[i+2].lit == t.lit && (i == 0 || toks[i-1].tok != token.PERIOD && toks[i-1].tok != token.COMMA) {
				if op, ok := opAssign[toks[i+3].tok]; ok {
					out = append(out, t, rawTok{toks[i+1].pos, op, ""})
					i += 3
					continue
				}
			}
		}
		out = append(out, t)
	}
	return out
}

// countingLoops writes a loop counting from 0 as the range loop it
// stands for: for i := 0; i < len(xs); i += 1 { as for i := range xs {,
// and for i := 0; i < n; i += 1 { as for i := range n {. It runs after
// assignOps, which has made i++ into i += 1; semicolons are gone.
func countingLoops(toks []rawTok) []rawTok {
	out := make([]rawTok, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		if bound, end, ok := countingLoop(toks, i); ok {
			out = append(out, toks[i], toks[i+1], toks[i+2], rawTok{toks[i+3].pos, token.RANGE, ""})
			out = append(out, bound...)
			i = end - 1 // the loop's { comes next
			continue
		}
		out = append(out, toks[i])
	}
	return out
}

// countingLoop matches a counting loop's header at toks[i], the FOR,
// returning the tokens of what it counts to (xs of len(xs)) and the index
// of the loop's {.
func countingLoop(toks []rawTok, i int) (bound []rawTok, end int, ok bool) {
	is := func(j int, t token.Token, lit string) bool {
		return j < len(toks) && toks[j].tok == t && (lit == "" || toks[j].lit == lit)
	}
	if !is(i, token.FOR, "") || !is(i+1, token.IDENT, "") {
		return nil, 0, false
	}
	v := toks[i+1].lit
	if !is(i+2, token.DEFINE, "") || !is(i+3, token.INT, "0") || !is(i+4, token.IDENT, v) || !is(i+5, token.LSS, "") {
		return nil, 0, false
	}
	for j := i + 6; j < len(toks); j++ {
		switch toks[j].tok {
		case token.LBRACE, token.RBRACE, token.FOR:
			return nil, 0, false // not the header's end: a literal or another statement
		case token.IDENT:
			if toks[j].lit == v && is(j+1, token.ADD_ASSIGN, "") && is(j+2, token.INT, "1") && is(j+3, token.LBRACE, "") {
				bound = toks[i+6 : j]
				if n := len(bound); n > 3 && bound[0].tok == token.IDENT && bound[0].lit == "len" &&
					bound[1].tok == token.LPAREN && bound[n-1].tok == token.RPAREN && closes(bound[1:]) {
					bound = bound[2 : n-1]
				}
				return bound, j + 3, len(bound) > 0
			}
		}
	}
	return nil, 0, false
}

// closes reports whether the ( that toks starts with is closed by its last
// token and not before.
func closes(toks []rawTok) bool {
	depth := 0
	for i, t := range toks {
		switch t.tok {
		case token.LPAREN:
			depth++
		case token.RPAREN:
			depth--
			if depth == 0 {
				return i == len(toks)-1
			}
		}
	}
	return false
}

// opAssign maps a binary operator to its assignment form.
var opAssign = map[token.Token]token.Token{
	token.ADD: token.ADD_ASSIGN, token.SUB: token.SUB_ASSIGN, token.MUL: token.MUL_ASSIGN,
	token.QUO: token.QUO_ASSIGN, token.REM: token.REM_ASSIGN, token.AND: token.AND_ASSIGN,
	token.OR: token.OR_ASSIGN, token.XOR: token.XOR_ASSIGN, token.SHL: token.SHL_ASSIGN,
	token.SHR: token.SHR_ASSIGN, token.AND_NOT: token.AND_NOT_ASSIGN,
}

// importDecl reads the specs of one import declaration (the tokens after
// the keyword), recording each package name's path in imports, and returns
// how many tokens it took.
func importDecl(toks []rawTok, imports map[string]string) int {
	spec := func(i int) int { // one spec at i; returns the tokens it took
		n, name := 1, ""
		if i < len(toks) && (toks[i].tok == token.IDENT || toks[i].tok == token.PERIOD) {
			n, name = 2, "."
			if toks[i].tok == token.IDENT {
				name = toks[i].lit
			}
			i++
		}
		if i >= len(toks) || toks[i].tok != token.STRING {
			return 0
		}
		p, err := strconv.Unquote(toks[i].lit)
		if err != nil {
			return 0
		}
		if name == "" {
			name = packageName(p)
		}
		if name != "_" && name != "." {
			imports[name] = p
		}
		return n
	}
	if len(toks) == 0 || toks[0].tok != token.LPAREN {
		return spec(0)
	}
	i := 1
	for i < len(toks) && toks[i].tok != token.RPAREN {
		n := spec(i)
		if n == 0 {
			return i // not an import spec: scan the rest as code
		}
		i += n
	}
	return min(i+1, len(toks))
}

// symbol is the hash of a normalised token's text.
func symbol(text string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(text))
	return h.Sum64()
}

// packageName is the name a package is known by when imported without
// one: the last element of its path, skipping a major version ("/v2").
func packageName(importPath string) string {
	base := path.Base(importPath)
	if len(base) > 1 && base[0] == 'v' && isDigits(base[1:]) && path.Dir(importPath) != "." {
		base = path.Base(path.Dir(importPath))
	}
	return base
}

func isDigits(s string) bool {
	_, err := strconv.ParseUint(s, 10, 32)
	return err == nil
}

// declaredNames are the names src declares anywhere (variables, constants,
// types, functions, parameters, fields, labels), as far as it parses: a
// predeclared name among them is the student's, not Go's.
func declaredNames(src string) map[string]bool {
	names := map[string]bool{}
	f, _ := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if f == nil {
		return names
	}
	add := func(ids ...*ast.Ident) {
		for _, id := range ids {
			if id != nil {
				names[id.Name] = true
			}
		}
	}
	addExprs := func(xs ...ast.Expr) {
		for _, x := range xs {
			if id, ok := x.(*ast.Ident); ok {
				add(id)
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				addExprs(n.Lhs...)
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				addExprs(n.Key, n.Value)
			}
		case *ast.ValueSpec:
			add(n.Names...)
		case *ast.TypeSpec:
			add(n.Name)
		case *ast.FuncDecl:
			if n.Recv == nil {
				add(n.Name)
			}
		case *ast.Field:
			add(n.Names...)
		case *ast.LabeledStmt:
			add(n.Label)
		}
		return true
	})
	return names
}

// predeclared are Go's predeclared identifiers (the universe scope).
var predeclared = map[string]bool{}

func init() {
	for _, name := range strings.Fields(`any bool byte comparable complex64 complex128 error float32 float64
		int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr
		true false iota nil
		append cap clear close complex copy delete imag len make max min new panic print println real recover`) {
		predeclared[name] = true
	}
}
