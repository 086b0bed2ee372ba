package instructor

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/report"
)

var rosterOut string

func RosterFlags(fs *flag.FlagSet) {
	fs.StringVar(&rosterOut, "out", "", "with new: the roster file to write")
	fs.StringVar(&rosterOut, "o", "", "same as --out")
}

// cmdRoster makes and reads an instructor's roster: the class list with
// the secret that each student's key is made from.
func (a *app) cmdRoster(ctx context.Context, args []string) error {
	sub := ""
	if len(args) > 0 {
		sub, args = args[0], args[1:]
	}
	switch {
	case sub == "new" && len(args) == 1 && rosterOut != "":
		return a.rosterNew(args[0])
	case sub == "add" && len(args) == 2:
		return a.rosterAdd(args[0], args[1])
	case sub == "keys" && len(args) == 1:
		return a.rosterKeys(args[0])
	}
	return base.UsageErr("roster needs one of: new --out ROSTER STUDENTS.csv, add ROSTER STUDENTS.csv, keys ROSTER")
}

func (a *app) rosterNew(list string) error {
	students, err := readStudents(list)
	if err != nil {
		return err
	}
	r, err := homework.NewRoster(students)
	if err != nil {
		return &base.ExitError{Code: 2, Err: fmt.Errorf("%s: %w", list, err)}
	}
	// A new roster has a new secret, so every key changes: never write one
	// over another.
	if err := homework.WriteFileAtomicMode(rosterOut, 0o600, false, r.Encode); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return base.UsageErr("roster: %s exists; a new roster would change every student's key (roster add adds students to it)", rosterOut)
		}
		return &base.ExitError{Code: 2, Err: err}
	}
	fmt.Fprintf(a.Stdout, "Wrote %s: %s. Keep it to yourself (it can make every key); asynclings roster keys %s lists the keys to give out.\n", rosterOut, base.Plural(len(r.Students), "student"), rosterOut)
	return nil
}

func (a *app) rosterAdd(file, list string) error {
	r, err := a.readRoster(file)
	if err != nil {
		return err
	}
	students, err := readStudents(list)
	if err != nil {
		return err
	}
	n := len(r.Students)
	if err := r.Add(students); err != nil {
		return &base.ExitError{Code: 2, Err: fmt.Errorf("%s: %w", list, err)}
	}
	if err := homework.WriteFileAtomicMode(file, 0o600, true, r.Encode); err != nil {
		return &base.ExitError{Code: 2, Err: err}
	}
	fmt.Fprintf(a.Stdout, "Added %s to %s (now %d); the others' keys are unchanged.\n", base.Plural(len(r.Students)-n, "student"), file, len(r.Students))
	return nil
}

// rosterKeys prints each student's key as CSV, for a mail merge or a
// learning platform's private message to each student.
func (a *app) rosterKeys(file string) error {
	r, err := a.readRoster(file)
	if err != nil {
		return err
	}
	return report.WriteKeysCSV(a.Stdout, r)
}

// readStudents reads a class list (homework.ParseStudentsCSV).
func readStudents(path string) ([]homework.Student, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, base.UsageErr("roster: %v", err)
	}
	defer f.Close()
	students, err := homework.ParseStudentsCSV(path, f)
	if err != nil {
		return nil, &base.ExitError{Code: 2, Err: fmt.Errorf("bad student list:\n%w", err)}
	}
	return students, nil
}

// readRoster reads a roster file, warning when others can read it.
func (a *app) readRoster(path string) (*homework.Roster, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, base.UsageErr("roster: %v", err)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Mode().Perm()&0o077 != 0 {
		fmt.Fprintf(a.Stderr, "asynclings: warning: %s can be read by others, who could make every student's key from it (chmod 600 %s)\n", path, path)
	}
	r, err := homework.DecodeRoster(io.LimitReader(f, 64<<20))
	if err != nil {
		return nil, &base.ExitError{Code: 2, Err: fmt.Errorf("%s: %w", path, err)}
	}
	return r, nil
}
