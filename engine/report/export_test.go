package report

import (
	"encoding/csv"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// exportRows is a gradebook of two assignments: bob has no grade for hw2,
// and cy drew another item than ada (as a pool may make them).
func exportRows() []Row {
	item := func(id string, max, pts float64) RowItem { return RowItem{ID: id, Max: max, Points: pts} }
	return []Row{
		{Assignment: "hw1", Title: "Homework 1", StudentID: "ada", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.org",
			Score: 38, MaxScore: 40, Items: []RowItem{item("q1", 10, 10), item("ex1", 30, 28)}},
		{Assignment: "hw1", Title: "Homework 1", StudentID: "bob", FirstName: "Bob", Email: "bob@example.org",
			Score: 7.2, MaxScore: 40, Items: []RowItem{item("q1", 10, 9), item("ex1", 30, 0)}},
		{Assignment: "hw1", Title: "Homework 1", StudentID: "cy", LastName: "Young", Email: "=cy@example.org",
			Score: 30, MaxScore: 40, Items: []RowItem{item("q2", 10, 0), item("ex1", 30, 30)}},
		{Assignment: "hw2", Title: "Homework 2", StudentID: "ada", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.org",
			Score: 1, MaxScore: 1, Items: []RowItem{item("q3", 1, 1)}},
		{Assignment: "hw2", Title: "Homework 2", StudentID: "cy", LastName: "Young", Email: "=cy@example.org",
			Score: 0, MaxScore: 1, Items: []RowItem{item("q3", 1, 0)}},
	}
}

func readCSV(t *testing.T, text string) [][]string {
	t.Helper()
	// encoding/csv refuses rows of another length than the header's.
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("%v in\n%s", err, text)
	}
	return recs
}

func readSample(t *testing.T, name string) [][]string {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return readCSV(t, string(data))
}

func export(t *testing.T, e Export, rows []Row) [][]string {
	t.Helper()
	var b strings.Builder
	if err := e.Write(&b, rows); err != nil {
		t.Fatal(err)
	}
	return readCSV(t, b.String())
}

// cell is the value of the named column in the row whose column keyCol is key.
func cell(t *testing.T, recs [][]string, keyCol, key, col string) string {
	t.Helper()
	k, c := slices.Index(recs[0], keyCol), slices.Index(recs[0], col)
	if k < 0 || c < 0 {
		t.Fatalf("no column %q or %q in %q", keyCol, col, recs[0])
	}
	for _, r := range recs[1:] {
		if r[k] == key {
			return r[c]
		}
	}
	t.Fatalf("no row with %s %q", keyCol, key)
	return ""
}

var titleID = regexp.MustCompile(`^.+ \([^()]+\)$`)

// TestCanvasExport checks the export against canvas-import.csv, written from
// Canvas's gradebook import guide ("How do I import grades in the
// Gradebook?", https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807)
// and the export it starts from: the five student columns, then one column
// per assignment named "Title (ID)", and the Points Possible row under the
// header.
func TestCanvasExport(t *testing.T) {
	sample := readSample(t, "canvas-import.csv")
	for _, key := range []Key{KeyID, KeyEmail} {
		got := export(t, Export{Format: FormatCanvas, Key: key}, exportRows())
		if !slices.Equal(got[0][:5], sample[0][:5]) {
			t.Errorf("student columns %q, Canvas's are %q", got[0][:5], sample[0][:5])
		}
		if got[1][0] != sample[1][0] || !slices.Equal(got[1][1:5], sample[1][1:5]) {
			t.Errorf("second row %q, Canvas's points row is %q", got[1], sample[1])
		}
		for _, h := range sample[0][5:] {
			if !titleID.MatchString(h) {
				t.Fatalf("the sample's column %q is not Title (ID)", h)
			}
		}
		if want := []string{"Homework 1 (hw1)", "Homework 2 (hw2)"}; !slices.Equal(got[0][5:], want) {
			t.Errorf("assignment columns %q, want %q", got[0][5:], want)
		}
		if want := []string{"40", "1"}; !slices.Equal(got[1][5:], want) {
			t.Errorf("points possible %q, want %q", got[1][5:], want)
		}
		if len(got) != 2+3 {
			t.Fatalf("%d rows, want the header, points and 3 students:\n%q", len(got), got)
		}
		keyCol, ada, cy := "SIS User ID", "ada", "cy"
		if key == KeyEmail {
			keyCol, ada, cy = "SIS Login ID", "ada@example.org", "'=cy@example.org"
		}
		for _, tc := range []struct{ who, col, want string }{
			{ada, "Student", "Lovelace, Ada"},
			{cy, "Student", "Young"},
			{ada, "Homework 1 (hw1)", "38"},
			{ada, "Homework 2 (hw2)", "1"},
			{cy, "Homework 2 (hw2)", "0"},
			{ada, "ID", ""},
		} {
			if got := cell(t, got, keyCol, tc.who, tc.col); got != tc.want {
				t.Errorf("key %s: %s's %s is %q, want %q", key, tc.who, tc.col, got, tc.want)
			}
		}
		// Bob has no grade for hw2: the cell is empty, which Canvas leaves as it was.
		bob := "bob"
		if key == KeyEmail {
			bob = "bob@example.org"
		}
		if got := cell(t, got, keyCol, bob, "Homework 2 (hw2)"); got != "" {
			t.Errorf("bob's hw2 is %q, want empty", got)
		}
	}
}

// TestMoodleExport checks the export against moodle-import.csv, written from
// Moodle's "Grade import" page (https://docs.moodle.org/en/Grade_import:
// the import reads the export's layout, and "Map from" picks the column
// that maps to useridnumber or useremail): a key column Moodle maps from,
// the names, then a grade column per assignment; no points row.
func TestMoodleExport(t *testing.T) {
	sample := readSample(t, "moodle-import.csv")
	for _, tc := range []struct {
		key      Key
		col, ada string
	}{{KeyID, "ID number", "ada"}, {KeyEmail, "Email address", "ada@example.org"}} {
		got := export(t, Export{Format: FormatMoodle, Key: tc.key}, exportRows())
		for _, h := range got[0][:3] {
			if !slices.Contains(sample[0], h) {
				t.Errorf("column %q is not one of Moodle's (%q)", h, sample[0])
			}
		}
		if got[0][0] != tc.col {
			t.Errorf("key column %q, want %q", got[0][0], tc.col)
		}
		if len(got) != 1+3 {
			t.Fatalf("%d rows, want the header and 3 students:\n%q", len(got), got)
		}
		for _, r := range got[1:] {
			for _, v := range r[3:] {
				if _, err := strconv.ParseFloat(v, 64); v != "" && err != nil {
					t.Errorf("grade %q in %q is not a number", v, r)
				}
			}
		}
		if got := cell(t, got, tc.col, tc.ada, "Homework 1 (hw1)"); got != "38" {
			t.Errorf("ada's hw1 is %q, want 38", got)
		}
		if got := cell(t, got, tc.col, tc.ada, "First name"); got != "Ada" {
			t.Errorf("ada's first name is %q", got)
		}
	}
}

// TestExportItems: --items adds a column per item after each assignment's,
// every item any student was graded on, with its points; empty where the
// student had no such item.
func TestExportItems(t *testing.T) {
	got := export(t, Export{Format: FormatMoodle, Items: true}, exportRows())
	want := []string{"ID number", "First name", "Last name",
		"Homework 1 (hw1)", "Homework 1: q1 (hw1/q1)", "Homework 1: ex1 (hw1/ex1)", "Homework 1: q2 (hw1/q2)",
		"Homework 2 (hw2)", "Homework 2: q3 (hw2/q3)"}
	if !slices.Equal(got[0], want) {
		t.Fatalf("header %q\nwant %q", got[0], want)
	}
	for _, tc := range []struct{ who, col, want string }{
		{"ada", "Homework 1: ex1 (hw1/ex1)", "28"},
		{"ada", "Homework 1: q2 (hw1/q2)", ""},
		{"cy", "Homework 1: q2 (hw1/q2)", "0"},
		{"bob", "Homework 2: q3 (hw2/q3)", ""},
	} {
		if got := cell(t, got, "ID number", tc.who, tc.col); got != tc.want {
			t.Errorf("%s's %s is %q, want %q", tc.who, tc.col, got, tc.want)
		}
	}
	canvas := export(t, Export{Format: FormatCanvas, Items: true}, exportRows())
	if canvas[1][slices.Index(canvas[0], "Homework 1: ex1 (hw1/ex1)")] != "30" {
		t.Errorf("canvas points row %q lacks the item's 30 points", canvas[1])
	}
}

func TestExportRefuses(t *testing.T) {
	noEmail := exportRows()
	noEmail[1].Email = ""
	for _, tc := range []struct {
		e    Export
		rows []Row
		want string
	}{
		{Export{Format: FormatCanvas, Key: KeyEmail}, noEmail, "no email for 1 student (bob): export with --key id"},
		{Export{Format: FormatNbgrader, Items: true}, nil, "--key and --items are for --format canvas or moodle"},
		{Export{Format: "blackboard"}, nil, `format "blackboard": the formats are nbgrader, canvas and moodle`},
		{Export{Format: FormatMoodle, Key: "name"}, nil, `key "name": students are keyed by id or email`},
	} {
		err := tc.e.Write(&strings.Builder{}, tc.rows)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.e, err, tc.want)
		}
	}
}

// TestExportNbgraderIsTheDefault: the zero Export is nbgrader's CSV.
func TestExportNbgraderIsTheDefault(t *testing.T) {
	var a, b strings.Builder
	if err := (Export{}).Write(&a, exportRows()); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&b, exportRows()); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() || !strings.HasPrefix(a.String(), "assignment,duedate,") {
		t.Errorf("default export:\n%s\nnbgrader's:\n%s", a.String(), b.String())
	}
}
