package similarity

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// synthetic writes a submission of about 80 lines from random statements,
// so that a class of them shares idioms but no whole passage.
func synthetic(rng *rand.Rand) string {
	stmts := []string{
		"%s := make(chan int, %d)", "for %s := range %s {", "}", "if %s > %d {", "go func() { %s <- %d }()",
		"%s.Add(%d)", "defer %s.Done()", "%s = append(%s, %d)", "select {\ncase <-%s:\ncase %s <- %d:\n}",
		"%s.Lock()", "%s.Unlock()", "return %s, nil", "if err := %s(%d); err != nil {\nreturn err\n}",
		"%s[%s] = len(%s) + %d", "close(%s)", "var %s sync.WaitGroup", "%s++",
	}
	var b strings.Builder
	b.WriteString("package p\n\nimport \"sync\"\n")
	for f := range 5 {
		fmt.Fprintf(&b, "\nfunc f%d() {\n", f)
		open := 0
		for range 16 {
			s := stmts[rng.IntN(len(stmts))]
			switch {
			case s == "}" && open == 0:
				continue
			case s == "}":
				open--
			case strings.HasSuffix(s, "{"):
				open++
			}
			args := make([]any, strings.Count(s, "%"))
			for i := range args {
				args[i] = fmt.Sprintf("v%d", rng.IntN(6))
			}
			fmt.Fprintf(&b, strings.ReplaceAll(s, "%d", "%s")+"\n", args...)
		}
		b.WriteString(strings.Repeat("}\n", open+1))
	}
	return b.String()
}

// BenchmarkCompareClass compares a class of 300 submissions of one
// exercise: 44,850 pairs, through the inverted index.
func BenchmarkCompareClass(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	subs := make([]Submission, 300)
	for i := range subs {
		subs[i] = Submission{ID: fmt.Sprint(i), Files: []File{{Name: "p.go", Text: synthetic(rng)}}}
	}
	ex := errgroup(b)
	b.ReportAllocs()
	for b.Loop() {
		r := Compare(ex, subs)
		for _, p := range r.Pairs[:min(20, len(r.Pairs))] {
			r.Matches(p)
		}
	}
	b.ReportMetric(float64(len(subs))*float64(b.N)/b.Elapsed().Seconds(), "submissions/s")
}
