package engine

import (
	"fmt"
	"strconv"
	"strings"
)

// MaxMemory is the most memory an exercise may ask for its runs (its
// `memory` key): 2 GiB.
const MaxMemory = 2 << 30

// memoryUnits are the units a memory size may be written in.
var memoryUnits = []struct {
	suffix string
	bytes  int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"B", 1},
}

// ParseMemory reads a memory size such as "1GiB", "768MiB" or "700MB": a
// whole number and a unit (B, KiB, MiB, GiB, KB, MB, GB), at most
// MaxMemory and at least 16 MiB.
func ParseMemory(s string) (int64, error) {
	for _, u := range memoryUnits {
		num, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
		if err != nil || n <= 0 {
			break
		}
		if n > MaxMemory/u.bytes || n*u.bytes > MaxMemory {
			return 0, fmt.Errorf("more than the most an exercise may ask for, 2GiB")
		}
		if n*u.bytes < 16<<20 {
			return 0, fmt.Errorf("less than 16MiB, too little for a Go test")
		}
		return n * u.bytes, nil
	}
	return 0, fmt.Errorf("not a size like \"1GiB\" or \"768MiB\"")
}
