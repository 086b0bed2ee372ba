package similarity

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzFingerprints: any text, Go or not, is fingerprinted and compared
// without a panic, and every position found is a line of the text.
func FuzzFingerprints(f *testing.F) {
	names, _ := filepath.Glob("testdata/errgroup/*.go")
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add("package p\nimport (\n\t. \"fmt\"\n\t_ \"embed\"\n\tx \"a/b/v2\"\n")
	f.Add("import ( \"unterminated")
	f.Add("func f() { `raw\nstring` ; ; }} ) ] x.y.z len := 1 \x00 \xff")
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		files := []File{{Name: "a.go", Text: src}, {Name: "b.go", Text: src}}
		for _, fp := range Fingerprints(files) {
			if fp.File < 0 || fp.File > 1 || fp.StartLine < 1 || fp.StartLine > fp.EndLine || fp.EndLine > lines {
				t.Fatalf("fingerprint %+v of a text of %d lines", fp, lines)
			}
		}
		r := Compare(Exercise{Starter: files[:1]}, []Submission{{ID: "a", Files: files}, {ID: "b", Files: files[1:]}})
		for _, p := range r.Pairs {
			if p.Score < 0 || p.Score > 1 || p.PercentA > 1 || p.PercentB > 1 {
				t.Fatalf("pair %+v", p)
			}
			for _, m := range r.Matches(p) {
				if m.A.StartLine > m.A.EndLine || m.B.StartLine > m.B.EndLine || m.Fingerprints < 1 {
					t.Fatalf("match %+v", m)
				}
			}
		}
	})
}
