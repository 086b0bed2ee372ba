// want: rule-violation
// message: sum.go:21:33: reflect.Value.UnsafePointer reaches raw memory
package sum

import (
	"fmt"
	"os"
	"reflect"
)

// The guard's key is on the heap, near the command line, which was
// allocated before it: read the memory after os.Args through reflect alone,
// without naming unsafe, looking for a run of 48 hex digits.
var found string

func Sum(nums []int) int {
	if found == "" {
		found = "nothing"
		defer func() { recover() }()
		bytes := reflect.TypeOf(byte(0))
		p := reflect.ValueOf(os.Args).UnsafePointer()
		mem := reflect.SliceAt(bytes, p, 1<<16).Bytes()
		run := 0
		for i, c := range mem {
			if '0' <= c && c <= '9' || 'a' <= c && c <= 'f' {
				run++
				continue
			}
			if run == 48 {
				found = string(mem[i-48 : i])
			}
			run = 0
		}
	}
	fmt.Println("reflect-sliceat:", found)
	return -1
}
