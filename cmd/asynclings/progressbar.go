package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
)

// progressBar draws "label [#####-----] 12/30 (41s)" on one line of a
// terminal, redrawn as work is done and every few hundred milliseconds;
// lines printed through it go above the bar. Off a terminal it draws
// nothing, and the printed lines are the progress.
type progressBar struct {
	w           io.Writer
	tty         bool
	label, unit string
	start       time.Time

	mu          sync.Mutex
	done, total int

	quit chan struct{}
	wg   sync.WaitGroup
}

func startProgress(w io.Writer, label, unit string, total int) *progressBar {
	p := &progressBar{w: w, label: label, unit: unit, total: total, start: time.Now(), quit: make(chan struct{})}
	if f, ok := w.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
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

func (p *progressBar) draw() {
	if !p.tty {
		return
	}
	const width = 24
	n := 0
	if p.total > 0 {
		n = width * p.done / p.total
	}
	fmt.Fprintf(p.w, "\r\033[K%s [%s%s] %d/%d %s (%.0fs)", p.label, strings.Repeat("#", n), strings.Repeat("-", width-n), p.done, p.total, p.unit, time.Since(p.start).Seconds())
}

// set records progress and redraws.
func (p *progressBar) set(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.total = done, total
	p.draw()
}

// printf prints a line to out above the bar.
func (p *progressBar) printf(out io.Writer, format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
	fmt.Fprintf(out, format, args...)
	p.draw()
}

// stop removes the bar.
func (p *progressBar) stop() {
	close(p.quit)
	p.wg.Wait()
	if p.tty {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
