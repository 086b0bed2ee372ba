// Package store keeps learners' progress in a SQLite database. It is the only
// package that speaks SQL; callers see attempts, progress and statuses.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/mattn/go-sqlite3" // also registers the "sqlite3" driver
)

// Store is an open progress database. It is safe for concurrent use.
type Store struct {
	db *sql.DB
}

// migrations are applied in order; migration i brings the schema to version
// i+1 (recorded in PRAGMA user_version). Never edit one that has shipped:
// append a new one instead.
var migrations = []string{
	// 1: users, their attempts, and the item each was last on.
	// Courses and items are referred to by ID, not rows, so that editing a
	// course file never needs a migration. Later versions add tables beside
	// these (review state, hints, gradebook) keyed by user_id.
	`
CREATE TABLE users (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
);
CREATE TABLE attempts (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	course      TEXT NOT NULL,
	item_id     TEXT NOT NULL,
	kind        TEXT NOT NULL,
	result      TEXT NOT NULL,
	submitted   TEXT NOT NULL DEFAULT '',
	detail      TEXT NOT NULL DEFAULT '',
	duration_ms INTEGER NOT NULL DEFAULT 0,
	at          TEXT NOT NULL
);
CREATE INDEX attempts_by_item ON attempts(user_id, course, item_id, at);
CREATE TABLE current_items (
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	course     TEXT NOT NULL,
	item_id    TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (user_id, course)
) WITHOUT ROWID;
`,
	// 2: spaced review (SM-2) of questions, per learner and question; see
	// engine/review. A row exists once a question was answered wrong.
	`
CREATE TABLE reviews (
	user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	course        TEXT NOT NULL,
	item_id       TEXT NOT NULL,
	ease          REAL NOT NULL,
	interval_days INTEGER NOT NULL,
	reps          INTEGER NOT NULL,
	due           TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	PRIMARY KEY (user_id, course, item_id)
) WITHOUT ROWID;
CREATE INDEX reviews_by_due ON reviews(user_id, course, due);
`,
	// 3: exercise hints, one row per reveal (the history is kept, so a
	// reveal counts towards the day's activity); see hints.go.
	`
CREATE TABLE hints (
	id      INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	course  TEXT NOT NULL,
	item_id TEXT NOT NULL,
	number  INTEGER NOT NULL,
	at      TEXT NOT NULL
);
CREATE INDEX hints_by_item ON hints(user_id, course, item_id, number);
`,
	// 4: resets, one row per item a learner started afresh; attempts at or
	// before an item's latest reset are kept but no longer count towards
	// its status (see reset.go).
	`
CREATE TABLE resets (
	id      INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	course  TEXT NOT NULL,
	item_id TEXT NOT NULL,
	at      TEXT NOT NULL
);
CREATE INDEX resets_by_item ON resets(user_id, course, item_id, at);
`,
	// 5: the homework gradebook (see gradebook.go). Students are named by
	// their bundles, not by users rows: the instructor's database is not
	// theirs. Every grading is kept; current marks the one that counts, and
	// the partial unique index keeps it to one per student and assignment.
	`
CREATE TABLE students (
	id         TEXT PRIMARY KEY,
	first_name TEXT NOT NULL,
	last_name  TEXT NOT NULL,
	email      TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE homework_assignments (
	id        TEXT PRIMARY KEY,
	title     TEXT NOT NULL,
	course    TEXT NOT NULL,
	due       TEXT NOT NULL,
	max_score REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE submissions (
	id            INTEGER PRIMARY KEY,
	assignment_id TEXT NOT NULL REFERENCES homework_assignments(id) ON DELETE CASCADE,
	student_id    TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
	file          TEXT NOT NULL,
	checksum      TEXT NOT NULL,
	version       TEXT NOT NULL,
	submitted     TEXT NOT NULL,
	graded_at     TEXT NOT NULL,
	raw_score     REAL NOT NULL,
	days_late     INTEGER NOT NULL,
	past_cutoff   INTEGER NOT NULL,
	late_penalty  REAL NOT NULL,
	score         REAL NOT NULL,
	current       INTEGER NOT NULL
);
CREATE UNIQUE INDEX submissions_current ON submissions(assignment_id, student_id) WHERE current = 1;
CREATE INDEX submissions_by_student ON submissions(assignment_id, student_id, graded_at);
CREATE INDEX submissions_by_checksum ON submissions(assignment_id, checksum, version);
CREATE TABLE item_grades (
	submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
	position      INTEGER NOT NULL,
	item_id       TEXT NOT NULL,
	kind          TEXT NOT NULL,
	max_points    REAL NOT NULL,
	points        REAL NOT NULL,
	passed        INTEGER NOT NULL,
	penalty       REAL NOT NULL,
	attempts      INTEGER NOT NULL,
	outcome       TEXT NOT NULL,
	output        TEXT NOT NULL,
	PRIMARY KEY (submission_id, position),
	UNIQUE (submission_id, item_id)
) WITHOUT ROWID;
`,
	// 6: FSRS replaces SM-2 in spaced review (see engine/review). The
	// table is rebuilt with FSRS's state beside the SM-2 columns, which
	// keep each row's state as it was at the upgrade (NULL in rows created
	// since). A row whose stability is NULL has not been reviewed under
	// FSRS yet: its state is review.FromSM2 of those columns (see
	// review.go), which keeps its due date; its first review writes FSRS's
	// own. The conversion is in Go, not here, because it needs pow and exp,
	// which this build of SQLite lacks.
	`
CREATE TABLE reviews_fsrs (
	user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	course        TEXT NOT NULL,
	item_id       TEXT NOT NULL,
	stability     REAL,
	difficulty    REAL,
	fsrs_reps     INTEGER,
	lapses        INTEGER,
	last_rating   INTEGER,
	last_review   TEXT,
	due           TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	ease          REAL,
	interval_days INTEGER,
	reps          INTEGER,
	PRIMARY KEY (user_id, course, item_id)
) WITHOUT ROWID;
INSERT INTO reviews_fsrs (user_id, course, item_id, due, updated_at, ease, interval_days, reps)
SELECT user_id, course, item_id, due, updated_at, ease, interval_days, reps FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_fsrs RENAME TO reviews;
CREATE INDEX reviews_by_due ON reviews(user_id, course, due);
`,
	// 7: the hints a student revealed of each item, as their bundle says,
	// for the class dashboard; 0 in grades recorded before.
	`
ALTER TABLE item_grades ADD COLUMN hints INTEGER NOT NULL DEFAULT 0;
`,
	// 8: the code of each graded exercise (see code.go).
	`
CREATE TABLE item_code (
	submission_id INTEGER NOT NULL,
	item_id       TEXT NOT NULL,
	file          TEXT NOT NULL,
	code          TEXT NOT NULL,
	PRIMARY KEY (submission_id, item_id, file),
	FOREIGN KEY (submission_id, item_id) REFERENCES item_grades(submission_id, item_id) ON DELETE CASCADE
) WITHOUT ROWID;
`,
}

// timeLayout is fixed-width UTC with nanoseconds, so stored times sort as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) { return time.Parse(timeLayout, s) }

// Open opens (creating the parent directory and the file if needed) the
// SQLite database at path and brings its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	s, err := open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

func open(ctx context.Context, path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", dsn(abs))
	if err != nil {
		return nil, err
	}
	s := &Store{db: db}
	if err := setWAL(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// setWAL turns on write-ahead logging, so that readers and a writer work at
// once; the mode stays with the file. It is not a DSN parameter because the
// switch needs an exclusive lock and SQLite does not wait on the busy
// timeout for it: processes opening a new database together failed at once.
func setWAL(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(5 * time.Second)
	for {
		var mode string
		err := db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode)
		if err == nil {
			return nil
		}
		var se sqlite3.Error
		busy := errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
		if !busy || time.Now().After(deadline) {
			return fmt.Errorf("set journal mode: %w", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// dsn builds a file: URI so that any character in the path survives
// (go-sqlite3 splits plain names at the first '?'). The parameters apply to
// every pooled connection. _txlock=immediate takes the write lock at BEGIN,
// so concurrent writers wait on the busy timeout instead of failing at the
// read-to-write upgrade.
func dsn(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letters: file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String() + "?_busy_timeout=5000&_foreign_keys=on&_txlock=immediate"
}

// migrate applies the migrations the database lacks, one transaction each.
// The version is read inside the transaction so that two processes opening
// a new database at once do not both apply a migration.
func (s *Store) migrate(ctx context.Context) error {
	// A plain read first, so that opening a current database takes no write
	// lock.
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	switch {
	case v > len(migrations):
		return errNewer(v)
	case v == len(migrations):
		return nil
	}
	for {
		done, err := s.migrateOne(ctx)
		if err != nil || done {
			return err
		}
	}
}

func (s *Store) migrateOne(ctx context.Context) (done bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, err
	}
	switch {
	case v > len(migrations):
		return false, errNewer(v)
	case v == len(migrations):
		return true, nil
	}
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("migration %d: %w", v+1, err)
	}
	// PRAGMA takes no bound parameters; v+1 is our own integer.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return false, fmt.Errorf("migration %d: %w", v+1, err)
	}
	return false, tx.Commit()
}

func errNewer(v int) error {
	return fmt.Errorf("database schema version %d is newer than this program knows (%d): upgrade asynclings", v, len(migrations))
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// SchemaVersion is the schema version recorded in the database.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// DataDir is where asynclings keeps its data: $XDG_DATA_HOME/asynclings,
// else ~/.local/share/asynclings.
func DataDir() (string, error) {
	// The XDG spec says to ignore a relative XDG_DATA_HOME.
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "asynclings"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "asynclings"), nil
}

// Result is how an attempt ended.
// The learner's records are the engine's domain types (engine/records.go);
// the names stay here for the store's callers.
type (
	Result       = engine.Result
	Attempt      = engine.Attempt
	ItemProgress = engine.ItemProgress
)

const (
	ResultRight   = engine.ResultRight
	ResultWrong   = engine.ResultWrong
	ResultGivenUp = engine.ResultGivenUp
)

func validateAttempt(a Attempt) error {
	switch {
	case a.User == "":
		return errors.New("empty user")
	case a.Course == "":
		return errors.New("empty course")
	case a.ItemID == "":
		return errors.New("empty item ID")
	case a.Kind != engine.KindQuestion && a.Kind != engine.KindExercise:
		return fmt.Errorf("unknown kind %q", a.Kind)
	case !a.Result.Valid():
		return fmt.Errorf("unknown result %q", a.Result)
	}
	return nil
}

// RecordAttempt stores an attempt, creating its user if new, and returns
// the attempt's id.
func (s *Store) RecordAttempt(ctx context.Context, a Attempt) (int64, error) {
	if err := validateAttempt(a); err != nil {
		return 0, fmt.Errorf("record attempt: %w", err)
	}
	if a.At.IsZero() {
		a.At = time.Now()
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		uid, err := ensureUser(ctx, tx, a.User)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
INSERT INTO attempts (user_id, course, item_id, kind, result, submitted, detail, duration_ms, at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			uid, a.Course, a.ItemID, string(a.Kind), string(a.Result),
			a.Submitted, a.Detail, a.DurationMS, formatTime(a.At))
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("record attempt: %w", err)
	}
	return id, nil
}

// inTx runs f in a (write-locked, see dsn) transaction: the one of this
// store that ctx carries (withTx), if any, so that Merge can record many
// gradings through RecordGrade in one transaction; else a new one.
func (s *Store) inTx(ctx context.Context, f func(*sql.Tx) error) error {
	if outer, ok := ctx.Value(txKey{}).(storeTx); ok && outer.s == s {
		return f(outer.tx)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	return tx.Commit()
}

type (
	txKey   struct{}
	storeTx struct {
		s  *Store
		tx *sql.Tx
	}
)

// withTx is ctx carrying s's transaction tx, for inTx.
func (s *Store) withTx(ctx context.Context, tx *sql.Tx) context.Context {
	return context.WithValue(ctx, txKey{}, storeTx{s, tx})
}

// ensureUser returns the id of the named user, creating the user if needed.
func ensureUser(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO users (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`,
		name, formatTime(time.Now())); err != nil {
		return 0, err
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM users WHERE name = ?`, name).Scan(&id)
	return id, err
}

// Progress derives each item's progress for a user in a course from the
// attempts and the hints revealed. Items with neither are absent from the
// map; an item with hints but no attempt yet has status new.
func (s *Store) Progress(ctx context.Context, user, course string) (map[string]ItemProgress, error) {
	atts, err := s.attempts(ctx, `a.course = ?`, user, course)
	if err != nil {
		return nil, fmt.Errorf("progress of %s in %s: %w", user, course, err)
	}
	resets, err := s.Resets(ctx, user, course)
	if err != nil {
		return nil, err
	}
	prog := make(map[string]ItemProgress)
	for _, a := range atts {
		p := prog[a.ItemID]
		p.ItemID = a.ItemID
		p.TotalAttempts++
		p.ResetAt = resets[a.ItemID]
		if a.At.After(p.ResetAt) {
			p.Add(a)
		} else {
			// Before the latest reset: counted in TotalAttempts only.
			p.LastAt = a.At
			p.Status = engine.StatusNew
		}
		prog[a.ItemID] = p
	}
	used, err := s.hintsUsed(ctx, user, course)
	if err != nil {
		return nil, fmt.Errorf("progress of %s in %s: %w", user, course, err)
	}
	total, err := s.totalHints(ctx, user, course)
	if err != nil {
		return nil, fmt.Errorf("progress of %s in %s: %w", user, course, err)
	}
	for id, n := range total {
		p, ok := prog[id]
		if !ok {
			p = ItemProgress{ItemID: id, Status: engine.StatusNew}
		}
		p.HintsUsed, p.TotalHints = used[id], n
		prog[id] = p
	}
	return prog, nil
}

// Attempts lists a user's attempts at one item, oldest first.
func (s *Store) Attempts(ctx context.Context, user, course, itemID string) ([]Attempt, error) {
	atts, err := s.attempts(ctx, `a.course = ? AND a.item_id = ?`, user, course, itemID)
	if err != nil {
		return nil, fmt.Errorf("attempts of %s at %s/%s: %w", user, course, itemID, err)
	}
	return atts, nil
}

// attempts lists the user's attempts matching where, oldest first; the id
// breaks ties between equal times.
func (s *Store) attempts(ctx context.Context, where, user string, args ...any) ([]Attempt, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT u.name, a.course, a.item_id, a.kind, a.result, a.submitted, a.detail, a.at, a.duration_ms
FROM attempts a JOIN users u ON u.id = a.user_id
WHERE u.name = ? AND `+where+`
ORDER BY a.at, a.id`, append([]any{user}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var atts []Attempt
	for rows.Next() {
		var a Attempt
		var kind, result, at string
		if err := rows.Scan(&a.User, &a.Course, &a.ItemID, &kind, &result,
			&a.Submitted, &a.Detail, &at, &a.DurationMS); err != nil {
			return nil, err
		}
		a.Kind, a.Result = engine.Kind(kind), Result(result)
		if a.At, err = parseTime(at); err != nil {
			return nil, err
		}
		atts = append(atts, a)
	}
	return atts, rows.Err()
}

// SetCurrent remembers the item a learner is on in a course (for
// "Continue"). An empty itemID forgets it.
func (s *Store) SetCurrent(ctx context.Context, user, course, itemID string) error {
	if user == "" || course == "" {
		return errors.New("set current item: empty user or course")
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		uid, err := ensureUser(ctx, tx, user)
		if err != nil {
			return err
		}
		if itemID == "" {
			_, err = tx.ExecContext(ctx,
				`DELETE FROM current_items WHERE user_id = ? AND course = ?`, uid, course)
			return err
		}
		_, err = tx.ExecContext(ctx, `
INSERT INTO current_items (user_id, course, item_id, updated_at) VALUES (?, ?, ?, ?)
ON CONFLICT (user_id, course) DO UPDATE SET item_id = excluded.item_id, updated_at = excluded.updated_at`,
			uid, course, itemID, formatTime(time.Now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("set current item of %s in %s: %w", user, course, err)
	}
	return nil
}

// Current returns the item a learner was last on in a course, or "" if none.
func (s *Store) Current(ctx context.Context, user, course string) (string, error) {
	var item string
	err := s.db.QueryRowContext(ctx, `
SELECT c.item_id FROM current_items c JOIN users u ON u.id = c.user_id
WHERE u.name = ? AND c.course = ?`, user, course).Scan(&item)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", nil
	case err != nil:
		return "", fmt.Errorf("current item of %s in %s: %w", user, course, err)
	}
	return item, nil
}
