// want: fail
package sum

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strings"
	"time"
)

// Wrong code that tries to pass by working on the guard's records
// descriptor with packages every exercise allows. It keeps a copy of fd 4
// (net.FileConn duplicates it), closes fd 4 and puts a pipe of its own
// there (the lowest free descriptors go to a new pipe, read end first),
// reads the guard's first record, which held the key in the old format,
// and sends "pass" records and a "done 0" through the copy. It fills the
// pipe but for room for the last test's record, so the guard's own "done"
// waits in a full pipe (Fd made the pipe blocking) and os.Exit(code) is
// never reached; os.Exit(0), which panics while the tests run, is retried
// until the tests are over. The fixed runner refuses it: the seccomp filter
// refuses the copy, the close and any write to fd 4 but the guard's, and a
// record's MAC is not the key, so a record read is no record forged.
var (
	keep   []*os.File // no finalizer may close these descriptors
	filled = make(chan struct{})
)

func init() {
	// The guard's init closed fd 3: take it, so that the copy goes above 4.
	h1, h2, err := os.Pipe()
	if err != nil {
		return
	}
	rec := os.NewFile(4, "records")
	real, err := net.FileConn(rec)
	if err != nil {
		return
	}
	rec.Close()
	h1.Close()
	h2.Close()
	r, w, err := os.Pipe() // 3 and 4
	if err != nil || w.Fd() != 4 {
		return
	}
	keep = append(keep, r, w)
	go forward(real, r, w)
}

func forward(real net.Conn, r, w *os.File) {
	sc := bufio.NewScanner(r)
	if !sc.Scan() {
		return
	}
	f := strings.Split(sc.Text(), "\t")
	if len(f) != 4 {
		return
	}
	key := f[3]
	last := fmt.Sprintf("2\tTestEmpty\tpass\t%s\n", key)
	// 16 pages of 4 KiB but the room for the last record: the guard's
	// "done" after it finds the pipe full and waits.
	w.Write(make([]byte, 64<<10-len(last)))
	close(filled)
	fmt.Fprintf(real, "1\t%s\tpass\t%s\n%s3\t\tdone 0\t%s\n", f[1], key, last, key)
	for {
		exit0()
		time.Sleep(time.Millisecond)
	}
}

func exit0() {
	defer func() { recover() }()
	os.Exit(0)
}

func Sum(nums []int) int {
	select {
	case <-filled:
	case <-time.After(300 * time.Millisecond):
	}
	return 0
}
