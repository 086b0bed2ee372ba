package group

import (
	"context"
	"sync"
)

// Group collects tasks; the first failure wins.
type Group struct {
	stop    func()
	pending sync.WaitGroup
	first   sync.Once
	failure error
}

func WithContext(parent context.Context) (*Group, context.Context) {
	g := new(Group)
	ctx, stop := context.WithCancel(parent)
	g.stop = stop
	return g, ctx
}

func (g *Group) fail(err error) {
	g.first.Do(func() {
		g.failure = err
		g.stop()
	})
}

func (g *Group) Go(task func() error) {
	g.pending.Add(1)
	go g.run(task)
}

func (g *Group) run(task func() error) {
	defer g.pending.Done()
	err := task()
	if err == nil {
		return
	}
	g.fail(err)
}

func (g *Group) Wait() error {
	g.pending.Wait()
	g.stop()
	return g.failure
}
