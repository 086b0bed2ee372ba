package base

import (
	"fmt"
	"slices"
	"strings"
)

// DidYouMean is `; did you mean X?` (or X or Y) for the names nearest to a
// mistyped one, "" when none is near: within a third of its length in edits,
// a swap of two letters counting as one.
func DidYouMean(typed string, names []string) string {
	best, near := len(typed)/3+1, []string(nil)
	for _, n := range names {
		d := editDistance(strings.ToLower(typed), strings.ToLower(n))
		switch {
		case d < best:
			best, near = d, []string{n}
		case d == best:
			near = append(near, n)
		}
	}
	if len(near) == 0 || len(near) > 3 || best > len(typed)/3 {
		return ""
	}
	slices.Sort(near)
	return fmt.Sprintf("; did you mean %s?", strings.Join(near, " or "))
}

// editDistance is the optimal string alignment distance of a and b: the
// insertions, deletions, substitutions and swaps of neighbours, in runes.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
