package pages

import (
	"bytes"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestHistogramCounts(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		lo, hi float64
		bins   int
		want   []int
	}{
		// Steps of 2: [0,2) [2,4) [4,6) [6,8) [8,10]; 10 goes in the last bin.
		{"edges", []float64{0, 1.99, 2, 5, 10, 10}, 0, 10, 5, []int{2, 1, 1, 0, 2}},
		{"outside left out", []float64{-1, 11, math.NaN(), 3}, 0, 10, 2, []int{1, 0}},
		{"one bin", []float64{0, 4, 7}, 0, 7, 1, []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HistogramCounts(tt.values, tt.lo, tt.hi, tt.bins); !slices.Equal(got, tt.want) {
				t.Errorf("HistogramCounts = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{FormatPercent(2.0 / 3), "67%"},
		{FormatPercent(0), "0%"},
		{FormatPercent(1), "100%"},
		// A share neither none nor all never reads as none or all: 1 of
		// 250 right is not "0%", 249 of 250 not "100%".
		{FormatPercent(1.0 / 250), "<1%"},
		{FormatPercent(249.0 / 250), ">99%"},
		{FormatPercent(0.006), "1%"},
		{FormatPercent(0.994), "99%"},
		{FormatPercent(math.NaN()), "–"},
		{FormatNumber(0.5774), "0.58"},
		{FormatNumber(-0.001), "0"},
		{FormatNumber(3), "3"},
		{FormatNumber(2.5), "2.5"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// checkSVG checks what every chart must be: inline markup with a title,
// a role, and nothing fetched from elsewhere.
func checkSVG(t *testing.T, f Figure) {
	t.Helper()
	svg := string(f.SVG)
	if !strings.HasPrefix(svg, `<svg role="img" aria-labelledby="`+f.ID+`-title"`) {
		t.Errorf("SVG starts %.80q", svg)
	}
	if !strings.Contains(svg, `<title id="`+f.ID+`-title">`) {
		t.Errorf("SVG has no <title>")
	}
	if strings.Contains(svg, "<?xml") {
		t.Errorf("SVG keeps its XML prolog, which is out of place in HTML")
	}
	// The only URLs allowed are the XML namespace names, which are never fetched.
	for _, u := range regexp.MustCompile(`(?:https?:)?//[^"' )]+`).FindAllString(svg, -1) {
		if u != "http://www.w3.org/2000/svg" && u != "http://www.w3.org/1999/xlink" {
			t.Errorf("SVG refers to %s", u)
		}
	}
	if strings.Contains(svg, "@font-face") || strings.Contains(svg, "url(") {
		t.Errorf("SVG embeds or loads a font")
	}
	if !strings.HasSuffix(strings.TrimSpace(svg), "</svg>") {
		t.Errorf("SVG does not end with </svg>")
	}
}

func TestBarChart(t *testing.T) {
	for _, horizontal := range []bool{false, true} {
		f, err := BarChart{ID: "difficulty", Title: "Share right <by item>", Category: "Item", Value: "Right",
			Horizontal: horizontal, Min: 0, Max: 1,
			Bars: []Bar{{Label: "q-one", Value: 2.0 / 3, Text: "67%"}, {Label: "q-two", Value: 0.25}}}.Figure()
		if err != nil {
			t.Fatal(err)
		}
		checkSVG(t, f)
		svg := string(f.SVG)
		for _, want := range []string{"q-one", "q-two", "Share right &lt;by item&gt;"} {
			if !strings.Contains(svg, want) {
				t.Errorf("horizontal=%v: SVG lacks %q", horizontal, want)
			}
		}
		if got := f.Table.Rows[0].Cells[1]; got.Text != "67%" || !got.Num {
			t.Errorf("first row's value cell = %+v, want 67%%, numeric", got)
		}
		if got := f.Table.Rows[1].Cells[1].Text; got != "0.25" {
			t.Errorf("second row's value = %q, want the number 0.25", got)
		}
	}
	if _, err := (BarChart{ID: "x", Title: "empty"}).Figure(); err == nil {
		t.Error("a bar chart without bars drew")
	}
}

// TestBarChartCounts: a chart of counts (whole values) is not marked at
// fractions of a question or student, as gonum's default ticks mark 0 to 1.
func TestBarChartCounts(t *testing.T) {
	for _, tt := range []struct {
		values []float64
		want   []string // tick labels that must be there
		banned []string
	}{
		{[]float64{0, 1, 0}, []string{">0<", ">1<"}, []string{">0.5<", ">1.0<", ">0.0<"}},
		{[]float64{0, 0}, []string{">0<", ">1<"}, []string{">0.5<"}},
		{[]float64{3, 7}, []string{">0<"}, []string{".5<"}},
		{[]float64{0.25, 1}, []string{">0.5<"}, nil}, // not counts: fractions stay
	} {
		var bars []Bar
		for i, v := range tt.values {
			bars = append(bars, Bar{Label: "day " + strconv.Itoa(i+1), Value: v})
		}
		f, err := BarChart{ID: "c", Title: "Counts", Category: "Day", Value: "Due", Bars: bars}.Figure()
		if err != nil {
			t.Fatal(err)
		}
		svg := string(f.SVG)
		for _, w := range tt.want {
			if !strings.Contains(svg, w) {
				t.Errorf("%v: SVG lacks the tick %s", tt.values, w)
			}
		}
		for _, b := range tt.banned {
			if strings.Contains(svg, b) {
				t.Errorf("%v: SVG has the tick %s", tt.values, b)
			}
		}
	}
}

// pairs is a two-column table as "first=second" per row.
func pairs(t Table) []string {
	var out []string
	for _, r := range t.Rows {
		out = append(out, r.Cells[0].Text+"="+r.Cells[1].Text)
	}
	return out
}

func TestHistogramFigure(t *testing.T) {
	f, err := Histogram("scores", "Scores", "Score", []float64{0, 4, 5, 10}, 0, 10, 2)
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, f)
	got := pairs(f.Table)
	if want := []string{"0–5=2", "5–10=2"}; !slices.Equal(got, want) {
		t.Errorf("histogram table = %v, want %v", got, want)
	}
	if _, err := Histogram("x", "x", "x", nil, 1, 1, 3); err == nil {
		t.Error("a histogram with lo = hi drew")
	}
}

func TestLineChart(t *testing.T) {
	day := 86400.0
	c := LineChart{ID: "rate", Title: "First-try rate", XLabel: "Day", YLabel: "Right at once", Times: true, Percent: true,
		X: []float64{0, day, 2 * day, 3 * day, 4 * day}, Series: []Series{{Name: "rate", Y: []float64{0.5, 0.75, math.NaN(), 0.25, 1}}}, Min: 0, Max: 1}
	f, err := c.Figure()
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, f)
	got := pairs(f.Table)
	if want := []string{"1970-01-01=50%", "1970-01-02=75%", "1970-01-03=–", "1970-01-04=25%", "1970-01-05=100%"}; !slices.Equal(got, want) {
		t.Errorf("line table = %v, want %v", got, want)
	}
	// Two runs (the gap splits the line), each drawn as a line of two points.
	if n := strings.Count(string(f.SVG), "stroke:#0072B2;stroke-width:2"); n != 2 {
		t.Errorf("%d lines drawn, want one per run of values (2)", n)
	}
	c.Series[0].Y = c.Series[0].Y[:4]
	if _, err := c.Figure(); err == nil {
		t.Error("a series shorter than X drew")
	}
}

func TestPage(t *testing.T) {
	f, err := BarChart{ID: "b", Title: "Bars", Category: "C", Value: "V", Bars: []Bar{{Label: "a", Value: 1}}}.Figure()
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPage("test", `{{define "main"}}{{template "figure" .Fig}}<p>{{.Note}}</p>{{end}}`, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	data := struct {
		Title, Note string
		Fig         Figure
	}{"A <page>", "<script>alert(1)</script>", f}
	if err := writePage(&buf, p, data); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		"<title>A &lt;page&gt;</title>", "<h1>A &lt;page&gt;</h1>", "@media print", "prefers-color-scheme: dark",
		`<figure id="b"`, string(f.SVG), "<details>", `<table id="b-data">`, `<th scope="row">a</th><td class="num" data-sort="1">1</td>`,
		"&lt;script&gt;alert(1)&lt;/script&gt;",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if _, err := newPage("bad", `{{define "other"}}{{end}}`, nil); err == nil {
		t.Error("a page without main was made")
	}
}
