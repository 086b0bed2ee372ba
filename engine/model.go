// Package engine holds the domain of asynclings: courses, chapters, questions,
// exercises and the verdicts given on a learner's work. It knows nothing of
// terminals or storage.
package engine

import (
	"slices"
	"strings"
	"time"
)

// FormatVersion is the course format this engine reads.
const FormatVersion = 1

// Course is a loaded course: its chapters in order.
type Course struct {
	// ID names the course in the progress database; it defaults to a slug
	// of the title so that editing a course keeps its learners' progress.
	ID          string
	Title       string
	Description string
	// Root is where the course was loaded from, for messages.
	Root     string
	Chapters []*Chapter
}

// Chapter is one TOML file of a course.
type Chapter struct {
	ID        string
	Title     string
	Book      string // the book chapter it follows
	File      string // path of the chapter file, for messages
	Questions []*Question
	Exercises []*Exercise
	// AskLines is [chapter] ask_lines: its Tracing questions with a
	// lineNumber ask for the line (each question's askLine overrides it).
	AskLines bool
}

// Items returns the chapter's questions and exercises in the order they
// stand in the chapter file, the order a learner meets them.
func (c *Chapter) Items() []Item {
	items := make([]Item, 0, len(c.Questions)+len(c.Exercises))
	for _, q := range c.Questions {
		items = append(items, q)
	}
	for _, e := range c.Exercises {
		items = append(items, e)
	}
	slices.SortStableFunc(items, func(a, b Item) int { return itemLine(a) - itemLine(b) })
	return items
}

func itemLine(it Item) int {
	switch it := it.(type) {
	case *Question:
		return it.Line
	case *Exercise:
		return it.Line
	}
	return 0
}

// Kind tells questions and exercises apart.
type Kind string

const (
	KindQuestion Kind = "question"
	KindExercise Kind = "exercise"
)

// Item is a question or an exercise.
type Item interface {
	ItemID() string
	ItemKind() Kind
	ItemTitle() string
	ItemChapter() *Chapter
}

// QuestionType is one of the mdbook-quiz question types.
type QuestionType string

const (
	MultipleChoice QuestionType = "MultipleChoice"
	ShortAnswer    QuestionType = "ShortAnswer"
	Tracing        QuestionType = "Tracing"
)

// Question is an mdbook-quiz question.
type Question struct {
	ID      string
	Type    QuestionType
	Context string // explanation shown after a right answer or a give-up
	// Multipart is the shared preamble of a multi-part question, if any.
	Multipart string
	Chapter   *Chapter
	Line      int // line of the question in its file

	// Prompt is the Markdown prompt (MultipleChoice, ShortAnswer).
	Prompt string
	// MultipleChoice.
	Answers     []string // the right choices
	Multi       bool     // answer was given as an array: pick all of them
	Distractors []string
	// WhyNot says, for each distractor in order, why it is wrong: shown
	// after the question is answered (answer.whyNot, an extension of
	// mdbook-quiz's format, which ignores it). Nil when not given.
	WhyNot      []string
	AnswerIndex *int // pins the (single) answer at this index
	SortAnswers bool
	// ShortAnswer.
	Alternatives []string
	// Response is mdbook-quiz's prompt.response: ResponseShort (one line,
	// also when not given), ResponseLong or ResponseCode (several lines).
	Response string
	// Tracing.
	Program     string
	DoesCompile bool
	Stdout      string
	LineNumber  int // 0 when not given
	// AskLine says that the learner must name LineNumber too when the
	// program does not compile: answer.askLine, or the chapter's
	// ask_lines, an extension of mdbook-quiz's format. mdbook-quiz never
	// asks for the line, so it is false unless the course says so; the
	// line is then shown with the answer only.
	AskLine bool
	// Failure is how a Go program that compiles ends when it does not end
	// normally: FailurePanic or FailureDeadlock (an extension of
	// mdbook-quiz's format); Stdout is then what it printed before.
	Failure string
}

// How a ShortAnswer is typed (prompt.response): one line, or several, as
// mdbook-quiz's text field, text area and code editor take it.
const (
	ResponseShort = "short"
	ResponseLong  = "long"
	ResponseCode  = "code"
)

// MultiLine reports whether q's answer is typed in several lines: a
// ShortAnswer whose prompt.response is "long" or "code".
func (q *Question) MultiLine() bool {
	return q.Type == ShortAnswer && (q.Response == ResponseLong || q.Response == ResponseCode)
}

// How a Tracing program may fail at run time.
const (
	FailurePanic    = "panic"
	FailureDeadlock = "deadlock"
)

func (q *Question) ItemID() string        { return q.ID }
func (q *Question) ItemKind() Kind        { return KindQuestion }
func (q *Question) ItemChapter() *Chapter { return q.Chapter }

// ItemTitle is the first line of prose of the prompt, for menus and lists.
func (q *Question) ItemTitle() string {
	if q.Type == Tracing && q.Prompt == "" {
		return "What does this program do? (" + q.ID + ")"
	}
	if t := firstLine(q.Prompt); t != "" {
		return t
	}
	return q.ID
}

// Exercise is a Go exercise: a starter the learner completes and a hidden
// test that judges it.
type Exercise struct {
	ID       string
	Title    string
	Prompt   string
	Starter  string
	Test     string
	Solution string
	Hints    []string
	Race     bool
	Timeout  time.Duration // 0 means the runner's default
	Memory   int64         // bytes of memory for its runs, at most MaxMemory; 0 means the runner's default
	// Files are data files present in the directory the tests run in, by
	// their path there ("testdata/words.txt"), beside the learner's file.
	Files map[string]string
	// Support are Go files of the exercise's package beside the learner's
	// file, compiled with it.
	Support []SupportFile
	// Wrong are known-wrong solutions: validate proves each fails.
	// Learners never see them.
	Wrong []Wrong
	// CPU lists the GOMAXPROCS values the tests run at, each in turn
	// (go test's -cpu); empty means the runner's default.
	CPU []int
	// Stress repeats the tests that many times in each run (go test's
	// -count); 0 means once.
	Stress int
	// LeakCheck fails a test that leaves goroutines it started running
	// after it ends (leak_check).
	LeakCheck bool
	// Vet names the vet analyzers whose findings in the learner's code fail
	// the check; findings of the other concurrency analyzers are advice.
	Vet []string
	// Import rules, checked on the learner's file before it is built.
	ForbidImports  []string // refused, besides the runner's default set
	AllowImports   []string // allowed although in the default set
	RequireImports []string // must be imported
	Chapter        *Chapter
	Line           int
}

// SupportFile is a Go file of an exercise's package besides the learner's
// file (Exercism's "editor" files), written beside it in the workspace. A
// read-only one is the author's: the course's copy is what is compiled,
// whatever the learner does to theirs. An editable one is the learner's, as
// their file is: Code is its starter, and what they make of it is submitted
// and checked with their file.
type SupportFile struct {
	Name     string // file name, beside the learner's file
	Code     string
	Editable bool
}

// Wrong is a known-wrong solution of an exercise: a mistake a learner could
// plausibly make, which the exercise's tests must catch.
type Wrong struct {
	Name string
	Why  string // the mistake it stands for
	Code string
	Line int // of its table in the chapter file
}

// EditableSupport returns the names of the exercise's editable support files.
func (e *Exercise) EditableSupport() []string {
	var names []string
	for _, f := range e.Support {
		if f.Editable {
			names = append(names, f.Name)
		}
	}
	return names
}

func (e *Exercise) ItemID() string        { return e.ID }
func (e *Exercise) ItemKind() Kind        { return KindExercise }
func (e *Exercise) ItemTitle() string     { return e.Title }
func (e *Exercise) ItemChapter() *Chapter { return e.Chapter }

// FileName is the name of the learner's file for the exercise. Underscores
// become dashes so that an ID such as "job_test" or "poll_linux" cannot turn
// the file into a test file or one built only on some systems.
func (e *Exercise) FileName() string { return strings.ReplaceAll(e.ID, "_", "-") + ".go" }

// Find returns the item with the given ID.
func (c *Course) Find(id string) (Item, bool) {
	for _, ch := range c.Chapters {
		for _, it := range ch.Items() {
			if it.ItemID() == id {
				return it, true
			}
		}
	}
	return nil, false
}

// Exercises are the course's exercises in the order a learner meets them.
func (c *Course) Exercises() []*Exercise {
	var exs []*Exercise
	for _, ch := range c.Chapters {
		for _, it := range ch.Items() {
			if ex, ok := it.(*Exercise); ok {
				exs = append(exs, ex)
			}
		}
	}
	return exs
}

// Chapter returns the chapter with the given ID.
func (c *Course) Chapter(id string) (*Chapter, bool) {
	for _, ch := range c.Chapters {
		if ch.ID == id {
			return ch, true
		}
	}
	return nil, false
}

// Status is where a learner stands on one item.
type Status string

const (
	StatusNew     Status = "new"      // never tried
	StatusTried   Status = "tried"    // tried, not yet right
	StatusDone    Status = "done"     // answered right or passed
	StatusGivenUp Status = "given-up" // gave up without a right answer
)

// firstLine returns the first line of s outside code blocks, shortened.
func firstLine(s string) string {
	inCode := false
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
			continue
		}
		if line == "" || inCode {
			continue
		}
		if r := []rune(line); len(r) > 72 {
			return string(r[:69]) + "..."
		}
		return line
	}
	return ""
}
