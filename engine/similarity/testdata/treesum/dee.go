package tree

// Sum walks the tree level by level: every node of a level is weighed in
// its own goroutine (at most limit at once), and the next level is the
// children they found.
func Sum(root *Node, limit int, weigh func(*Node) int) int {
	if root == nil {
		return 0
	}
	type result struct {
		weight   int
		children []*Node
	}
	slots := make(chan struct{}, limit)
	level := []*Node{root}
	total := 0
	for len(level) > 0 {
		done := make(chan result, len(level))
		for _, n := range level {
			go func(n *Node) {
				slots <- struct{}{}
				w := weigh(n)
				<-slots
				done <- result{w, n.Children}
			}(n)
		}
		var next []*Node
		for range level {
			r := <-done
			total += r.weight
			next = append(next, r.children...)
		}
		level = next
	}
	return total
}
