package tree

import "sync"

func Sum(root *Node, limit int, weigh func(*Node) int) int {
	if root == nil {
		return 0
	}
	sem := make(chan struct{}, limit)
	var sumOf func(n *Node) int
	sumOf = func(n *Node) int {
		sem <- struct{}{}
		s := weigh(n)
		<-sem
		parts := make([]int, len(n.Children))
		var wg sync.WaitGroup
		wg.Add(len(n.Children))
		for i, c := range n.Children {
			go func() {
				defer wg.Done()
				parts[i] = sumOf(c)
			}()
		}
		wg.Wait()
		for _, p := range parts {
			s += p
		}
		return s
	}
	return sumOf(root)
}
