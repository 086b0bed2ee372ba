package group

import (
	"context"
	"sync"
)

type Group struct {
	mu      sync.Mutex
	err     error
	running int
	idle    *sync.Cond
	cancel  context.CancelFunc
}

func WithContext(ctx context.Context) (*Group, context.Context) {
	child, cancel := context.WithCancel(ctx)
	g := &Group{cancel: cancel}
	g.idle = sync.NewCond(&g.mu)
	return g, child
}

func (g *Group) Go(task func() error) {
	g.mu.Lock()
	g.running++
	g.mu.Unlock()
	go func() {
		err := task()
		g.mu.Lock()
		defer g.mu.Unlock()
		if err != nil && g.err == nil {
			g.err = err
			g.cancel()
		}
		g.running--
		if g.running == 0 {
			g.idle.Broadcast()
		}
	}()
}

func (g *Group) Wait() error {
	g.mu.Lock()
	for g.running > 0 {
		g.idle.Wait()
	}
	err := g.err
	g.mu.Unlock()
	g.cancel()
	return err
}
