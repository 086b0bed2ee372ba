package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/asynclings/asynclings/engine/homework"
)

// Format is the layout of a gradebook CSV: nbgrader's export (one row per
// student and assignment), or a learning platform's grade import (one row
// per student, one column per assignment).
type Format string

const (
	FormatNbgrader Format = "nbgrader"
	FormatCanvas   Format = "canvas"
	FormatMoodle   Format = "moodle"
)

// Key is what names a student to a learning platform.
type Key string

const (
	KeyID    Key = "id"    // the student ID: Canvas's SIS User ID, Moodle's ID number
	KeyEmail Key = "email" // the email: Canvas's SIS Login ID, Moodle's email address
)

// Export is how the gradebook is written as CSV.
type Export struct {
	Format Format
	Key    Key  // canvas and moodle; "" is KeyID
	Items  bool // canvas and moodle: a column per item beside each assignment's
}

// Check refuses what the format cannot do.
func (e Export) Check() error {
	switch e.Format {
	case FormatNbgrader, "":
		if e.Key != "" || e.Items {
			return fmt.Errorf("--key and --items are for --format canvas or moodle; nbgrader's columns are fixed")
		}
	case FormatCanvas, FormatMoodle:
		if e.Key != "" && e.Key != KeyID && e.Key != KeyEmail {
			return fmt.Errorf("key %q: students are keyed by id or email", e.Key)
		}
	default:
		return fmt.Errorf("format %q: the formats are nbgrader, canvas and moodle", e.Format)
	}
	return nil
}

// Write writes the current grades in rows (the gradebook's order:
// assignment ID, then student ID) as e says.
func (e Export) Write(w io.Writer, rows []Row) error {
	if err := e.Check(); err != nil {
		return err
	}
	if e.Format == FormatNbgrader || e.Format == "" {
		return WriteCSV(w, rows)
	}
	t := tableOf(rows)
	if e.Key == KeyEmail {
		var missing []string
		for _, st := range t.students {
			if st.Email == "" {
				missing = append(missing, homework.Clean(st.StudentID))
			}
		}
		if len(missing) > 0 {
			return fmt.Errorf("no email for %s (%s): export with --key id, or grade with a roster that has their emails", homework.Plural(len(missing), "student"), strings.Join(missing, ", "))
		}
	}
	cw := csv.NewWriter(w)
	var head, points []string
	switch e.Format {
	case FormatCanvas:
		// Canvas matches a student by any of ID, SIS User ID and SIS Login
		// ID; Canvas's own ID is unknown here, so the key fills one.
		head = []string{"Student", "ID", "SIS User ID", "SIS Login ID", "Section"}
		points = []string{canvasPointsPossible, "", "", "", ""}
	case FormatMoodle:
		// Moodle asks which column maps to which user field on import:
		// "ID number" to useridnumber, or "Email address" to useremail.
		key := "ID number"
		if e.Key == KeyEmail {
			key = "Email address"
		}
		head = []string{key, "First name", "Last name"}
	}
	for _, c := range t.columns(e.Items) {
		head = append(head, c.name)
		points = append(points, homework.FormatPoints(c.max))
	}
	cw.Write(head)
	if e.Format == FormatCanvas {
		cw.Write(points)
	}
	for _, st := range t.students {
		var rec []string
		switch e.Format {
		case FormatCanvas:
			id, login := CSVText(st.StudentID), ""
			if e.Key == KeyEmail {
				id, login = "", CSVText(st.Email)
			}
			rec = []string{canvasName(st), "", id, login, ""}
		case FormatMoodle:
			key := CSVText(st.StudentID)
			if e.Key == KeyEmail {
				key = CSVText(st.Email)
			}
			rec = []string{key, CSVText(st.FirstName), CSVText(st.LastName)}
		}
		for _, c := range t.columns(e.Items) {
			rec = append(rec, c.value(t.grades[st.StudentID]))
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// canvasPointsPossible heads the row of points under Canvas's header, as
// in Canvas's own gradebook export.
const canvasPointsPossible = "    Points Possible"

// canvasName is the student as Canvas lists them, "Last, First".
func canvasName(r Row) string {
	switch {
	case r.LastName != "" && r.FirstName != "":
		return CSVText(r.LastName + ", " + r.FirstName)
	case r.LastName != "" || r.FirstName != "":
		return CSVText(r.LastName + r.FirstName)
	}
	return CSVText(r.StudentID)
}

// table is the gradebook turned round: a row per student, a column per
// assignment (and item).
type table struct {
	assignments []assignmentCols
	students    []Row                     // the first row of each, for their names
	grades      map[string]map[string]Row // student ID -> assignment ID -> row
}

// assignmentCols is an assignment's first row, for its title, and every
// item any student was graded on (students may have drawn different ones),
// in the order first met.
type assignmentCols struct {
	Row
	items []RowItem
}

func tableOf(rows []Row) table {
	t := table{grades: map[string]map[string]Row{}}
	at := map[string]int{}
	seenItem := map[[2]string]bool{}
	for _, r := range rows {
		i, ok := at[r.Assignment]
		if !ok {
			i = len(t.assignments)
			at[r.Assignment] = i
			t.assignments = append(t.assignments, assignmentCols{Row: r})
		}
		for _, it := range r.Items {
			if k := [2]string{r.Assignment, it.ID}; !seenItem[k] {
				seenItem[k] = true
				t.assignments[i].items = append(t.assignments[i].items, it)
			}
		}
		if t.grades[r.StudentID] == nil {
			t.grades[r.StudentID] = map[string]Row{}
			t.students = append(t.students, r)
		}
		t.grades[r.StudentID][r.Assignment] = r
	}
	slices.SortFunc(t.assignments, func(a, b assignmentCols) int { return strings.Compare(a.Assignment, b.Assignment) })
	slices.SortFunc(t.students, func(a, b Row) int { return strings.Compare(a.StudentID, b.StudentID) })
	return t
}

// column is one grade column: an assignment's score, or one item's points.
type column struct {
	name       string
	max        float64
	assignment string
	item       string // "" for the assignment's score
}

func (t table) columns(items bool) []column {
	var cols []column
	for _, a := range t.assignments {
		title := a.Title
		if title == "" {
			title = a.Assignment
		}
		cols = append(cols, column{CSVText(fmt.Sprintf("%s (%s)", title, a.Assignment)), a.MaxScore, a.Assignment, ""})
		if items {
			for _, it := range a.items {
				cols = append(cols, column{CSVText(fmt.Sprintf("%s: %s (%s/%s)", title, it.ID, a.Assignment, it.ID)), it.Max, a.Assignment, it.ID})
			}
		}
	}
	return cols
}

// value is the column's cell for a student's grades: empty when not graded,
// which both platforms leave as it was.
func (c column) value(grades map[string]Row) string {
	r, ok := grades[c.assignment]
	if !ok {
		return ""
	}
	if c.item == "" {
		return homework.FormatPoints(r.Score)
	}
	for _, it := range r.Items {
		if it.ID == c.item {
			return homework.FormatPoints(it.Points)
		}
	}
	return ""
}
