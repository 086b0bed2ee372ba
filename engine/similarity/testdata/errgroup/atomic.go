package group

import (
	"context"
	"sync"
	"sync/atomic"
)

type Group struct {
	tasks  sync.WaitGroup
	cause  context.CancelCauseFunc
	failed atomic.Pointer[error]
}

func WithContext(ctx context.Context) (*Group, context.Context) {
	var g Group
	derived, cause := context.WithCancelCause(ctx)
	g.cause = cause
	return &g, derived
}

func (g *Group) Go(task func() error) {
	g.tasks.Go(func() {
		if err := task(); err != nil && g.failed.CompareAndSwap(nil, &err) {
			g.cause(err)
		}
	})
}

func (g *Group) Wait() error {
	g.tasks.Wait()
	g.cause(nil)
	if p := g.failed.Load(); p != nil {
		return *p
	}
	return nil
}
