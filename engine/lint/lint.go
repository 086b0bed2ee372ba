// Package lint finds what makes a course easier to game or weaker to learn
// from than its author meant, though it loads and validates: guessing cues in
// its MultipleChoice questions, hints that give the solution away, Tracing
// programs asked twice. Its findings are warnings, not errors: the course
// works, but an author should look.
//
// The checks and their thresholds are documented in docs/course-format.md
// ("Lint"); the names below are the ones warnings carry.
package lint

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/asynclings/asynclings/engine"
)

// The checks, by the name a warning carries.
const (
	CheckLongestAnswer = "longest-answer"
	CheckAnswerShape   = "answer-shape"
	CheckHintSolution  = "hint-solution"
	CheckDuplicate     = "duplicate-program"
)

// Thresholds of the checks.
const (
	// LongestShare: warn when the answer is strictly the longest option in
	// more than this share of single-answer questions.
	LongestShare = 1.0 / 3
	// MinSingle: with fewer single-answer questions the share says nothing.
	MinSingle = 4
	// ShapeShare: warn when one (answers, distractors) shape covers more
	// than this share of multi-answer questions.
	ShapeShare = 0.5
	// MinMulti: with fewer multi-answer questions neither shape check runs.
	MinMulti = 4
	// HintShare: warn when a hint holds at least this share of the lines
	// the solution adds to the starter.
	HintShare = 0.6
)

// Warning is one finding of the lint.
type Warning struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Item    string `json:"item,omitempty"` // "question ID", "exercise ID", "chapter ID", or empty for the course
	Check   string `json:"check"`
	Message string `json:"message"`
}

func (w Warning) String() string {
	where := w.File
	if w.Line > 0 {
		where += fmt.Sprintf(":%d", w.Line)
	}
	if w.Item != "" {
		return fmt.Sprintf("%s: warning: %s: %s", where, w.Item, w.Message)
	}
	return fmt.Sprintf("%s: warning: %s", where, w.Message)
}

// Course runs every check on c and returns its warnings, course-wide ones
// first, then in the order of the chapters and their lines.
func Course(c *engine.Course) []Warning {
	var ws []Warning
	ws = append(ws, longestAnswer(c)...)
	ws = append(ws, answerShape(c)...)
	ws = append(ws, hintSolution(c)...)
	ws = append(ws, duplicatePrograms(c)...)
	return ws
}

// questions calls f on every question of c, in chapter and file order.
func questions(c *engine.Course, f func(ch *engine.Chapter, q *engine.Question)) {
	for _, ch := range c.Chapters {
		qs := slices.Clone(ch.Questions)
		slices.SortStableFunc(qs, func(a, b *engine.Question) int { return a.Line - b.Line })
		for _, q := range qs {
			f(ch, q)
		}
	}
}

// optionLen is the length of an option as a learner sees it: runes, with
// surrounding whitespace and Markdown backticks left out.
func optionLen(s string) int {
	return len([]rune(strings.TrimSpace(strings.ReplaceAll(s, "`", ""))))
}

// longestIsAnswer says whether q's answer is strictly longer than each of
// its distractors.
func longestIsAnswer(q *engine.Question) bool {
	n := optionLen(q.Answers[0])
	for _, d := range q.Distractors {
		if optionLen(d) >= n {
			return false
		}
	}
	return true
}

func pct(n, of int) int { return (n*100 + of/2) / of }

// byChapter lists the IDs of qs chapter by chapter, as one warning each, at
// the line of the chapter's first.
type byChapter struct {
	chapters []*engine.Chapter
	ids      map[*engine.Chapter][]string
	line     map[*engine.Chapter]int
}

func (b *byChapter) add(ch *engine.Chapter, q *engine.Question) {
	if b.ids == nil {
		b.ids, b.line = map[*engine.Chapter][]string{}, map[*engine.Chapter]int{}
	}
	if _, ok := b.ids[ch]; !ok {
		b.chapters = append(b.chapters, ch)
		b.line[ch] = q.Line
	}
	b.ids[ch] = append(b.ids[ch], q.ID)
}

func (b *byChapter) warnings(check string, msg func(ids []string) string) []Warning {
	var ws []Warning
	for _, ch := range b.chapters {
		ws = append(ws, Warning{File: ch.File, Line: b.line[ch], Item: "chapter " + ch.ID, Check: check, Message: msg(b.ids[ch])})
	}
	return ws
}

// longestAnswer: a learner who always picks the longest option should not
// score much better than chance.
func longestAnswer(c *engine.Course) []Warning {
	total, longest := 0, 0
	var at byChapter
	questions(c, func(ch *engine.Chapter, q *engine.Question) {
		if q.Type != engine.MultipleChoice || q.Multi || len(q.Answers) != 1 || len(q.Distractors) == 0 {
			return
		}
		total++
		if longestIsAnswer(q) {
			longest++
			at.add(ch, q)
		}
	})
	if total < MinSingle || float64(longest) <= LongestShare*float64(total) {
		return nil
	}
	ws := []Warning{{File: c.Root, Check: CheckLongestAnswer, Message: fmt.Sprintf(
		"the answer is the longest option in %d of %d single-answer questions (%d%%); a learner who picks the longest scores that much (at most a third is the aim: shorten the answers or lengthen distractors in the questions listed per chapter)",
		longest, total, pct(longest, total))}}
	return append(ws, at.warnings(CheckLongestAnswer, func(ids []string) string {
		return "the answer is the longest option in " + strings.Join(ids, ", ")
	})...)
}

type shape struct{ answers, distractors int }

func (s shape) String() string {
	return fmt.Sprintf("%d %s and %d %s", s.answers, plural(s.answers, "answer", "answers"), s.distractors, plural(s.distractors, "distractor", "distractors"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// answerShape: in pick-all questions, the number of right answers should
// not be something a learner can count on.
func answerShape(c *engine.Course) []Warning {
	count := map[shape]int{}
	answers := map[int]int{}
	var all []*engine.Question
	chapterOf := map[*engine.Question]*engine.Chapter{}
	questions(c, func(ch *engine.Chapter, q *engine.Question) {
		if q.Type != engine.MultipleChoice || !q.Multi {
			return
		}
		count[shape{len(q.Answers), len(q.Distractors)}]++
		answers[len(q.Answers)]++
		all = append(all, q)
		chapterOf[q] = ch
	})
	total := len(all)
	if total < MinMulti {
		return nil
	}
	shapes := make([]shape, 0, len(count))
	for s := range count {
		shapes = append(shapes, s)
	}
	slices.SortFunc(shapes, func(a, b shape) int {
		return cmp.Or(count[b]-count[a], a.answers-b.answers, a.distractors-b.distractors)
	})
	top := shapes[0]
	var ws []Warning
	if float64(count[top]) > ShapeShare*float64(total) {
		var spread []string
		for _, s := range shapes {
			spread = append(spread, fmt.Sprintf("%d+%d: %d", s.answers, s.distractors, count[s]))
		}
		ws = append(ws, Warning{File: c.Root, Check: CheckAnswerShape, Message: fmt.Sprintf(
			"%d of %d pick-all questions (%d%%) have exactly %s; vary them (answers+distractors: %s)",
			count[top], total, pct(count[top], total), top, strings.Join(spread, ", "))})
		var at byChapter
		for _, q := range all {
			if (shape{len(q.Answers), len(q.Distractors)}) == top {
				at.add(chapterOf[q], q)
			}
		}
		ws = append(ws, at.warnings(CheckAnswerShape, func(ids []string) string {
			return fmt.Sprintf("%s: %s", top, strings.Join(ids, ", "))
		})...)
	}
	if len(answers) == 1 && count[top] < total {
		n := len(all[0].Answers)
		ws = append(ws, Warning{File: c.Root, Check: CheckAnswerShape, Message: fmt.Sprintf(
			"every one of the %d pick-all questions has %d %s; a learner who knows it needs only to rank the options",
			total, n, plural(n, "answer", "answers"))})
	}
	return ws
}

// hintSolution: hints lead; the solution is for giving up. Hints are
// shown one after the other, so hint k is judged with the hints before it:
// the warning names the first hint by which the hints hold most of the
// lines the solution adds to the starter.
func hintSolution(c *engine.Course) []Warning {
	var ws []Warning
	for _, ch := range c.Chapters {
		for _, ex := range ch.Exercises {
			sol := newLines(ex.Solution, ex.Starter)
			if len(sol) == 0 {
				continue
			}
			shown := map[string]int{} // the lines of the hints so far
			for i, h := range ex.Hints {
				for _, l := range codeLines(hintCode(h)) {
					shown[l]++
				}
				have := maps.Clone(shown)
				n := 0
				for _, l := range sol {
					if have[l] > 0 {
						have[l]--
						n++
					}
				}
				if float64(n) < HintShare*float64(len(sol)) {
					continue
				}
				by := fmt.Sprintf("hint %d of %d holds", i+1, len(ex.Hints))
				if i > 0 {
					by = fmt.Sprintf("by hint %d of %d, the hints hold", i+1, len(ex.Hints))
				}
				ws = append(ws, Warning{File: ch.File, Line: ex.Line, Item: "exercise " + ex.ID, Check: CheckHintSolution, Message: fmt.Sprintf(
					"%s %d of the %d lines the solution adds to the starter (%d%%): they give the code away; lead to it instead, the solution is there for giving up",
					by, n, len(sol), pct(n, len(sol)))})
				break
			}
		}
	}
	return ws
}

// duplicatePrograms: each Tracing question should ask something new.
func duplicatePrograms(c *engine.Course) []Warning {
	type seen struct {
		ch *engine.Chapter
		q  *engine.Question
	}
	exact, renamed := map[string]seen{}, map[string]seen{}
	var ws []Warning
	questions(c, func(ch *engine.Chapter, q *engine.Question) {
		if q.Type != engine.Tracing || strings.TrimSpace(q.Program) == "" {
			return
		}
		toks := tokens(q.Program)
		e, r := strings.Join(toks, " "), strings.Join(renameIdents(q.Program), " ")
		how := ""
		first, ok := exact[e]
		if ok {
			how = "whitespace and comments"
		} else if first, ok = renamed[r]; ok {
			how = "whitespace, comments and the names of its identifiers"
		}
		if ok {
			where := fmt.Sprintf("line %d", first.q.Line)
			if first.ch != ch {
				where = fmt.Sprintf("%s:%d", first.ch.File, first.q.Line)
			}
			ws = append(ws, Warning{File: ch.File, Line: q.Line, Item: "question " + q.ID, Check: CheckDuplicate, Message: fmt.Sprintf(
				"its program is the program of question %s (%s) but for %s; ask something new", first.q.ID, where, how)})
			return
		}
		exact[e] = seen{ch, q}
		if _, ok := renamed[r]; !ok {
			renamed[r] = seen{ch, q}
		}
	})
	return ws
}
