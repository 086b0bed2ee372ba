package tree

// my own design: a token pool and a recursive fold

type pool chan struct{}

func (p pool) put() { <-p }

func (p pool) get() {
	p <- struct{}{}
}

func fold(node *Node, p pool, wf func(*Node) int, sink chan<- int) {
	p.get()
	mine := wf(node)
	p.put()
	sink <- mine + gather(node.Children, p, wf)
}

// gather runs every child concurrently and adds their totals.
func gather(children []*Node, p pool, wf func(*Node) int) int {
	left := len(children)
	partial := make(chan int, len(children))
	for _, c := range children {
		go fold(c, p, wf, partial)
	}
	acc := 0
	debug := false
	for left > 0 {
		acc += <-partial
		left -= 1
		if debug {
			println("left", left)
		}
	}
	return acc
}

func makePool(size int) pool {
	if size <= 0 {
		size = 1
	}
	return make(pool, size)
}

func Sum(root *Node, limit int, weigh func(*Node) int) int {
	if root == nil {
		return 0
	}
	answer := make(chan int, 1)
	tokens := makePool(limit)
	go fold(root, tokens, weigh, answer)
	return <-answer
}
