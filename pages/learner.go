package pages

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/report"
)

// The learner's page (asynclings progress --html): report.LearnerProgress
// drawn with the page frame and the charts of chart.go.
//
//go:embed learner.html.tmpl
var learnerText string

var learnerTmpl = template.Must(newPage("learner", learnerText, nil))

// learnerPage is what the template shows.
type learnerPage struct {
	Title    string
	P        report.LearnerProgress
	Active   string // the active time, formatted
	FirstTry string // the first-try rate over the course, or "" before any try
	Chapters Table
	Done     Figure
	Weeks    *Figure // nil before any item was tried
	Calendar calendarGrid
	Days     Table // the active days, behind the calendar
	Forecast Figure
	DueToday int
	// Hints is of the chapters with hints used or items given up; without
	// a hint its chart is empty and the page shows only its table.
	Hints Figure
}

// calendarGrid is the activity calendar: a row per weekday, a column per
// week.
type calendarGrid struct {
	Weeks []calendarWeek
	Rows  []calendarRow
}

// calendarWeek heads a column: Month names the month on the first column
// and where a month starts, as calendars do; Full is for screen readers.
type calendarWeek struct {
	Month, Full string
}

type calendarRow struct {
	Weekday string
	Cells   []calendarCell
}

// calendarCell is a day; Level (0 to 4) is how busy it was next to the
// busiest day shown. Blank marks the days after the last one shown.
type calendarCell struct {
	Date     string
	Label    string // "Mon 2 Mar 2026: 3 attempts"
	Attempts int
	Level    int
	Blank    bool
}

// Learner writes the learner's page (asynclings progress --html) of p as
// one self-contained HTML page.
func Learner(w io.Writer, p report.LearnerProgress) error {
	page := learnerPage{
		Title:    fmt.Sprintf("%s: progress in %s", p.User, p.CourseTitle),
		P:        p,
		Active:   report.FormatActive(time.Duration(p.ActiveSeconds) * time.Second),
		Calendar: grid(p.Calendar),
		Days:     activeDays(p.Calendar),
	}
	if p.FirstTried > 0 {
		page.FirstTry = FormatPercent(float64(p.FirstTryRight) / float64(p.FirstTried))
	}
	page.Chapters = chapterTable(p)
	var err error
	if page.Done, err = chaptersFigure(p); err != nil {
		return err
	}
	if page.Weeks, err = weeksFigure(p.FirstTryByWeek); err != nil {
		return err
	}
	if page.Forecast, err = forecastFigure(p.Forecast); err != nil {
		return err
	}
	page.DueToday = p.Forecast[0].Due
	if page.Hints, err = hintsFigure(p); err != nil {
		return err
	}
	return writePage(w, learnerTmpl, page)
}

// share is n of total as a percentage, "–" when total is 0.
func share(n, total int) string {
	if total == 0 {
		return "–"
	}
	return FormatPercent(float64(n) / float64(total))
}

func intCell(n int) Cell { return NumCell(strconv.Itoa(n), float64(n)) }

// chapterTable is the chapters' numbers, one row each.
func chapterTable(p report.LearnerProgress) Table {
	t := Table{ID: "chapters-table", Caption: "Items per chapter", Sortable: true,
		Head: []string{"Chapter", "Done", "Of", "Attempts", "Right at the first try", "Hints used", "Given up"}}
	for _, ch := range p.Chapters {
		t.Rows = append(t.Rows, TableRow{Cells: []Cell{
			TextCell(ch.Title), intCell(ch.Done), intCell(ch.Total), intCell(ch.Attempts),
			NumCell(fmt.Sprintf("%d of %d tried (%s)", ch.FirstTryRight, ch.FirstTried, share(ch.FirstTryRight, ch.FirstTried)), float64(ch.FirstTryRight)),
			intCell(ch.HintsUsed), intCell(ch.GivenUp),
		}})
	}
	return t
}

func chaptersFigure(p report.LearnerProgress) (Figure, error) {
	c := BarChart{ID: "chapters-chart", Title: "Items done, per chapter", Category: "Chapter", Value: "Done",
		Horizontal: true, Percent: true, Min: 0, Max: 1, ExtraHead: []string{"Items done"}}
	for _, ch := range p.Chapters {
		v := 0.0
		if ch.Total > 0 {
			v = float64(ch.Done) / float64(ch.Total)
		}
		c.Bars = append(c.Bars, Bar{Label: ch.Title, Value: v, Text: FormatPercent(v)})
		c.ExtraColumns = append(c.ExtraColumns, []string{fmt.Sprintf("%d of %d", ch.Done, ch.Total)})
	}
	return c.Figure()
}

// weeksFigure charts the first-try rate of the weeks in which items were
// first tried; idle weeks are left out of it (they have no rate).
func weeksFigure(weeks []report.WeekFirstTry) (*Figure, error) {
	c := BarChart{ID: "first-try-chart", Title: "Right at the first try, by week (Monday to Sunday)", Category: "Week of", Value: "Right at the first try",
		Percent: true, Min: 0, Max: 1, ExtraHead: []string{"Items first tried", "Right at once"}}
	for _, w := range weeks {
		if w.FirstTried == 0 {
			continue
		}
		v := float64(w.FirstTryRight) / float64(w.FirstTried)
		c.Bars = append(c.Bars, Bar{Label: shortDate(w.Week), Value: v, Text: FormatPercent(v)})
		c.ExtraColumns = append(c.ExtraColumns, []string{strconv.Itoa(w.FirstTried), strconv.Itoa(w.FirstTryRight)})
	}
	if len(c.Bars) == 0 {
		return nil, nil
	}
	c.Horizontal = len(c.Bars) > 8
	f, err := c.Figure()
	return &f, err
}

// forecastFigure charts the reviews due each day; the axis marks today
// and every seventh day after it, the table names every day.
func forecastFigure(days []report.DueDay) (Figure, error) {
	c := BarChart{ID: "forecast-chart", Title: fmt.Sprintf("Questions due for review, the next %d days (overdue ones on today)", len(days)),
		Category: "Day", Value: "Questions due"}
	most := 1
	for i, d := range days {
		c.Bars = append(c.Bars, Bar{Label: longDate(d.Date), Value: float64(d.Due)})
		mark := ""
		if i%7 == 0 {
			mark = shortDate(d.Date)
		}
		c.AxisLabels = append(c.AxisLabels, mark)
		most = max(most, d.Due)
	}
	c.Max = float64(most)
	return c.Figure()
}

func hintsFigure(p report.LearnerProgress) (Figure, error) {
	c := BarChart{ID: "hints-chart", Title: "Hints used, in the chapters with hints or give-ups", Category: "Chapter", Value: "Hints used",
		Horizontal: true, ExtraHead: []string{"Items given up"}}
	most := 1
	for _, ch := range p.Chapters {
		if ch.HintsUsed == 0 && ch.GivenUp == 0 {
			continue
		}
		c.Bars = append(c.Bars, Bar{Label: ch.Title, Value: float64(ch.HintsUsed)})
		c.ExtraColumns = append(c.ExtraColumns, []string{strconv.Itoa(ch.GivenUp)})
		most = max(most, ch.HintsUsed)
	}
	if len(c.Bars) == 0 {
		return Figure{}, nil
	}
	c.Max = float64(most)
	return c.Figure()
}

// grid lays the calendar's days (from a Monday, one after another) out by
// weekday and week.
func grid(days []report.Day) calendarGrid {
	most := 0
	for _, d := range days {
		most = max(most, d.Attempts)
	}
	var g calendarGrid
	for _, name := range []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"} {
		g.Rows = append(g.Rows, calendarRow{Weekday: name})
	}
	month := ""
	for i := 0; i < len(days); i += 7 {
		w := calendarWeek{Full: "Week of " + shortDate(days[i].Date)}
		if m := monthOf(days[i].Date); m != month {
			w.Month, month = m, m
		}
		g.Weeks = append(g.Weeks, w)
		for wd := range 7 {
			if i+wd >= len(days) {
				g.Rows[wd].Cells = append(g.Rows[wd].Cells, calendarCell{Blank: true})
				continue
			}
			d := days[i+wd]
			cell := calendarCell{Date: d.Date, Attempts: d.Attempts, Label: fmt.Sprintf("%s: %s", longDate(d.Date), homework.Plural(d.Attempts, "attempt"))}
			if most > 0 && d.Attempts > 0 {
				cell.Level = int(math.Ceil(4 * float64(d.Attempts) / float64(most)))
			}
			g.Rows[wd].Cells = append(g.Rows[wd].Cells, cell)
		}
	}
	return g
}

// activeDays is the table of the days with activity, oldest first.
func activeDays(days []report.Day) Table {
	t := Table{ID: "days-table", Caption: "Days with activity", Head: []string{"Day", "Attempts", "Right", "Hints", "Active time"}}
	for _, d := range days {
		if d.Attempts == 0 && d.Hints == 0 {
			continue
		}
		t.Rows = append(t.Rows, TableRow{Cells: []Cell{
			{Text: longDate(d.Date), Sort: d.Date}, intCell(d.Attempts), intCell(d.Right), intCell(d.Hints),
			NumCell(report.FormatActive(time.Duration(d.ActiveSeconds)*time.Second), float64(d.ActiveSeconds)),
		}})
	}
	return t
}

// longDate writes a YYYY-MM-DD date as "Mon 2026-03-02".
func longDate(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.Format("Mon ") + date
}

// monthOf is the month of a YYYY-MM-DD date: "Mar".
func monthOf(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.Format("Jan")
}

// shortDate writes a YYYY-MM-DD date as "2 Mar".
func shortDate(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.Format("2 Jan")
}
