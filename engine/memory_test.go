package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseMemory(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{"1GiB", 1 << 30, ""},
		{"768MiB", 768 << 20, ""},
		{"700MB", 700e6, ""},
		{"2GiB", 2 << 30, ""},
		{"2GB", 2e9, ""},
		{"3GiB", 0, "more than"},
		{"99999999999999GiB", 0, "more than"},
		{"1MiB", 0, "less than"},
		{"1 GiB", 1 << 30, ""},
		{"1.5GiB", 0, "not a size"},
		{"-1GiB", 0, "not a size"},
		{"1024", 0, "not a size"},
		{"", 0, "not a size"},
	}
	for _, tt := range tests {
		got, err := ParseMemory(tt.in)
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParseMemory(%q) = %d, %v; want %d, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestLoadMemory(t *testing.T) {
	chapter := func(memory string) string {
		return `[[exercises]]
id = "sum"
title = "Sum"
` + memory + `
starter = "package sum\n"
solution = "package sum\n"
test = """
package sum

import "testing"

func TestSum(t *testing.T) {}
"""
`
	}
	load := func(memory string) (*Exercise, error) {
		path := filepath.Join(t.TempDir(), "sum.toml")
		if err := os.WriteFile(path, []byte(chapter(memory)), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Load(path)
		if err != nil {
			return nil, err
		}
		it, _ := c.Find("sum")
		return it.(*Exercise), nil
	}
	if ex, err := load(`memory = "1GiB"`); err != nil || ex.Memory != 1<<30 {
		t.Errorf("memory = \"1GiB\": %v, %v", ex, err)
	}
	if ex, err := load(""); err != nil || ex.Memory != 0 {
		t.Errorf("no memory: %v, %v", ex, err)
	}
	if _, err := load(`memory = "4GiB"`); err == nil || !strings.Contains(err.Error(), `memory "4GiB": more than`) {
		t.Errorf("memory = \"4GiB\": %v", err)
	}
}
