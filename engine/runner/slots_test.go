package runner

import "testing"

// TestRunSlots: a parked run frees its run slot for another while parked
// slots last, takes one again for a next run, and every slot comes back.
func TestRunSlots(t *testing.T) {
	sl := &slots{run: make(chan struct{}, 1), parked: make(chan struct{}, 1)}
	held := func(step string, run, parked int) {
		t.Helper()
		if len(sl.run) != run || len(sl.parked) != parked {
			t.Fatalf("%s: %d run and %d parked slots held, want %d and %d", step, len(sl.run), len(sl.parked), run, parked)
		}
	}
	a := sl.takeRun()
	held("a runs", 1, 0)
	a.park()
	held("a parked", 0, 1)
	a.park()
	held("a parked twice", 0, 1)
	b := sl.takeRun()
	held("b runs beside parked a", 1, 1)
	b.park()
	held("b stays: no parked slot is free", 1, 1)
	b.release()
	held("b done", 0, 1)
	a.resume()
	held("a runs again", 1, 0)
	a.release()
	held("all done", 0, 0)
	var none *slots
	if s := none.takeRun(); s != nil {
		t.Fatalf("a run slot without slots: %+v", s)
	}
	var s *runSlot
	s.park()
	s.resume()
	s.release()
}
