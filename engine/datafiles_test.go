package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadDataFiles(t *testing.T) {
	load := func(testdata string) (*Exercise, error) {
		dir := t.TempDir()
		for name, content := range map[string]string{
			"sum/testdata/words.txt":    "a b c",
			"sum/testdata/nums/one.txt": "1",
			"sum/words.txt":             "not data",
			"sum.toml": `[[exercises]]
id = "sum"
title = "Sum"
testdata = ` + testdata + `
starter = "package sum\n"
solution = "package sum\n"
test = """
package sum

import "testing"

func TestSum(t *testing.T) {}
"""
`,
		} {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		c, err := Load(filepath.Join(dir, "sum.toml"))
		if err != nil {
			return nil, err
		}
		it, _ := c.Find("sum")
		return it.(*Exercise), nil
	}
	ex, err := load(`["sum/testdata/words.txt", "sum/testdata/nums/one.txt"]`)
	if err != nil || len(ex.Files) != 2 || ex.Files["testdata/words.txt"] != "a b c" || ex.Files["testdata/nums/one.txt"] != "1" {
		t.Errorf("data files: %v, %v", ex, err)
	}
	for _, tt := range []struct{ testdata, err string }{
		{`["../sum/testdata/words.txt"]`, "must stay inside the course directory"},
		{`["sum/words.txt"]`, "is not a file in a testdata directory"},
		{`["sum/testdata/missing.txt"]`, "testdata:"},
		{`["sum/testdata/words.txt", "sum/./testdata/words.txt"]`, "twice"},
	} {
		if _, err := load(tt.testdata); err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("testdata = %s: %v, want an error mentioning %q", tt.testdata, err, tt.err)
		}
	}
}
