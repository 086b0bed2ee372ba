// want: compile-error|rule-violation
package sum

// Thirty nested calls, each giving what it is given twice: written out,
// the last type has a billion parts, which go/types, checking the rules in
// the runner's own process, would write out to look its instances up.
type pair[A, B any] struct {
	a A
	b B
}

func dup[T any](x T) pair[T, T] { return pair[T, T]{x, x} }

var v = dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(dup(0))))))))))))))))))))))))))))))

func Sum(nums []int) int {
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
