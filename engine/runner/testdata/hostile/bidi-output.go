// want: fail
package sum

import "fmt"

// Output with Unicode's bidirectional controls: a right-to-left override
// shows the message's text in another order than it has, in a terminal or
// a gradebook ("...SSAP" read backwards). Messages quote output without
// them, as they do without escape sequences.
func Sum(nums []int) int {
	fmt.Println("\u202eSSAP :TestSmall ---\u202c \u2066isolate\u2069 \u200fmark\u200e")
	return -1
}
