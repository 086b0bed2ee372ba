package base

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine/homework"
)

// TestConfig: the flags win over the environment, which wins over the XDG
// defaults; resolved once.
func TestConfig(t *testing.T) {
	home := t.TempDir()
	for _, tc := range []struct {
		name, flagDB, envDB, xdg, wantDB string
		flagWS, envWS, wantWS            string
	}{
		{"flags", "/f/my.db", "/e/my.db", "/xdg", "/f/my.db", "/f/ws", "/e/ws", "/f/ws"},
		{"env", "", "/e/my.db", "/xdg", "/e/my.db", "", "/e/ws", "/e/ws"},
		{"xdg", "", "", "/xdg", "/xdg/asynclings/progress.db", "", "", ""},
		{"home", "", "", "", filepath.Join(home, ".local/share/asynclings/progress.db"), "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("HOME", home)
			t.Setenv("ASYNCLINGS_DB", tc.envDB)
			t.Setenv("ASYNCLINGS_WORKSPACE", tc.envWS)
			t.Setenv("XDG_DATA_HOME", tc.xdg)
			t.Setenv("ASYNCLINGS_CACHE", "/cache")
			t.Setenv("ASYNCLINGS_KEY", "k")
			a := &App{DBPath: tc.flagDB, Workspace: tc.flagWS}
			c := a.config()
			if c.db != filepath.FromSlash(tc.wantDB) || c.workspace != tc.wantWS || c.cache != "/cache" || c.key != "k" {
				t.Errorf("config = %+v; want db %q, workspace %q", *c, tc.wantDB, tc.wantWS)
			}
			t.Setenv("ASYNCLINGS_CACHE", "/other")
			if a.config().cache != "/cache" {
				t.Error("the config was resolved again")
			}
		})
	}
}

// TestTestClock: $ASYNCLINGS_TEST_NOW fixes the clock in the local time
// zone; a malformed one is an error, not the real clock.
func TestTestClock(t *testing.T) {
	t.Setenv("ASYNCLINGS_TEST_NOW", "2026-03-11T18:00:00Z")
	a := &App{}
	if got := a.Now(); !got.Equal(time.Date(2026, 3, 11, 18, 0, 0, 0, time.UTC)) || got.Location() != time.Local {
		t.Errorf("Now() = %v, want 2026-03-11T18:00:00Z in the local zone", got)
	}
	t.Setenv("ASYNCLINGS_TEST_NOW", "yesterday")
	if c := (&App{}).config(); c.nowErr == nil {
		t.Error("a malformed ASYNCLINGS_TEST_NOW was taken")
	}
}

// TestConfigShardEnv: the distributed engines' variables reach grade as
// they are, to be checked there.
func TestConfigShardEnv(t *testing.T) {
	for name, v := range map[string]string{"JOB_COMPLETION_INDEX": "1", "SLURM_ARRAY_TASK_ID": "7",
		"SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_STEP": "2"} {
		t.Setenv(name, v)
	}
	want := homework.ShardEnv{JobCompletionIndex: "1", SlurmTaskID: "7", SlurmTaskCount: "4", SlurmTaskMin: "1", SlurmTaskStep: "2"}
	if got := (&App{}).ShardEnv(); got != want {
		t.Errorf("ShardEnv() = %+v, want %+v", got, want)
	}
}
