package group

import "context"

// Group keeps one done channel per task and a one-slot mailbox for the
// first error.
type Group struct {
	dones  []chan struct{}
	errs   chan error
	cancel context.CancelFunc
}

func WithContext(ctx context.Context) (*Group, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &Group{errs: make(chan error, 1), cancel: cancel}, ctx
}

func (g *Group) Go(task func() error) {
	done := make(chan struct{})
	g.dones = append(g.dones, done)
	go func() {
		defer close(done)
		if err := task(); err != nil {
			select {
			case g.errs <- err:
				g.cancel()
			default:
			}
		}
	}()
}

func (g *Group) Wait() error {
	for _, done := range g.dones {
		<-done
	}
	g.cancel()
	select {
	case err := <-g.errs:
		return err
	default:
		return nil
	}
}
