// want: fail
// message: no space left on device
package sum

import (
	"fmt"
	"os"
)

// Files of 32 MiB, up to half a gigabyte, in the run's directory: each
// is under the file size limit, but the directory as a whole is capped.
func Sum(nums []int) int {
	chunk := make([]byte, 1<<20)
	var err error
	for i := 0; i < 16 && err == nil; i++ {
		var f *os.File
		if f, err = os.Create(fmt.Sprintf("fill%d", i)); err != nil {
			break
		}
		for j := 0; j < 32 && err == nil; j++ {
			_, err = f.Write(chunk)
		}
		f.Close()
	}
	fmt.Println("fill:", err)
	return -1
}
