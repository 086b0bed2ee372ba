package ui

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// Bar draws done/total as a bar width cells wide: "[###.....]".
func Bar(done, total, width int) string {
	width = max(width, 1)
	filled := 0
	if total > 0 {
		filled = min(done*width/total, width)
	}
	return "[" + strings.Repeat("#", filled) + strings.Repeat(".", width-filled) + "]"
}

// fit cuts a status line to the terminal's width (less one column, so that
// the cursor does not wrap), 0 meaning no terminal.
func fit(s string, width int) string {
	if width <= 1 {
		return s
	}
	return ansi.Truncate(s, width-1, "…")
}

// Progress draws "label [#####-----] 12/30 unit (41s)" on one line of a
// terminal, redrawn as work is done and every few hundred milliseconds;
// lines printed through it go above the bar. Off a terminal it draws
// nothing, and the printed lines are the progress. It never takes more than
// one line: the bar shrinks, and the line is cut, to the terminal's width.
type Progress struct {
	w           io.Writer
	tty         bool
	label, unit string
	start       time.Time

	mu          sync.Mutex
	done, total int

	quit chan struct{}
	wg   sync.WaitGroup
}

// StartProgress starts drawing on w, if w is a terminal.
func StartProgress(w io.Writer, label, unit string, total int) *Progress {
	p := &Progress{w: w, label: label, unit: unit, total: total, start: time.Now(), quit: make(chan struct{})}
	if IsTerminal(w) {
		p.tty = true
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			tick := time.NewTicker(250 * time.Millisecond)
			defer tick.Stop()
			for {
				p.mu.Lock()
				p.draw()
				p.mu.Unlock()
				select {
				case <-p.quit:
					return
				case <-tick.C:
				}
			}
		}()
	}
	return p
}

func (p *Progress) draw() {
	if !p.tty {
		return
	}
	rest := fmt.Sprintf(" %d/%d %s (%.0fs)", p.done, p.total, p.unit, time.Since(p.start).Seconds())
	width := 24
	if cols := Width(p.w); cols > 0 {
		width = max(min(width, cols-1-ansi.StringWidth(p.label)-len(rest)-3), 5)
	}
	n := 0
	if p.total > 0 {
		n = min(width*p.done/p.total, width)
	}
	line := fmt.Sprintf("%s [%s%s]%s", p.label, strings.Repeat("#", n), strings.Repeat("-", width-n), rest)
	fmt.Fprintf(p.w, "\r\033[K%s", fit(line, Width(p.w)))
}

// Set records progress and redraws.
func (p *Progress) Set(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.total = done, total
	p.draw()
}

// Printf prints a line to out above the bar.
func (p *Progress) Printf(out io.Writer, format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
	fmt.Fprintf(out, format, args...)
	p.draw()
}

// Stop removes the bar.
func (p *Progress) Stop() {
	close(p.quit)
	p.wg.Wait()
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// SpinnerNote, when set, says after a spinner's label what its work waits
// for (the warm-up of the build cache).
var SpinnerNote func() string

// StartSpinner shows a spinner on w while work runs, when w is a terminal;
// the returned function stops it and clears its line.
func StartSpinner(w io.Writer, label string) func() {
	if !IsTerminal(w) {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		frames := []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}
		start := time.Now()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			note := ""
			if SpinnerNote != nil {
				note = SpinnerNote()
			}
			line := fmt.Sprintf("%s %s%s (%.0fs)", frames[i%len(frames)], label, note, time.Since(start).Seconds())
			fmt.Fprintf(w, "\r\033[K%s", fit(line, Width(w)))
			select {
			case <-done:
				fmt.Fprint(w, "\r\033[K")
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}
