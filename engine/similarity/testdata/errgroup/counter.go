package group

import (
	"context"
	"sync"
)

// Group counts its tasks through a channel that a single goroutine owns.
type Group struct {
	events chan error // one per finished task
	count  int
	cancel context.CancelFunc
	lock   sync.Mutex
	first  error
}

func WithContext(ctx context.Context) (*Group, context.Context) {
	ctx2, cancel := context.WithCancel(ctx)
	return &Group{events: make(chan error), cancel: cancel}, ctx2
}

func (g *Group) record(err error) {
	g.lock.Lock()
	if g.first == nil {
		g.first = err
		g.cancel()
	}
	g.lock.Unlock()
}

func (g *Group) Go(task func() error) {
	g.count++
	go func() {
		err := task()
		if err != nil {
			g.record(err)
		}
		g.events <- err
	}()
}

func (g *Group) Wait() error {
	for ; g.count > 0; g.count-- {
		<-g.events
	}
	g.cancel()
	g.lock.Lock()
	defer g.lock.Unlock()
	return g.first
}
