package report_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/report"
	"github.com/asynclings/asynclings/engine/report/reporttest"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// fold derives each item's progress from attempts as the store does
// (without resets).
func fold(atts []engine.Attempt, hints map[string]int) map[string]engine.ItemProgress {
	p := map[string]engine.ItemProgress{}
	for _, a := range atts {
		ip := p[a.ItemID]
		ip.ItemID = a.ItemID
		ip.TotalAttempts++
		ip.Add(a)
		p[a.ItemID] = ip
	}
	for id, n := range hints {
		ip := p[id]
		ip.HintsUsed, ip.TotalHints = n, n
		p[id] = ip
	}
	return p
}

type chapterWant struct {
	done, total, attempts, tried, right, hints, givenUp int
}

func TestLearner(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	// Wednesday 11 March 2026, 14:00 in New York (daylight saving time
	// since Sunday the 8th).
	now := utc("2026-03-11T18:00:00Z").In(ny)
	// New York's local days and weeks, worked out by hand:
	//   q1 right            Mon 2 Mar 10:00       week of 2 Mar
	//   q2 wrong            Mon 2 Mar 22:30 (UTC: the 3rd), right Wed 4 Mar
	//   e1 wrong            Sun 8 Mar 23:30 (UTC: Monday the 9th): week of 2 Mar
	//   q3 given up         Mon 9 Mar 09:00       week of 9 Mar
	//   e2 right            Wed 11 Mar 09:30      week of 9 Mar
	history := []engine.Attempt{
		{ItemID: "q1", Result: engine.ResultRight, At: utc("2026-03-02T15:00:00Z")},
		{ItemID: "q2", Result: engine.ResultWrong, At: utc("2026-03-03T03:30:00Z")},
		{ItemID: "q2", Result: engine.ResultRight, At: utc("2026-03-04T14:00:00Z")},
		{ItemID: "e1", Result: engine.ResultWrong, At: utc("2026-03-09T03:30:00Z")},
		{ItemID: "q3", Result: engine.ResultGivenUp, At: utc("2026-03-09T13:00:00Z")},
		{ItemID: "e2", Result: engine.ResultRight, At: utc("2026-03-11T13:30:00Z")},
	}
	days := []report.Day{
		{Date: "2026-03-02", Attempts: 2, Right: 1, ActiveSeconds: 300},
		{Date: "2026-03-04", Attempts: 1, Right: 1},
		{Date: "2026-03-08", Attempts: 1, Hints: 2, ActiveSeconds: 60},
		{Date: "2026-03-09", Attempts: 1},
		{Date: "2026-03-11", Attempts: 1, Right: 1},
	}
	due := []time.Time{
		utc("2026-03-10T12:00:00Z"), // overdue: today
		utc("2026-03-11T03:00:00Z"), // 10 Mar 23:00 in New York: overdue, today
		utc("2026-03-12T03:30:00Z"), // 11 Mar 23:30 in New York: today
		utc("2026-03-12T04:30:00Z"), // 12 Mar 00:30 in New York
		utc("2026-04-07T15:00:00Z"), // the 28th day
		utc("2026-04-08T15:00:00Z"), // later
	}
	tests := []struct {
		name     string
		rec      report.LearnerRecords
		chapters []chapterWant
		active   int64
		calFirst string
		calLen   int
		weeks    []report.WeekFirstTry
		dueOn    map[string]int // forecast days with reviews due; the rest have none
		dueLater int
	}{
		{
			name:     "nothing yet",
			rec:      report.LearnerRecords{User: "ada", Course: reporttest.LearnerCourse(), Now: now},
			chapters: []chapterWant{{total: 4}, {total: 2}},
			// 11 whole weeks back from Monday 9 March, then Mon-Wed.
			calFirst: "2025-12-22", calLen: 80,
			weeks: []report.WeekFirstTry{},
		},
		{
			name: "two weeks of work",
			rec: report.LearnerRecords{User: "ada", Course: reporttest.LearnerCourse(), Now: now, Streak: 1,
				Progress: fold(history, map[string]int{"e1": 2}), Days: days, Due: due},
			chapters: []chapterWant{
				{done: 2, total: 4, attempts: 4, tried: 3, right: 1, givenUp: 1},
				{done: 1, total: 2, attempts: 2, tried: 2, right: 1, hints: 2},
			},
			active:   360,
			calFirst: "2025-12-22", calLen: 80,
			weeks: []report.WeekFirstTry{
				{Week: "2026-03-02", FirstTried: 3, FirstTryRight: 1},
				{Week: "2026-03-09", FirstTried: 2, FirstTryRight: 1},
			},
			dueOn:    map[string]int{"2026-03-11": 3, "2026-03-12": 1, "2026-04-07": 1},
			dueLater: 1,
		},
		{
			name: "old activity widens the calendar, idle weeks stay in the rates",
			rec: report.LearnerRecords{User: "ada", Course: reporttest.LearnerCourse(), Now: now,
				Progress: fold([]engine.Attempt{{ItemID: "q4", Result: engine.ResultRight, At: utc("2026-02-18T15:00:00Z")}}, nil),
				Days:     []report.Day{{Date: "2025-11-05", Hints: 1}, {Date: "2026-02-18", Attempts: 1, Right: 1}}},
			chapters: []chapterWant{{done: 1, total: 4, attempts: 1, tried: 1, right: 1}, {total: 2}},
			// Monday 3 November 2025 to Wednesday 11 March 2026.
			calFirst: "2025-11-03", calLen: 129,
			weeks: []report.WeekFirstTry{
				{Week: "2026-02-16", FirstTried: 1, FirstTryRight: 1},
				{Week: "2026-02-23"},
				{Week: "2026-03-02"},
				{Week: "2026-03-09"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := report.Learner(tt.rec)
			if got.Today != "2026-03-11" || got.User != "ada" || got.Course != "c" || got.CourseTitle != "C" {
				t.Errorf("today, user, course = %s, %s, %s, %s", got.Today, got.User, got.Course, got.CourseTitle)
			}
			var sum chapterWant
			for i, w := range tt.chapters {
				c := got.Chapters[i]
				g := chapterWant{c.Done, c.Total, c.Attempts, c.FirstTried, c.FirstTryRight, c.HintsUsed, c.GivenUp}
				if g != w {
					t.Errorf("chapter %s = %+v, want %+v", c.ID, g, w)
				}
				sum = chapterWant{sum.done + w.done, sum.total + w.total, sum.attempts + w.attempts, sum.tried + w.tried, sum.right + w.right, sum.hints + w.hints, sum.givenUp + w.givenUp}
			}
			if len(got.Chapters) != len(tt.chapters) {
				t.Errorf("%d chapters, want %d", len(got.Chapters), len(tt.chapters))
			}
			if g := (chapterWant{got.Done, got.Total, got.Attempts, got.FirstTried, got.FirstTryRight, got.HintsUsed, got.GivenUp}); g != sum {
				t.Errorf("course totals = %+v, want %+v", g, sum)
			}
			if got.ActiveSeconds != tt.active || got.StreakDays != tt.rec.Streak {
				t.Errorf("active %ds, streak %d; want %ds, %d", got.ActiveSeconds, got.StreakDays, tt.active, tt.rec.Streak)
			}

			cal := got.Calendar
			if len(cal) != tt.calLen || cal[0].Date != tt.calFirst || cal[len(cal)-1].Date != "2026-03-11" {
				t.Fatalf("calendar has %d days, %s to %s; want %d, %s to 2026-03-11", len(cal), cal[0].Date, cal[len(cal)-1].Date, tt.calLen, tt.calFirst)
			}
			given := map[string]report.Day{}
			for _, d := range tt.rec.Days {
				given[d.Date] = d
			}
			for i, d := range cal {
				if want := utc(tt.calFirst+"T12:00:00Z").AddDate(0, 0, i).Format("2006-01-02"); d.Date != want {
					t.Fatalf("calendar day %d is %s, want %s", i, d.Date, want)
				}
				if w := given[d.Date]; d != w && !(w == report.Day{} && d == report.Day{Date: d.Date}) {
					t.Errorf("calendar %s = %+v, want %+v", d.Date, d, w)
				}
			}

			if !reflect.DeepEqual(got.FirstTryByWeek, tt.weeks) {
				t.Errorf("first try by week = %+v, want %+v", got.FirstTryByWeek, tt.weeks)
			}

			if len(got.Forecast) != report.ForecastDays || got.Forecast[0].Date != "2026-03-11" || got.Forecast[27].Date != "2026-04-07" {
				t.Fatalf("forecast %v: want 28 days from 2026-03-11 to 2026-04-07", got.Forecast)
			}
			for _, d := range got.Forecast {
				if d.Due != tt.dueOn[d.Date] {
					t.Errorf("forecast %s: %d due, want %d", d.Date, d.Due, tt.dueOn[d.Date])
				}
			}
			if got.DueLater != tt.dueLater {
				t.Errorf("%d due later, want %d", got.DueLater, tt.dueLater)
			}
		})
	}
}
