package similarity

// K and W are the k-gram length and the winnowing window, in normalised
// tokens. Winnowing guarantees that a passage shared by two submissions is
// found once it is at least W+K-1 tokens long (19: a loop with its body,
// two or three statements), and never finds one shorter than K (12: about
// one statement with its operands, such as `for ID := range ID {` plus the
// first call in it, which independent solutions share all the time).
const (
	K = 12
	W = 8
)

// Fingerprint is a selected k-gram hash with where it comes from.
type Fingerprint struct {
	Hash uint64
	File int // index of the submission's file
	// StartLine and EndLine are the lines of the k-gram's first and last
	// tokens.
	StartLine, EndLine int
	// Seq numbers the k-gram among the submission's k-grams, so that
	// neighbouring fingerprints can be told apart from distant ones.
	Seq int
}

// kgrams returns the hashes of every k-gram of each segment, with the
// k-grams' positions, numbered across segments.
func kgrams(segs [][]tok) [][]Fingerprint {
	out := make([][]Fingerprint, 0, len(segs))
	seq := 0
	for _, seg := range segs {
		if len(seg) < K {
			continue // a declaration too short to tell anything
		}
		grams := make([]Fingerprint, 0, len(seg)-K+1)
		for i := 0; i+K <= len(seg); i++ {
			h := uint64(14695981039346656037)
			for _, t := range seg[i : i+K] {
				h = (h ^ t.sym) * 1099511628211
			}
			// A final mix spreads the minima evenly (FNV's low bits are
			// weak), which winnowing's density depends on.
			h ^= h >> 33
			h *= 0xff51afd7ed558ccd
			h ^= h >> 33
			grams = append(grams, Fingerprint{Hash: h, File: seg[i].file,
				StartLine: seg[i].line, EndLine: seg[i+K-1].line, Seq: seq})
			seq++
		}
		out = append(out, grams)
	}
	return out
}

// winnow selects, in every window of W consecutive k-grams of a segment,
// the one with the smallest hash (the rightmost of equal ones), each
// selected k-gram once. A segment with fewer than W k-grams gives its
// smallest.
func winnow(grams []Fingerprint) []Fingerprint {
	var out []Fingerprint
	last := -1
	for start := 0; start == 0 || start+W <= len(grams); start++ {
		end := min(start+W, len(grams))
		if end == start {
			break
		}
		best := start
		for i := start + 1; i < end; i++ {
			if grams[i].Hash <= grams[best].Hash {
				best = i
			}
		}
		if best != last {
			out = append(out, grams[best])
			last = best
		}
	}
	return out
}

// Fingerprints returns the winnowed fingerprints of files, in order.
func Fingerprints(files []File) []Fingerprint {
	var out []Fingerprint
	for _, grams := range kgrams(tokenize(files)) {
		out = append(out, winnow(grams)...)
	}
	return out
}

// hashSet is the set of every k-gram hash of files, not only the winnowed
// ones, so that a fingerprint from the starter's or the reference's text is
// recognised wherever the windows fall.
func hashSet(files []File) map[uint64]bool {
	set := map[uint64]bool{}
	for _, grams := range kgrams(tokenize(files)) {
		for _, g := range grams {
			set[g.Hash] = true
		}
	}
	return set
}
