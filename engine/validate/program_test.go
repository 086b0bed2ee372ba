package validate

import (
	"slices"
	"testing"
)

// TestErrorLines: validate takes any line an error involves, as mdbook-quiz's
// lineNumber is the last line involved in the error, not the first error's.
func TestErrorLines(t *testing.T) {
	// rustc --error-format json --json diagnostic-short on
	//	fn main() {
	//	    let mut x = 1;
	//	    let y = &x;
	//	    let z = &mut x;
	//	    *z = *y;
	//	}
	// (fields rustc gives but validate does not read left out), with one
	// error inside a macro, counted where the macro is called.
	rust := `{"$message_type":"diagnostic","level":"error","spans":[` +
		`{"file_name":"main.rs","line_start":4,"line_end":4,"is_primary":true,"expansion":null},` +
		`{"file_name":"main.rs","line_start":3,"line_end":3,"is_primary":false,"expansion":null},` +
		`{"file_name":"main.rs","line_start":5,"line_end":5,"is_primary":false,"expansion":null}],` +
		`"children":[],"rendered":"main.rs:4:13: error[E0502]: cannot borrow ` + "`x`" + ` as mutable because it is also borrowed as immutable\n"}
{"$message_type":"diagnostic","level":"warning","spans":[{"file_name":"main.rs","line_start":2,"line_end":2,"is_primary":true}],"rendered":"main.rs:2:9: warning: unused\n"}
{"$message_type":"diagnostic","level":"error","spans":[{"file_name":"/rustc/library/std/src/macros.rs","line_start":140,"line_end":141,"is_primary":true,` +
		`"expansion":{"span":{"file_name":"main.rs","line_start":9,"line_end":10,"is_primary":false,"expansion":null}}}],"rendered":"main.rs:9:5: error: in a macro\n"}
{"$message_type":"diagnostic","level":"error","spans":[],"children":[],"rendered":"error: aborting due to 2 previous errors\n"}
`
	msgs, first, lines := rustErrors([]byte(rust))
	if first != 4 || !slices.Equal(lines, []int{3, 4, 5, 9, 10}) {
		t.Errorf("rust: first error line %d, lines %v; want 4, [3 4 5 9 10]", first, lines)
	}
	want := "main.rs:4:13: error[E0502]: cannot borrow `x` as mutable because it is also borrowed as immutable\n" +
		"main.rs:2:9: warning: unused\nmain.rs:9:5: error: in a macro\nerror: aborting due to 2 previous errors"
	if msgs != want {
		t.Errorf("rust messages:\n%s\nwant:\n%s", msgs, want)
	}

	tests := []struct {
		msgs string
		want []int
	}{
		{"main.go:6:2: x declared and not used", []int{6}},
		{"main.go:7:2: x redeclared in this block\n\tmain.go:5:2: other declaration of x\nmain.go:9:9: undefined: y", []int{5, 7, 9}},
		{"./main.go:3:1: syntax error: non-declaration statement outside function body", []int{3}},
		{`"net/http" is not in the standard library`, nil},
	}
	for _, tt := range tests {
		if got := goErrorLines(tt.msgs); !slices.Equal(got, tt.want) {
			t.Errorf("goErrorLines(%q) = %v, want %v", tt.msgs, got, tt.want)
		}
	}
	if got := lineList([]int{2, 3, 4}); got != "lines 2, 3 and 4" {
		t.Errorf("lineList = %q", got)
	}
	if got := lineList([]int{4}); got != "line 4" {
		t.Errorf("lineList = %q", got)
	}
}
