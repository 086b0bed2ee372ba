// want: fail
// message: write-cache:
package sum

import (
	"fmt"
	"os"
	"path/filepath"
)

// The runner's cache holds the compiled standard library every check links
// against: a file planted there would be a way into later checks.
func Sum(nums []int) int {
	p := "@@CACHE_FILE@@"
	fmt.Println("write-cache:", os.WriteFile(p, []byte("escaped"), 0o666))
	fmt.Println("write-cache:", os.MkdirAll(filepath.Join(filepath.Dir(p), "go-build", "00"), 0o777))
	return -1
}
