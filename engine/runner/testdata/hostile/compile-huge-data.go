// want: compile-error
// message: the build was stopped
package sum

// A gigabyte of initialised data, from one line: the compiler must build it
// all in memory. The build is bounded like a run.
var table = [1 << 30]byte{1}

func Sum(nums []int) int { return int(table[0]) }
