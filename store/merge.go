package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Merged says what Merge did.
type Merged struct {
	Added     int // gradings copied in
	Unchanged int // gradings this database had already
	// Mixed names, by assignment ID, the databases whose current grades of
	// it were made with different versions of the assignment or course:
	// one list of databases per version, in the order given ("this
	// database" first). The shards of one class should agree.
	Mixed map[string][][]string
}

// A MergeConflict is a student's assignment whose current grades differ
// between the databases merged.
type MergeConflict struct {
	Student, Assignment string
	Grades              []ConflictingGrade // the first is this database's, or the first source's
}

// ConflictingGrade is one database's current grade in a MergeConflict.
type ConflictingGrade struct {
	Database string // the path given, or "this database"
	File     string // the bundle graded
	Score    float64
	Max      float64
}

// MergeConflictError is Merge's refusal: the conflicts, and nothing written.
type MergeConflictError struct{ Conflicts []MergeConflict }

func (e *MergeConflictError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "conflicting grades, so nothing was merged:")
	for _, c := range e.Conflicts {
		fmt.Fprintf(&b, "\n  student %s, assignment %s:", c.Student, c.Assignment)
		for i, g := range c.Grades {
			sep := ","
			if i == 0 {
				sep = ""
			}
			fmt.Fprintf(&b, "%s %s of %s in %s (from %s)", sep, points(g.Score), points(g.Max), g.Database, g.File)
		}
	}
	b.WriteString("\nmake them agree first: grade --regrade the bundle that counts into each database that differs (or leave one out)")
	return b.String()
}

// thisDatabase names the database merged into, in a MergeConflict.
const thisDatabase = "this database"

func points(p float64) string { return strconv.FormatFloat(p, 'f', -1, 64) }

// Merge copies the gradebooks of the databases at sources into s, in one
// transaction: every grading, with its items, each student's history and
// which grade is current, as RecordGrade recorded them, so that the shards
// of a class graded apart make the gradebook that grading them in one
// place makes. A grading s already has (the same student, assignment,
// bundle, version and time of grading) is left alone, so merging twice
// changes nothing. Where a student's current grade for an assignment
// differs between s and a source, or between two sources, Merge refuses
// with a *MergeConflictError naming them all, and writes nothing, unless
// the database with the later one holds the other in its history (it was
// graded further, see unsuperseded), whose current grade then wins; where
// they agree, the grade already current in s stays current, else the first
// source's. Gradings are replayed oldest first, so that names, emails and
// assignment titles are the latest graded, as in one place.
func (s *Store) Merge(ctx context.Context, sources []string) (Merged, error) {
	var m Merged
	self, err := s.path(ctx)
	if err != nil {
		return m, fmt.Errorf("merge: %w", err)
	}
	type source struct {
		name string
		subs []Submission
	}
	var srcs []source
	for _, p := range sources {
		subs, err := readGradings(ctx, p, self)
		if err != nil {
			return m, fmt.Errorf("merge %s: %w", p, err)
		}
		srcs = append(srcs, source{p, subs})
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		// The write lock is held from here: what is read is what is merged
		// into. A plain read sees the committed gradebook.
		have, err := s.submissions(ctx, `1 = 1`, `s.id`)
		if err != nil {
			return err
		}
		type pair struct{ assignment, student string }
		seen := map[string]bool{}
		currents := map[pair][]current{}
		holds := map[string]map[string]bool{thisDatabase: {}} // database: its gradings' keys
		ids := map[string]int64{}                             // s's gradings, by key
		for _, sub := range have {
			seen[gradingKey(sub)] = true
			holds[thisDatabase][gradingKey(sub)] = true
			ids[gradingKey(sub)] = sub.ID
			if sub.Current {
				p := pair{sub.Assignment.ID, sub.Student.ID}
				currents[p] = append(currents[p], current{thisDatabase, sub})
			}
		}
		type added struct {
			sub     Submission
			current bool // the grade to be current
		}
		var todo []added
		for _, src := range srcs {
			if holds[src.name] == nil {
				holds[src.name] = map[string]bool{}
			}
			for _, sub := range src.subs {
				k := gradingKey(sub)
				holds[src.name][k] = true
				if sub.Current {
					p := pair{sub.Assignment.ID, sub.Student.ID}
					currents[p] = append(currents[p], current{src.name, sub})
				}
				if seen[k] {
					m.Unchanged++
					continue
				}
				seen[k] = true
				todo = append(todo, added{sub: sub})
			}
		}
		for p, cs := range currents {
			currents[p] = unsuperseded(cs, holds)
		}
		for i, a := range todo {
			cs := currents[pair{a.sub.Assignment.ID, a.sub.Student.ID}]
			todo[i].current = len(cs) > 0 && cs[0].db != thisDatabase && gradingKey(cs[0].sub) == gradingKey(a.sub)
		}
		var conflicts []MergeConflict
		for p, cs := range currents {
			for _, c := range cs[1:] {
				if !sameResult(cs[0].sub, c.sub) {
					mc := MergeConflict{Student: p.student, Assignment: p.assignment}
					for _, c := range cs {
						mc.Grades = append(mc.Grades, ConflictingGrade{c.db, c.sub.File, c.sub.Score, c.sub.Assignment.MaxScore})
					}
					conflicts = append(conflicts, mc)
					break
				}
			}
		}
		m.Mixed = mixedVersions(currents, append([]string{thisDatabase}, sources...))
		if len(conflicts) > 0 {
			slices.SortFunc(conflicts, func(a, b MergeConflict) int {
				return strings.Compare(a.Assignment+"\x00"+a.Student, b.Assignment+"\x00"+b.Student)
			})
			return &MergeConflictError{conflicts}
		}
		slices.SortStableFunc(todo, func(a, b added) int { return a.sub.GradedAt.Compare(b.sub.GradedAt) })
		txCtx := s.withTx(ctx, tx)
		keep := map[pair]int64{} // the grading to be current, where another was recorded after it
		for _, a := range todo {
			id, err := s.RecordGrade(txCtx, a.sub)
			if err != nil {
				return err
			}
			p := pair{a.sub.Assignment.ID, a.sub.Student.ID}
			if a.current {
				keep[p] = id
			} else if _, ok := keep[p]; !ok {
				if cs := currents[p]; len(cs) > 0 && cs[0].db == thisDatabase {
					keep[p] = cs[0].sub.ID
				}
			}
		}
		for p, cs := range currents {
			// The winner may be a grading s has already, but not as current.
			if _, ok := keep[p]; !ok && len(cs) > 0 && cs[0].db != thisDatabase {
				if id, ok := ids[gradingKey(cs[0].sub)]; ok {
					keep[p] = id
				}
			}
		}
		m.Added = len(todo)
		// RecordGrade made the last one recorded current: put it back.
		for p, id := range keep {
			if _, err := tx.ExecContext(ctx, `UPDATE submissions SET current = 0 WHERE assignment_id = ? AND student_id = ? AND current = 1 AND id <> ?`,
				p.assignment, p.student, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE submissions SET current = 1 WHERE id = ?`, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		var mc *MergeConflictError
		if errors.As(err, &mc) {
			return Merged{}, err
		}
		return Merged{}, fmt.Errorf("merge: %w", err)
	}
	return m, nil
}

// current is a database's current grade of a student's assignment.
type current struct {
	db  string
	sub Submission
}

// unsuperseded leaves out of cs the current grades that another database
// holds in its history, under a current grade graded after them: that
// database went on grading (a late bundle, a regrade) where this one
// stopped, as one place would have, which is no conflict. holds is each
// database's gradings, by gradingKey.
func unsuperseded(cs []current, holds map[string]map[string]bool) []current {
	return slices.DeleteFunc(slices.Clone(cs), func(c current) bool {
		k := gradingKey(c.sub)
		return slices.ContainsFunc(cs, func(d current) bool {
			return d.db != c.db && holds[d.db][k] && d.sub.GradedAt.After(c.sub.GradedAt)
		})
	})
}

// mixedVersions finds the assignments whose current grades were made with
// more than one version, and for each version the databases (of dbs, in
// its order) that hold such grades.
func mixedVersions[K comparable](currents map[K][]current, dbs []string) map[string][][]string {
	has := map[[3]string]bool{} // assignment, version, database
	versions := map[string]map[string]bool{}
	for _, cs := range currents {
		for _, c := range cs {
			a, v := c.sub.Assignment.ID, c.sub.Version
			if versions[a] == nil {
				versions[a] = map[string]bool{}
			}
			versions[a][v] = true
			has[[3]string{a, v, c.db}] = true
		}
	}
	var mixed map[string][][]string
	for a, vs := range versions {
		if len(vs) < 2 {
			continue
		}
		var lists [][]string
		for v := range vs {
			var in []string
			for _, db := range dbs {
				if has[[3]string{a, v, db}] && !slices.Contains(in, db) {
					in = append(in, db)
				}
			}
			lists = append(lists, in)
		}
		at := func(l []string) []int {
			var is []int
			for _, db := range l {
				is = append(is, slices.Index(dbs, db))
			}
			return is
		}
		slices.SortFunc(lists, func(x, y []string) int { return slices.Compare(at(x), at(y)) })
		if mixed == nil {
			mixed = map[string][][]string{}
		}
		mixed[a] = lists
	}
	return mixed
}

// readGradings reads every grading in the database at path, which must
// exist and not be self.
func readGradings(ctx context.Context, path, self string) ([]Submission, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("no such database")
	}
	if err != nil {
		return nil, err
	}
	switch {
	case !info.Mode().IsRegular():
		return nil, errors.New("it is not a file")
	case info.Size() == 0:
		// SQLite would take it for a new database and write one into it.
		return nil, errors.New("it is empty, not a database")
	}
	if si, err := os.Stat(self); err == nil && os.SameFile(info, si) {
		return nil, errors.New("it is the database merged into")
	}
	src, err := Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	return src.submissions(ctx, `1 = 1`, `s.id`)
}

// path is the file of s's database.
func (s *Store) path(ctx context.Context) (string, error) {
	var file string
	err := s.db.QueryRowContext(ctx, `SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&file)
	return file, err
}

// gradingKey names one grading: merged from two places, it is one.
func gradingKey(s Submission) string {
	return strings.Join([]string{s.Assignment.ID, s.Student.ID, s.Checksum, s.Version, s.GradedAt.UTC().Format(time.RFC3339Nano)}, "\x00")
}

// sameResult reports whether two gradings gave the same result for the
// same bundle: when and from which path it was graded do not count, nor
// the runner's output, which holds timings.
func sameResult(a, b Submission) bool {
	if a.Checksum != b.Checksum || a.Version != b.Version || !a.Submitted.Equal(b.Submitted) ||
		a.RawScore != b.RawScore || a.DaysLate != b.DaysLate || a.PastCutoff != b.PastCutoff ||
		a.LatePenalty != b.LatePenalty || a.Score != b.Score || a.Assignment.MaxScore != b.Assignment.MaxScore ||
		len(a.Items) != len(b.Items) {
		return false
	}
	for i, x := range a.Items {
		y := b.Items[i]
		if x.ItemID != y.ItemID || x.Kind != y.Kind || x.Max != y.Max || x.Points != y.Points ||
			x.Passed != y.Passed || x.Penalty != y.Penalty || x.Attempts != y.Attempts || x.Outcome != y.Outcome {
			return false
		}
	}
	return true
}
