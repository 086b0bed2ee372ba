package tree

import (
	"sync"
	"sync/atomic"
)

func Sum(root *Node, limit int, weigh func(*Node) int) int {
	var acc atomic.Int64
	var pending sync.WaitGroup
	gate := make(chan bool, limit)
	var spawn func(*Node)
	spawn = func(n *Node) {
		if n == nil {
			return
		}
		pending.Add(1)
		go func() {
			defer pending.Done()
			gate <- true
			acc.Add(int64(weigh(n)))
			<-gate
			for _, ch := range n.Children {
				spawn(ch)
			}
		}()
	}
	spawn(root)
	pending.Wait()
	return int(acc.Load())
}
