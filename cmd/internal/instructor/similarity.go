package instructor

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/grader"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/similarity"
	"github.com/asynclings/asynclings/pages"
	"github.com/asynclings/asynclings/store"
)

var (
	similarityAssignment string
	similarityOut        string
	similarityTop        int
)

func SimilarityFlags(fs *flag.FlagSet) {
	fs.StringVar(&similarityAssignment, "assignment", "", "the graded assignment ID whose code is compared")
	fs.StringVar(&similarityOut, "out", "", "write index.html and one HTML page per pair listed into this directory")
	fs.IntVar(&similarityTop, "top", 20, "list this many pairs, the most similar first (0: every pair sharing something)")
}

// submittedCode is an exercise's code in the bundle, for the gradebook to
// keep.
func submittedCode(b *homework.Bundle, it grader.Item) (string, map[string]string) {
	if it.Kind != engine.KindExercise {
		return "", nil
	}
	for _, w := range b.Items {
		if w.ID == it.ID {
			return w.Code, w.Files
		}
	}
	return "", nil
}

// exerciseRun is the comparison of one exercise's submissions.
type exerciseRun struct {
	id          string
	students    []store.Student // by submission
	res         *similarity.Result
	withoutCode []string // students graded before the gradebook kept code
}

// rankedPair is a pair of one exercise, for the listing across exercises.
type rankedPair struct {
	run *exerciseRun
	similarity.Pair
	matches []similarity.Match
}

func (a *app) cmdSimilarity(ctx context.Context, args []string) error {
	switch {
	case len(args) > 0:
		return base.UsageErr("similarity takes no arguments: asynclings similarity --assignment ID [--out DIR] [--json] [--top N]")
	case similarityAssignment == "":
		return base.UsageErr("similarity needs --assignment ID (a graded assignment: see asynclings gradebook)")
	case similarityTop < 0:
		return base.UsageErr("similarity: --top must be 0 (every pair) or more")
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	book, err := a.Store.Gradebook(ctx, similarityAssignment)
	if err != nil {
		return &base.ExitError{Code: 2, Err: err}
	}
	if len(book) == 0 {
		return a.noGrades(ctx, similarityAssignment)
	}
	if c := book[0].Assignment.Course; c != a.Course.ID {
		fmt.Fprintf(a.Stderr, "asynclings: warning: %s was graded for course %s, not %s: starters and reference solutions are taken from %s (--course picks the course)\n",
			similarityAssignment, c, a.Course.ID, a.Course.ID)
	}
	runs := a.compareExercises(book)
	results := make([]*similarity.Result, len(runs))
	for i, run := range runs {
		results[i] = run.res
	}
	var pairs []rankedPair
	for _, p := range similarity.Rank(results) {
		pairs = append(pairs, rankedPair{run: runs[p.Result], Pair: p.Pair})
	}
	if similarityTop > 0 && len(pairs) > similarityTop {
		pairs = pairs[:similarityTop]
	}
	for i := range pairs {
		pairs[i].matches = pairs[i].run.res.Matches(pairs[i].Pair)
	}
	asg := book[0].Assignment
	paths := []string{}
	if similarityOut != "" {
		if paths, err = a.writeSimilarityPages(asg, runs, pairs); err != nil {
			return err
		}
	}
	if a.JSON {
		printNotice(a.Stderr, runs) // on stderr, so that stdout is the data
		return a.WriteJSON(similarityJSON(asg.ID, pairs, paths))
	}
	return a.printSimilarity(asg, runs, pairs)
}

// compareExercises compares, for each exercise of the gradebook's items in
// the assignment's order, the code of every student who submitted some.
func (a *app) compareExercises(book []store.Submission) []*exerciseRun {
	var runs []*exerciseRun
	byID := map[string]*exerciseRun{}
	subs := map[string][]similarity.Submission{}
	for _, sub := range book {
		for _, it := range sub.Items {
			if it.Kind != engine.KindExercise {
				continue
			}
			run := byID[it.ItemID]
			if run == nil {
				run = &exerciseRun{id: it.ItemID}
				byID[it.ItemID] = run
				runs = append(runs, run)
			}
			switch {
			case it.Code != "":
				files := []similarity.File{{Name: a.exerciseFileName(it.ItemID), Text: it.Code}}
				for _, name := range slices.Sorted(maps.Keys(it.Files)) {
					files = append(files, similarity.File{Name: name, Text: it.Files[name]})
				}
				subs[it.ItemID] = append(subs[it.ItemID], similarity.Submission{ID: sub.Student.ID, Files: files})
				run.students = append(run.students, sub.Student)
			case it.Outcome != grader.Missing:
				run.withoutCode = append(run.withoutCode, sub.Student.ID)
			}
		}
	}
	for _, run := range runs {
		run.res = similarity.Compare(a.exerciseBase(run.id), subs[run.id])
	}
	return runs
}

func (a *app) exerciseFileName(id string) string {
	if ex, ok := a.CourseItem(id).(*engine.Exercise); ok {
		return ex.FileName()
	}
	return id + ".go"
}

// exerciseBase is an exercise's starter and reference as the course has
// them; nothing when the course no longer has the exercise.
func (a *app) exerciseBase(id string) similarity.Exercise {
	ex, ok := a.CourseItem(id).(*engine.Exercise)
	if !ok {
		fmt.Fprintf(a.Stderr, "asynclings: warning: %s is not an exercise of course %s: its starter is not left out, nor its reference flagged\n", id, a.Course.ID)
		return similarity.Exercise{}
	}
	base := similarity.Exercise{
		Starter:   []similarity.File{{Name: ex.FileName(), Text: ex.Starter}},
		Reference: []similarity.File{{Name: ex.FileName(), Text: ex.Solution}},
	}
	for _, sf := range ex.Support {
		if sf.Editable {
			base.Starter = append(base.Starter, similarity.File{Name: sf.Name, Text: sf.Code})
		}
	}
	return base
}

func referencePassages(ms []similarity.Match) int {
	n := 0
	for _, m := range ms {
		if m.Reference {
			n++
		}
	}
	return n
}

func methodText() string {
	return fmt.Sprintf("Fingerprints: k-grams of %d normalised Go tokens, winnowed in windows of %d; the starter's code is left out. Score: 2 x shared / (A + B); A and B: the share of each side's fingerprints found in the other.",
		similarity.K, similarity.W)
}

func (a *app) printSimilarity(asg store.GradedAssignment, runs []*exerciseRun, pairs []rankedPair) error {
	fmt.Fprintf(a.Stdout, "Similarity of %s (%s), %s.\n", asg.Title, asg.ID, base.Plural(len(runs), "exercise"))
	printNotice(a.Stdout, runs)
	if len(pairs) == 0 {
		fmt.Fprintln(a.Stdout, "No two students share a fingerprint.")
		return nil
	}
	fmt.Fprintln(a.Stdout)
	tw := tabwriter.NewWriter(a.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EXERCISE\tSTUDENT A\tSTUDENT B\tSCORE\tA\tB\tPASSAGES\tOF THE REFERENCE")
	for _, p := range pairs {
		st := p.run.students
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\n", p.run.id, studentName(st[p.A]), studentName(st[p.B]),
			percent(p.Score), percent(p.PercentA), percent(p.PercentB), len(p.matches), referencePassages(p.matches))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if similarityOut != "" {
		fmt.Fprintf(a.Stdout, "Side by side: %s\n", filepath.Join(similarityOut, "index.html"))
	}
	return nil
}

// printNotice prints that a score is no proof, how scores are made, and
// the notes on each exercise.
func printNotice(w io.Writer, runs []*exerciseRun) {
	fmt.Fprintf(w, "%s\n%s\n", similarity.Notice, methodText())
	for _, n := range runNotes(runs) {
		fmt.Fprintln(w, n)
	}
}

// runNotes are what the listing says about each exercise besides pairs.
func runNotes(runs []*exerciseRun) []string {
	var notes []string
	for _, run := range runs {
		n := fmt.Sprintf("%s: %s compared", run.id, base.Plural(len(run.students), "student"))
		if run.res.Common > 0 {
			n += fmt.Sprintf("; %s held by more than %d students left out as common", base.Plural(run.res.Common, "fingerprint"), similarity.MaxHolders(len(run.students)))
		}
		if len(run.withoutCode) > 0 {
			n += fmt.Sprintf("; no code kept for %s (graded before the gradebook kept code: grade --regrade keeps it)", strings.Join(cleanIDs(run.withoutCode), ", "))
		}
		notes = append(notes, n+".")
	}
	return notes
}

func cleanIDs(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = homework.Clean(id)
	}
	return out
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }

// pctJSON is a share as a percentage with one decimal.
func pctJSON(f float64) float64 { return math.Round(1000*f) / 10 }

// pairJSON is a pair as --json lists it: the output is an array of them,
// most similar first across the exercises, as gradebook --json is of rows.
type pairJSON struct {
	Assignment string `json:"assignment"`
	Exercise   string `json:"exercise"`
	StudentA   string `json:"student_a"`
	StudentB   string `json:"student_b"`
	// Score, PercentA and PercentB are percentages with one decimal.
	Score    float64 `json:"score"`
	PercentA float64 `json:"percent_a"`
	PercentB float64 `json:"percent_b"`
	Shared   int     `json:"shared"`
	// ReferenceShared counts the shared fingerprints found in the
	// reference solution; Reference says a passage matches it;
	// ReferenceA and ReferenceB are the shares of each side's fingerprints
	// found in it.
	ReferenceShared int         `json:"reference_shared"`
	Reference       bool        `json:"reference"`
	ReferenceA      float64     `json:"reference_percent_a"`
	ReferenceB      float64     `json:"reference_percent_b"`
	Matches         []matchJSON `json:"matches"`
	Page            string      `json:"page,omitempty"`
}

type matchJSON struct {
	A            spanJSON `json:"a"`
	B            spanJSON `json:"b"`
	Fingerprints int      `json:"fingerprints"`
	Reference    bool     `json:"reference"`
}

type spanJSON struct {
	File      string `json:"file"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

func spanOf(files []similarity.File, sp similarity.Span) spanJSON {
	return spanJSON{File: files[sp.File].Name, StartLine: sp.StartLine, EndLine: sp.EndLine}
}

// inReference is the share of submission i's fingerprints found in the
// reference solution.
func inReference(r *similarity.Result, i int) float64 {
	if r.Counts[i] == 0 {
		return 0
	}
	return float64(r.InReference(i)) / float64(r.Counts[i])
}

func similarityJSON(asgID string, pairs []rankedPair, paths []string) []pairJSON {
	out := []pairJSON{}
	for i, p := range pairs {
		res := p.run.res
		subs := res.Subs
		pj := pairJSON{Assignment: asgID, Exercise: p.run.id, StudentA: subs[p.A].ID, StudentB: subs[p.B].ID,
			Score: pctJSON(p.Score), PercentA: pctJSON(p.PercentA), PercentB: pctJSON(p.PercentB),
			Shared: p.Shared, ReferenceShared: p.Reference,
			ReferenceA: pctJSON(inReference(res, p.A)), ReferenceB: pctJSON(inReference(res, p.B)), Matches: []matchJSON{}}
		for _, m := range p.matches {
			pj.Matches = append(pj.Matches, matchJSON{A: spanOf(subs[p.A].Files, m.A), B: spanOf(subs[p.B].Files, m.B),
				Fingerprints: m.Fingerprints, Reference: m.Reference})
			pj.Reference = pj.Reference || m.Reference
		}
		if i < len(paths) {
			pj.Page = paths[i]
		}
		out = append(out, pj)
	}
	return out
}

// writeSimilarityPages writes index.html and one page per pair into
// similarityOut, returning the pages' paths.
func (a *app) writeSimilarityPages(asg store.GradedAssignment, runs []*exerciseRun, pairs []rankedPair) ([]string, error) {
	if err := os.MkdirAll(similarityOut, 0o755); err != nil {
		return nil, &base.ExitError{Code: 2, Err: err}
	}
	idx := pages.PairIndex{AssignmentTitle: asg.Title, AssignmentID: asg.ID, Notes: runNotes(runs)}
	var paths []string
	for i, p := range pairs {
		name := fmt.Sprintf("pair-%03d.html", i+1)
		st, subs := p.run.students, p.run.res.Subs
		page := pages.PairPage{AssignmentTitle: asg.Title, AssignmentID: asg.ID, Exercise: p.run.id,
			A:     pages.PairSide{Student: studentName(st[p.A]), Files: subs[p.A].Files, Percent: p.PercentA},
			B:     pages.PairSide{Student: studentName(st[p.B]), Files: subs[p.B].Files, Percent: p.PercentB},
			Score: p.Score, Matches: p.matches, Index: "index.html"}
		path := filepath.Join(similarityOut, name)
		if err := homework.WriteFileAtomic(path, func(w io.Writer) error { return pages.SimilarityPair(w, page) }); err != nil {
			return nil, &base.ExitError{Code: 2, Err: err}
		}
		paths = append(paths, path)
		idx.Rows = append(idx.Rows, pages.PairIndexRow{Exercise: p.run.id, StudentA: page.A.Student, StudentB: page.B.Student,
			Score: p.Score, PercentA: p.PercentA, PercentB: p.PercentB, Passages: len(p.matches),
			ReferencePassage: referencePassages(p.matches), Page: name})
	}
	path := filepath.Join(similarityOut, "index.html")
	if err := homework.WriteFileAtomic(path, func(w io.Writer) error { return pages.SimilarityIndex(w, idx) }); err != nil {
		return nil, &base.ExitError{Code: 2, Err: err}
	}
	return paths, nil
}
