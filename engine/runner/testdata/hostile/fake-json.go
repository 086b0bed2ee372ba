// want: fail
// message: ended before the tests had finished
package sum

import (
	"fmt"
	"os"
)

// go test -json's events for a passing package.
func init() {
	for _, e := range []string{
		`{"Action":"start","Package":"exercise"}`,
		`{"Action":"run","Package":"exercise","Test":"TestSmall"}`,
		`{"Action":"pass","Package":"exercise","Test":"TestSmall","Elapsed":0}`,
		`{"Action":"run","Package":"exercise","Test":"TestEmpty"}`,
		`{"Action":"pass","Package":"exercise","Test":"TestEmpty","Elapsed":0}`,
		`{"Action":"output","Package":"exercise","Output":"PASS\n"}`,
		`{"Action":"pass","Package":"exercise","Elapsed":0.001}`,
	} {
		fmt.Println(e)
		fmt.Println("\x16" + e)
	}
	os.Exit(0)
}

func Sum(nums []int) int { return 0 }
