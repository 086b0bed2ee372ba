package similarity

import (
	"cmp"
	"slices"
)

// Notice is what every listing of scores says with them.
const Notice = "A score is a reason to look at two students' code side by side, not proof that either copied: " +
	"short exercises have few good solutions, and students may have worked from the same example or the reference solution."

// Exercise is what every submission of one exercise starts from and is
// measured against.
type Exercise struct {
	// Starter is the code the learners were given: a fingerprint found in
	// it is nobody's work and is left out.
	Starter []File
	// Reference is the reference solution: shared fingerprints found in it
	// are flagged, since two learners may each have come to it (or seen it
	// after giving up) rather than copied each other.
	Reference []File
}

// Submission is one learner's code for the exercise.
type Submission struct {
	ID    string
	Files []File
}

// Pair is two submissions that share fingerprints.
type Pair struct {
	A, B int // indexes of the submissions, A < B
	// Shared counts the distinct fingerprints both have; Reference, those
	// of them found in the reference solution.
	Shared, Reference int
	// PercentA and PercentB are Shared as a share of each side's distinct
	// fingerprints, as MOSS shows them.
	PercentA, PercentB float64
	// Score is the Dice coefficient of the two fingerprint sets,
	// 2·Shared/(|A|+|B|), in [0, 1]: the mean of the two sides' shares
	// weighted by their sizes (JPlag's average similarity). A small
	// submission wholly found in a large one does not score high, and a
	// copy padded with as much new code still scores 2/3.
	Score float64
}

// Result is the comparison of every pair of an exercise's submissions.
type Result struct {
	Subs []Submission
	// Prints are each submission's fingerprints, the starter's and the
	// common ones left out; Counts, how many distinct hashes they hold.
	Prints [][]Fingerprint
	Counts []int
	// Pairs are the pairs with a shared fingerprint, highest score first.
	Pairs []Pair
	// Common counts the distinct fingerprints left out as common to the
	// class (see MaxHolders).
	Common int

	reference map[uint64]bool
}

// MaxHolders is how many submissions may hold a fingerprint before it is
// taken as an idiom of the exercise rather than evidence, and left out (as
// MOSS's -m): 10, or a tenth of the class when that is more.
func MaxHolders(n int) int { return max(10, n/10) }

// Compare fingerprints every submission and compares every pair through an
// inverted index from fingerprints to the submissions holding them, so
// that only pairs sharing something cost anything.
func Compare(ex Exercise, subs []Submission) *Result {
	starter := hashSet(ex.Starter)
	r := &Result{Subs: subs, Prints: make([][]Fingerprint, len(subs)), Counts: make([]int, len(subs)),
		reference: hashSet(ex.Reference)}
	holders := map[uint64][]int{}
	for i, s := range subs {
		for _, fp := range Fingerprints(s.Files) {
			if starter[fp.Hash] {
				continue
			}
			r.Prints[i] = append(r.Prints[i], fp)
			if h := holders[fp.Hash]; len(h) == 0 || h[len(h)-1] != i {
				holders[fp.Hash] = append(h, i)
			}
		}
	}
	limit := MaxHolders(len(subs))
	for h, hs := range holders {
		if len(hs) > limit {
			r.Common++
			delete(holders, h)
		}
	}
	for i := range r.Prints {
		r.Prints[i] = slices.DeleteFunc(r.Prints[i], func(fp Fingerprint) bool { return holders[fp.Hash] == nil })
	}
	type key struct{ a, b int }
	shared := map[key]*Pair{}
	for h, hs := range holders {
		for _, a := range hs {
			r.Counts[a]++
		}
		for x, a := range hs {
			for _, b := range hs[x+1:] {
				p := shared[key{a, b}]
				if p == nil {
					p = &Pair{A: a, B: b}
					shared[key{a, b}] = p
				}
				p.Shared++
				if r.reference[h] {
					p.Reference++
				}
			}
		}
	}
	for _, p := range shared {
		na, nb := float64(r.Counts[p.A]), float64(r.Counts[p.B])
		p.PercentA, p.PercentB = float64(p.Shared)/na, float64(p.Shared)/nb
		p.Score = 2 * float64(p.Shared) / (na + nb)
		r.Pairs = append(r.Pairs, *p)
	}
	slices.SortFunc(r.Pairs, func(x, y Pair) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(y.Shared, x.Shared),
			cmp.Compare(subs[x.A].ID, subs[y.A].ID), cmp.Compare(subs[x.B].ID, subs[y.B].ID))
	})
	return r
}

// Ranked is a pair of one of several exercises' results.
type Ranked struct {
	Result int // index of the result it comes from
	Pair
}

// Rank lists the pairs of several exercises' results, highest score first.
// Of equal scores, the pair sharing more fingerprints comes first (two
// students who wrote a tiny exercise's one good solution are weaker
// evidence than two who share a long one), then the results' order.
func Rank(results []*Result) []Ranked {
	var out []Ranked
	for i, r := range results {
		for _, p := range r.Pairs {
			out = append(out, Ranked{i, p})
		}
	}
	slices.SortStableFunc(out, func(x, y Ranked) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(y.Shared, x.Shared))
	})
	return out
}

// Span is a range of lines of one file of a submission.
type Span struct {
	File               int
	StartLine, EndLine int
}

// Match is a passage found in both submissions of a pair.
type Match struct {
	A, B         Span
	Fingerprints int // shared fingerprints in it
	// Reference: most of its fingerprints are also in the reference
	// solution.
	Reference bool
}

// maxOccurrences bounds how many places of one submission a fingerprint is
// paired from, so that a hash repeated throughout both sides costs little.
const maxOccurrences = 8

// Matches groups a pair's shared fingerprints into passages: runs of
// fingerprints that follow each other on both sides, in order, with no
// more than a window's worth of k-grams between them. A reordered
// function is a passage of its own. Ordered by their place in A.
func (r *Result) Matches(p Pair) []Match {
	inB := map[uint64][]Fingerprint{}
	for _, fp := range r.Prints[p.B] {
		if len(inB[fp.Hash]) < maxOccurrences {
			inB[fp.Hash] = append(inB[fp.Hash], fp)
		}
	}
	type anchor struct{ a, b Fingerprint }
	var anchors []anchor
	seenA := map[uint64]int{}
	for _, a := range r.Prints[p.A] {
		if seenA[a.Hash] >= maxOccurrences {
			continue
		}
		seenA[a.Hash]++
		for _, b := range inB[a.Hash] {
			anchors = append(anchors, anchor{a, b})
		}
	}
	slices.SortFunc(anchors, func(x, y anchor) int {
		return cmp.Or(cmp.Compare(x.a.Seq, y.a.Seq), cmp.Compare(x.b.Seq, y.b.Seq))
	})
	type run struct {
		last   anchor
		m      Match
		hashes map[uint64]bool
	}
	var runs, open []*run // open: the runs an anchor could still extend
	const gap = 2 * W     // k-grams between neighbours in a passage
	for _, an := range anchors {
		// Anchors come in A's order: a run left behind by more than the gap
		// is closed for good, which bounds the search.
		open = slices.DeleteFunc(open, func(r *run) bool { return an.a.Seq-r.last.a.Seq > gap })
		var into *run
		for i := len(open) - 1; i >= 0; i-- {
			l := open[i].last
			if l.a.File == an.a.File && l.b.File == an.b.File &&
				an.a.Seq > l.a.Seq && an.b.Seq > l.b.Seq && an.b.Seq-l.b.Seq <= gap {
				into = open[i]
				break
			}
		}
		if into == nil {
			into = &run{hashes: map[uint64]bool{}, m: Match{
				A: Span{an.a.File, an.a.StartLine, an.a.EndLine},
				B: Span{an.b.File, an.b.StartLine, an.b.EndLine}}}
			runs, open = append(runs, into), append(open, into)
		}
		into.last = an
		into.m.A.StartLine, into.m.A.EndLine = min(into.m.A.StartLine, an.a.StartLine), max(into.m.A.EndLine, an.a.EndLine)
		into.m.B.StartLine, into.m.B.EndLine = min(into.m.B.StartLine, an.b.StartLine), max(into.m.B.EndLine, an.b.EndLine)
		into.hashes[an.a.Hash] = true
	}
	matches := make([]Match, 0, len(runs))
	for _, ru := range runs {
		ref := 0
		for h := range ru.hashes {
			if r.reference[h] {
				ref++
			}
		}
		ru.m.Fingerprints = len(ru.hashes)
		ru.m.Reference = 2*ref > len(ru.hashes)
		matches = append(matches, ru.m)
	}
	return matches
}

// InReference counts the distinct fingerprints of submission i that are
// also in the reference solution.
func (r *Result) InReference(i int) int {
	seen := map[uint64]bool{}
	for _, fp := range r.Prints[i] {
		if r.reference[fp.Hash] {
			seen[fp.Hash] = true
		}
	}
	return len(seen)
}
