// want: rule-violation
// message: sum.go:12:31: reflect.Value.Pointer reaches raw memory
package sum

import (
	"fmt"
	"reflect"
)

// reflect.Value.Pointer as a method expression: the address of any map,
// slice, function or channel.
var addressOf = reflect.Value.Pointer

func Sum(nums []int) int {
	fmt.Printf("reflect-method-expression: %#x\n", addressOf(reflect.ValueOf(nums)))
	return -1
}
