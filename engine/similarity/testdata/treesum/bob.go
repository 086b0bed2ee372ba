package tree

// Sum adds up the weights of the tree: every subtree reports its own total
// on a channel, so nothing is shared but the semaphore.
func Sum(root *Node, limit int, weigh func(*Node) int) int {
	if root == nil {
		return 0
	}
	sem := newSemaphore(limit)
	results := make(chan int, 1)
	go subtree(root, sem, weigh, results)
	return <-results
}

type semaphore chan struct{}

func newSemaphore(n int) semaphore {
	if n < 1 {
		n = 1
	}
	return make(semaphore, n)
}

func (s semaphore) acquire() { s <- struct{}{} }
func (s semaphore) release() { <-s }

// subtree weighs n under a token, then fans out to its children without
// the token and sends the total of the whole subtree to out.
func subtree(n *Node, sem semaphore, weigh func(*Node) int, out chan<- int) {
	sem.acquire()
	own := weigh(n)
	sem.release()

	kids := make(chan int, len(n.Children))
	for i := 0; i < len(n.Children); i++ {
		go subtree(n.Children[i], sem, weigh, kids)
	}
	total := own
	remaining := len(n.Children)
	for remaining > 0 {
		total = total + <-kids
		remaining--
	}
	out <- total
}
