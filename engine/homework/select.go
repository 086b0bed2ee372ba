package homework

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// A Notice is what a grading run says about one file it was given: that it
// was rejected or skipped, and why, or a warning. Text from a student is
// already cleaned (Clean) in it.
type Notice struct {
	Path string
	Text string
}

func (n Notice) String() string { return Clean(n.Path) + ": " + n.Text }

func rejected(path string, err error) Notice {
	return Notice{path, "rejected: " + Clean(err.Error())}
}

// BundleFile is a bundle read from disk and checked against the assignment.
type BundleFile struct {
	Path     string
	Bundle   *Bundle
	Checksum string
}

// ReadChecked decodes a bundle file, which may be anything a student made
// (see ReadBundleFile), and checks it against the assignment at time now.
func ReadChecked(path string, a *Versioned, now time.Time) (*BundleFile, error) {
	b, err := ReadBundleFile(path)
	if err == nil {
		err = Check(b, a.Assignment, a.CourseHash)
	}
	if errors.Is(err, ErrWrongCourse) {
		return nil, fmt.Errorf("%w (grade with the course the student used, --course DIR, or ask for a bundle made with yours)", err)
	}
	if err != nil {
		return nil, err
	}
	// A clock can be a little off; a bundle from days ahead is not.
	if ahead := b.Submitted.Sub(now); ahead > time.Hour {
		return nil, fmt.Errorf("%w: submitted %s, %s from now", ErrMalformed, FormatUTC(b.Submitted), HumanDuration(ahead))
	}
	sum, err := b.Checksum()
	if err != nil {
		return nil, err
	}
	return &BundleFile{Path: path, Bundle: b, Checksum: sum}, nil
}

// Paths is the bundle files a grading run was given.
type Paths struct {
	Files    []string
	Notices  []Notice // in the order met
	Rejected int      // paths rejected
}

// BundlePaths expands the arguments: a directory stands for the .json files
// in it and its subdirectories (a learning platform's download often has a
// folder per student), leaving out hidden ones and __MACOSX. A directory
// named in args may be a symbolic link; inside it, links are never
// followed: one to a folder (or a loop) or named *.json is rejected by
// name, as is a folder that cannot be read, and the rest go on. Files that
// are not regular are left to ReadChecked, which refuses them without
// reading them. An argument that does not exist is an error, returned with
// what was found before it.
func BundlePaths(args []string) (Paths, error) {
	var ps Paths
	reject := func(p string, err error) {
		ps.Notices = append(ps.Notices, rejected(p, err))
		ps.Rejected++
	}
	for _, arg := range args {
		info, err := os.Stat(arg)
		if errors.Is(err, fs.ErrNotExist) {
			return ps, err
		}
		if err != nil {
			reject(arg, err)
			continue
		}
		if !info.IsDir() {
			ps.Files = append(ps.Files, arg)
			continue
		}
		n, r := len(ps.Files), ps.Rejected
		filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				reject(p, err)
				return nil
			}
			hidden := p != arg && (strings.HasPrefix(d.Name(), ".") || d.Name() == "__MACOSX") // zip and editor debris
			switch {
			case hidden && d.IsDir():
				return fs.SkipDir
			case hidden || d.IsDir():
			case d.Type()&fs.ModeSymlink != 0:
				if strings.HasSuffix(p, ".json") || linksToFolder(p) {
					reject(p, errors.New("it is a symbolic link, which grading does not follow (copy the file or folder here instead)"))
				}
			case strings.HasSuffix(p, ".json"):
				ps.Files = append(ps.Files, p)
			}
			return nil
		})
		if len(ps.Files) == n && ps.Rejected == r {
			ps.Notices = append(ps.Notices, Notice{arg, "warning: no bundle files (*.json) in it"})
		}
	}
	if len(ps.Files) == 0 && ps.Rejected == 0 {
		return ps, errors.New("no bundle files to grade")
	}
	return ps, nil
}

// linksToFolder reports whether a symbolic link leads to a folder, or in a
// loop, which could hide bundles from a walk that does not follow it.
func linksToFolder(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir() || errors.Is(err, syscall.ELOOP)
}

// CurrentGrade is the gradebook's current grade of one student.
type CurrentGrade struct {
	StudentID string
	File      string // the bundle it was graded from
	Version   string // the Versioned.Version it was graded with
	Submitted time.Time
}

// Gradebook is what selecting bundles needs to know of the grades already
// made; cmd adapts package store to it.
type Gradebook interface {
	CurrentGrades(ctx context.Context, assignmentID string) ([]CurrentGrade, error)
	IsGraded(ctx context.Context, assignmentID, checksum, version string) (bool, error)
}

// Selection is the bundles a grading run grades, and what it says of the
// others.
type Selection struct {
	Todo     []*BundleFile
	Notices  []Notice // in the order met
	Rejected int      // bundles rejected
	Stale    int      // current grades kept that another version made
	Graded   int      // bundles already graded with this version: skipped
}

// Select reads the bundles in paths and picks those to grade: each
// student's latest, unless it is already their current grade (so a stopped
// run goes on where it stopped) or older than it (so that running grade
// again never flips a grade back); regrade grades them all the same. With a
// roster, a bundle must be signed by a student on it. On an error, the
// selection holds the notices made before it.
func Select(ctx context.Context, book Gradebook, a *Versioned, roster *Roster, paths []string, regrade bool, now time.Time) (Selection, error) {
	var sel Selection
	seen := map[string]string{} // checksum -> path
	var valid []*BundleFile
	for _, p := range paths {
		bf, err := ReadChecked(p, a, now)
		if err == nil && roster != nil {
			err = checkIdentity(roster, bf.Bundle)
		}
		if err != nil {
			sel.Notices = append(sel.Notices, rejected(p, err))
			sel.Rejected++
			continue
		}
		if first, dup := seen[bf.Checksum]; dup {
			sel.Notices = append(sel.Notices, Notice{p, "skipped: the same bundle as " + Clean(first)})
			continue
		}
		seen[bf.Checksum] = p
		valid = append(valid, bf)
	}
	latest := latestPerStudent(valid, &sel.Notices)
	grades, err := book.CurrentGrades(ctx, a.ID)
	if err != nil {
		return sel, err
	}
	current := map[string]CurrentGrade{}
	for _, g := range grades {
		current[g.StudentID] = g
	}
	for _, bf := range latest {
		cur, has := current[bf.Bundle.Student.ID]
		older := has && cur.Submitted.After(bf.Bundle.Submitted)
		if !regrade {
			done, err := book.IsGraded(ctx, a.ID, bf.Checksum, a.Version)
			if err != nil {
				return sel, err
			}
			if done {
				sel.Graded++
				continue
			}
			if older {
				sel.Notices = append(sel.Notices, Notice{bf.Path, fmt.Sprintf("skipped: %s's current grade is from a later bundle, %s (submitted %s); --regrade grades this one instead",
					Clean(cur.StudentID), Clean(cur.File), FormatUTC(cur.Submitted))})
				if cur.Version != a.Version {
					// The grade that stays was made with another assignment file
					// or course: say so, or a changed due date goes unnoticed.
					sel.Notices = append(sel.Notices, Notice{bf.Path, fmt.Sprintf("%s's current grade was made with another version of %s or of the course: grade %s again too",
						Clean(cur.StudentID), a.File, Clean(cur.File))})
					sel.Stale++
				}
				continue
			}
		} else if older {
			sel.Notices = append(sel.Notices, Notice{bf.Path, fmt.Sprintf("warning: it replaces %s's current grade, from %s, which was submitted later (%s)", Clean(cur.StudentID), Clean(cur.File), FormatUTC(cur.Submitted))})
		}
		sel.Todo = append(sel.Todo, bf)
	}
	return sel, nil
}

// checkIdentity refuses a bundle whose student is not on the roster or
// that was not signed with their key; the student's names become the
// roster's, where it has them.
func checkIdentity(roster *Roster, b *Bundle) error {
	s, err := roster.Verify(b)
	if err != nil {
		return err
	}
	if s.FirstName != "" || s.LastName != "" {
		b.Student.FirstName, b.Student.LastName = s.FirstName, s.LastName
	}
	if s.Email != "" {
		b.Student.Email = s.Email
	}
	return nil
}

// latestPerStudent keeps each student's latest submission: grading one
// after another would leave whichever finished last as the grade. It notes
// each bundle it leaves out.
func latestPerStudent(bfs []*BundleFile, notices *[]Notice) (keep []*BundleFile) {
	latest := map[string]*BundleFile{}
	for _, bf := range bfs {
		id := bf.Bundle.Student.ID
		if cur, ok := latest[id]; !ok || bf.Bundle.Submitted.After(cur.Bundle.Submitted) {
			latest[id] = bf
		}
	}
	for _, bf := range bfs {
		if l := latest[bf.Bundle.Student.ID]; l != bf {
			*notices = append(*notices, Notice{bf.Path, fmt.Sprintf("skipped: %s has a later bundle here, %s (submitted %s), which is taken instead", Clean(bf.Bundle.Student.ID), Clean(l.Path), FormatUTC(l.Bundle.Submitted))})
			continue
		}
		keep = append(keep, bf)
	}
	return keep
}
