package base

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// interrupts routes Ctrl-C (SIGINT) to the innermost piece of work that
// can be interrupted on its own, such as a check run from the session's
// exercise menu, and to the whole command when there is none: a Ctrl-C
// during a check stops that check, and the session goes on. SIGTERM ends
// the whole command the same way (a prompt restores the terminal); a
// second one kills it.
type interrupts struct {
	mu     sync.Mutex
	scopes []context.CancelFunc // innermost last; the command's first
}

type interruptsKey struct{}

// InterruptContext is the command's context: cancelled by Ctrl-C unless an
// inner scope takes it. stop releases the signal.
func InterruptContext() (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	in := &interrupts{scopes: []context.CancelFunc{cancel}}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sig:
				if s == syscall.SIGTERM {
					signal.Reset(syscall.SIGTERM)
					cancel()
					continue
				}
				in.mu.Lock()
				in.scopes[len(in.scopes)-1]()
				in.mu.Unlock()
			case <-done:
				return
			}
		}
	}()
	return context.WithValue(ctx, interruptsKey{}, in), func() {
		signal.Stop(sig)
		close(done)
		cancel()
	}
}

// InterruptScope is a context that a Ctrl-C cancels instead of its parent,
// until done is called. Without InterruptContext it is ctx's own child.
func InterruptScope(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	in, ok := ctx.Value(interruptsKey{}).(*interrupts)
	if !ok {
		return ctx, cancel
	}
	in.mu.Lock()
	in.scopes = append(in.scopes, cancel)
	n := len(in.scopes)
	in.mu.Unlock()
	return ctx, func() {
		in.mu.Lock()
		if len(in.scopes) == n {
			in.scopes = in.scopes[:n-1]
		}
		in.mu.Unlock()
		cancel()
	}
}
