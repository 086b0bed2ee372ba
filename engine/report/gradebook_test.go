package report

import (
	"testing"

	"github.com/asynclings/asynclings/engine/homework"
)

func TestStudentTextIsDefused(t *testing.T) {
	for _, tc := range []struct {
		fn       func(string) string
		in, want string
	}{
		{CSVText, "=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{CSVText, "+1", "'+1"},
		{CSVText, "-2", "'-2"},
		{CSVText, "@SUM(A1)", "'@SUM(A1)"},
		{CSVText, "Lovelace", "Lovelace"},
		{CSVText, "", ""},
		{homework.FileSafe, "../../etc/x", "_.._etc_x"},
		{homework.FileSafe, ".hidden", "hidden"},
		{homework.FileSafe, "..", "_"},
		{homework.FileSafe, "ada-1_b.c", "ada-1_b.c"},
		{homework.Clean, "ada\x1b]0;pwned\x07", "ada]0;pwned"},
		{homework.Clean, "Zoë", "Zoë"},
	} {
		if got := tc.fn(tc.in); got != tc.want {
			t.Errorf("%q -> %q, want %q", tc.in, got, tc.want)
		}
	}
}
