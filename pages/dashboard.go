package pages

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/report"
	"gonum.org/v1/plot/vg"
)

// dashboard is the instructor's page about one graded assignment: the
// class's scores and lateness, each item's statistics, and each student.
type dashboard struct {
	Title                         string
	CourseTitle                   string
	AssignmentID, AssignmentTitle string
	Due                           time.Time
	LastGraded                    time.Time
	Class                         report.Class
	Flagged                       int // items with a flag

	Scores, Lateness Figure
	Difficulty       Figure
	Discrimination   Figure
	Overview         Table // one row per item
	Items            []dashboardItem
	Students         Table
}

// dashboardItem is one item's section of the dashboard.
type dashboardItem struct {
	report.ItemStats
	Title    string
	Anchor   string // the section's element id
	Options  *Figure
	Outcomes *Figure // exercises
	Outcome  Table   // questions: right, wrong, missing
	Failing  Table
}

// ScoreBins is how many bars the score histogram has.
const ScoreBins = 10

// LateDayBars is how many days late the lateness chart has a bar each
// for; one bar gathers the students later than that.
const LateDayBars = 14

// dashboardOf builds the dashboard of rows, the current grades of one
// assignment (at least one), with the course for titles and options.
func dashboardOf(c *engine.Course, rows []report.Row) (dashboard, error) {
	if len(rows) == 0 {
		return dashboard{}, fmt.Errorf("no grades")
	}
	first := rows[0]
	d := dashboard{CourseTitle: c.Title, AssignmentID: first.Assignment, AssignmentTitle: first.Title, Due: first.Due,
		Class: report.ClassStats(c, rows)}
	if d.AssignmentTitle == "" {
		d.AssignmentTitle = first.Assignment
	}
	d.Title = d.AssignmentTitle + ": class dashboard"
	for _, r := range rows {
		if r.GradedAt.After(d.LastGraded) {
			d.LastGraded = r.GradedAt
		}
	}
	var err error
	top := d.Class.Max
	if top <= 0 {
		top = 1
	}
	if d.Scores, err = Histogram("scores", "Scores (after late penalties)", "Score", d.Class.Scores, 0, top, ScoreBins); err != nil {
		return dashboard{}, err
	}
	late := BarChart{ID: "lateness", Title: "Days late", Category: "Days late", Value: "Students"}
	for days, n := range d.Class.Lateness {
		switch {
		case days == 0:
			late.Bars = append(late.Bars, Bar{Label: "on time", Value: float64(n)})
		case days <= LateDayBars:
			late.Bars = append(late.Bars, Bar{Label: homework.Plural(days, "day"), Value: float64(n)})
		case days == LateDayBars+1:
			late.Bars = append(late.Bars, Bar{Label: "over " + homework.Plural(LateDayBars, "day"), Value: float64(n)})
		default:
			late.Bars[len(late.Bars)-1].Value += float64(n)
		}
	}
	if d.Lateness, err = late.Figure(); err != nil {
		return dashboard{}, err
	}
	// Side by side, each half the page wide: drawn narrower than the
	// default, so that their text is not scaled down as much. (The score
	// histogram keeps the default: ten range labels need its width.)
	const half = 12 * vg.Centimeter
	diff := BarChart{ID: "difficulty", Title: "Difficulty: share of students right", Category: "Item", Value: "Right",
		Horizontal: true, Percent: true, Min: 0, Max: 1, Width: half}
	disc := BarChart{ID: "discrimination", Title: "Discrimination: point-biserial r", Category: "Item", Value: "Correlation with the rest of the score",
		Horizontal: true, Min: -1, Max: 1, Width: half}
	d.Overview = Table{ID: "items-table", Caption: "Item statistics", Sortable: true,
		Head: []string{"Item", "Kind", "Points", "Difficulty", "Right", "Discrimination", "Mean attempts", "Mean hints", "Flags"}}
	for _, st := range d.Class.Items {
		di := dashboardItem{ItemStats: st, Title: st.ID, Anchor: "item-" + st.ID}
		if it, ok := c.Find(st.ID); ok && it.ItemTitle() != "" {
			di.Title = it.ItemTitle()
		}
		if len(st.Flags) > 0 {
			d.Flagged++
		}
		diff.Bars = append(diff.Bars, Bar{Label: st.ID, Value: st.Difficulty, Text: FormatPercent(st.Difficulty)})
		disc.Bars = append(disc.Bars, Bar{Label: st.ID, Value: st.Discrimination})
		d.Overview.Rows = append(d.Overview.Rows, overviewRow(st))
		if err := di.charts(); err != nil {
			return dashboard{}, err
		}
		d.Items = append(d.Items, di)
	}
	if d.Difficulty, err = diff.Figure(); err != nil {
		return dashboard{}, err
	}
	if d.Discrimination, err = disc.Figure(); err != nil {
		return dashboard{}, err
	}
	d.Students = studentTable(rows, d.Class.Items)
	return d, nil
}

func overviewRow(st report.ItemStats) TableRow {
	row := TableRow{Cells: []Cell{
		{Text: st.ID, Class: "item"},
		TextCell(string(st.Kind)),
		NumCell(homework.FormatPoints(st.Max), st.Max),
		NumCell(FormatPercent(st.Difficulty), st.Difficulty),
		NumCell(fmt.Sprintf("%d/%d", st.Right, st.Given), float64(st.Right)),
		NumCell(FormatNumber(st.Discrimination), orZero(st.Discrimination)),
		NumCell(FormatNumber(st.MeanAttempts), orZero(st.MeanAttempts)),
		NumCell(FormatNumber(st.MeanHints), orZero(st.MeanHints)),
		{Text: strings.Join(st.Flags, "; "), Class: "flag"},
	}}
	if len(st.Flags) > 0 {
		row.Class = "flagged"
	}
	return row
}

// orZero is v, or 0 for an undefined value, which sorts with the zeros.
func orZero(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// charts makes the item's option chart, outcome chart or table, and its
// table of failing tests.
func (di *dashboardItem) charts() error {
	if len(di.ItemStats.Options) > 0 {
		oc := BarChart{ID: "options-" + di.ID, Title: "Options of " + di.ID + " picked (of " + homework.Plural(di.Handed, "answer") + ")",
			Category: "Option", Value: "Picked", Horizontal: true, Percent: true, Min: 0, Max: 1, ExtraHead: []string{"Students", "Right choice"}}
		for _, o := range di.ItemStats.Options {
			label, right := o.Text, "no"
			if o.Answer {
				label, right = o.Text+" ✓", "yes"
			}
			oc.Bars = append(oc.Bars, Bar{Label: label, Value: o.Rate, Text: FormatPercent(o.Rate)})
			// Options are sentences: the chart names them by their start,
			// and the table in full.
			short := shorten(o.Text, optionLabelRunes)
			if o.Answer {
				short = "✓ " + short // first: the cut must not take it
			}
			oc.AxisLabels = append(oc.AxisLabels, short)
			oc.ExtraColumns = append(oc.ExtraColumns, []string{strconv.Itoa(o.Picked), right})
		}
		f, err := oc.Figure()
		if err != nil {
			return err
		}
		di.Options = &f
	}
	if di.Kind == engine.KindExercise {
		ob := BarChart{ID: "outcomes-" + di.ID, Title: "Outcomes of " + di.ID, Category: "Outcome", Value: "Students"}
		for _, o := range di.ItemStats.Outcomes {
			ob.Bars = append(ob.Bars, Bar{Label: o.Outcome, Value: float64(o.Count)})
		}
		if len(ob.Bars) > 0 {
			f, err := ob.Figure()
			if err != nil {
				return err
			}
			di.Outcomes = &f
		}
	} else {
		di.Outcome = Table{ID: "outcomes-" + di.ID, Caption: "Outcomes of " + di.ID, Head: []string{"Outcome", "Students"}}
		for _, o := range di.ItemStats.Outcomes {
			di.Outcome.Rows = append(di.Outcome.Rows, TableRow{Cells: []Cell{TextCell(o.Outcome), NumCell(strconv.Itoa(o.Count), float64(o.Count))}})
		}
	}
	di.Failing = Table{ID: "failing-" + di.ID, Caption: "Tests most often failed in " + di.ID, Head: []string{"Test", "Failed", "Commonest messages"}}
	for _, f := range di.ItemStats.Failing {
		var msgs []string
		for _, m := range f.Messages {
			msgs = append(msgs, fmt.Sprintf("%s (%d×)", shorten(m.Text, messageRunes), m.Count))
		}
		di.Failing.Rows = append(di.Failing.Rows, TableRow{Cells: []Cell{
			{Text: f.Name, Class: "test"}, NumCell(strconv.Itoa(f.Failed), float64(f.Failed)), {Text: strings.Join(msgs, "\n"), Class: "messages"},
		}})
	}
	return nil
}

// messageRunes is how much of a failing test's message the dashboard
// shows: the whole output is in each student's feedback report.
const messageRunes = 400

// optionLabelRunes is how much of an option's text labels its bar: with
// more, long options leave the bars no room.
const optionLabelRunes = 30

// shorten cuts s to at most n runes, ending a cut one with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// studentTable has a row per student: their score and each item's points.
func studentTable(rows []report.Row, items []report.ItemStats) Table {
	// A column of names only when there are names (bundles need not have them).
	named := slices.ContainsFunc(rows, func(r report.Row) bool { return report.FullName(r.FirstName, r.LastName) != "" })
	t := Table{ID: "students-table", Caption: "Students", Sortable: true, Head: []string{"Student"}}
	if named {
		t.Head = append(t.Head, "Name")
	}
	t.Head = append(t.Head, "Score", "Raw", "Late penalty", "Days late")
	for _, it := range items {
		t.Head = append(t.Head, it.ID)
	}
	for _, r := range rows {
		late := NumCell(strconv.Itoa(r.DaysLate), float64(r.DaysLate))
		if r.PastCutoff {
			late.Text += " (past cutoff)"
		}
		row := TableRow{Cells: []Cell{TextCell(homework.Clean(r.StudentID))}}
		if named {
			row.Cells = append(row.Cells, TextCell(report.FullName(r.FirstName, r.LastName)))
		}
		row.Cells = append(row.Cells,
			NumCell(homework.FormatPoints(r.Score), r.Score), NumCell(homework.FormatPoints(r.RawScore), r.RawScore),
			NumCell(homework.FormatPoints(r.LatePenalty), r.LatePenalty), late)
		for _, it := range items {
			ri, ok := r.Item(it.ID)
			cell := Cell{Text: "–", Num: true, Sort: "-1"}
			if ok && ri.Outcome != report.OutcomeMissing {
				cell = NumCell(homework.FormatPoints(ri.Points), ri.Points)
				if !ri.Passed {
					cell.Class = "bad"
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// The dashboard carries its own style and a small script (sorting the
// tables; they read the same without it). Names, messages and test output
// come from students: html/template escapes them.
//
//go:embed dashboard.html.tmpl
var dashboardText string

var dashboardTmpl = template.Must(newPage("dashboard", dashboardText, template.FuncMap{
	"utc":     homework.FormatUTC,
	"points":  homework.FormatPoints,
	"percent": FormatPercent,
	"number":  FormatNumber,
	"plural":  homework.Plural,
}))

// Dashboard writes the class dashboard of rows, the current grades of one
// assignment (at least one), as one self-contained HTML page; the course
// gives the titles and the questions' options.
func Dashboard(w io.Writer, c *engine.Course, rows []report.Row) error {
	d, err := dashboardOf(c, rows)
	if err != nil {
		return err
	}
	return writePage(w, dashboardTmpl, d)
}
