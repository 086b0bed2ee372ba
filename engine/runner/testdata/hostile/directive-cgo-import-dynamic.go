// want: rule-violation
// message: sum.go:8:1: //go:cgo_import_dynamic is a compiler directive
package sum

// Makes the binary dynamic, which the sandbox cannot run: an internal error
// instead of a verdict on the code.
//
//go:cgo_import_dynamic libc_getpid getpid "libc.so.6"
var x int

func Sum(nums []int) int { return x - 1 }
