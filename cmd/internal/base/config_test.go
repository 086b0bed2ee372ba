package base

import (
	"path/filepath"
	"testing"
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
