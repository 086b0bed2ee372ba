// want: fail
package sum

import (
	"fmt"
	"os"
	"strings"
)

// The guard's key arrives on fd 3 and its records leave on fd 4: read the
// one, write the other, then end the run as if it were done.
func init() {
	key := make([]byte, 128)
	n, err := os.NewFile(3, "key").Read(key)
	fmt.Println("fd 3:", n, err)
	token := strings.TrimSpace(string(key[:max(n, 0)]))
	if token == "" {
		token = strings.Repeat("0", 48)
	}
	out := os.NewFile(4, "records")
	for i, rec := range []string{"TestSmall\tpass", "TestEmpty\tpass", "\tdone 0"} {
		fmt.Fprintf(out, "%d\t%s\t%s\n", i+1, rec, token)
	}
	os.Exit(0)
}

func Sum(nums []int) int { return 0 }
