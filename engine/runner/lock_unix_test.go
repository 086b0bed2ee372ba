//go:build unix

package runner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestLockFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	unlock, err := lockFile(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := lockFile(ctx, path, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a second lock while the first is held: %v", err)
	}
	got := make(chan error, 1)
	go func() {
		u, err := lockFile(context.Background(), path, nil)
		if err == nil {
			u()
		}
		got <- err
	}()
	time.Sleep(100 * time.Millisecond)
	unlock()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the lock was not taken after its release")
	}
}

// TestCheckWaitsForWarmUp: a check that needs packages not compiled yet
// waits for the warm-up holding its variant's lock, says so with the
// warm-up's progress, and stops waiting when its context ends.
func TestCheckWaitsForWarmUp(t *testing.T) {
	typedRunner(t)             // skips where there is no go command
	r, err := New(t.TempDir()) // an empty index: everything is missing
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := lockFile(context.Background(), r.tc.lockPath(true), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if err := writeFileAtomic(r.tc.progressFile(), []byte(fmt.Sprintf(`{"race":true,"done":3,"total":9,"pid":%d}`, os.Getpid()))); err != nil {
		t.Fatal(err)
	}
	if _, waiting := r.WaitingForWarm(); waiting {
		t.Fatal("waiting before any check")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := r.tc.importcfg(ctx, r.CacheDir, true, []string{"fmt"})
		done <- err
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if p, waiting := r.WaitingForWarm(); waiting {
			if p != (WarmProgress{Race: true, Done: 3, Total: 9, PID: os.Getpid()}) {
				t.Errorf("progress = %+v", p)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the check never waited for the warm-up")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("importcfg = %v, want context.Canceled", err)
	}
	if _, waiting := r.WaitingForWarm(); waiting {
		t.Error("still waiting after the check ended")
	}
}
