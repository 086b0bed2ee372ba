package pages

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/asynclings/asynclings/engine/similarity"
)

// PairSide is one student of a pair as a page shows it.
type PairSide struct {
	Student string // the student's ID, with their name if known
	Files   []similarity.File
	Percent float64 // the share of their fingerprints found in the other's, in [0, 1]
}

// PairPage is the side-by-side view of one pair's matching passages.
type PairPage struct {
	AssignmentTitle, AssignmentID, Exercise string
	A, B                                    PairSide
	Score                                   float64
	Matches                                 []similarity.Match
	Index                                   string // the link back to the list of pairs
}

// PairIndex lists the pairs of an assignment, most similar first.
type PairIndex struct {
	AssignmentTitle, AssignmentID string
	Rows                          []PairIndexRow
	Notes                         []string
}

// PairIndexRow is a pair in a PairIndex.
type PairIndexRow struct {
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
func sideLines(files []similarity.File, spans []similarity.Span, refs []bool, prefix string) []codeFile {
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

var similarityFuncs = template.FuncMap{
	"pct":  func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
	"hue":  func(p int) int { return (p * 137) % 360 }, // a colour per passage, neighbours far apart
	"file": func(files []similarity.File, sp similarity.Span) string { return fileName(files, sp.File) },
	"add1": func(i int) int { return i + 1 },
}

//go:embed similarity.html.tmpl
var similaritySrc string

// The similarity pages are the offline frame around similarity.html.tmpl's
// "index" and "pair".
var (
	indexTmpl = similarityPage("index")
	pairTmpl  = similarityPage("pair")
)

func similarityPage(name string) *template.Template {
	t, err := newPage(name, similaritySrc+`{{define "main"}}{{template "`+name+`" .}}{{end}}`, similarityFuncs)
	if err != nil {
		panic(err) // the embedded template is known to parse
	}
	return t
}

func fileName(files []similarity.File, i int) string {
	if i >= 0 && i < len(files) {
		return files[i].Name
	}
	return "?"
}

// SimilarityPair writes a pair's page: its passages listed, then both
// sides' code with each passage highlighted in its own colour. The page
// needs nothing but itself; everything students wrote is escaped. Its
// title is the two students.
func SimilarityPair(w io.Writer, p PairPage) error {
	spansA, spansB, refs := make([]similarity.Span, len(p.Matches)), make([]similarity.Span, len(p.Matches)), make([]bool, len(p.Matches))
	for i, m := range p.Matches {
		spansA[i], spansB[i], refs[i] = m.A, m.B, m.Reference
	}
	return writePage(w, pairTmpl, struct {
		PairPage
		Title, Notice  string
		K, W           int
		LinesA, LinesB []codeFile
	}{p, p.A.Student + " and " + p.B.Student, similarity.Notice, similarity.K, similarity.W, sideLines(p.A.Files, spansA, refs, "a"), sideLines(p.B.Files, spansB, refs, "b")})
}

// SimilarityIndex writes the list of pairs, linking to their pages.
func SimilarityIndex(w io.Writer, idx PairIndex) error {
	return writePage(w, indexTmpl, struct {
		PairIndex
		Title, Notice string
		K, W          int
	}{idx, fmt.Sprintf("Similarity: %s (%s)", idx.AssignmentTitle, idx.AssignmentID), similarity.Notice, similarity.K, similarity.W})
}
