package learner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/learn"
	"github.com/asynclings/asynclings/engine/quiz"
)

// errQuit ends the session; it is not a failure.
var errQuit = errors.New("quit")

// session is the interactive course: menus, questions and exercises.
type session struct {
	*app
	ask  ui.Prompter
	prog learn.Progress
	// hw restricts the session to an assignment's items (assignment.go).
	hw *homework.Versioned
	// hwDraw is the student's draw of hw's items, which the session offers.
	hwDraw []homework.Item
}

func (a *app) cmdStart(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return base.UsageErr("start takes no arguments")
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	if !a.CanInteract() {
		return base.UsageErr("the interactive course needs a terminal; use --accessible (or ACCESSIBLE=1) for plain prompts, or use the commands (asynclings help)")
	}
	s := &session{app: a, ask: a.Prompter()}
	return s.run(ctx, s.mainMenu)
}

// run shows the session's heading and runs its menu until the learner
// quits.
func (s *session) run(ctx context.Context, menu func(context.Context) error) error {
	a := s.app
	a.WarmInBackground(ctx)
	fmt.Fprintf(a.Stdout, "%s\nLearner: %s   %s\n\n", a.Course.Title, a.UserName, a.PathLine("Progress database:", a.DBPath))
	err := menu(ctx)
	if errors.Is(err, ui.ErrInputEnded) {
		fmt.Fprintln(a.Stdout, "Input ended.")
	}
	if errors.Is(err, errQuit) || ui.Stopped(err) {
		fmt.Fprintln(a.Stdout, "Your progress is saved. See you soon.")
		return nil
	}
	return promptErr(err)
}

// promptErr makes the plain prompter's giving up a usage error.
func promptErr(err error) error {
	if errors.Is(err, ui.ErrNoValidAnswer) {
		return base.UsageErr("%v", err)
	}
	return err
}

// choose asks for one of opts, starting at def.
func (s *session) choose(ctx context.Context, title, desc string, height int, opts []ui.Option, def string) (string, error) {
	return s.ask.Select(ctx, ui.Field{Title: title, Description: desc, Options: opts, Default: def, Height: height})
}

// confirm asks a yes/no question.
func (s *session) confirm(ctx context.Context, title, affirmative, negative string, def bool) (bool, error) {
	return s.ask.Confirm(ctx, ui.Field{Title: title, Options: []ui.Option{ui.Opt(affirmative, ""), ui.Opt(negative, "")}}, def)
}

// refresh reads the learner's progress again: every menu shows it as the
// store has it, whatever another window (watch, a command) did meanwhile.
func (s *session) refresh(ctx context.Context) error {
	var err error
	s.prog, err = s.Learner.Progress(ctx)
	return err
}

func (s *session) status(id string) engine.Status { return s.prog.Status(id) }

func (s *session) mainMenu(ctx context.Context) error {
	for {
		if err := s.refresh(ctx); err != nil {
			return err
		}
		next, err := s.Learner.Continue(ctx)
		if err != nil {
			return err
		}
		due, err := s.dueForReview(ctx)
		if err != nil {
			return err
		}
		const cont, review, quit = "\x00continue", "\x00review", "\x00quit"
		var opts []ui.Option
		if next != nil {
			opts = append(opts, ui.Opt("Continue: "+next.ItemTitle(), cont))
		}
		if len(due) > 0 {
			opts = append(opts, ui.Opt(fmt.Sprintf("Review (%d due)", len(due)), review))
		}
		width := 0
		for _, ch := range s.Course.Chapters {
			width = max(width, len([]rune(ch.Title)))
		}
		// The bar takes what the terminal leaves, up to 16 cells: no line
		// wraps, even at 60 columns.
		cells := 16
		for _, ch := range s.Course.Chapters {
			done, total := s.chapterCount(ch)
			if cols := ui.ListWidth(s.Stdout); cols > 0 {
				cells = max(min(cells, cols-width-4-len(fmt.Sprintf("%d/%d", done, total))), 1)
			}
			label := fmt.Sprintf("%-*s %s %d/%d", width, ch.Title, ui.Bar(done, total, cells), done, total)
			opts = append(opts, ui.Opt(label, ch.ID))
		}
		opts = append(opts, ui.Opt("Quit", quit))
		choice, err := s.choose(ctx, "Where to?", "", 0, opts, opts[0].Value)
		if err != nil {
			return err
		}
		switch choice {
		case quit:
			return errQuit
		case cont:
			if err := s.playFrom(ctx, next); err != nil {
				return err
			}
		case review:
			if err := s.askReview(ctx, due); err != nil {
				return err
			}
		default:
			ch, _ := s.Course.Chapter(choice)
			if err := s.chapterMenu(ctx, ch); err != nil {
				return err
			}
		}
	}
}

func (s *session) chapterCount(ch *engine.Chapter) (done, total int) {
	for _, it := range ch.Items() {
		total++
		if s.status(it.ItemID()) == engine.StatusDone {
			done++
		}
	}
	return done, total
}

func (s *session) chapterMenu(ctx context.Context, ch *engine.Chapter) error {
	for {
		if err := s.refresh(ctx); err != nil {
			return err
		}
		const back = "\x00back"
		var opts []ui.Option
		first := ""
		for _, it := range ch.Items() {
			st := s.status(it.ItemID())
			if first == "" && st != engine.StatusDone {
				first = it.ItemID()
			}
			label := fmt.Sprintf("%s %-9s %s", statusMark(st), kindLabel(it.ItemKind(), "quiz"), it.ItemTitle())
			opts = append(opts, ui.Opt(label, it.ItemID()))
		}
		opts = append(opts, ui.Opt("Back", back))
		if first == "" {
			first = back
		}
		choice, err := s.choose(ctx, ch.Title, ch.Book, min(len(opts)+2, 20), opts, first)
		if err != nil {
			return err
		}
		if choice == back {
			return nil
		}
		it, _ := s.Course.Find(choice)
		if err := s.playFrom(ctx, it); err != nil {
			return err
		}
	}
}

// after is what the learner wants once an item is over.
type after int

const (
	goNext after = iota
	goMenu
)

// playFrom runs items one after another from it, to the end of its chapter
// or until the learner goes back to the menu.
func (s *session) playFrom(ctx context.Context, it engine.Item) error {
	ch := it.ItemChapter()
	items, title := ch.Items(), ch.Title
	if s.hw != nil {
		items, title = s.homeworkItems(), s.hw.Title
	}
	i := 0
	for i < len(items) && items[i].ItemID() != it.ItemID() {
		i++
	}
	for ; i < len(items); i++ {
		if err := s.Learner.Open(ctx, items[i]); err != nil {
			return err
		}
		var next after
		var err error
		switch it := items[i].(type) {
		case *engine.Question:
			next, err = s.playQuestion(ctx, it, i+1, len(items))
		case *engine.Exercise:
			next, err = s.playExercise(ctx, it, i+1, len(items))
		}
		if err != nil || next == goMenu {
			return err
		}
	}
	fmt.Fprintf(s.Stdout, "\nThat was the last item of %q.\n\n", title)
	return nil
}

func (s *session) header(it engine.Item, n, total int) {
	if s.hw != nil {
		hi, _ := s.hw.Item(it.ItemID())
		fmt.Fprintf(s.Stdout, "\n── %s · %d/%d · %s · %s ──\n\n", s.hw.Title, n, total, it.ItemID(), pointsText(hi.Points))
		return
	}
	fmt.Fprintf(s.Stdout, "\n── %s · %d/%d · %s ──\n\n", it.ItemChapter().Title, n, total, it.ItemID())
}

func (s *session) playQuestion(ctx context.Context, q *engine.Question, n, total int) (after, error) {
	s.header(q, n, total)
	if q.Multipart != "" {
		fmt.Fprintf(s.Stdout, "%s\n\n", s.RenderMarkdown(q.Multipart))
	}
	if q.Prompt != "" {
		fmt.Fprintf(s.Stdout, "%s\n\n", s.RenderMarkdown(q.Prompt))
	}
	if q.Type == engine.Tracing {
		fmt.Fprintf(s.Stdout, "%s\n\n", ui.Numbered(q.Program))
	}
	for {
		ans, err := ui.Ask(ctx, s.ask, q, quiz.Choices(q, 0))
		if err != nil {
			return goMenu, err
		}
		if q.Type != engine.ShortAnswer || q.MultiLine() { // the prompter leaves a typed line on the screen
			fmt.Fprintf(s.Stdout, "Your answer: %s\n", ui.DescribeAnswer(q, ans))
		}
		g, err := s.Learner.Answer(ctx, q, ans)
		if errors.Is(err, learn.ErrEmptyAnswer) {
			fmt.Fprintf(s.Stdout, "\nNothing picked: pick every right answer (space or x toggles one), then Enter.\n\n")
			continue
		}
		if err != nil {
			return goMenu, err
		}
		if g.Right {
			fmt.Fprintf(s.Stdout, "\n✓ Right!\n\n%s\n", s.RenderMarkdown(q.Context))
			return s.whatNext(ctx)
		}
		fmt.Fprintln(s.Stdout, "\n✗ Not quite.")
		if why := whyNotText(g.WhyNot); why != "" && s.hw == nil { // homework shows no answers
			fmt.Fprintf(s.Stdout, "\n%s\n", s.RenderMarkdown(why))
		}
		const retry, giveUp, skip = "retry", "give-up", "skip"
		opts := []ui.Option{ui.Opt("Try again", retry)}
		if s.hw == nil { // homework is graded: no answers shown
			opts = append(opts, ui.Opt("Give up and see the answer", giveUp))
		}
		opts = append(opts, ui.Opt("Skip for now", skip))
		choice, err := s.choose(ctx, "What now?", "", 0, opts, retry)
		if err != nil {
			return goMenu, err
		}
		switch choice {
		case giveUp:
			if err := s.Learner.GiveUp(ctx, q); err != nil {
				return goMenu, err
			}
			fmt.Fprintf(s.Stdout, "\nThe answer:\n%s\n\n%s\n", ui.Indent(quiz.Describe(q), "  "), s.RenderMarkdown(q.Context))
			return s.whatNext(ctx)
		case skip:
			return goNext, nil
		}
	}
}

func (s *session) whatNext(ctx context.Context) (after, error) {
	next, err := s.confirm(ctx, "Go on to the next item?", "Next", "Menu", true)
	if err != nil || !next {
		return goMenu, err
	}
	return goNext, nil
}

func (s *session) playExercise(ctx context.Context, ex *engine.Exercise, n, total int) (after, error) {
	s.header(ex, n, total)
	file, err := s.ExerciseFile(ex)
	if err != nil {
		return goMenu, err
	}
	fmt.Fprintf(s.Stdout, "%s\n\n%s\n\n%s\n(edit it in any editor; choose Check when ready)\n\n", ex.Title, s.RenderMarkdown(ex.Prompt), s.PathLine("Your file:", file))
	// Hints revealed before, here or by asynclings hint, stay revealed.
	hints, err := s.Learner.HintsRevealed(ctx, ex)
	if err != nil {
		return goMenu, err
	}
	for {
		// What another window did meanwhile (watch, a command) shows here.
		if err := s.refresh(ctx); err != nil {
			return goMenu, err
		}
		passed, gaveUp := s.status(ex.ID) == engine.StatusDone, s.status(ex.ID) == engine.StatusGivenUp
		const check, edit, hint, giveUp, solution, next, menu = "check", "edit", "hint", "give-up", "solution", "next", "menu"
		opts := []ui.Option{ui.Opt("Check my code", check)}
		if editor := editorCommand(); editor != "" {
			opts = append(opts, ui.Opt("Open in "+editor, edit))
		}
		if hints < len(ex.Hints) {
			opts = append(opts, ui.Opt(fmt.Sprintf("Show a hint (%d of %d)", hints+1, len(ex.Hints)), hint))
		}
		if passed || gaveUp {
			opts = append(opts, ui.Opt("See the solution", solution))
		} else if s.hw == nil { // homework is graded: no solutions shown
			opts = append(opts, ui.Opt("Give up and see the solution", giveUp))
		}
		nextLabel := "Skip to the next item"
		if passed || gaveUp {
			nextLabel = "Next item"
		}
		opts = append(opts, ui.Opt(nextLabel, next), ui.Opt("Back to the menu", menu))
		choice := check
		if passed || gaveUp {
			choice = next
		}
		choice, err := s.choose(ctx, ex.Title, "", 0, opts, choice)
		if err != nil {
			return goMenu, err
		}
		switch choice {
		case check:
			sub, err := s.ReadSubmission(ex, file)
			if err != nil {
				return goMenu, err
			}
			// Ctrl-C stops this check alone; the session goes on.
			cctx, done := base.InterruptScope(ctx)
			v, err := s.checkCode(cctx, ex, sub, true, true)
			interrupted := cctx.Err() != nil && ctx.Err() == nil
			done()
			if interrupted {
				fmt.Fprintln(s.Stdout, "\nCheck stopped.")
				continue
			}
			if err != nil {
				fmt.Fprintln(s.Stderr, "asynclings:", err)
				continue
			}
			fmt.Fprintln(s.Stdout)
			s.PrintVerdict(v)
			fmt.Fprintln(s.Stdout)
			if v.Passed() {
				fmt.Fprintln(s.Stdout, "Well done! The exercise is solved.")
				if path, err := s.writeSolution(ex); err != nil {
					fmt.Fprintln(s.Stderr, "asynclings:", err)
				} else {
					fmt.Fprintln(s.Stdout, s.PathLine("The reference solution, to compare with yours:", path))
				}
			}
		case edit:
			if err := s.openEditor(file); err != nil {
				fmt.Fprintln(s.Stderr, "asynclings:", err)
			}
		case hint:
			n, text, err := s.Learner.RevealHint(ctx, ex)
			if err != nil {
				return goMenu, err
			}
			if n > 0 {
				fmt.Fprintf(s.Stdout, "\n%s\n\n", s.RenderMarkdown(fmt.Sprintf("Hint %d of %d: %s", n, len(ex.Hints), text)))
				hints = n
			} else {
				hints = len(ex.Hints)
			}
		case giveUp:
			sure, err := s.confirm(ctx, "Give up and see the solution? It is recorded as given up.", "Give up", "Keep trying", false)
			if err != nil {
				return goMenu, err
			}
			if !sure {
				continue
			}
			if err := s.Learner.GiveUp(ctx, ex); err != nil {
				return goMenu, err
			}
			fallthrough
		case solution:
			path, err := s.writeSolution(ex)
			if err != nil {
				return goMenu, err
			}
			fmt.Fprintf(s.Stdout, "\nThe reference solution:\n\n%s\n\n%s\n\n", strings.TrimRight(ex.Solution, "\n"), s.PathLine("Written beside your file:", path))
		case next:
			return goNext, nil
		case menu:
			return goMenu, nil
		}
	}
}

// editorCommand is $VISUAL or $EDITOR, else the first of a few common
// terminal editors that is installed.
func editorCommand() string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if e := os.Getenv(v); e != "" {
			return e
		}
	}
	for _, e := range []string{"nano", "vim", "vi"} {
		if _, err := exec.LookPath(e); err == nil {
			return e
		}
	}
	return ""
}

func (s *session) openEditor(file string) error {
	parts := strings.Fields(editorCommand())
	cmd := exec.Command(parts[0], append(parts[1:], file)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("editor: %w", err)
	}
	return nil
}

// dueForReview are the questions due for review now.
func (s *session) dueForReview(ctx context.Context) ([]*engine.Question, error) {
	all, err := s.Store.AllReviews(ctx, s.UserName, s.Course.ID)
	if err != nil {
		return nil, err
	}
	var due []reviewJSON
	for _, it := range s.reviewItems(all, s.Now()) {
		if it.DueNow {
			due = append(due, it)
		}
	}
	return s.dueQuestions(due), nil
}
