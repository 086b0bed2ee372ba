package report

import (
	"fmt"
	"iter"
	"maps"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// The learner's progress: what `asynclings progress` prints, in text, JSON
// and as the learner's HTML page, computed once here from the records the
// caller gathers.

// ForecastDays is how many days, today first, the review forecast covers.
const ForecastDays = 28

// CalendarWeeks is how many weeks the activity calendar shows at least, the
// current one included; older activity widens it.
const CalendarWeeks = 12

// LearnerRecords is what the store knows of one learner in one course.
type LearnerRecords struct {
	User     string
	Course   *engine.Course
	Progress map[string]engine.ItemProgress // by item ID, as the store derives it
	// Days is the activity by calendar day in Now's location, as the store
	// counts it (store.Activity), oldest first.
	Days []Day
	// Streak is the days in a row with an attempt (store.Streak).
	Streak int
	// Due is the due time of every question scheduled for review.
	Due []time.Time
	// Now is the clock: today is Now's date in Now's location, the
	// learner's time zone.
	Now time.Time
}

// Day is one calendar day of a learner's activity.
type Day struct {
	Date          string `json:"date"` // YYYY-MM-DD, the learner's local time
	Attempts      int    `json:"attempts"`
	Right         int    `json:"right"`
	Hints         int    `json:"hints"`
	ActiveSeconds int64  `json:"active_seconds"`
}

// LearnerProgress is where a learner stands in a course.
type LearnerProgress struct {
	User          string `json:"user"`
	Course        string `json:"course"`
	CourseTitle   string `json:"-"`
	Done          int    `json:"done"`
	Total         int    `json:"total"`
	Attempts      int    `json:"attempt_count"`
	FirstTryRight int    `json:"first_try_right_count"`
	// FirstTried counts the items attempted at least once (since their
	// reset): the denominator of the first-try rate.
	FirstTried int `json:"first_tried_count"`
	HintsUsed  int `json:"hints_used"`
	GivenUp    int `json:"given_up_count"`
	// ActiveSeconds is the active time, estimated from attempts (see
	// store.DayActivity.Active).
	ActiveSeconds int64 `json:"active_seconds"`
	// StreakDays counts the days in a row, up to today or yesterday, with
	// at least one attempt.
	StreakDays int               `json:"streak_days"`
	Chapters   []ChapterProgress `json:"chapters"`
	Today      string            `json:"today"` // YYYY-MM-DD, local
	// Calendar has every day from the Monday CalendarWeeks-1 weeks before
	// today's week (or of the first active day's week, if earlier) to today
	// (or the last active day, if later), active or not.
	Calendar []Day `json:"-"`
	// FirstTryByWeek is the first-try rate week by week, Monday to Sunday,
	// from the week of the first attempt to today's.
	FirstTryByWeek []WeekFirstTry `json:"first_try_by_week"`
	// Forecast is how many questions fall due for review on each of the
	// ForecastDays days from today; those overdue count on today.
	Forecast []DueDay `json:"review_forecast"`
	// DueLater counts the reviews due after the forecast's last day.
	DueLater int `json:"reviews_due_later"`
}

// ChapterProgress is a learner's progress in one chapter.
type ChapterProgress struct {
	ID            string         `json:"id"`
	Title         string         `json:"title"`
	Done          int            `json:"done"`
	Total         int            `json:"total"`
	Attempts      int            `json:"attempt_count"`         // the items' attempts
	FirstTryRight int            `json:"first_try_right_count"` // items right at the first try
	FirstTried    int            `json:"first_tried_count"`     // items attempted
	HintsUsed     int            `json:"hints_used"`
	GivenUp       int            `json:"given_up_count"` // items given up and not done since
	Items         []ItemProgress `json:"items"`
}

// ItemProgress is a learner's progress on one item.
type ItemProgress struct {
	ID            string        `json:"id"`
	Kind          engine.Kind   `json:"kind"`
	Status        engine.Status `json:"status"`
	Attempts      int           `json:"attempts"`
	TotalAttempts int           `json:"total_attempts"` // resets included
	FirstTryRight bool          `json:"first_try_right"`
	HintsUsed     int           `json:"hints_used"`
	TotalHints    int           `json:"total_hints_used"` // resets included
	LastAttempt   *time.Time    `json:"last_attempt,omitempty"`
}

// WeekFirstTry is the first-try rate of one week: of the items first
// attempted (since their reset) that week, how many were right at once.
type WeekFirstTry struct {
	Week          string `json:"week"` // its Monday, YYYY-MM-DD
	FirstTried    int    `json:"first_tried"`
	FirstTryRight int    `json:"first_try_right"`
}

// DueDay is how many reviews fall due on one day.
type DueDay struct {
	Date string `json:"date"` // YYYY-MM-DD, local
	Due  int    `json:"due"`
}

const dateLayout = "2006-01-02"

// Learner works out a learner's progress from their records.
func Learner(r LearnerRecords) LearnerProgress {
	loc := r.Now.Location()
	today := noon(r.Now)
	out := LearnerProgress{
		User: r.User, Course: r.Course.ID, CourseTitle: r.Course.Title,
		StreakDays: r.Streak, Chapters: []ChapterProgress{}, Today: today.Format(dateLayout),
	}
	for _, d := range r.Days {
		out.ActiveSeconds += d.ActiveSeconds
	}
	tried := map[string]*WeekFirstTry{}
	for _, ch := range r.Course.Chapters {
		pc := ChapterProgress{ID: ch.ID, Title: ch.Title, Items: []ItemProgress{}}
		for _, it := range ch.Items() {
			pi := ItemProgress{ID: it.ItemID(), Kind: it.ItemKind(), Status: engine.StatusNew}
			if p, ok := r.Progress[it.ItemID()]; ok {
				pi.Status, pi.Attempts, pi.TotalAttempts, pi.FirstTryRight, pi.HintsUsed, pi.TotalHints = p.Status, p.Attempts, p.TotalAttempts, p.FirstTryRight, p.HintsUsed, p.TotalHints
				if !p.LastAt.IsZero() { // zero when only hints were revealed
					last := p.LastAt
					pi.LastAttempt = &last
				}
				if p.Attempts > 0 {
					pc.FirstTried++
					w := monday(noon(p.FirstAt.In(loc))).Format(dateLayout)
					if tried[w] == nil {
						tried[w] = &WeekFirstTry{Week: w}
					}
					tried[w].FirstTried++
					if p.FirstTryRight {
						tried[w].FirstTryRight++
					}
				}
			}
			switch pi.Status {
			case engine.StatusDone:
				pc.Done++
			case engine.StatusGivenUp:
				pc.GivenUp++
			}
			if pi.FirstTryRight {
				pc.FirstTryRight++
			}
			pc.Attempts += pi.Attempts
			pc.HintsUsed += pi.HintsUsed
			pc.Total++
			pc.Items = append(pc.Items, pi)
		}
		out.Done += pc.Done
		out.Total += pc.Total
		out.Attempts += pc.Attempts
		out.FirstTryRight += pc.FirstTryRight
		out.FirstTried += pc.FirstTried
		out.HintsUsed += pc.HintsUsed
		out.GivenUp += pc.GivenUp
		out.Chapters = append(out.Chapters, pc)
	}
	out.Calendar = calendar(r.Days, today)
	out.FirstTryByWeek = byWeek(tried, today)
	out.Forecast, out.DueLater = forecast(r.Due, today)
	return out
}

// noon is t's calendar day at noon in t's location: adding days to it
// never lands on another date across a change of daylight saving time.
func noon(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 12, 0, 0, 0, t.Location())
}

// monday is the Monday on or before day (a noon).
func monday(day time.Time) time.Time {
	return day.AddDate(0, 0, -(int(day.Weekday())+6)%7)
}

// calendar lays days out over whole weeks up to today, filling the days
// without activity.
func calendar(days []Day, today time.Time) []Day {
	byDate := make(map[string]Day, len(days))
	for _, d := range days {
		byDate[d.Date] = d
	}
	first, last := widen(today.AddDate(0, 0, -7*(CalendarWeeks-1)), today, maps.Keys(byDate))
	var out []Day
	for t := monday(first); !t.After(last); t = t.AddDate(0, 0, 1) {
		date := t.Format(dateLayout)
		d, ok := byDate[date]
		if !ok {
			d = Day{Date: date}
		}
		out = append(out, d)
	}
	return out
}

// widen widens the span of days from first to last (noons) to take in
// each of dates (YYYY-MM-DD in their location).
func widen(first, last time.Time, dates iter.Seq[string]) (time.Time, time.Time) {
	for date := range dates {
		t, err := time.ParseInLocation(dateLayout, date, first.Location())
		if err != nil {
			continue // every date here was written in dateLayout
		}
		t = noon(t)
		if t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	return first, last
}

// byWeek lists the weeks from the first one in tried to today's (or the
// last in tried, if later), in order, those without a first try included.
func byWeek(tried map[string]*WeekFirstTry, today time.Time) []WeekFirstTry {
	if len(tried) == 0 {
		return []WeekFirstTry{}
	}
	first, last := widen(monday(today), monday(today), maps.Keys(tried))
	var out []WeekFirstTry
	for t := first; !t.After(last); t = t.AddDate(0, 0, 7) {
		w := t.Format(dateLayout)
		if wt, ok := tried[w]; ok {
			out = append(out, *wt)
		} else {
			out = append(out, WeekFirstTry{Week: w})
		}
	}
	return out
}

// forecast counts the due times on each of the ForecastDays days from
// today, the overdue ones on today, and those due later.
func forecast(due []time.Time, today time.Time) ([]DueDay, int) {
	out := make([]DueDay, ForecastDays)
	index := make(map[string]int, ForecastDays)
	for i := range out {
		out[i].Date = today.AddDate(0, 0, i).Format(dateLayout)
		index[out[i].Date] = i
	}
	later := 0
	for _, t := range due {
		date := t.In(today.Location()).Format(dateLayout)
		switch i, ok := index[date]; {
		case ok:
			out[i].Due++
		case date < out[0].Date:
			out[0].Due++
		default:
			later++
		}
	}
	return out, later
}

// FormatActive writes an active time to the minute ("1h05m", "12m"), or in
// seconds below a minute.
func FormatActive(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	}
	return fmt.Sprintf("%dh%02dm", int(d/time.Hour), int(d%time.Hour/time.Minute))
}
