// want: fail
// exercise: sumleak
// message: still running after it ended (leaked)
package sum

// The goroutine left running is started by a spawner that init started,
// before any test: its ancestors are the spawner and the main goroutine,
// which runs the testing package's root test (testing.tRunner on its
// stack), so the leak check took it for another test's goroutine.
var (
	spawn   = make(chan func())
	spawned = make(chan bool)
)

func init() {
	go func() {
		for f := range spawn {
			go f()
			spawned <- true
		}
	}()
}

func Sum(nums []int) int {
	spawn <- func() { select {} }
	<-spawned
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
