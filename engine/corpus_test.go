package engine_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
)

// corpusDir holds real mdbook-quiz files written elsewhere (the Rust book's
// quizzes, mdbook-quiz's example). It sits beside the repository, in
// ../shared/corpus from the repository root; the tests run in engine/. The
// files are read in place, never copied into the project.
var corpusDir = filepath.Join("..", "..", "shared", "corpus")

func corpus(t *testing.T) (files, dirs []string) {
	t.Helper()
	if st, err := os.Stat(corpusDir); err != nil || !st.IsDir() {
		t.Skipf("no quiz corpus at %s (it lives beside the repository, in ../shared/corpus)", corpusDir)
	}
	seenDir := map[string]bool{}
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".toml" {
			return err
		}
		files = append(files, p)
		if dir := filepath.Dir(p); !seenDir[dir] {
			seenDir[dir] = true
			dirs = append(dirs, dir)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("no *.toml files in %s", corpusDir)
	}
	return files, dirs
}

func TestCorpusFiles(t *testing.T) {
	files, _ := corpus(t)
	for _, file := range files {
		rel, _ := filepath.Rel(corpusDir, file)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			c, err := engine.Load(file)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Chapters) != 1 || len(c.Chapters[0].Questions) == 0 {
				t.Fatalf("want one chapter with questions, got %d chapters", len(c.Chapters))
			}
			checkQuestions(t, c)
			// The locator finds each question's header, past multi-line
			// strings full of code and brackets.
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(src), "\n")
			for _, q := range c.Chapters[0].Questions {
				if q.Line < 1 || q.Line > len(lines) || strings.TrimSpace(lines[q.Line-1]) != "[[questions]]" {
					t.Errorf("question %s: line %d is not a [[questions]] header", q.ID, q.Line)
				}
			}
		})
	}
}

func TestCorpusCourses(t *testing.T) {
	files, dirs := corpus(t)
	if len(files) < 94 {
		t.Logf("only %d corpus files (expected the 93 Rust book quizzes and the mdbook-quiz example)", len(files))
	}
	for _, dir := range dirs {
		rel, _ := filepath.Rel(corpusDir, dir)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			c, err := engine.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if c.Title == "" || c.ID == "" {
				t.Errorf("course id, title = %q, %q", c.ID, c.Title)
			}
			checkQuestions(t, c)
			// A course is its files: same chapters, same question IDs.
			for _, ch := range c.Chapters {
				one, err := engine.Load(ch.File)
				if err != nil {
					t.Fatal(err)
				}
				if a, b := itemIDs(ch), itemIDs(one.Chapters[0]); !slices.Equal(a, b) {
					t.Errorf("%s: ids %q in the course, %q alone", ch.File, a, b)
				}
			}
		})
	}
}

// checkQuestions asserts that every question of c can be answered right: its
// own correct answer grades as right and, for MultipleChoice, the right
// choices are all shown.
func checkQuestions(t *testing.T, c *engine.Course) {
	t.Helper()
	for _, ch := range c.Chapters {
		for _, q := range ch.Questions {
			if !quiz.Grade(q, quiz.Correct(q)) {
				t.Errorf("%s:%d: question %s: its correct answer %+v grades as wrong", ch.File, q.Line, q.ID, quiz.Correct(q))
			}
			if quiz.Describe(q) == "" {
				t.Errorf("%s:%d: question %s: no description of the answer", ch.File, q.Line, q.ID)
			}
			if q.Type != engine.MultipleChoice {
				continue
			}
			for _, seed := range []uint64{0, 1, 7, 1 << 33} {
				shown := quiz.Choices(q, seed)
				if len(shown) != len(q.Answers)+len(q.Distractors) {
					t.Errorf("%s:%d: question %s: %d choices shown for %d answers and distractors", ch.File, q.Line, q.ID, len(shown), len(q.Answers)+len(q.Distractors))
				}
				for _, a := range q.Answers {
					if !slices.Contains(shown, a) {
						t.Errorf("%s:%d: question %s, seed %d: right choice %q is not shown", ch.File, q.Line, q.ID, seed, a)
					}
				}
				if q.AnswerIndex != nil && !q.SortAnswers && len(q.Answers) == 1 && shown[*q.AnswerIndex] != q.Answers[0] {
					t.Errorf("%s:%d: question %s, seed %d: answer not at answerIndex %d", ch.File, q.Line, q.ID, seed, *q.AnswerIndex)
				}
			}
		}
	}
}

// TestCorpusLikeMdbookQuiz grades the corpus as mdbook-quiz does: a Tracing
// question whose program does not compile is right without a line (the
// corpus never asks for lines), a right output is right whatever the line
// ends, and a question with answerIndex shows its distractors in file order
// with the answers spliced in at that index, whatever the seed.
func TestCorpusLikeMdbookQuiz(t *testing.T) {
	files, _ := corpus(t)
	stricter, crlf, orders, pinned := 0, 0, 0, 0
	for _, file := range files {
		c, err := engine.Load(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range c.Chapters[0].Questions {
			switch q.Type {
			case engine.Tracing:
				// No line: mdbook-quiz never asks for one.
				a := quiz.Answer{DoesCompile: q.DoesCompile, Stdout: q.Stdout, Failure: q.Failure}
				if !quiz.Grade(q, a) {
					stricter++
					t.Errorf("%s:%d: question %s: %+v, right for mdbook-quiz, grades as wrong", file, q.Line, q.ID, a)
				}
				// Output typed with CRLF line ends (a browser's text area
				// gives LF) is the same output.
				a.Stdout = strings.ReplaceAll(q.Stdout, "\n", "\r\n")
				if strings.Contains(q.Stdout, "\n") && !quiz.Grade(q, a) {
					crlf++
					t.Errorf("%s:%d: question %s: its output with CRLF line ends grades as wrong", file, q.Line, q.ID)
				}
			case engine.MultipleChoice:
				if q.AnswerIndex == nil {
					continue
				}
				pinned++
				want := spliced(q)
				differs := false
				for _, seed := range []uint64{0, 1, 7, 1 << 33} {
					if got := quiz.Choices(q, seed); !slices.Equal(got, want) {
						differs = true
						t.Errorf("%s:%d: question %s, seed %d: choices %q, mdbook-quiz shows %q", file, q.Line, q.ID, seed, got, want)
					}
				}
				if differs {
					orders++
				}
			}
		}
	}
	t.Logf("%d Tracing questions stricter than mdbook-quiz, %d wrong with CRLF output; %d of %d answerIndex questions in another order", stricter, crlf, orders, pinned)
}

// spliced is mdbook-quiz's order for a question with answerIndex, written out
// here on its own: the distractors as the file lists them, and every answer,
// in the file's order, inserted at answerIndex (JavaScript's splice, which
// puts them at the end for an index past it).
func spliced(q *engine.Question) []string {
	i := min(*q.AnswerIndex, len(q.Distractors))
	out := slices.Clone(q.Distractors[:i])
	out = append(out, q.Answers...)
	return append(out, q.Distractors[i:]...)
}

// TestCorpusFromTheCache: a corpus course from the load cache shows every
// question as the load that made the entry does: the same choices in the
// same order (an answerIndex of 0 included), the same answer accepted.
func TestCorpusFromTheCache(t *testing.T) {
	_, dirs := corpus(t)
	defer engine.SetSettle(-time.Hour)()
	for _, dir := range dirs {
		rel, _ := filepath.Rel(corpusDir, dir)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			fresh, cached := loadTwice(t, dir)
			for i, ch := range fresh.Chapters {
				for j, q := range ch.Questions {
					c := cached.Chapters[i].Questions[j]
					if a, b := quiz.Choices(q, 0), quiz.Choices(c, 0); !slices.Equal(a, b) {
						t.Errorf("%s:%d: question %s: choices %q when loaded, %q from the cache", ch.File, q.Line, q.ID, a, b)
					}
					if !quiz.Grade(c, quiz.Correct(q)) {
						t.Errorf("%s:%d: question %s: its answer is wrong from the cache", ch.File, q.Line, q.ID)
					}
				}
			}
		})
	}
}
