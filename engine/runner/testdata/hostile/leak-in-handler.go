// want: fail
// exercise: sumleak
// message: still running after it ended (leaked)
package sum

import (
	"net"
	"net/http"
)

// The goroutine left running is an HTTP handler's, which net/http's server
// started: the leak check does not count goroutines that net/http created
// (it means the client's idle connections), unless they run learner code.
func Sum(nums []int) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	started := make(chan bool)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		w.(http.Flusher).Flush()
		started <- true
		select {} // never returns
	})}
	go srv.Serve(l)
	go func() {
		if resp, err := http.Get("http://" + l.Addr().String()); err == nil {
			resp.Body.Close()
		}
	}()
	<-started
	l.Close()
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
