package homework_test

import (
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine/homework"
)

func TestFileSafeBounded(t *testing.T) {
	long := strings.Repeat("x", 300)
	a, b := homework.FileSafe(long), homework.FileSafe(long+"y")
	if len(a) != homework.MaxFileName || len(b) != homework.MaxFileName || a == b {
		t.Errorf("fileSafe of 300 and 301 bytes: %q (%d), %q (%d): want %d bytes each, different", a, len(a), b, len(b), homework.MaxFileName)
	}
	if got := homework.FileSafe(strings.Repeat("é", 100)); len(got) > homework.MaxFileName {
		t.Errorf("multi-byte name: %d bytes", len(got))
	}
}
