package pages

import (
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine/similarity"
)

func TestSimilarityPair(t *testing.T) {
	a := []similarity.File{{Name: "a.go", Text: "package p\n\n// </code><script>alert(1)</script>\nfunc f() {}\nfunc g() {}\n"}}
	b := []similarity.File{{Name: "b.go", Text: "package p\nfunc g() {}\nfunc f() {}\n"}}
	page := PairPage{AssignmentTitle: "Homework <1>", AssignmentID: "hw1", Exercise: "ex",
		A: PairSide{Student: "ada", Files: a, Percent: 1}, B: PairSide{Student: "bob & co", Files: b, Percent: 0.5}, Score: 0.75,
		Matches: []similarity.Match{
			{A: similarity.Span{File: 0, StartLine: 4, EndLine: 4}, B: similarity.Span{File: 0, StartLine: 3, EndLine: 3}, Fingerprints: 2},
			{A: similarity.Span{File: 0, StartLine: 5, EndLine: 5}, B: similarity.Span{File: 0, StartLine: 2, EndLine: 2}, Fingerprints: 1, Reference: true},
		}, Index: "index.html"}
	var out strings.Builder
	if err := SimilarityPair(&out, page); err != nil {
		t.Fatal(err)
	}
	html := out.String()
	for _, want := range []string{
		"<title>ada and bob &amp; co</title>",
		"Score <strong>75%</strong>: 100% of ada's fingerprints are in bob &amp; co's code, 50% of",
		"A reason to look, not proof.",
		"// &lt;/code&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
		`<a href="#a1">a.go lines 4–4</a>`, `<a href="#b2">b.go lines 2–2</a>`,
		`<div class="line m" id="a1" style="--h: 137"><span class="n">4</span><span class="p">1</span><code>func f() {}</code></div>`,
		`<div class="line m ref" id="b2" style="--h: 274"><span class="n">2</span><span class="p">2</span>`,
		"<td>matches the reference solution</td>",
		`<div class="line"><span class="n">3</span><span class="p"></span><code>// &lt;/code&gt;`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(html, "<script>alert") {
		t.Error("a student's code is not escaped")
	}
}

func TestSimilarityIndex(t *testing.T) {
	idx := PairIndex{AssignmentTitle: "Homework 1", AssignmentID: "hw1", Notes: []string{"ex: 2 students compared."},
		Rows: []PairIndexRow{{Exercise: "ex", StudentA: "ada", StudentB: "<bob>", Score: 0.5, PercentA: 0.25, PercentB: 1,
			Passages: 3, ReferencePassage: 1, Page: "pair-001.html"}}}
	var out strings.Builder
	if err := SimilarityIndex(&out, idx); err != nil {
		t.Fatal(err)
	}
	html := out.String()
	for _, want := range []string{"<h1>Similarity: Homework 1 (hw1)</h1>", "A reason to look, not proof.",
		"<p>ex: 2 students compared.</p>", "<td>&lt;bob&gt;</td>", `<a href="pair-001.html">50%</a>`,
		"k-grams of 12 tokens winnowed in windows of 8"} {
		if !strings.Contains(html, want) {
			t.Errorf("index lacks %s", want)
		}
	}
	idx.Rows = nil
	out.Reset()
	if err := SimilarityIndex(&out, idx); err != nil || !strings.Contains(out.String(), "No two students share a fingerprint.") {
		t.Errorf("empty index: %v\n%s", err, out.String())
	}
}
