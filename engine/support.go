package engine

import (
	"fmt"
	"go/parser"
	"go/token"
	"path"
	"slices"
	"strings"

	"github.com/asynclings/asynclings/engine/tomltable"
)

// reservedFiles are the names of the files the runner adds to the package
// under test and its run directory.
var reservedFiles = []string{"asynclings_guard.go", "asynclings_main.go", "hidden_test.go"}

// support reads an exercise's [[exercises.support]] tables: name, code or
// code_file, editable.
func (l *loader) support(file string, t *tomltable.Table, e *Exercise) []SupportFile {
	tables, _ := t.Tables("support")
	var files []SupportFile
	for _, st := range tables {
		f := SupportFile{Name: st.Str("name")}
		f.Editable, _ = st.Bool("editable")
		what := fmt.Sprintf("%s support file %s", e.ID, f.Name)
		line := st.Line("name")
		if line == 0 {
			line = st.Line("")
		}
		f.Code = l.source(file, st, what, "code")
		st.Unknown()
		if why := badSupportName(f.Name); why != "" {
			l.errf(file, line, "exercise %s: support file name %q %s", e.ID, f.Name, why)
			continue
		}
		switch {
		case f.Name == e.FileName():
			l.errf(file, line, "exercise %s: support file %s has the name of the learner's file", e.ID, f.Name)
			continue
		case slices.ContainsFunc(files, func(g SupportFile) bool { return g.Name == f.Name }):
			l.errf(file, line, "exercise %s: support file %s is given twice", e.ID, f.Name)
			continue
		}
		if f.Code != "" {
			if pf, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Code, parser.PackageClauseOnly); err != nil {
				l.errf(file, line, "exercise %s: support file %s does not parse: %v", e.ID, f.Name, err)
			} else if pkg := packageOf(e.Starter); pkg != "" && pf.Name.Name != pkg {
				l.errf(file, line, "exercise %s: support file %s is package %s but the starter is package %s", e.ID, f.Name, pf.Name.Name, pkg)
			}
		}
		files = append(files, f)
	}
	return files
}

// badSupportName says why name cannot be a support file's, or "": a Go
// file's name in the learner's directory that the go command builds (not a
// test, not ignored for its leading "." or "_") and not one of the runner's.
func badSupportName(name string) string {
	switch {
	case name == "":
		return "is empty"
	case strings.ContainsAny(name, `/\`) || path.Clean(name) != name:
		return "must be a file name, without a directory"
	case !strings.HasSuffix(name, ".go"):
		return "must end in .go"
	case strings.HasSuffix(name, "_test.go"):
		return "must not end in _test.go (a test file; the hidden test is the exercise's test)"
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_"):
		return "must not begin with '.' or '_' (the go command ignores such files)"
	case slices.Contains(reservedFiles, name):
		return "is a name the runner uses"
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-", r)) {
			return fmt.Sprintf("contains %q (letters, digits, '.', '_' and '-' only)", r)
		}
	}
	return ""
}

// packageOf is the package name of Go source, or "" when it does not parse.
func packageOf(src string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.PackageClauseOnly)
	if err != nil {
		return ""
	}
	return f.Name.Name
}

// wrong reads an exercise's [[exercises.wrong]] tables: name, why, code or
// code_file.
func (l *loader) wrong(file string, t *tomltable.Table, id string) []Wrong {
	tables, _ := t.Tables("wrong")
	var out []Wrong
	for _, wt := range tables {
		w := Wrong{Name: wt.Str("name"), Why: wt.Str("why"), Line: wt.Line("")}
		if w.Line == 0 {
			w.Line = wt.Line("name")
		}
		w.Code = l.source(file, wt, fmt.Sprintf("%s wrong solution %q", id, w.Name), "code")
		wt.Unknown()
		switch {
		case w.Name == "":
			l.errf(file, w.Line, "exercise %s: a wrong solution has no name", id)
		case !idPattern.MatchString(w.Name):
			l.errf(file, wt.Line("name"), "exercise %s: wrong solution name %q must be letters, digits, '.', '_' or '-'", id, w.Name)
		case slices.ContainsFunc(out, func(o Wrong) bool { return o.Name == w.Name }):
			l.errf(file, wt.Line("name"), "exercise %s: wrong solution %s is given twice", id, w.Name)
		}
		if strings.TrimSpace(w.Why) == "" {
			l.errf(file, w.Line, "exercise %s: wrong solution %s: why is missing (the mistake it stands for)", id, w.Name)
		}
		out = append(out, w)
	}
	return out
}

// Bounds of the concurrency keys: what one check may multiply its run by.
const (
	MaxCPU    = 64
	MaxStress = 1000
)

// concurrency reads an exercise's cpu, stress and vet keys.
func (l *loader) concurrency(file string, t *tomltable.Table, e *Exercise) {
	if t.Has("cpu") {
		ns, ok := t.Numbers("cpu")
		if ok && len(ns) == 0 {
			l.errf(file, t.Line("cpu"), "exercise %s: cpu is empty", e.ID)
		}
		for _, n := range ns {
			if n != float64(int(n)) || n < 1 || n > MaxCPU {
				l.errf(file, t.Line("cpu"), "exercise %s: cpu entries must be whole numbers from 1 to %d, not %v", e.ID, MaxCPU, n)
				continue
			}
			if slices.Contains(e.CPU, int(n)) {
				l.errf(file, t.Line("cpu"), "exercise %s: cpu lists %d twice", e.ID, int(n))
				continue
			}
			e.CPU = append(e.CPU, int(n))
		}
	}
	if n, ok := t.Int("stress"); ok {
		if n < 1 || n > MaxStress {
			l.errf(file, t.Line("stress"), "exercise %s: stress must be from 1 to %d, not %d", e.ID, MaxStress, n)
		} else {
			e.Stress = int(n)
		}
	}
	e.LeakCheck, _ = t.Bool("leak_check")
	e.Vet = t.Strings("vet")
	for _, a := range e.Vet {
		if !slices.Contains(VetAnalyzers, a) {
			l.errf(file, t.Line("vet"), "exercise %s: vet: %q is not an analyzer the runner has (%s)", e.ID, a, strings.Join(VetAnalyzers, ", "))
		}
	}
}

// VetAnalyzers are the analyzers an exercise's vet key may name: vet's
// concurrency analyzers, which the runner runs on the learner's code
// besides the ones go test runs (whose findings always fail a check).
var VetAnalyzers = []string{"copylocks", "defers", "httpresponse", "lostcancel", "sigchanyzer", "testinggoroutine", "unusedresult", "waitgroup"}
