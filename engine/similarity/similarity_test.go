package similarity

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/exercises"
)

// errgroup is the course's mf-errgroup exercise: its starter and reference.
func errgroup(t testing.TB) Exercise { return courseExercise(t, "mf-errgroup") }

func courseExercise(t testing.TB, id string) Exercise {
	t.Helper()
	c, err := engine.LoadFS(exercises.Course(), "course")
	if err != nil {
		t.Fatal(err)
	}
	it, ok := c.Find(id)
	ex, isEx := it.(*engine.Exercise)
	if !ok || !isEx {
		t.Fatalf("%s is not an exercise of the course", id)
	}
	return Exercise{Starter: []File{{Name: ex.FileName(), Text: ex.Starter}},
		Reference: []File{{Name: ex.FileName(), Text: ex.Solution}}}
}

// class reads testdata/errgroup: five solutions written independently of
// each other (and of the reference), and mutex-disguised.go, mutex.go with
// its identifiers renamed, its functions reordered, its layout changed and
// comments added.
func class(t testing.TB) []Submission { return classIn(t, "testdata/errgroup", "mf-errgroup.go") }

func classIn(t testing.TB, dir, file string) []Submission {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(names) < 6 {
		t.Fatalf("%s: %v, %d files", dir, err, len(names))
	}
	var subs []Submission
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		subs = append(subs, Submission{ID: strings.TrimSuffix(filepath.Base(name), ".go"),
			Files: []File{{Name: file, Text: string(data)}}})
	}
	return subs
}

func hashes(fps []Fingerprint) []uint64 {
	var hs []uint64
	for _, fp := range fps {
		hs = append(hs, fp.Hash)
	}
	slices.Sort(hs)
	return slices.Compact(hs)
}

const original = `package pool

import "sync"

// Run runs every job on n workers.
func Run(jobs []func() int, n int) []int {
	out := make([]int, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = jobs[i]() + 1
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func helper(s string) string {
	if s == "" {
		return "empty"
	}
	return strings.Repeat(s, 2)
}
`

// TestDisguisesChangeNothing: renaming, reordering top-level declarations,
// reformatting, comments and changed literals leave the fingerprints as
// they are.
func TestDisguisesChangeNothing(t *testing.T) {
	want := hashes(Fingerprints([]File{{Name: "a.go", Text: original}}))
	if len(want) < 3 {
		t.Fatalf("only %d fingerprints of the original", len(want))
	}
	for _, tc := range []struct{ name, code string }{
		{"renamed", strings.NewReplacer("Run", "Execute", "jobs", "tasks", "out", "results", "next", "queue",
			"wg", "group", "helper", "twice", " s ", " str ", "(s", "(str", "s ==", "str ==").Replace(original)},
		{"import alias", strings.NewReplacer(`import "sync"`, `import xsync "sync"`, "sync.", "xsync.").Replace(original)},
		{"reordered", "package pool\n\nimport \"sync\"\n" + original[strings.Index(original, "func helper"):] +
			original[strings.Index(original, "// Run"):strings.Index(original, "func helper")]},
		{"reformatted", `package pool
import ("sync")
func Run(jobs []func() int, n int) []int { out := make([]int, len(jobs)); next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < n; w++ { wg.Add(1); go func() { defer wg.Done(); for i := range next { out[i] = jobs[i]() + 1 } }() }
	for i := range jobs { next <- i }; close(next); wg.Wait(); return out }
func helper(s string) string { if s == "" { return "empty" }; return strings.Repeat(s, 2) }
`},
		{"range loop as a counting loop", strings.Replace(original, "for i := range jobs {", "for i := 0; i < len(jobs); i++ {", 1)},
		{"range loop over a number as a counting loop", strings.Replace(original, "for w := 0; w < n; w++ {", "for w := range n {", 1)},
		{"increment written out", strings.Replace(original, "w++", "w += 1", 1)},
		{"increment as an assignment", strings.Replace(original, "w++", "w = w + 1", 1)},
		{"comments and literals", strings.NewReplacer("+ 1", "+ 7 // off by seven", `"empty"`, "`nothing`",
			"defer", "/* done */ defer", "\t}\n", "\t} // end\n").Replace(original)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.code == original {
				t.Fatal("the disguise changed nothing in the text")
			}
			got := hashes(Fingerprints([]File{{Name: "b.go", Text: tc.code}}))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("fingerprints differ: %d of %d kept\n%s", len(intersect(got, want)), len(want), tc.code)
			}
		})
	}
}

func intersect(a, b []uint64) []uint64 {
	var out []uint64
	for _, h := range a {
		if _, ok := slices.BinarySearch(b, h); ok {
			out = append(out, h)
		}
	}
	return out
}

// TestNormalisationKeepsMeaning: what a copier cannot change without
// changing the program does change the fingerprints.
func TestNormalisationKeepsMeaning(t *testing.T) {
	want := hashes(Fingerprints([]File{{Name: "a.go", Text: original}}))
	for _, tc := range []struct{ name, old, new string }{
		{"another library name", "sync.WaitGroup", "sync.Mutex"},
		{"another builtin", "make([]int, len(jobs))", "make([]int, cap(jobs))"},
		{"another operator", "w < n", "w <= n"},
		{"another variable updated", "w++", "w = n + 1"},
		{"decrement for increment", "w++", "w--"},
		{"a loop from 1", "w := 0; w < n", "w := 1; w < n"},
		{"a loop to another bound", "w < n", "w < len(jobs)+n"},
		{"another literal kind", `"empty"`, `'e'`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := hashes(Fingerprints([]File{{Name: "b.go", Text: strings.Replace(original, tc.old, tc.new, 1)}}))
			if reflect.DeepEqual(got, want) {
				t.Errorf("replacing %q with %q changed no fingerprint", tc.old, tc.new)
			}
		})
	}
}

// TestRedeclaredPredeclared: a variable named len is the student's name,
// so renaming it to n changes nothing.
func TestRedeclaredPredeclared(t *testing.T) {
	a := "package p\nfunc f(xs []int) int {\n\tlen := 0\n\tfor _, x := range xs {\n\t\tlen += x * 2 + len\n\t}\n\treturn len + 1\n}\n"
	b := strings.ReplaceAll(a, "len", "n")
	ha, hb := hashes(Fingerprints([]File{{Text: a}})), hashes(Fingerprints([]File{{Text: b}}))
	if len(ha) == 0 || !reflect.DeepEqual(ha, hb) {
		t.Errorf("fingerprints %v and %v", ha, hb)
	}
}

func find(t *testing.T, r *Result, a, b string) Pair {
	t.Helper()
	for _, p := range r.Pairs {
		if ids := []string{r.Subs[p.A].ID, r.Subs[p.B].ID}; slices.Contains(ids, a) && slices.Contains(ids, b) {
			return p
		}
	}
	t.Fatalf("no pair %s, %s", a, b)
	return Pair{}
}

// TestClass: among independent solutions of mf-errgroup, the disguised
// copy of one of them is the most similar pair by far, and independent
// solutions score low.
func TestClass(t *testing.T) {
	r := Compare(errgroup(t), class(t))
	if len(r.Pairs) == 0 {
		t.Fatal("no pairs")
	}
	top := r.Pairs[0]
	if got := []string{r.Subs[top.A].ID, r.Subs[top.B].ID}; !slices.Contains(got, "mutex") || !slices.Contains(got, "mutex-disguised") {
		t.Errorf("most similar pair is %v, want the planted copy", got)
	}
	if top.Score < 0.8 || top.PercentA < 0.8 || top.PercentB < 0.8 {
		t.Errorf("the planted copy scores %.2f (%.2f, %.2f), want at least 0.8", top.Score, top.PercentA, top.PercentB)
	}
	for _, p := range r.Pairs[1:] {
		t.Logf("%s %s %.2f", r.Subs[p.A].ID, r.Subs[p.B].ID, p.Score)
		if p.Score > 0.35 {
			t.Errorf("independent solutions %s and %s score %.2f", r.Subs[p.A].ID, r.Subs[p.B].ID, p.Score)
		}
	}
	t.Logf("planted: %.2f (%.2f, %.2f)", top.Score, top.PercentA, top.PercentB)
	ms := r.Matches(top)
	if len(ms) < 3 { // Wait, the struct, Go and WithContext were moved apart
		t.Errorf("the planted copy matches in %d passages: %+v", len(ms), ms)
	}
	covered := 0
	for _, m := range ms {
		if m.Reference {
			t.Errorf("passage %+v of the planted copy flagged as the reference's", m)
		}
		covered += m.A.EndLine - m.A.StartLine + 1
	}
	if covered < 25 {
		t.Errorf("the passages cover %d lines of mutex.go", covered)
	}
}

// TestDisguisedCopies: testdata/treesum holds six independent solutions of
// wa-tree-sum and two copies disguised harder than mutex-disguised.go
// (everything renamed, functions reordered and a helper extracted, loops
// written another way, x++ as x += 1, statements swapped, dead code). With
// a learner who handed in the reference, one who handed in the starter
// and one who handed in nothing, each copy ranks above every other pair.
func TestDisguisedCopies(t *testing.T) {
	ex := courseExercise(t, "wa-tree-sum")
	subs := append(classIn(t, "testdata/treesum", "wa-tree-sum.go"),
		Submission{ID: "reference", Files: ex.Reference}, Submission{ID: "starter", Files: ex.Starter},
		Submission{ID: "empty", Files: []File{{Name: "wa-tree-sum.go"}}})
	r := Compare(ex, subs)
	copied := map[[2]string]bool{{"bob-disguised", "bob"}: true, {"fay-disguised", "fay"}: true} // in the files' order
	for i, p := range r.Pairs {
		pair := [2]string{r.Subs[p.A].ID, r.Subs[p.B].ID}
		t.Logf("%v %.2f", pair, p.Score)
		if copied[pair] != (i < len(copied)) {
			t.Errorf("pair %d is %v (%.2f), want the copies first", i+1, pair, p.Score)
		}
		if slices.Contains(pair[:], "starter") || slices.Contains(pair[:], "empty") {
			t.Errorf("%v share fingerprints (%.2f)", pair, p.Score)
		}
	}
}

// TestStarterLeftOut: code the learners were given is nobody's: two
// submissions that share only the starter share no fingerprint.
func TestStarterLeftOut(t *testing.T) {
	ex := errgroup(t)
	starter := ex.Starter[0].Text
	subs := []Submission{
		{ID: "a", Files: []File{{Text: starter}}},
		{ID: "b", Files: []File{{Text: strings.ReplaceAll(starter, "task", "job")}}},
	}
	if n := len(Fingerprints(subs[0].Files)); n == 0 {
		t.Fatal("the starter has no fingerprints: the test proves nothing")
	}
	r := Compare(ex, subs)
	if len(r.Pairs) != 0 || r.Counts[0] != 0 || r.Counts[1] != 0 {
		t.Errorf("starter-only submissions: pairs %+v, counts %v", r.Pairs, r.Counts)
	}
	r = Compare(Exercise{}, subs)
	if len(r.Pairs) != 1 || r.Pairs[0].Score != 1 {
		t.Errorf("without the starter: pairs %+v, want one with score 1", r.Pairs)
	}
}

// TestReferenceFlagged: two learners who both wrote (or took) the reference
// solution share passages flagged as the reference's.
func TestReferenceFlagged(t *testing.T) {
	ex := errgroup(t)
	ref := ex.Reference[0].Text
	subs := append(class(t),
		Submission{ID: "took-it", Files: []File{{Text: ref}}},
		Submission{ID: "took-it-too", Files: []File{{Text: strings.NewReplacer("task", "work", "g.", "group.", "(g *Group)", "(group *Group)").Replace(ref)}}})
	r := Compare(ex, subs)
	p := find(t, r, "took-it", "took-it-too")
	if p.Shared == 0 || p.Reference != p.Shared {
		t.Errorf("copies of the reference share %d fingerprints, %d flagged", p.Shared, p.Reference)
	}
	ms := r.Matches(p)
	if len(ms) == 0 {
		t.Fatal("no passages")
	}
	for _, m := range ms {
		if !m.Reference {
			t.Errorf("passage %+v not flagged", m)
		}
	}
	if got := r.InReference(len(subs) - 1); got != r.Counts[len(subs)-1] {
		t.Errorf("%d of %d fingerprints of a renamed reference are found in it", got, r.Counts[len(subs)-1])
	}
	if p := find(t, r, "mutex", "mutex-disguised"); p.Reference*2 > p.Shared {
		t.Errorf("the planted copy: %d of %d shared fingerprints flagged as the reference's", p.Reference, p.Shared)
	}
}

// TestCommonLeftOut: a fingerprint held by more than MaxHolders
// submissions is an idiom, not evidence.
func TestCommonLeftOut(t *testing.T) {
	var subs []Submission
	for i := range MaxHolders(0) + 1 {
		subs = append(subs, Submission{ID: string(rune('a' + i)), Files: []File{{Text: original}}})
	}
	r := Compare(Exercise{}, subs)
	if len(r.Pairs) != 0 || r.Common == 0 {
		t.Errorf("%d identical submissions: %d pairs, %d common fingerprints", len(subs), len(r.Pairs), r.Common)
	}
	r = Compare(Exercise{}, subs[1:])
	if len(r.Pairs) != len(subs[1:])*(len(subs)-2)/2 || r.Common != 0 {
		t.Errorf("%d identical submissions: %d pairs, %d common fingerprints", len(subs)-1, len(r.Pairs), r.Common)
	}
}

func TestPackageName(t *testing.T) {
	for path, want := range map[string]string{"sync": "sync", "sync/atomic": "atomic",
		"math/rand/v2": "rand"} {
		if got := packageName(path); got != want {
			t.Errorf("packageName(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestEditedCopy: a copy of channels.go edited by hand (fields and
// methods reordered, renamed, a loop and an if written another way) keeps
// enough passages to rank above every pair of independent solutions.
func TestEditedCopy(t *testing.T) {
	data, err := os.ReadFile("testdata/edited/channels.go")
	if err != nil {
		t.Fatal(err)
	}
	var subs []Submission
	for _, s := range class(t) {
		if s.ID != "mutex-disguised" {
			subs = append(subs, s)
		}
	}
	subs = append(subs, Submission{ID: "edited", Files: []File{{Name: "mf-errgroup.go", Text: string(data)}}})
	r := Compare(errgroup(t), subs)
	top := r.Pairs[0]
	if got := []string{r.Subs[top.A].ID, r.Subs[top.B].ID}; !slices.Equal(got, []string{"channels", "edited"}) {
		t.Errorf("most similar pair is %v (%.2f), want the edited copy", got, top.Score)
	}
	if len(r.Pairs) > 1 && r.Pairs[1].Score*2 > top.Score {
		t.Errorf("the edited copy scores %.2f, the next pair %.2f: not apart", top.Score, r.Pairs[1].Score)
	}
}

// TestRank: of two exercises where a pair scores 100%, the pair sharing
// the longer code comes first, whichever exercise is listed first.
func TestRank(t *testing.T) {
	tiny := "package p\nfunc f(xs []int) (n int) {\n\tfor _, x := range xs {\n\t\tn += x * 2\n\t}\n\treturn n\n}\n"
	small := Compare(Exercise{}, []Submission{{ID: "a", Files: []File{{Text: tiny}}}, {ID: "b", Files: []File{{Text: tiny}}}})
	large := Compare(Exercise{}, []Submission{{ID: "c", Files: []File{{Text: original}}}, {ID: "d", Files: []File{{Text: original}}}})
	if len(small.Pairs) != 1 || len(large.Pairs) != 1 || small.Pairs[0].Score != 1 || large.Pairs[0].Score != 1 ||
		small.Pairs[0].Shared >= large.Pairs[0].Shared {
		t.Fatalf("pairs %+v and %+v: the test needs two of score 1, the second sharing more", small.Pairs, large.Pairs)
	}
	got := Rank([]*Result{small, large})
	if len(got) != 2 || got[0].Result != 1 || got[1].Result != 0 {
		t.Errorf("Rank = %+v, want the large exercise's pair first", got)
	}
	worse := Compare(Exercise{}, []Submission{{ID: "e", Files: []File{{Text: original}}},
		{ID: "f", Files: []File{{Text: strings.Replace(original, "for i := range jobs {", "for i := range len(jobs) - 1 {", 1)}}}})
	if got := Rank([]*Result{worse, small}); got[0].Result != 1 || got[0].Score <= got[1].Score {
		t.Errorf("Rank = %+v, want the higher score first", got)
	}
}
