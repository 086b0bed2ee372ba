package main

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

// keyEvent is one key pressed (raw mode) or one line read (line mode).
type keyEvent struct {
	r    rune   // the key; in line mode the line's first rune, 0 if empty
	line string // line mode: the whole line, without its ending
	at   time.Time
	err  error // io.EOF when the input ended
}

// keyReader reads single keys from a terminal in raw mode, or lines when the
// input is not a terminal, so that the same commands can be piped in.
type keyReader struct {
	raw    bool
	events chan keyEvent
	// out is where the program writes while the keys are read: in raw mode
	// it turns "\n" into "\r\n", since raw mode stops the terminal from
	// doing so.
	out, errOut io.Writer

	restoreOnce sync.Once
	restoreFn   func()
}

const (
	keyCtrlCByte = 0x03
	keyCtrlDByte = 0x04
	keyEscByte   = 0x1b
)

// openKeys starts reading keys from in. When in is a terminal it is put in
// raw mode until restore is called; restore is safe to call more than once.
func openKeys(in io.Reader, out, errOut io.Writer) (*keyReader, error) {
	k := &keyReader{events: make(chan keyEvent, 64), out: out, errOut: errOut, restoreFn: func() {}}
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fd := int(f.Fd())
		state, err := term.MakeRaw(fd)
		if err != nil {
			return nil, err
		}
		k.raw = true
		k.restoreFn = func() { term.Restore(fd, state) }
		k.out, k.errOut = crlfWriter{out}, crlfWriter{errOut}
		go k.readRaw(f)
		return k, nil
	}
	go k.readLines(in)
	return k, nil
}

func (k *keyReader) restore() { k.restoreOnce.Do(k.restoreFn) }

func (k *keyReader) readRaw(in io.Reader) {
	buf := make([]byte, 256)
	for {
		n, err := in.Read(buf)
		at := time.Now()
		chunk := buf[:n]
		// An escape sequence (arrow keys and the like) arrives in one read:
		// drop it whole rather than take its letters for commands.
		if len(chunk) > 1 && chunk[0] == keyEscByte {
			chunk = nil
		}
		for len(chunk) > 0 {
			r, size := utf8.DecodeRune(chunk)
			chunk = chunk[size:]
			k.events <- keyEvent{r: r, at: at}
		}
		if err != nil {
			k.events <- keyEvent{at: at, err: io.EOF}
			return
		}
	}
}

func (k *keyReader) readLines(in io.Reader) {
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
			k.events <- keyEvent{r: r, line: line, at: at}
		}
		if err != nil {
			k.events <- keyEvent{at: at, err: io.EOF}
			return
		}
	}
}

// errKeysEnded is the end of the input, or Ctrl-C or Ctrl-D in raw mode.
var errKeysEnded = errors.New("input ended")

// readLine reads a line: in line mode the next line, in raw mode the keys
// up to Enter, echoed, with backspace; Esc or Ctrl-C gives up (empty line).
func (k *keyReader) readLine(ctx context.Context) (string, error) {
	var b []rune
	for {
		var ev keyEvent
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case ev = <-k.events:
		}
		if ev.err != nil {
			return "", errKeysEnded
		}
		if !k.raw {
			return ev.line, nil
		}
		switch ev.r {
		case '\r', '\n':
			io.WriteString(k.out, "\n")
			return string(b), nil
		case keyEscByte, keyCtrlCByte, keyCtrlDByte:
			io.WriteString(k.out, "\n")
			return "", nil
		case 0x7f, 0x08:
			if len(b) > 0 {
				b = b[:len(b)-1]
				io.WriteString(k.out, "\b \b")
			}
		default:
			if ev.r >= ' ' {
				b = append(b, ev.r)
				io.WriteString(k.out, string(ev.r))
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
