package homework

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"
)

// drawTag starts every draw key, so that a change of the rule can be told
// apart by its version.
const drawTag = "asynclings draw v1"

// drawKey ranks an item of a pool for a student: the SHA-256 of the tag,
// the assignment ID, the pool ID, the student ID and the item ID, each
// followed by a NUL byte. SHA-256 is the same on every machine and Go
// version, which math/rand's streams are not promised to be.
func drawKey(assignment, pool, student, item string) [sha256.Size]byte {
	return sha256.Sum256([]byte(strings.Join([]string{drawTag, assignment, pool, student, item}, "\x00") + "\x00"))
}

// drawStudent is the ID a draw is made for: the normal form, so that "Bob"
// and "bob" draw the same; an ID that has none (refused everywhere else)
// is taken as it is.
func drawStudent(id string) string {
	if n, err := NormalizeStudentID(id); err == nil {
		return n
	}
	return id
}

// poolDraw is the student's Choose items of p: those with the smallest draw
// keys, in the pool's order. The keys are independent and uniform, so every
// set of Choose items is equally likely for every student, and each item is
// drawn for Choose/len(Items) of the class on average.
func (a *Assignment) poolDraw(p Pool, student string) []Item {
	keys := make(map[string][sha256.Size]byte, len(p.Items))
	for _, it := range p.Items {
		keys[it.ID] = drawKey(a.ID, p.ID, student, it.ID)
	}
	ranked := slices.Clone(p.Items)
	slices.SortFunc(ranked, func(x, y Item) int {
		kx, ky := keys[x.ID], keys[y.ID]
		if c := bytes.Compare(kx[:], ky[:]); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	chosen := map[string]bool{}
	for _, it := range ranked[:min(p.Choose, len(ranked))] {
		chosen[it.ID] = true
	}
	return slices.DeleteFunc(slices.Clone(p.Items), func(it Item) bool { return !chosen[it.ID] })
}

// Draw is the items a student works on and is graded on: the fixed items
// and their draw of each pool, in the file's order. It depends on the
// assignment's ID, the pools and the student's ID alone, and is the same on
// every run and machine.
func (a *Assignment) Draw(studentID string) []Item {
	s := drawStudent(studentID)
	return a.inOrder(func(p Pool) []Item { return a.poolDraw(p, s) })
}

// DrawIDs is a student's draw as a bundle records it: each pool's ID and the
// IDs of the items drawn from it. It is nil for an assignment without pools.
func (a *Assignment) DrawIDs(studentID string) map[string][]string {
	if len(a.Pools) == 0 {
		return nil
	}
	s := drawStudent(studentID)
	ids := make(map[string][]string, len(a.Pools))
	for _, p := range a.Pools {
		for _, it := range a.poolDraw(p, s) {
			ids[p.ID] = append(ids[p.ID], it.ID)
		}
	}
	return ids
}

// Draws is the number of distinct draws: the product over the pools of
// the binomial coefficient C(len(Items), Choose). It is 1 without pools.
func (a *Assignment) Draws() *big.Int {
	n := big.NewInt(1)
	for _, p := range a.Pools {
		n.Mul(n, new(big.Int).Binomial(int64(len(p.Items)), int64(p.Choose)))
	}
	return n
}

// PoolOf returns the pool that holds an item, if one does.
func (a *Assignment) PoolOf(itemID string) (Pool, bool) {
	for _, p := range a.Pools {
		if slices.ContainsFunc(p.Items, func(it Item) bool { return it.ID == itemID }) {
			return p, true
		}
	}
	return Pool{}, false
}

// DrawText is a draw as messages show it: "warm-up: h-short; pick: a, b",
// pools in sorted order.
func DrawText(draw map[string][]string) string {
	if len(draw) == 0 {
		return "no draw"
	}
	var parts []string
	for _, id := range slices.Sorted(maps.Keys(draw)) {
		parts = append(parts, fmt.Sprintf("%s: %s", id, strings.Join(draw[id], ", ")))
	}
	return strings.Join(parts, "; ")
}
