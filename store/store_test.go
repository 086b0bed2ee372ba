package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sub", "dir", "progress.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestOpenCreatesAndReopens(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file not created: %v", err)
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil || v != len(migrations) {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, len(migrations))
	}
	at := time.Date(2025, 3, 1, 12, 0, 0, 123456789, time.FixedZone("X", 3600))
	want := Attempt{User: "ann", Course: "c", ItemID: "q1", Kind: engine.KindQuestion,
		Result: ResultWrong, Submitted: `["a","b"]`, Detail: "{}", At: at, DurationMS: 7}
	if _, err := s.RecordAttempt(ctx, want); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCurrent(ctx, "ann", "c", "q1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if v, _ := s2.SchemaVersion(ctx); v != len(migrations) {
		t.Errorf("SchemaVersion after reopen = %d", v)
	}
	got, err := s2.Attempts(ctx, "ann", "c", "q1")
	if err != nil {
		t.Fatal(err)
	}
	want.At = at.UTC()
	if len(got) != 1 || got[0] != want {
		t.Errorf("Attempts after reopen = %+v; want [%+v]", got, want)
	}
	if cur, _ := s2.Current(ctx, "ann", "c"); cur != "q1" {
		t.Errorf("Current after reopen = %q", cur)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations)+1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(ctx, path)
	if err == nil {
		s2.Close()
		t.Fatal("Open of a newer schema succeeded")
	}
	if !strings.Contains(err.Error(), "newer") || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q should name the path and say the schema is newer", err)
	}
}

func TestOpenBadPath(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// The parent "directory" is a file.
	if s, err := Open(context.Background(), filepath.Join(file, "progress.db")); err == nil {
		s.Close()
		t.Fatal("Open under a file succeeded")
	}
}

func TestOddPath(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a?b#c %d", "progress.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at %q: %v", path, err)
	}
}

func TestPragmas(t *testing.T) {
	s, _ := openTemp(t)
	// Several connections at once, so more than one pooled conn is checked.
	conns := make([]*sql.Conn, 3)
	for i := range conns {
		c, err := s.db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	for i, c := range conns {
		for _, tc := range []struct{ pragma, want string }{
			{"journal_mode", "wal"},
			{"busy_timeout", "5000"},
			{"foreign_keys", "1"},
		} {
			var got string
			if err := c.QueryRowContext(context.Background(), "PRAGMA "+tc.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("conn %d: PRAGMA %s = %q; want %q", i, tc.pragma, got, tc.want)
			}
		}
	}
}

// TestDataDir: XDG_DATA_HOME when absolute, else ~/.local/share.
func TestDataDir(t *testing.T) {
	home := t.TempDir()
	for _, tc := range []struct{ xdg, want string }{
		{"/xdg", "/xdg/asynclings"},
		{"rel", filepath.Join(home, ".local/share/asynclings")},
		{"", filepath.Join(home, ".local/share/asynclings")},
	} {
		t.Setenv("HOME", home)
		t.Setenv("XDG_DATA_HOME", tc.xdg)
		if got, err := DataDir(); err != nil || got != filepath.FromSlash(tc.want) {
			t.Errorf("XDG_DATA_HOME=%q: DataDir() = %q, %v; want %q", tc.xdg, got, err, tc.want)
		}
	}
}

func TestRecordAttemptRejects(t *testing.T) {
	s, _ := openTemp(t)
	ok := Attempt{User: "u", Course: "c", ItemID: "i", Kind: engine.KindExercise, Result: ResultRight}
	for _, tc := range []struct {
		name string
		edit func(*Attempt)
	}{
		{"no user", func(a *Attempt) { a.User = "" }},
		{"no course", func(a *Attempt) { a.Course = "" }},
		{"no item", func(a *Attempt) { a.ItemID = "" }},
		{"bad kind", func(a *Attempt) { a.Kind = "essay" }},
		{"bad result", func(a *Attempt) { a.Result = "maybe" }},
	} {
		a := ok
		tc.edit(&a)
		if _, err := s.RecordAttempt(context.Background(), a); err == nil {
			t.Errorf("%s: RecordAttempt succeeded", tc.name)
		}
	}
	if _, err := s.RecordAttempt(context.Background(), ok); err != nil {
		t.Errorf("valid attempt: %v", err)
	}
}

func TestProgress(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	type try struct {
		result    Result
		submitted string
	}
	for _, tc := range []struct {
		name      string
		tries     []try
		want      engine.Status
		firstTry  bool
		submitted string
	}{
		{"one wrong", []try{{ResultWrong, "a"}}, engine.StatusTried, false, "a"},
		{"wrong wrong", []try{{ResultWrong, "a"}, {ResultWrong, "b"}}, engine.StatusTried, false, "b"},
		{"right first", []try{{ResultRight, "a"}}, engine.StatusDone, true, "a"},
		{"wrong then right", []try{{ResultWrong, "a"}, {ResultRight, "b"}}, engine.StatusDone, false, "b"},
		{"right then wrong", []try{{ResultRight, "a"}, {ResultWrong, "b"}}, engine.StatusDone, true, "b"},
		{"given up", []try{{ResultWrong, "a"}, {ResultGivenUp, ""}}, engine.StatusGivenUp, false, ""},
		{"given up then wrong", []try{{ResultGivenUp, ""}, {ResultWrong, "x"}}, engine.StatusGivenUp, false, "x"},
		{"given up then right", []try{{ResultGivenUp, ""}, {ResultRight, "r"}}, engine.StatusDone, false, "r"},
		{"right then given up", []try{{ResultRight, "r"}, {ResultGivenUp, ""}}, engine.StatusDone, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s, _ := openTemp(t)
			// Record newest first, to check ordering is by time, not insertion.
			for i := len(tc.tries) - 1; i >= 0; i-- {
				if _, err := s.RecordAttempt(ctx, Attempt{User: "u", Course: "c", ItemID: "it",
					Kind: engine.KindQuestion, Result: tc.tries[i].result,
					Submitted: tc.tries[i].submitted, At: t0.Add(time.Duration(i) * time.Millisecond)}); err != nil {
					t.Fatal(err)
				}
			}
			prog, err := s.Progress(ctx, "u", "c")
			if err != nil {
				t.Fatal(err)
			}
			want := ItemProgress{ItemID: "it", Status: tc.want, Attempts: len(tc.tries), TotalAttempts: len(tc.tries),
				FirstTryRight: tc.firstTry, LastSubmitted: tc.submitted, FirstAt: t0,
				LastAt: t0.Add(time.Duration(len(tc.tries)-1) * time.Millisecond)}
			if len(prog) != 1 || prog["it"] != want {
				t.Errorf("Progress = %+v; want %+v", prog, want)
			}
		})
	}
}

func TestProgressKeepsUsersAndCoursesApart(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	rec := func(user, course, item string, r Result) {
		t.Helper()
		if _, err := s.RecordAttempt(ctx, Attempt{User: user, Course: course, ItemID: item,
			Kind: engine.KindExercise, Result: r}); err != nil {
			t.Fatal(err)
		}
	}
	rec("ann", "go", "e1", ResultRight)
	rec("ann", "go", "e2", ResultWrong)
	rec("bob", "go", "e1", ResultWrong)
	rec("bob", "go", "e1", ResultWrong)
	rec("ann", "rust", "e1", ResultGivenUp)

	status := func(user, course string) map[string]string {
		t.Helper()
		prog, err := s.Progress(ctx, user, course)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for id, p := range prog {
			if p.ItemID != id {
				t.Errorf("item %q has ItemID %q", id, p.ItemID)
			}
			m[id] = fmt.Sprintf("%s/%d", p.Status, p.Attempts)
		}
		return m
	}
	for _, tc := range []struct {
		user, course string
		want         map[string]string
	}{
		{"ann", "go", map[string]string{"e1": "done/1", "e2": "tried/1"}},
		{"bob", "go", map[string]string{"e1": "tried/2"}},
		{"ann", "rust", map[string]string{"e1": "given-up/1"}},
		{"bob", "rust", map[string]string{}},
		{"nobody", "go", map[string]string{}},
	} {
		if got := status(tc.user, tc.course); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("Progress(%s, %s) = %v; want %v", tc.user, tc.course, got, tc.want)
		}
	}
	if atts, err := s.Attempts(ctx, "bob", "go", "e1"); err != nil || len(atts) != 2 {
		t.Errorf("Attempts(bob, go, e1) = %d attempts, %v; want 2", len(atts), err)
	}
	if atts, err := s.Attempts(ctx, "bob", "go", "e2"); err != nil || len(atts) != 0 {
		t.Errorf("Attempts(bob, go, e2) = %d attempts, %v; want 0", len(atts), err)
	}
}

func TestCurrent(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	get := func(user, course string) string {
		t.Helper()
		cur, err := s.Current(ctx, user, course)
		if err != nil {
			t.Fatal(err)
		}
		return cur
	}
	set := func(user, course, item string) {
		t.Helper()
		if err := s.SetCurrent(ctx, user, course, item); err != nil {
			t.Fatal(err)
		}
	}
	if got := get("ann", "go"); got != "" {
		t.Errorf("Current before any SetCurrent = %q", got)
	}
	set("ann", "go", "q1")
	set("ann", "rust", "r1")
	set("bob", "go", "b1")
	if got := get("ann", "go"); got != "q1" {
		t.Errorf("Current = %q; want q1", got)
	}
	set("ann", "go", "e3")
	for _, tc := range []struct{ user, course, want string }{
		{"ann", "go", "e3"},
		{"ann", "rust", "r1"},
		{"bob", "go", "b1"},
		{"bob", "rust", ""},
	} {
		if got := get(tc.user, tc.course); got != tc.want {
			t.Errorf("Current(%s, %s) = %q; want %q", tc.user, tc.course, got, tc.want)
		}
	}
	set("ann", "go", "")
	if got := get("ann", "go"); got != "" {
		t.Errorf("Current after clearing = %q", got)
	}
}

// TestConcurrentRecord writes from many goroutines through two Stores on one
// file, as two processes would; none may fail with "database is locked".
func TestConcurrentRecord(t *testing.T) {
	ctx := context.Background()
	const workers, each = 8, 25
	s1 := concurrently(t, workers, func(w int, s *Store) error {
		for i := range each {
			// New users appear concurrently too.
			user := fmt.Sprintf("u%d", w%3)
			_, err := s.RecordAttempt(ctx, Attempt{User: user, Course: "c",
				ItemID: fmt.Sprintf("i%d", i%5), Kind: engine.KindExercise,
				Result: ResultWrong, Submitted: "code", DurationMS: 1})
			if err != nil {
				return err
			}
			if i%5 == 0 {
				if err := s.SetCurrent(ctx, user, "c", "i0"); err != nil {
					return err
				}
			}
		}
		return nil
	})
	total := 0
	for u := range 3 {
		prog, err := s1.Progress(ctx, fmt.Sprintf("u%d", u), "c")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range prog {
			total += p.Attempts
		}
	}
	if total != workers*each {
		t.Errorf("recorded %d attempts; want %d", total, workers*each)
	}
}

func TestForeignKeysEnforced(t *testing.T) {
	s, _ := openTemp(t)
	_, err := s.db.Exec(`INSERT INTO attempts (user_id, course, item_id, kind, result, at)
		VALUES (999, 'c', 'i', 'question', 'right', '2025')`)
	if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Errorf("insert with unknown user: err = %v; want a foreign key error", err)
	}
}

// TestConcurrentOpen opens a new database from several goroutines at once,
// as several processes might: the schema must be applied exactly once.
func TestConcurrentOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "progress.db")
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		wg.Go(func() {
			s, err := Open(ctx, path)
			if err != nil {
				errs <- err
				return
			}
			s.Close()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// databaseAt makes a database file at schema version v, without opening
// it as a Store, runs stmts on it and returns its path.
func databaseAt(t *testing.T, v int, stmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("v%d.db", v))
	db, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts = append(append(migrations[:v:v], fmt.Sprintf("PRAGMA user_version = %d", v)), stmts...)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// concurrently runs f in workers goroutines, alternately on two Stores of
// one new file, as two processes would, and fails t on their errors; it
// returns the first Store for checking what they wrote.
func concurrently(t *testing.T, workers int, f func(w int, s *Store) error) *Store {
	t.Helper()
	s1, path := openTemp(t)
	s2, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		s := s1
		if w%2 == 1 {
			s = s2
		}
		wg.Go(func() {
			if err := f(w, s); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	return s1
}
