package group

import "context"

type Group struct {
	finished []chan struct{}
	stop     context.CancelFunc
	first    chan error
}

func WithContext(parent context.Context) (*Group, context.Context) {
	c, stop := context.WithCancel(parent)
	g := &Group{first: make(chan error, 1), stop: stop}
	return g, c
}

func (g *Group) Wait() error {
	for i := range g.finished {
		<-g.finished[i]
	}
	g.stop()
	select {
	case e := <-g.first:
		return e
	default:
	}
	return nil
}

func (g *Group) Go(fn func() error) {
	ch := make(chan struct{})
	g.finished = append(g.finished, ch)
	go func() {
		defer close(ch)
		e := fn()
		if e == nil {
			return
		}
		select {
		case g.first <- e:
			g.stop()
		default:
		}
	}()
}
