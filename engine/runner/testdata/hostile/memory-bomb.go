// want: memory-limit
// memory: 128
// message: more memory than allowed
package sum

// Memory, touched, until there is no more.
var hoard [][]byte

func Sum(nums []int) int {
	for range 1 << 12 {
		b := make([]byte, 16<<20)
		for i := range b {
			if i%4096 == 0 {
				b[i] = 1
			}
		}
		hoard = append(hoard, b)
	}
	return len(hoard)
}
