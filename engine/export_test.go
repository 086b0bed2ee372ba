package engine

import "time"

// CacheHits is how many loads the load cache has answered.
func CacheHits() int64 { return cacheHits.Load() }

// SetSettle sets how old a file's last change must be for its stat to vouch
// for it, until restore is called.
func SetSettle(d time.Duration) (restore func()) {
	old := settle
	settle = d
	return func() { settle = old }
}
