package tree

import "sync"

// walker carries the shared state of one Sum.
type walker struct {
	tokens chan struct{}
	weigh  func(*Node) int
	mu     sync.Mutex
	sum    int
	wg     sync.WaitGroup
}

func (w *walker) add(v int) {
	w.mu.Lock()
	w.sum += v
	w.mu.Unlock()
}

func (w *walker) walk(n *Node) {
	defer w.wg.Done()
	w.tokens <- struct{}{}
	v := w.weigh(n)
	<-w.tokens
	w.add(v)
	for _, c := range n.Children {
		w.wg.Add(1)
		go w.walk(c)
	}
}

func Sum(root *Node, limit int, weigh func(*Node) int) int {
	if root == nil {
		return 0
	}
	w := &walker{tokens: make(chan struct{}, limit), weigh: weigh}
	w.wg.Add(1)
	go w.walk(root)
	w.wg.Wait()
	return w.sum
}
