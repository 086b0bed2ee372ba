// want: fail
package sum

import (
	"bufio"
	"flag"
	"fmt"
	"net"
	"os"
	"strings"
)

// Wrong code that tries to pass by working on the guard's records
// descriptor with packages every exercise allows: keep a copy of it
// (net.FileConn duplicates it), put a pipe of its own in its place, read
// what the guard writes there and send it on, every "fail" turned into
// "pass", through the copy. The seccomp filter refuses the copy, the close
// and the write; and a record's MAC is not the key, so a record read is
// no record forged.
func init() {
	real, err := net.FileConn(os.NewFile(4, "records"))
	if err != nil {
		return
	}
	os.NewFile(4, "records").Close()
	r, w, err := os.Pipe()
	for err == nil && w.Fd() != 4 {
		r, w, err = os.Pipe()
	}
	if err != nil {
		return
	}
	_ = flag.Set("test.failfast", "false")
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			fmt.Fprintln(real, strings.Replace(sc.Text(), "\tfail\t", "\tpass\t", 1))
		}
	}()
}

func Sum(nums []int) int { return 0 }
