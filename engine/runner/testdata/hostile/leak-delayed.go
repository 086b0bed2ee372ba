// want: fail
// exercise: sumleak
package sum

import "time"

// The goroutine left running is started a little after the test ends, by a
// goroutine init started: the leak check samples the goroutines when the
// test is over, finds none of the test's, and passes it at once; the
// spawner, there before the test, is not counted.
var spawn = make(chan func(), 16)

func init() {
	go func() {
		for f := range spawn {
			time.Sleep(100 * time.Millisecond)
			go f()
		}
	}()
}

func Sum(nums []int) int {
	spawn <- func() { select {} }
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
