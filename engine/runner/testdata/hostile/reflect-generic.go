// want: rule-violation
// message: sum.go:20:34: raw is instantiated with unsafe.Pointer
package sum

import (
	"fmt"
	"reflect"
)

// An unsafe.Pointer without naming unsafe or reflect.Value.UnsafePointer:
// a generic function asks for the method through an interface, and the type
// parameter is inferred from reflect.Value.
func raw[T any](x interface{ UnsafePointer() T }) T { return x.UnsafePointer() }

var secret = []int{42}

func Sum(nums []int) int {
	// The same pointer as the variable's, as a raw pointer the learner
	// holds.
	fmt.Println("reflect-generic:", raw(reflect.ValueOf(secret)) == raw(reflect.ValueOf(secret)))
	return -1
}
