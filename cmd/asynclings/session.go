package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
	"github.com/asynclings/asynclings/engine/quiz"
	"github.com/charmbracelet/huh"
)

// errQuit ends the session; it is not a failure.
var errQuit = errors.New("quit")

// session is the interactive course: menus, questions and exercises.
type session struct {
	*app
	ctx context.Context // for the plain prompter's reads
	// plain makes the session ask with the plain prompter (plain.go)
	// rather than huh's fields.
	plain bool
	prog  learn.Progress
	// hw restricts the session to an assignment's items (assignment.go).
	hw *assignmentFile
}

func (a *app) cmdStart(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("start takes no arguments")
	}
	if err := a.open(ctx); err != nil {
		return err
	}
	if !canInteract(a) {
		return usageErr("the interactive course needs a terminal; use --accessible (or ACCESSIBLE=1) for plain prompts, or use the commands (asynclings help)")
	}
	s := &session{app: a, ctx: ctx, plain: a.accessibleMode()}
	return s.run(ctx, s.mainMenu)
}

// run shows the session's heading and runs its menu until the learner
// quits.
func (s *session) run(ctx context.Context, menu func(context.Context) error) error {
	a := s.app
	a.warmInBackground(ctx)
	fmt.Fprintf(a.stdout, "%s\nLearner: %s   Progress database: %s\n\n", a.course.Title, a.userName, a.dbPath)
	err := menu(ctx)
	if errors.Is(err, errInputEnded) {
		fmt.Fprintln(a.stdout, "Input ended.")
	}
	if errors.Is(err, errQuit) || errors.Is(err, huh.ErrUserAborted) || errors.Is(err, errInputEnded) || errors.Is(err, context.Canceled) {
		fmt.Fprintln(a.stdout, "Your progress is saved. See you soon.")
		return nil
	}
	return err
}

// form runs huh fields as one form.
func (s *session) form(fields ...huh.Field) error {
	return huh.NewForm(huh.NewGroup(fields...)).WithShowHelp(true).Run()
}

func (s *session) plainMode() bool { return s.plain }

// selectOne asks for one of opts, starting at *choice; the plain prompter
// shows them as a numbered list. height 0 leaves huh's default.
func (s *session) selectOne(title, desc string, height int, opts []huh.Option[string], choice *string) error {
	if s.plainMode() {
		labels := make([]string, len(opts))
		def := -1
		for i, o := range opts {
			labels[i] = o.Key
			if o.Value == *choice {
				def = i
			}
		}
		if desc != "" {
			title += "\n" + desc
		}
		i, err := s.plainPrompter().choose(s.ctx, title, labels, def)
		if err == nil {
			*choice = opts[i].Value
		}
		return err
	}
	sel := huh.NewSelect[string]().Title(title).Options(opts...).Value(choice)
	if desc != "" {
		sel = sel.Description(desc)
	}
	if height > 0 {
		sel = sel.Height(height)
	}
	return s.form(sel)
}

// confirm asks a yes/no question, starting at *yes.
func (s *session) confirm(title, affirmative, negative string, yes *bool) error {
	if s.plainMode() {
		v, err := s.plainPrompter().confirm(s.ctx, fmt.Sprintf("%s (y: %s, n: %s)", title, affirmative, negative), *yes)
		if err == nil {
			*yes = v
		}
		return err
	}
	return s.form(huh.NewConfirm().Title(title).Affirmative(affirmative).Negative(negative).Value(yes))
}

// canInteract reports whether the session can run: on a terminal, or in
// accessible mode, which reads plain lines.
func canInteract(a *app) bool {
	return a.accessibleMode() || isTerminal(a)
}

// refresh reads the learner's progress again: every menu shows it as the
// store has it, whatever another window (watch, a command) did meanwhile.
func (s *session) refresh(ctx context.Context) error {
	var err error
	s.prog, err = s.learner.Progress(ctx)
	return err
}

func (s *session) status(id string) engine.Status { return s.prog.Status(id) }

func (s *session) mainMenu(ctx context.Context) error {
	for {
		if err := s.refresh(ctx); err != nil {
			return err
		}
		next, err := s.learner.Continue(ctx)
		if err != nil {
			return err
		}
		due, err := s.dueForReview(ctx)
		if err != nil {
			return err
		}
		const cont, review, quit = "\x00continue", "\x00review", "\x00quit"
		var opts []huh.Option[string]
		if next != nil {
			opts = append(opts, huh.NewOption("Continue: "+next.ItemTitle(), cont))
		}
		if len(due) > 0 {
			opts = append(opts, huh.NewOption(fmt.Sprintf("Review (%d due)", len(due)), review))
		}
		width := 0
		for _, ch := range s.course.Chapters {
			width = max(width, len([]rune(ch.Title)))
		}
		for _, ch := range s.course.Chapters {
			done, total := s.chapterCount(ch)
			label := fmt.Sprintf("%-*s %s %d/%d", width, ch.Title, bar(done, total, 16), done, total)
			opts = append(opts, huh.NewOption(label, ch.ID))
		}
		opts = append(opts, huh.NewOption("Quit", quit))
		choice := opts[0].Value
		if err := s.selectOne("Where to?", "", 0, opts, &choice); err != nil {
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
			if err := s.askAll(ctx, "Review", due, 0); err != nil {
				return err
			}
		default:
			ch, _ := s.course.Chapter(choice)
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
		var opts []huh.Option[string]
		first := ""
		for _, it := range ch.Items() {
			st := s.status(it.ItemID())
			if first == "" && st != engine.StatusDone {
				first = it.ItemID()
			}
			label := fmt.Sprintf("%s %-9s %s", statusMark(st), kindLabel(it.ItemKind(), "quiz"), it.ItemTitle())
			opts = append(opts, huh.NewOption(label, it.ItemID()))
		}
		opts = append(opts, huh.NewOption("Back", back))
		choice := first
		if choice == "" {
			choice = back
		}
		if err := s.selectOne(ch.Title, ch.Book, min(len(opts)+2, 20), opts, &choice); err != nil {
			return err
		}
		if choice == back {
			return nil
		}
		it, _ := s.course.Find(choice)
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
		if err := s.learner.Open(ctx, items[i]); err != nil {
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
	fmt.Fprintf(s.stdout, "\nThat was the last item of %q.\n\n", title)
	return nil
}

func (s *session) header(it engine.Item, n, total int) {
	if s.hw != nil {
		hi, _ := s.hw.Item(it.ItemID())
		fmt.Fprintf(s.stdout, "\n── %s · %d/%d · %s · %s ──\n\n", s.hw.Title, n, total, it.ItemID(), pointsText(hi.Points))
		return
	}
	fmt.Fprintf(s.stdout, "\n── %s · %d/%d · %s ──\n\n", it.ItemChapter().Title, n, total, it.ItemID())
}

func (s *session) playQuestion(ctx context.Context, q *engine.Question, n, total int) (after, error) {
	s.header(q, n, total)
	if q.Multipart != "" {
		fmt.Fprintf(s.stdout, "%s\n\n", s.renderMarkdown(q.Multipart))
	}
	if q.Prompt != "" {
		fmt.Fprintf(s.stdout, "%s\n\n", s.renderMarkdown(q.Prompt))
	}
	if q.Type == engine.Tracing {
		fmt.Fprintf(s.stdout, "%s\n\n", numbered(q.Program))
	}
	for {
		ans, err := s.ask(q, 0)
		if err != nil {
			return goMenu, err
		}
		if !s.plain || q.Type != engine.ShortAnswer { // else the typed line shows it already
			fmt.Fprintf(s.stdout, "Your answer: %s\n", describeAnswer(q, ans))
		}
		g, err := s.learner.Answer(ctx, q, ans)
		if errors.Is(err, learn.ErrEmptyAnswer) {
			fmt.Fprintf(s.stdout, "\nNothing picked: pick every right answer (space or x toggles one), then Enter.\n\n")
			continue
		}
		if err != nil {
			return goMenu, err
		}
		if g.Right {
			fmt.Fprintf(s.stdout, "\n✓ Right!\n\n%s\n", s.renderMarkdown(q.Context))
			return s.whatNext()
		}
		fmt.Fprintln(s.stdout, "\n✗ Not quite.")
		if why := whyNotText(g.WhyNot); why != "" && s.hw == nil { // homework shows no answers
			fmt.Fprintf(s.stdout, "\n%s\n", s.renderMarkdown(why))
		}
		const retry, giveUp, skip = "retry", "give-up", "skip"
		choice := retry
		opts := []huh.Option[string]{huh.NewOption("Try again", retry)}
		if s.hw == nil { // homework is graded: no answers shown
			opts = append(opts, huh.NewOption("Give up and see the answer", giveUp))
		}
		opts = append(opts, huh.NewOption("Skip for now", skip))
		err = s.selectOne("What now?", "", 0, opts, &choice)
		if err != nil {
			return goMenu, err
		}
		switch choice {
		case giveUp:
			if err := s.learner.GiveUp(ctx, q); err != nil {
				return goMenu, err
			}
			fmt.Fprintf(s.stdout, "\nThe answer:\n%s\n\n%s\n", indent(quiz.Describe(q), "  "), s.renderMarkdown(q.Context))
			return s.whatNext()
		case skip:
			return goNext, nil
		}
	}
}

func (s *session) whatNext() (after, error) {
	next := true
	err := s.confirm("Go on to the next item?", "Next", "Menu", &next)
	if err != nil || !next {
		return goMenu, err
	}
	return goNext, nil
}

// ask shows the field that fits the question's type and returns the answer.
// A MultipleChoice question's options are shown in quiz.Choices(q, seed)
// order. In accessible mode the plain prompter asks.
func (s *session) ask(q *engine.Question, seed uint64) (quiz.Answer, error) {
	if s.plainMode() {
		return s.plainPrompter().ask(s.ctx, q, quiz.Choices(q, seed))
	}
	var ans quiz.Answer
	switch q.Type {
	case engine.MultipleChoice:
		choices := quiz.Choices(q, seed)
		opts := make([]huh.Option[string], len(choices))
		for i, c := range choices {
			opts[i] = huh.NewOption(c, c)
		}
		if q.Multi {
			return ans, s.form(huh.NewMultiSelect[string]().Title("Pick every right answer (space to pick, enter to submit)").
				Options(opts...).Value(&ans.Choices))
		}
		var one string
		err := s.form(huh.NewSelect[string]().Title("Your answer").Options(opts...).Value(&one))
		ans.Choices = []string{one}
		return ans, err
	case engine.ShortAnswer:
		return ans, s.form(huh.NewInput().Title("Your answer").Value(&ans.Text))
	case engine.Tracing:
		if err := s.form(huh.NewConfirm().Title("Does this program compile?").Affirmative("Yes").Negative("No").Value(&ans.DoesCompile)); err != nil {
			return ans, err
		}
		if ans.DoesCompile {
			if err := s.form(huh.NewText().Title("What does it print? (alt+enter or ctrl+j for a new line)").Value(&ans.Stdout)); err != nil {
				return ans, err
			}
			return ans, s.form(huh.NewSelect[string]().Title("How does it end?").Options(
				huh.NewOption("Normally", ""),
				huh.NewOption("It panics", engine.FailurePanic),
				huh.NewOption("It deadlocks", engine.FailureDeadlock),
			).Value(&ans.Failure))
		}
		if !q.AskLine {
			return ans, nil // as mdbook-quiz: no line unless the course asks
		}
		var line string
		err := s.form(huh.NewInput().Title("On which line is the error?").Value(&line).Validate(func(v string) error {
			if _, err := strconv.Atoi(strings.TrimSpace(v)); err != nil {
				return errors.New("a line number, please")
			}
			return nil
		}))
		ans.LineNumber, _ = strconv.Atoi(strings.TrimSpace(line))
		return ans, err
	}
	return ans, fmt.Errorf("cannot ask a %s question", q.Type)
}

func (s *session) playExercise(ctx context.Context, ex *engine.Exercise, n, total int) (after, error) {
	s.header(ex, n, total)
	file, err := s.exerciseFile(ex)
	if err != nil {
		return goMenu, err
	}
	fmt.Fprintf(s.stdout, "%s\n\n%s\n\nYour file: %s\n(edit it in any editor; choose Check when ready)\n\n", ex.Title, s.renderMarkdown(ex.Prompt), s.fileLink(file))
	// Hints revealed before, here or by asynclings hint, stay revealed.
	hints, err := s.learner.HintsRevealed(ctx, ex)
	if err != nil {
		return goMenu, err
	}
	st := s.status(ex.ID)
	passed := st == engine.StatusDone
	gaveUp := st == engine.StatusGivenUp
	for {
		const check, edit, hint, giveUp, solution, next, menu = "check", "edit", "hint", "give-up", "solution", "next", "menu"
		opts := []huh.Option[string]{huh.NewOption("Check my code", check)}
		if editor := editorCommand(); editor != "" {
			opts = append(opts, huh.NewOption("Open in "+editor, edit))
		}
		if hints < len(ex.Hints) {
			opts = append(opts, huh.NewOption(fmt.Sprintf("Show a hint (%d of %d)", hints+1, len(ex.Hints)), hint))
		}
		if passed || gaveUp {
			opts = append(opts, huh.NewOption("See the solution", solution))
		} else if s.hw == nil { // homework is graded: no solutions shown
			opts = append(opts, huh.NewOption("Give up and see the solution", giveUp))
		}
		nextLabel := "Skip to the next item"
		if passed || gaveUp {
			nextLabel = "Next item"
		}
		opts = append(opts, huh.NewOption(nextLabel, next), huh.NewOption("Back to the menu", menu))
		choice := check
		if passed || gaveUp {
			choice = next
		}
		if err := s.selectOne(ex.Title, "", 0, opts, &choice); err != nil {
			return goMenu, err
		}
		switch choice {
		case check:
			sub, err := s.readSubmission(ex, file)
			if err != nil {
				return goMenu, err
			}
			// Ctrl-C stops this check alone; the session goes on.
			cctx, done := interruptScope(ctx)
			v, err := s.checkCode(cctx, ex, sub, true, true)
			interrupted := cctx.Err() != nil && ctx.Err() == nil
			done()
			if interrupted {
				fmt.Fprintln(s.stdout, "\nCheck stopped.")
				continue
			}
			if err != nil {
				fmt.Fprintln(s.stderr, "asynclings:", err)
				continue
			}
			fmt.Fprintln(s.stdout)
			s.printVerdict(v)
			fmt.Fprintln(s.stdout)
			if v.Passed() {
				passed = true
				fmt.Fprintln(s.stdout, "Well done! The exercise is solved.")
				if path, err := s.writeSolution(ex); err != nil {
					fmt.Fprintln(s.stderr, "asynclings:", err)
				} else {
					fmt.Fprintf(s.stdout, "The reference solution, to compare with yours: %s\n", path)
				}
			}
		case edit:
			if err := s.openEditor(file); err != nil {
				fmt.Fprintln(s.stderr, "asynclings:", err)
			}
		case hint:
			n, text, err := s.learner.RevealHint(ctx, ex)
			if err != nil {
				return goMenu, err
			}
			if n > 0 {
				fmt.Fprintf(s.stdout, "\nHint %d of %d: %s\n\n", n, len(ex.Hints), s.renderMarkdown(text))
				hints = n
			} else {
				hints = len(ex.Hints)
			}
		case giveUp:
			sure := false
			if err := s.confirm("Give up and see the solution? It is recorded as given up.", "Give up", "Keep trying", &sure); err != nil {
				return goMenu, err
			}
			if !sure {
				continue
			}
			if err := s.learner.GiveUp(ctx, ex); err != nil {
				return goMenu, err
			}
			gaveUp = true
			fallthrough
		case solution:
			path, err := s.writeSolution(ex)
			if err != nil {
				return goMenu, err
			}
			fmt.Fprintf(s.stdout, "\nThe reference solution:\n\n%s\n\nWritten beside your file: %s\n\n", strings.TrimRight(ex.Solution, "\n"), path)
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

// numbered prefixes a program's lines with their numbers, so that a learner
// can name the line of a compile error.
func numbered(src string) string {
	lines := strings.Split(strings.TrimRight(src, "\n"), "\n")
	for i, l := range lines {
		lines[i] = fmt.Sprintf("%3d | %s", i+1, l)
	}
	return strings.Join(lines, "\n")
}

func describeAnswer(q *engine.Question, a quiz.Answer) string {
	switch q.Type {
	case engine.MultipleChoice:
		return strings.Join(a.Choices, " | ")
	case engine.ShortAnswer:
		return a.Text
	}
	if !a.DoesCompile {
		return fmt.Sprintf("does not compile (line %d)", a.LineNumber)
	}
	out := "compiles and prints:\n" + indent(a.Stdout, "  ")
	if a.Failure != "" {
		out += "\n  then it ends in a " + a.Failure
	}
	return out
}

// dueForReview are the questions due for review now.
func (s *session) dueForReview(ctx context.Context) ([]*engine.Question, error) {
	all, err := s.store.AllReviews(ctx, s.userName, s.course.ID)
	if err != nil {
		return nil, err
	}
	var due []reviewJSON
	for _, it := range s.reviewItems(all, time.Now()) {
		if it.DueNow {
			due = append(due, it)
		}
	}
	return s.dueQuestions(due), nil
}
