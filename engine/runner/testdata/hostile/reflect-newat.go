// want: rule-violation
// message: sum.go:19:15: reflect.NewAt reaches raw memory
package sum

import (
	"fmt"
	"os"
	"reflect"
)

// An unexported field of another package's variable, made writable: the
// descriptor behind os.Stdout becomes the guard's records', so that the
// program's own output lands among them.
func init() {
	defer func() { fmt.Println("reflect-newat:", recover()) }()
	file := reflect.ValueOf(os.Stdout).Elem().Field(0).Elem() // *os.file
	pfd := file.FieldByName("pfd")
	sysfd := pfd.FieldByName("Sysfd")
	w := reflect.NewAt(sysfd.Type(), sysfd.Addr().UnsafePointer()).Elem()
	w.SetInt(4)
}

func Sum(nums []int) int { return -1 }
