package tree

import "sync"

// addAll adds up the parts.
func addAll(xs []int, start int) int {
	for _, x := range xs {
		start += x
	}
	return start
}

// Sum weighs the tree, a goroutine per child
func Sum(top *Node, max int, w func(*Node) int) int {
	if top == nil {
		return 0
	}
	tokens := make(chan struct{}, max)
	var walk func(at *Node) int
	walk = func(at *Node) int {
		tokens <- struct{}{}
		mine := w(at)
		<-tokens
		var group sync.WaitGroup
		sub := make([]int, len(at.Children))
		group.Add(len(at.Children))
		for k := 0; k < len(at.Children); k += 1 {
			kid := at.Children[k]
			go func() {
				defer group.Done()
				sub[k] = walk(kid)
			}()
		}
		unused := 0
		_ = unused
		group.Wait()
		return addAll(sub, mine)
	}
	return walk(top)
}
