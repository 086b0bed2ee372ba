package base

import (
	"os"
	"path/filepath"

	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/store"
)

// config is where the run keeps things, resolved once from the flags and
// the environment: the only place that reads asynclings' environment
// variables and the XDG directories. The engine's packages are handed
// paths; none reads the environment itself.
type config struct {
	db        string // --db, else $ASYNCLINGS_DB, else $XDG_DATA_HOME/asynclings/progress.db
	workspace string // --workspace, else $ASYNCLINGS_WORKSPACE; "" means under the data directory
	data      string // $XDG_DATA_HOME/asynclings
	cache     string // $ASYNCLINGS_CACHE, else asynclings/ in the user's cache directory
	key       string // $ASYNCLINGS_KEY: the student's roster key for submit
	err       error  // a directory that could not be found
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
	a.cfg = c
	return c
}

// RosterKey is the student's key from the environment ($ASYNCLINGS_KEY).
func (a *App) RosterKey() string { return a.config().key }
