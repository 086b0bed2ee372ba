package report

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
)

// Row is one student's grade for one assignment, as the gradebook's JSON
// export writes it; the fields without a JSON name are for the feedback.
type Row struct {
	Assignment  string    `json:"assignment"`
	Title       string    `json:"-"`
	Due         time.Time `json:"duedate"`
	Submitted   time.Time `json:"timestamp"`
	StudentID   string    `json:"student_id"`
	LastName    string    `json:"last_name"`
	FirstName   string    `json:"first_name"`
	Email       string    `json:"email"`
	RawScore    float64   `json:"raw_score"`
	LatePenalty float64   `json:"late_submission_penalty"`
	Score       float64   `json:"score"`
	MaxScore    float64   `json:"max_score"`
	DaysLate    int       `json:"days_late"`
	PastCutoff  bool      `json:"-"`
	GradedAt    time.Time `json:"graded_at"`
	File        string    `json:"file"`
	Current     bool      `json:"current"`
	Items       []RowItem `json:"items"`
}

// RowItem is one item's grade in a Row; Output is the runner's verdict for
// an exercise and the answer for a question.
type RowItem struct {
	ID       string          `json:"item_id"`
	Kind     engine.Kind     `json:"kind"`
	Max      float64         `json:"max_points"`
	Points   float64         `json:"points"`
	Passed   bool            `json:"passed"`
	Penalty  float64         `json:"penalty"`
	Attempts int             `json:"attempts"`
	Hints    int             `json:"hints"` // hints the learner revealed, as the bundle says
	Outcome  string          `json:"outcome"`
	Output   json.RawMessage `json:"output,omitempty"`
}

// Item is the row's grade of the item id, if the row has it.
func (r Row) Item(id string) (RowItem, bool) {
	for _, it := range r.Items {
		if it.ID == id {
			return it, true
		}
	}
	return RowItem{}, false
}

// RawOutput is a recorded output as a RowItem holds it: nil unless it is
// JSON.
func RawOutput(s string) json.RawMessage {
	if json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	return nil
}

// csvHeader is nbgrader's gradebook export (nbgrader export), so that the
// file goes where nbgrader's would.
var csvHeader = []string{"assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email", "raw_score", "late_submission_penalty", "score", "max_score"}

// WriteCSV writes rows with nbgrader's gradebook export columns.
func WriteCSV(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	for _, r := range rows {
		cw.Write([]string{r.Assignment, r.Due.UTC().Format(time.RFC3339), r.Submitted.UTC().Format(time.RFC3339),
			CSVText(r.StudentID), CSVText(r.LastName), CSVText(r.FirstName), CSVText(r.Email),
			homework.FormatPoints(r.RawScore), homework.FormatPoints(r.LatePenalty), homework.FormatPoints(r.Score), homework.FormatPoints(r.MaxScore)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteKeysCSV writes each student's key on the roster as CSV, for a mail
// merge or a learning platform's private message to each student.
func WriteKeysCSV(w io.Writer, r *homework.Roster) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "first_name", "last_name", "email", "key"})
	for _, s := range r.Students {
		key, err := r.Key(s.ID)
		if err != nil {
			return err
		}
		cw.Write([]string{s.ID, CSVText(s.FirstName), CSVText(s.LastName), CSVText(s.Email), key})
	}
	cw.Flush()
	return cw.Error()
}

// CSVText keeps a student's text from being read as a formula by the
// spreadsheet the CSV is opened in (OWASP's CSV injection advice).
func CSVText(s string) string {
	s = homework.Clean(s)
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
