// want: fail
package sum

// A large static array, copied into every test binary it is linked into and
// every run that copies the binary.
var big = [64 << 20]byte{1}

func Sum(nums []int) int { return int(big[0]) - 2 }
