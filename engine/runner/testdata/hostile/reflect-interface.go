// want: rule-violation
// message: sum.go:13:8: this has type interface{UnsafeAddr() uintptr}, whose method UnsafeAddr is reflect.Value's
package sum

import (
	"fmt"
	"reflect"
)

// reflect.Value's UnsafeAddr, called through an interface of the
// learner's, never naming reflect.Value.UnsafeAddr.
func Sum(nums []int) int {
	var v interface{ UnsafeAddr() uintptr } = reflect.ValueOf(&nums).Elem()
	fmt.Printf("reflect-interface: nums is at %#x\n", v.UnsafeAddr())
	return -1
}
