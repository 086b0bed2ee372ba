package base

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/store"
)

// config is where the run keeps things, resolved once from the flags and
// the environment: the only place that reads asynclings' environment
// variables and the XDG directories. The engine's packages are handed
// paths; none reads the environment itself.
type config struct {
	db        string            // --db, else $ASYNCLINGS_DB, else $XDG_DATA_HOME/asynclings/progress.db
	workspace string            // --workspace, else $ASYNCLINGS_WORKSPACE; "" means under the data directory
	data      string            // $XDG_DATA_HOME/asynclings
	cache     string            // $ASYNCLINGS_CACHE, else asynclings/ in the user's cache directory
	key       string            // $ASYNCLINGS_KEY: the student's roster key for submit
	shard     homework.ShardEnv // a Kubernetes Indexed Job's or a Slurm array's task, for grade
	// now is $ASYNCLINGS_TEST_NOW, for tests only: a fixed clock (RFC 3339)
	// that the learner's attempts are recorded at and progress reads, so
	// that a script can build a history over several days. Zero means the
	// real clock.
	now    time.Time
	nowErr error
	err    error // a directory that could not be found
}

func (a *App) config() *config {
	if a.cfg != nil {
		return a.cfg
	}
	c := &config{db: a.DBPath, workspace: a.Workspace, key: os.Getenv("ASYNCLINGS_KEY")}
	if c.db == "" {
		c.db = os.Getenv("ASYNCLINGS_DB")
	}
	if c.workspace == "" {
		c.workspace = os.Getenv("ASYNCLINGS_WORKSPACE")
	}
	c.data, c.err = store.DataDir()
	if c.db == "" && c.err == nil {
		c.db = filepath.Join(c.data, "progress.db")
	}
	c.cache, _ = runner.DefaultCacheDir()
	if v := os.Getenv("ASYNCLINGS_TEST_NOW"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			c.nowErr = fmt.Errorf("ASYNCLINGS_TEST_NOW (a clock for tests only) is not an RFC 3339 time: %w", err)
		}
		c.now = t.In(time.Local)
	}
	c.shard = homework.ShardEnv{
		JobCompletionIndex: os.Getenv("JOB_COMPLETION_INDEX"),
		SlurmTaskID:        os.Getenv("SLURM_ARRAY_TASK_ID"),
		SlurmTaskCount:     os.Getenv("SLURM_ARRAY_TASK_COUNT"),
		SlurmTaskMin:       os.Getenv("SLURM_ARRAY_TASK_MIN"),
		SlurmTaskStep:      os.Getenv("SLURM_ARRAY_TASK_STEP"),
	}
	a.cfg = c
	return c
}

// Now is the time: the real clock, unless a test fixed it
// ($ASYNCLINGS_TEST_NOW). It is in the learner's time zone.
func (a *App) Now() time.Time {
	if t := a.config().now; !t.IsZero() {
		return t
	}
	return time.Now()
}

// ShardEnv is where a distributed engine's task stands, from the
// environment, for grade's share of the class.
func (a *App) ShardEnv() homework.ShardEnv { return a.config().shard }

// RosterKey is the student's key from the environment ($ASYNCLINGS_KEY).
func (a *App) RosterKey() string { return a.config().key }
