package tree

import "sync"

// counter is a counting semaphore built on a condition variable.
type counter struct {
	mu   sync.Mutex
	cond *sync.Cond
	free int
}

func (c *counter) take() {
	c.mu.Lock()
	for c.free == 0 {
		c.cond.Wait()
	}
	c.free--
	c.mu.Unlock()
}

func (c *counter) give() {
	c.mu.Lock()
	c.free++
	c.mu.Unlock()
	c.cond.Signal()
}

func Sum(root *Node, limit int, weigh func(*Node) int) int {
	if root == nil {
		return 0
	}
	c := &counter{free: limit}
	c.cond = sync.NewCond(&c.mu)
	var (
		lock  sync.Mutex
		grand int
		group sync.WaitGroup
	)
	var visit func(*Node)
	visit = func(node *Node) {
		c.take()
		x := weigh(node)
		c.give()
		lock.Lock()
		grand += x
		lock.Unlock()
		for _, kid := range node.Children {
			group.Add(1)
			go func(k *Node) {
				defer group.Done()
				visit(k)
			}(kid)
		}
	}
	group.Add(1)
	go func() {
		defer group.Done()
		visit(root)
	}()
	group.Wait()
	return grand
}
