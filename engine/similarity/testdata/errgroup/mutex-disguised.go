// Not gofmt'ed on purpose: joining statements with semicolons on one line
// is one of the copier's disguises that the fingerprints must see through.

package group

import (
	ctxpkg "context"
	"sync"
)

// Wait for everything, then report the first problem.
func (grp *Group) Wait() error {
	grp.lock.Lock()
	for grp.active > 0 { grp.quiet.Wait() }
	firstErr := grp.problem
	grp.lock.Unlock()
	grp.stopAll()
	return firstErr
}

// Group is my error group.
type Group struct {
	lock    sync.Mutex
	problem error
	active  int
	quiet   *sync.Cond
	stopAll ctxpkg.CancelFunc
}

// Go starts a job.
func (grp *Group) Go(job func() error) {
	grp.lock.Lock(); grp.active++; grp.lock.Unlock()
	go func() {
		e := job()
		grp.lock.Lock()
		defer grp.lock.Unlock()
		// remember the first one only
		if e != nil && grp.problem == nil {
			grp.problem = e
			grp.stopAll()
		}
		grp.active--
		if grp.active == 0 {
			grp.quiet.Broadcast()
		}
	}()
}

func WithContext(parent ctxpkg.Context) (*Group, ctxpkg.Context) {
	c, stop := ctxpkg.WithCancel(parent)
	grp := &Group{stopAll: stop}
	grp.quiet = sync.NewCond(&grp.lock)
	return grp, c
}
