package similarity

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/asynclings/asynclings/engine/report"
)

// Notice is what every listing of scores says with them.
const Notice = "A score is a reason to look at two students' code side by side, not proof that either copied: " +
	"short exercises have few good solutions, and students may have worked from the same example or the reference solution."

// Side is one student of a pair as a page shows it.
type Side struct {
	Student string // the student's ID, with their name if known
	Files   []File
	Percent float64 // the share of their fingerprints found in the other's, in [0, 1]
}

// PairPage is the side-by-side view of one pair's matching passages.
type PairPage struct {
	AssignmentTitle, AssignmentID, Exercise string
	A, B                                    Side
	Score                                   float64
	Matches                                 []Match
	Index                                   string // the link back to the list of pairs
}

// IndexPage lists the pairs of an assignment, most similar first.
type IndexPage struct {
	AssignmentTitle, AssignmentID string
	Rows                          []IndexRow
	Notes                         []string
}

// IndexRow is a pair in an IndexPage.
type IndexRow struct {
	Exercise                   string
	StudentA, StudentB         string
	Score, PercentA, PercentB  float64
	Passages, ReferencePassage int
	Page                       string // the pair's page, relative to the index
}

// codeLine is a line of a side, marked with the passage it is in (0 for
// none, else the passage's number) and whether that passage is the
// reference's.
type codeLine struct {
	N       int
	Text    string
	Passage int
	Ref     bool
	Anchor  string // the id of the passage's first line on this side
}

type codeFile struct {
	Name  string
	Lines []codeLine
}

// sideLines lays a side's files out as lines marked with the passages.
func sideLines(files []File, spans []Span, refs []bool, prefix string) []codeFile {
	out := make([]codeFile, len(files))
	for fi, f := range files {
		text := strings.TrimSuffix(f.Text, "\n")
		cf := codeFile{Name: f.Name}
		for n, line := range strings.Split(text, "\n") {
			cf.Lines = append(cf.Lines, codeLine{N: n + 1, Text: line})
		}
		out[fi] = cf
	}
	for pi, sp := range spans {
		if sp.File < 0 || sp.File >= len(out) {
			continue
		}
		lines := out[sp.File].Lines
		for n := max(sp.StartLine, 1); n <= min(sp.EndLine, len(lines)); n++ {
			l := &lines[n-1]
			if l.Passage == 0 { // the first passage on a line keeps it
				l.Passage, l.Ref = pi+1, refs[pi]
			}
			if n == max(sp.StartLine, 1) && l.Anchor == "" {
				l.Anchor = fmt.Sprintf("%s%d", prefix, pi+1)
			}
		}
	}
	return out
}

var funcs = template.FuncMap{
	"pct":  func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
	"hue":  func(p int) int { return (p * 137) % 360 }, // a colour per passage, neighbours far apart
	"file": func(files []File, sp Span) string { return fileName(files, sp.File) },
	"add1": func(i int) int { return i + 1 },
}

//go:embed page.html.tmpl
var pageSrc string

// The pages are report's offline frame around page.html.tmpl's "index"
// and "pair".
var (
	indexTmpl = mustPage("index")
	pairTmpl  = mustPage("pair")
)

func mustPage(name string) *template.Template {
	t, err := report.NewPage(name, pageSrc+`{{define "main"}}{{template "`+name+`" .}}{{end}}`, funcs)
	if err != nil {
		panic(err) // the embedded template is known to parse
	}
	return t
}

func fileName(files []File, i int) string {
	if i >= 0 && i < len(files) {
		return files[i].Name
	}
	return "?"
}

// WritePairHTML writes a pair's page: its passages listed, then both
// sides' code with each passage highlighted in its own colour. The page
// needs nothing but itself; everything students wrote is escaped. Its
// title is the two students.
func WritePairHTML(w io.Writer, p PairPage) error {
	spansA, spansB, refs := make([]Span, len(p.Matches)), make([]Span, len(p.Matches)), make([]bool, len(p.Matches))
	for i, m := range p.Matches {
		spansA[i], spansB[i], refs[i] = m.A, m.B, m.Reference
	}
	return report.WritePage(w, pairTmpl, struct {
		PairPage
		Title, Notice  string
		K, W           int
		LinesA, LinesB []codeFile
	}{p, p.A.Student + " and " + p.B.Student, Notice, K, W, sideLines(p.A.Files, spansA, refs, "a"), sideLines(p.B.Files, spansB, refs, "b")})
}

// WriteIndexHTML writes the list of pairs, linking to their pages.
func WriteIndexHTML(w io.Writer, idx IndexPage) error {
	return report.WritePage(w, indexTmpl, struct {
		IndexPage
		Title, Notice string
		K, W          int
	}{idx, fmt.Sprintf("Similarity: %s (%s)", idx.AssignmentTitle, idx.AssignmentID), Notice, K, W})
}
