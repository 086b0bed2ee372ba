package ui

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/term"
)

// KeyEvent is one key pressed (raw mode) or one line read (line mode).
type KeyEvent struct {
	R    rune   // the key; in line mode the line's first rune, 0 if empty
	Line string // line mode: the whole line, without its ending
	At   time.Time
	Err  error // io.EOF when the input ended
}

// Keys reads single keys from a terminal in raw mode, or lines when the
// input is not a terminal, so that the same commands can be piped in.
type Keys struct {
	Raw    bool
	Events chan KeyEvent
	// Out is where the program writes while the keys are read: in raw mode
	// it turns "\n" into "\r\n", since raw mode stops the terminal from
	// doing so.
	Out, ErrOut io.Writer

	restoreOnce sync.Once
	restoreFn   func()
}

// Keys read in raw mode.
const (
	KeyCtrlC = 0x03
	KeyCtrlD = 0x04
	KeyEsc   = 0x1b
)

// OpenKeys starts reading keys from in. When in is a terminal it is put in
// raw mode until Restore is called; Restore is safe to call more than once.
func OpenKeys(in io.Reader, out, errOut io.Writer) (*Keys, error) {
	k := &Keys{Events: make(chan KeyEvent, 64), Out: out, ErrOut: errOut, restoreFn: func() {}}
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fd := int(f.Fd())
		state, err := term.MakeRaw(fd)
		if err != nil {
			return nil, err
		}
		k.Raw = true
		k.restoreFn = func() { term.Restore(fd, state) }
		k.Out, k.ErrOut = crlfWriter{out}, crlfWriter{errOut}
		go k.readRaw(f)
		return k, nil
	}
	go k.readLines(in)
	return k, nil
}

// Restore takes the terminal out of raw mode.
func (k *Keys) Restore() { k.restoreOnce.Do(k.restoreFn) }

func (k *Keys) readRaw(in io.Reader) {
	buf := make([]byte, 256)
	for {
		n, err := in.Read(buf)
		at := time.Now()
		chunk := buf[:n]
		// An escape sequence (arrow keys and the like) arrives in one read:
		// drop it whole rather than take its letters for commands.
		if len(chunk) > 1 && chunk[0] == KeyEsc {
			chunk = nil
		}
		for len(chunk) > 0 {
			r, size := utf8.DecodeRune(chunk)
			chunk = chunk[size:]
			k.Events <- KeyEvent{R: r, At: at}
		}
		if err != nil {
			k.Events <- KeyEvent{At: at, Err: io.EOF}
			return
		}
	}
}

func (k *Keys) readLines(in io.Reader) {
	br := bufio.NewReader(in)
	for {
		s, err := br.ReadString('\n')
		at := time.Now()
		if s != "" || err == nil {
			line := strings.TrimSpace(s)
			r, _ := utf8.DecodeRuneInString(line)
			if line == "" {
				r = 0
			}
			k.Events <- KeyEvent{R: r, Line: line, At: at}
		}
		if err != nil {
			k.Events <- KeyEvent{At: at, Err: io.EOF}
			return
		}
	}
}

// ErrKeysEnded is the end of the input, or Ctrl-C or Ctrl-D in raw mode.
var ErrKeysEnded = errors.New("input ended")

// ReadLine reads a line: in line mode the next line, in raw mode the keys
// up to Enter, echoed, with backspace; Esc or Ctrl-C gives up (empty line).
func (k *Keys) ReadLine(ctx context.Context) (string, error) {
	var b []rune
	for {
		var ev KeyEvent
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case ev = <-k.Events:
		}
		if ev.Err != nil {
			return "", ErrKeysEnded
		}
		if !k.Raw {
			return ev.Line, nil
		}
		switch ev.R {
		case '\r', '\n':
			io.WriteString(k.Out, "\n")
			return string(b), nil
		case KeyEsc, KeyCtrlC, KeyCtrlD:
			io.WriteString(k.Out, "\n")
			return "", nil
		case 0x7f, 0x08:
			if len(b) > 0 {
				b = b[:len(b)-1]
				io.WriteString(k.Out, "\b \b")
			}
		default:
			if ev.R >= ' ' {
				b = append(b, ev.R)
				io.WriteString(k.Out, string(ev.R))
			}
		}
	}
}

// crlfWriter writes "\r\n" for every "\n", for a terminal in raw mode.
type crlfWriter struct{ w io.Writer }

func (c crlfWriter) Write(p []byte) (int, error) {
	if bytes.IndexByte(p, '\n') < 0 {
		return c.w.Write(p)
	}
	if _, err := c.w.Write(bytes.ReplaceAll(p, []byte("\n"), []byte("\r\n"))); err != nil {
		return 0, err
	}
	return len(p), nil
}
