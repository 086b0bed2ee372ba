package runner

import (
	"errors"
	"go/types"
	"slices"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine"
)

func TestPredeclaredIsTheUniverse(t *testing.T) {
	got := slices.Sorted(slices.Values(predeclared))
	want := types.Universe.Names()
	if !slices.Equal(got, want) {
		t.Errorf("predeclared = %q\nthe universe = %q", got, want)
	}
}

// TestRulesPredeclared: a package-level declaration of a predeclared name
// would be the hidden test's too, which shares the learner's package.
func TestRulesPredeclared(t *testing.T) {
	ex := &engine.Exercise{ID: "sum", Test: "package sum\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n"}
	tests := []struct {
		decl string
		want string // part of the rule violation; "" for none
	}{
		{"func append(s []int, v ...int) []int { return v }", "sum.go:3:6: append is predeclared"},
		{"var nil = []int{6}", "sum.go:3:5: nil is predeclared"},
		{"var (\n\tn int\n\tlen = 3\n)", "sum.go:5:2: len is predeclared"},
		{"const true, x = false, 1", "sum.go:3:7: true is predeclared"},
		{"type error = string", "sum.go:3:6: error is predeclared"},
		{"type (\n\tT int\n\tany struct{}\n)", "sum.go:5:2: any is predeclared"},
		{"func min(a, b int) int { return a }", "min is predeclared"},
		{"func recover() any { return 1 }", "recover is predeclared"},
		// Methods, fields, locals and parameters are the learner's own.
		{"type S struct{ len, cap int }\n\nfunc (S) len() int { return 0 }", ""},
		{"func f(len int) int {\n\tnil := 0\n\treturn len + nil\n}", ""},
		{"var _ = 1", ""},
		{"func init() {}", ""},
		{"func main() {}", ""},
	}
	for _, tt := range tests {
		code := "package sum\n\n" + tt.decl + "\n"
		_, err := prepare(ex, code, nil)
		var rule *ruleError
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.decl, err)
		case tt.want != "" && (!errors.As(err, &rule) || !strings.Contains(rule.msg, tt.want)):
			t.Errorf("%q: %v, want a rule violation mentioning %q", tt.decl, err, tt.want)
		}
	}
}

// TestSourceSize: the learner's files are parsed, type-checked and vetted
// in the runner's own process, so those larger than maxSourceBytes are
// refused first, the learner's file and an editable support file alike,
// whatever their code.
func TestSourceSize(t *testing.T) {
	ex := &engine.Exercise{ID: "sum", Test: "package sum\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n",
		Support: []engine.SupportFile{{Name: "helper.go", Code: "package sum\n", Editable: true}}}
	// Padded to n bytes with a nesting as deep as the parser allows, the
	// costliest code per byte.
	padded := func(n int) string {
		code := "package sum\n\nvar x = "
		depth := min((n-len(code)-2)/2, 99000)
		code += strings.Repeat("(", depth) + "1" + strings.Repeat(")", depth) + "\n"
		return code + strings.Repeat("/", n-len(code))
	}
	small := "package sum\n\nfunc Sum([]int) int { return 0 }\n"
	tests := []struct {
		name        string
		code, extra string
		want        string // part of the rule violation; "" for none
	}{
		{"small", small, "package sum\n", ""},
		{"at the bound", padded(maxSourceBytes), "package sum\n", ""},
		{"over the bound", padded(maxSourceBytes + 1), "package sum\n", "sum.go: the file has 128 KiB of code; exercises take at most 128 KiB"},
		{"megabytes", padded(8 << 20), "package sum\n", "sum.go: the file has 8192 KiB"},
		{"support file over the bound", small, padded(maxSourceBytes + 1), "helper.go: the file has 128 KiB"},
	}
	for _, tt := range tests {
		_, err := prepare(ex, tt.code, map[string]string{"helper.go": tt.extra})
		var rule *ruleError
		isRule := errors.As(err, &rule)
		switch {
		case tt.want == "" && isRule:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (!isRule || !strings.Contains(rule.msg, tt.want)):
			t.Errorf("%s: %v, want a rule violation mentioning %q", tt.name, err, tt.want)
		}
	}
}
