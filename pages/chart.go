package pages

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"html/template"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// A Figure is a chart to put in a page: the SVG drawing and a table with
// the same numbers, for screen readers and for anyone who wants the exact
// values. The page frame's "figure" template shows one.
type Figure struct {
	ID    string // unique in the page; the SVG's <title> is ID-title
	Title string // the caption, and the SVG's <title>
	SVG   template.HTML
	Table Table
}

// A Table is a data table of a page; the frame's "table" template shows it.
type Table struct {
	ID       string
	Caption  string
	Head     []string
	Rows     []TableRow
	Sortable bool // the frame's script lets readers sort it by a column
}

// A TableRow is one row of a Table; Class marks it (for example "flagged").
type TableRow struct {
	Cells []Cell
	Class string
}

// A Cell is one cell of a table. Sort, when set, is the value the column
// sorts by (a number for numeric columns), instead of Text.
type Cell struct {
	Text  string
	Num   bool // right-aligned, and sorted as a number
	Sort  string
	Class string
}

// TextCell is a cell of text.
func TextCell(s string) Cell { return Cell{Text: s} }

// NumCell is a numeric cell shown as text and sorted by v.
func NumCell(text string, v float64) Cell {
	return Cell{Text: text, Num: true, Sort: strconv.FormatFloat(v, 'g', -1, 64)}
}

// Bar is one bar of a BarChart. Text is the value as the table shows it
// ("67%"); when empty, FormatNumber(Value).
type Bar struct {
	Label string
	Value float64
	Text  string
}

// BarChart is a bar chart: categories along one axis, a value each.
type BarChart struct {
	ID, Title     string
	Category      string // the axis of the labels, and the table's first column
	Value         string // the axis of the values, and the table's second column
	Bars          []Bar
	Horizontal    bool    // bars run left to right, labels down the side: for long labels
	Percent       bool    // values are shares from 0 to 1, labelled "67%"
	Min, Max      float64 // the value axis; both 0 means from the data
	Width, Height vg.Length
	// AxisLabels, when set, label the bars on the chart instead of their
	// Labels (which the table keeps): "" leaves a bar unlabelled, so that
	// many bars can be marked sparsely.
	AxisLabels   []string
	ExtraHead    []string   // more table columns after the value
	ExtraColumns [][]string // per bar, the cells of ExtraHead
}

// Series is one line of a LineChart: Y[i] at the chart's X[i]; NaN leaves
// a gap.
type Series struct {
	Name string
	Y    []float64
}

// LineChart draws one or more series over a shared X axis. With Times the
// X values are Unix seconds and are labelled as dates (TimeFormat, by
// default "Jan 2").
type LineChart struct {
	ID, Title     string
	XLabel        string
	YLabel        string
	X             []float64
	Times         bool
	TimeFormat    string
	Series        []Series
	Min, Max      float64 // the Y axis; both 0 means from the data
	Width, Height vg.Length
	Percent       bool // Y is a share from 0 to 1, shown as "67%"
}

// Chart sizes when a chart does not say; the page scales them to its width.
const (
	DefaultWidth  = 16 * vg.Centimeter
	DefaultHeight = 7 * vg.Centimeter
)

// The colours of the series (the colour-blind-safe Okabe–Ito palette);
// the page's dark style inverts the whole drawing, which keeps them apart.
var palette = []color.Color{
	color.RGBA{0x00, 0x72, 0xB2, 0xFF}, // blue
	color.RGBA{0xD5, 0x5E, 0x00, 0xFF}, // vermilion
	color.RGBA{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	color.RGBA{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	color.RGBA{0xE6, 0x9F, 0x00, 0xFF}, // orange
	color.RGBA{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
}

// FormatNumber writes v with at most two decimals and no trailing zeros.
func FormatNumber(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// FormatPercent writes a share from 0 to 1 as a whole percentage: "67%".
// Only none is "0%" and only all "100%": a share that rounds to them reads
// "<1%" or ">99%" (1 of 250 students right is not nobody).
func FormatPercent(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	p := math.Round(v * 100)
	switch {
	case p == 0 && v > 0:
		return "<1%"
	case p == 100 && v < 1:
		return ">99%"
	}
	return strconv.FormatFloat(p, 'f', 0, 64) + "%"
}

// Figure draws the chart.
func (c BarChart) Figure() (Figure, error) {
	if len(c.Bars) == 0 {
		return Figure{}, fmt.Errorf("bar chart %q: no bars", c.Title)
	}
	p := newPlot()
	vals := make(plotter.Values, len(c.Bars))
	labels := make([]string, len(c.Bars))
	for i, b := range c.Bars {
		vals[i], labels[i] = b.Value, b.Label
		if c.AxisLabels != nil {
			labels[i] = c.AxisLabels[i]
		}
		if math.IsNaN(b.Value) {
			vals[i] = 0 // undefined: no bar; the table says "–"
		}
	}
	if c.Horizontal {
		// The first bar at the top, as in the table.
		slices.Reverse(vals)
		slices.Reverse(labels)
	}
	w, h := c.Width, c.Height
	if c.Horizontal && h <= 0 {
		// A row per bar, not bars spread over a fixed height.
		h = 2*vg.Centimeter + vg.Length(len(c.Bars))*9*vg.Millimeter
	}
	w, h = size(w, h)
	thick := (w - 3*vg.Centimeter) / vg.Length(2*len(c.Bars))
	if c.Horizontal {
		thick = (h - 2*vg.Centimeter) / vg.Length(2*len(c.Bars))
	}
	bars, err := plotter.NewBarChart(vals, min(thick, vg.Centimeter))
	if err != nil {
		return Figure{}, fmt.Errorf("bar chart %q: %w", c.Title, err)
	}
	bars.Color = palette[0]
	bars.LineStyle.Width = 0
	bars.Horizontal = c.Horizontal
	// Grid lines across the values only, under the bars.
	grid := plotter.NewGrid()
	if c.Horizontal {
		grid.Horizontal.Width = 0
	} else {
		grid.Vertical.Width = 0
	}
	p.Add(grid, bars)
	cat, val := &p.X, &p.Y
	if c.Horizontal {
		cat, val = &p.Y, &p.X
		p.NominalY(labels...)
	} else {
		p.NominalX(labels...)
	}
	cat.Label.Text, val.Label.Text = c.Category, c.Value
	// Half a step beyond the first and last bars, so that their labels fit.
	cat.Min, cat.Max = -0.5, float64(len(c.Bars))-0.5
	setRange(val, c.Min, c.Max)
	switch {
	case c.Percent:
		val.Tick.Marker = percentTicks{}
	case wholeValues(c.Bars):
		val.Tick.Marker = countTicks{}
	}
	svg, err := drawSVG(p, c.ID, c.Title, w, h)
	if err != nil {
		return Figure{}, err
	}
	t := Table{ID: c.ID + "-data", Caption: c.Title, Head: append([]string{c.Category, c.Value}, c.ExtraHead...)}
	for i, b := range c.Bars {
		text := b.Text
		if text == "" {
			text = FormatNumber(b.Value)
		}
		if math.IsNaN(b.Value) {
			b.Value = 0 // sorts as 0; the text says "–"
		}
		row := TableRow{Cells: []Cell{TextCell(b.Label), NumCell(text, b.Value)}}
		if i < len(c.ExtraColumns) {
			for _, s := range c.ExtraColumns[i] {
				row.Cells = append(row.Cells, TextCell(s))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return Figure{ID: c.ID, Title: c.Title, SVG: svg, Table: t}, nil
}

// Histogram counts values in bins equal steps wide from lo to hi (a value
// at hi goes in the last bin), as a bar chart labelled by range.
func Histogram(id, title, of string, values []float64, lo, hi float64, bins int) (Figure, error) {
	if bins < 1 || !(hi > lo) {
		return Figure{}, fmt.Errorf("histogram %q: need at least one bin and lo < hi", title)
	}
	counts := HistogramCounts(values, lo, hi, bins)
	c := BarChart{ID: id, Title: title, Category: of, Value: "Students"}
	step := (hi - lo) / float64(bins)
	for i, n := range counts {
		a, b := lo+float64(i)*step, lo+float64(i+1)*step
		label := FormatNumber(a) + "–" + FormatNumber(b)
		c.Bars = append(c.Bars, Bar{Label: label, Value: float64(n)})
	}
	c.Max = math.Max(1, float64(maxInt(counts)))
	return c.Figure()
}

// HistogramCounts is how many values fall in each of bins equal bins from
// lo to hi: [lo, lo+step), …, [hi-step, hi]. Values outside are left out.
func HistogramCounts(values []float64, lo, hi float64, bins int) []int {
	counts := make([]int, bins)
	step := (hi - lo) / float64(bins)
	for _, v := range values {
		if v < lo || v > hi || math.IsNaN(v) {
			continue
		}
		i := min(int((v-lo)/step), bins-1)
		counts[i]++
	}
	return counts
}

func maxInt(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// Figure draws the chart.
func (c LineChart) Figure() (Figure, error) {
	if len(c.X) == 0 || len(c.Series) == 0 {
		return Figure{}, fmt.Errorf("line chart %q: no points", c.Title)
	}
	p := newPlot()
	p.Add(plotter.NewGrid())
	p.X.Label.Text, p.Y.Label.Text = c.XLabel, c.YLabel
	if c.Times {
		format := c.TimeFormat
		if format == "" {
			format = "Jan 2"
		}
		p.X.Tick.Marker = plot.TimeTicks{Format: format}
	}
	if c.Percent {
		p.Y.Tick.Marker = percentTicks{}
	}
	for i, s := range c.Series {
		if len(s.Y) != len(c.X) {
			return Figure{}, fmt.Errorf("line chart %q: series %q has %d values for %d X values", c.Title, s.Name, len(s.Y), len(c.X))
		}
		// One line per run of values between gaps, so that a gap shows.
		col := palette[i%len(palette)]
		var run plotter.XYs
		flush := func() error {
			if len(run) == 0 {
				return nil
			}
			l, pts, err := plotter.NewLinePoints(run)
			if err != nil {
				return fmt.Errorf("line chart %q: %w", c.Title, err)
			}
			l.Color, pts.Color = col, col
			l.Width = vg.Points(2)
			pts.Shape = draw.CircleGlyph{}
			pts.Radius = vg.Points(2.5)
			p.Add(l, pts)
			run = nil
			return nil
		}
		for j, y := range s.Y {
			if math.IsNaN(y) {
				if err := flush(); err != nil {
					return Figure{}, err
				}
				continue
			}
			run = append(run, plotter.XY{X: c.X[j], Y: y})
		}
		if err := flush(); err != nil {
			return Figure{}, err
		}
		if len(c.Series) > 1 {
			thumb, _ := plotter.NewLine(plotter.XYs{{}})
			thumb.Color, thumb.Width = col, vg.Points(2)
			p.Legend.Add(s.Name, thumb)
		}
	}
	p.Legend.Top = true
	setRange(&p.Y, c.Min, c.Max)
	w, h := size(c.Width, c.Height)
	svg, err := drawSVG(p, c.ID, c.Title, w, h)
	if err != nil {
		return Figure{}, err
	}
	t := Table{ID: c.ID + "-data", Caption: c.Title, Head: []string{c.XLabel}}
	for _, s := range c.Series {
		name := s.Name
		if name == "" {
			name = c.YLabel
		}
		t.Head = append(t.Head, name)
	}
	for j, x := range c.X {
		xText := FormatNumber(x)
		if c.Times {
			xText = time.Unix(int64(x), 0).UTC().Format("2006-01-02")
		}
		row := TableRow{Cells: []Cell{{Text: xText, Sort: strconv.FormatFloat(x, 'g', -1, 64)}}}
		for _, s := range c.Series {
			text := FormatNumber(s.Y[j])
			if c.Percent {
				text = FormatPercent(s.Y[j])
			}
			row.Cells = append(row.Cells, NumCell(text, s.Y[j]))
		}
		t.Rows = append(t.Rows, row)
	}
	return Figure{ID: c.ID, Title: c.Title, SVG: svg, Table: t}, nil
}

// percentTicks labels a 0–1 axis in percent.
type percentTicks struct{}

func (percentTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = FormatPercent(ticks[i].Value)
		}
	}
	return ticks
}

// countTicks are gonum's default ticks with only the whole ones labelled
// (written "1", not "1.0"): a chart of counts is not marked at half a
// student.
type countTicks struct{}

func (countTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label == "" {
			continue
		}
		if v := ticks[i].Value; v == math.Trunc(v) {
			ticks[i].Label = FormatNumber(v)
		} else {
			ticks[i].Label = ""
		}
	}
	return ticks
}

// wholeValues reports whether every bar's value is a whole number: counts.
func wholeValues(bars []Bar) bool {
	for _, b := range bars {
		if b.Value != math.Trunc(b.Value) {
			return false
		}
	}
	return true
}

func newPlot() *plot.Plot {
	p := plot.New()
	// Transparent, so that the page's background (light or dark) shows.
	p.BackgroundColor = color.Transparent
	// Larger than gonum's 10 and 12 points: the page scales charts down.
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Tick.Label.Font.Size = vg.Points(12)
		a.Label.TextStyle.Font.Size = vg.Points(13)
		a.Tick.Label.Font.Variant, a.Label.TextStyle.Font.Variant = "Sans", "Sans"
	}
	p.Legend.TextStyle.Font.Size = vg.Points(12)
	// Measured as Liberation Sans, the family the page shows (gonum's
	// default is Liberation Serif, narrower: labels ran into the bars).
	p.Legend.TextStyle.Font.Variant, p.Title.TextStyle.Font.Variant = "Sans", "Sans"
	return p
}

func size(w, h vg.Length) (vg.Length, vg.Length) {
	if w <= 0 {
		w = DefaultWidth
	}
	if h <= 0 {
		h = DefaultHeight
	}
	return w, h
}

func setRange(a *plot.Axis, lo, hi float64) {
	if lo == 0 && hi == 0 {
		a.Min = math.Min(a.Min, 0)
		if a.Max <= a.Min {
			a.Max = a.Min + 1
		}
		return
	}
	a.Min, a.Max = lo, hi
}

// drawSVG draws p as SVG markup for a page: no XML prolog, a <title>, and
// role="img". Fonts are not embedded (Liberation Sans would add ~400 KB to
// each chart); the SVG names the family and the page's style lists
// metric-compatible fallbacks. gonum escapes every text it writes.
func drawSVG(p *plot.Plot, id, title string, w, h vg.Length) (out template.HTML, err error) {
	if id == "" {
		return "", errors.New("chart without an ID")
	}
	defer func() {
		// gonum panics on some impossible layouts (a chart too small for its labels).
		if r := recover(); r != nil {
			err = fmt.Errorf("chart %q: %v", title, r)
		}
	}()
	c := vgsvg.New(w, h)
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("chart %q: %w", title, err)
	}
	svg := buf.String()
	start := strings.Index(svg, "<svg")
	end := strings.Index(svg[max(start, 0):], ">")
	if start < 0 || end < 0 {
		return "", fmt.Errorf("chart %q: gonum wrote no <svg> element", title)
	}
	end += start
	titleID := html.EscapeString(id + "-title")
	head := `<svg role="img" aria-labelledby="` + titleID + `" class="chart"` + svg[start+len("<svg"):end+1]
	return template.HTML(head + `<title id="` + titleID + `">` + html.EscapeString(title) + `</title>` + svg[end+1:]), nil
}
