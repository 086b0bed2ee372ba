package lint

import (
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
)

// lexeme is one token of a program, as Go's scanner reads it. Rust
// programs are read with it too: their comments, identifiers, literals and
// most operators scan the same, which is all the comparisons below need.
type lexeme struct {
	tok  token.Token
	text string
}

// scan reads src into lexemes without comments. A line end that ends a
// statement is a SEMICOLON "\n"; an explicit semicolon is ";".
func scan(src string) []lexeme {
	fset := token.NewFileSet()
	b := []byte(src)
	f := fset.AddFile("", -1, len(b))
	var s scanner.Scanner
	s.Init(f, b, func(token.Position, string) {}, 0) // errors: scan on
	var out []lexeme
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		text := lit
		if text == "" || tok.IsOperator() || tok.IsKeyword() {
			text = tok.String()
			if tok == token.SEMICOLON {
				text = lit
			}
		}
		out = append(out, lexeme{tok, text})
	}
}

// tokens is src's tokens without comments and line ends: the same for two
// programs that differ only in whitespace and comments.
func tokens(src string) []string {
	var out []string
	for _, l := range scan(src) {
		if l.tok == token.SEMICOLON && l.text == "\n" {
			continue
		}
		out = append(out, l.text)
	}
	return out
}

// codeLines is src's statements, one a line: its tokens joined by one
// space, split at line ends, explicit semicolons, after each { and before
// each }, comments left out (so that a one-line `go func() { defer
// wg.Done(); work() }()` in a hint gives the lines the solution spreads
// over four).
// Lines of punctuation alone ("}", "})") and the package clause and imports
// are left out: they say nothing about the code.
func codeLines(src string) []string {
	var out []string
	var cur []string
	meaningful, inImport, skip := false, false, false
	flush := func() {
		if len(cur) > 0 && meaningful && !skip {
			out = append(out, strings.Join(cur, " "))
		}
		cur, meaningful, skip = nil, false, false
	}
	for _, l := range scan(src) {
		if l.tok == token.SEMICOLON {
			flush()
			continue
		}
		if l.tok == token.RBRACE {
			flush()
		}
		switch {
		case len(cur) == 0 && (l.tok == token.PACKAGE || l.tok == token.IMPORT):
			skip = true
		case inImport:
			skip = true
		}
		if len(cur) == 1 && cur[0] == "import" && l.tok == token.LPAREN {
			inImport = true
		}
		if inImport && l.tok == token.RPAREN {
			inImport = false
		}
		if l.tok == token.IDENT || l.tok.IsLiteral() || l.tok.IsKeyword() {
			meaningful = true
		}
		cur = append(cur, l.text)
		if l.tok == token.LBRACE {
			flush()
		}
	}
	flush()
	return out
}

// newLines is the lines of solution (see codeLines) that the starter does
// not have: the code the learner must write.
func newLines(solution, starter string) []string {
	have := map[string]int{}
	for _, l := range codeLines(starter) {
		have[l]++
	}
	var out []string
	for _, l := range codeLines(solution) {
		if have[l] > 0 {
			have[l]--
			continue
		}
		out = append(out, l)
	}
	return out
}

// hintCode is the code of a Markdown hint: the text of its code blocks and
// code spans, one a line; the whole hint when it has none.
func hintCode(md string) string {
	var code []string
	var prose []string
	fence := ""
	var block []string
	for _, line := range strings.Split(md, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case fence == "" && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")):
			fence = t[:3]
			block = nil
		case fence != "" && strings.HasPrefix(t, fence):
			code = append(code, strings.Join(block, "\n"))
			fence = ""
		case fence != "":
			block = append(block, line)
		default:
			prose = append(prose, line)
		}
	}
	if fence != "" { // an unclosed block runs to the end
		code = append(code, strings.Join(block, "\n"))
	}
	code = append(code, codeSpans(strings.Join(prose, "\n"))...)
	if len(code) == 0 {
		return md
	}
	return strings.Join(code, "\n")
}

// codeSpans is the text of the Markdown code spans in s: a run of
// backticks up to the next run of the same length.
func codeSpans(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			return out
		}
		n := i
		for n < len(s) && s[n] == '`' {
			n++
		}
		delim := s[i:n]
		rest := s[n:]
		j := indexRun(rest, delim)
		if j < 0 {
			s = rest
			continue
		}
		out = append(out, strings.TrimSpace(rest[:j]))
		s = rest[j+len(delim):]
	}
}

// indexRun is the index of a run of backticks exactly as long as delim.
func indexRun(s, delim string) int {
	for off := 0; ; {
		j := strings.Index(s[off:], delim)
		if j < 0 {
			return -1
		}
		j += off
		end := j + len(delim)
		if (j == 0 || s[j-1] != '`') && (end == len(s) || s[end] != '`') {
			return j
		}
		for end < len(s) && s[end] == '`' {
			end++
		}
		off = end
	}
}

// kept are identifiers that renaming leaves alone: Go's predeclared names
// and Rust's prelude, which two programs share by meaning, not by choice.
var kept = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`bool byte complex64 complex128 error float32 float64 int int8 int16 int32
		int64 rune string uint uint8 uint16 uint32 uint64 uintptr true false iota nil any comparable
		append cap clear close complex copy delete imag len make max min new panic print println real
		recover main init _
		Some None Ok Err Option Result String Vec Box self Self crate super i8 i16 i32 i64 i128 isize
		u8 u16 u32 u64 u128 usize f32 f64 char str mut let fn impl pub use mod match loop where
		async await move dyn ref trait enum unsafe as in Send Sync Clone Copy Drop Default Debug
		Future Iterator Into From`) {
		kept[n] = true
	}
}

// renameIdents is the tokens of src with the identifiers a program
// chooses renamed by order of first use: the same for two programs that
// differ only in their names. Kept: predeclared names, imported package
// names, fields and methods after a dot, and (Rust) path segments and
// macro names.
func renameIdents(src string) []string {
	lx := scan(src)
	var ls []lexeme
	for _, l := range lx {
		if l.tok == token.SEMICOLON && l.text == "\n" {
			continue
		}
		ls = append(ls, l)
	}
	imported := map[string]bool{}
	for i, l := range ls {
		if l.tok == token.STRING && i > 0 && (ls[i-1].tok == token.IMPORT || ls[i-1].tok == token.LPAREN || ls[i-1].tok == token.SEMICOLON || ls[i-1].tok == token.IDENT) {
			if p, err := strconv.Unquote(l.text); err == nil {
				imported[p[strings.LastIndexByte(p, '/')+1:]] = true
			}
		}
		if l.tok == token.IMPORT && i+1 < len(ls) && ls[i+1].tok == token.IDENT {
			imported[ls[i+1].text] = true
		}
	}
	names := map[string]string{}
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.text
		if l.tok != token.IDENT || kept[l.text] || imported[l.text] {
			continue
		}
		prev, next := "", ""
		if i > 0 {
			prev = ls[i-1].text
		}
		if i+1 < len(ls) {
			next = ls[i+1].text
		}
		// Go's scanner reads Rust's :: as two colons.
		prev2 := ""
		if i > 1 {
			prev2 = ls[i-2].text
		}
		next2 := ""
		if i+2 < len(ls) {
			next2 = ls[i+2].text
		}
		if prev == "." || (prev == ":" && prev2 == ":") || (next == ":" && next2 == ":") || next == "!" {
			continue
		}
		n, ok := names[l.text]
		if !ok {
			n = "v" + strconv.Itoa(len(names))
			names[l.text] = n
		}
		out[i] = n
	}
	return out
}
