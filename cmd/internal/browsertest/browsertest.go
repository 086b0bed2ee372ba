// Package browsertest drives a headless Chromium for tests of the pages
// asynclings writes: open a file, read the DOM, take screenshots.
//
// The browser is Debian's chromium at /usr/bin/chromium (`make browser`
// installs it). A test skips when it is missing, except under CI (CI=true),
// where a missing browser fails the test: CI must not pass by skipping.
package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Path is where the browser is looked for.
const Path = "/usr/bin/chromium"

// Browser is one headless Chromium with one tab, for one test.
type Browser struct {
	t   testing.TB
	ctx context.Context
}

// Available reports whether the browser is installed.
func Available() bool {
	info, err := os.Stat(Path)
	return err == nil && !info.IsDir()
}

// Start starts the browser with a fresh profile and stops it when the test
// ends. It skips the test when the browser is missing outside CI.
func Start(t testing.TB) *Browser {
	t.Helper()
	if !Available() {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing and CI=true: `make browser` installs it", Path)
		}
		t.Skipf("%s is missing: `make browser` installs it", Path)
	}
	// Not t.TempDir: the browser's helpers may still write in the profile
	// for a moment after it exits, and a failed removal would fail the test.
	profile, err := os.MkdirTemp("", "asynclings-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	log := &logWriter{}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.WindowSize(1024, 768),
		chromedp.CombinedOutput(log),
	}
	// Generous: the bound is for a browser that hangs, not a measure.
	base, cancelBase := context.WithTimeout(context.Background(), 3*time.Minute)
	alloc, cancelAlloc := chromedp.NewExecAllocator(base, opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
		cancelBase()
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	// The first action starts the browser.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start %s: %v\n%s", Path, err, log.String())
	}
	return &Browser{t: t, ctx: ctx}
}

// logWriter keeps the first 64 KiB of the browser's output, which
// chromedp's goroutine writes, to show when the browser fails to start.
type logWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.buf.Len() < 64<<10 {
		w.buf.Write(p)
	}
	return len(p), nil
}

func (w *logWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// Open loads a local file in the tab and waits for it to load.
func (b *Browser) Open(file string) {
	b.t.Helper()
	abs, err := filepath.Abs(file)
	if err != nil {
		b.t.Fatal(err)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if err := chromedp.Do(b.ctx, chromedp.Navigate(u.String())); err != nil {
		b.t.Fatalf("open %s: %v", file, err)
	}
}

// Eval evaluates a JavaScript expression in the page and decodes its
// (JSON) value into out.
func (b *Browser) Eval(expr string, out any) {
	b.t.Helper()
	raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]byte](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		b.t.Fatalf("evaluate %s: %v (result %s)", expr, err, raw)
	}
}

// Texts is the text of every element matching the CSS selector, trimmed
// and with runs of white space made one space, as a reader sees it.
func (b *Browser) Texts(selector string) []string {
	b.t.Helper()
	sel, _ := json.Marshal(selector)
	var out []string
	b.Eval(fmt.Sprintf(`Array.from(document.querySelectorAll(%s), e => e.textContent.replace(/\s+/g, " ").trim())`, sel), &out)
	return out
}

// Text is the text of the one element matching the selector; the test
// fails when there is none or more than one.
func (b *Browser) Text(selector string) string {
	b.t.Helper()
	texts := b.Texts(selector)
	if len(texts) != 1 {
		b.t.Fatalf("%d elements match %s, want 1: %q", len(texts), selector, texts)
	}
	return texts[0]
}

// Media emulates a CSS media type ("print", "screen"; "" for none) and a
// prefers-color-scheme ("dark", "light"; "" for the default).
func (b *Browser) Media(media, colorScheme string) {
	b.t.Helper()
	p := emulation.SetEmulatedMediaParams{Media: media}
	if colorScheme != "" {
		p.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: colorScheme}}
	} else {
		// An empty list would keep the last override.
		p.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: ""}}
	}
	err := chromedp.Do(b.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, p)
		return err
	}))
	if err != nil {
		b.t.Fatalf("emulate media %q %q: %v", media, colorScheme, err)
	}
}

// Screenshot takes a PNG of the whole page, writes it to file when file is
// not "", and fails the test when the picture is blank (see CheckNotBlank).
func (b *Browser) Screenshot(file string) []byte {
	b.t.Helper()
	data, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	if file != "" {
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.t.Fatal(err)
		}
	}
	if err := CheckNotBlank(data); err != nil {
		b.t.Errorf("screenshot %s: %v", file, err)
	}
	return data
}

// CheckNotBlank returns an error unless the PNG shows something: at least
// 1% of its pixels differ from the background (its commonest colour), in
// at least 8 colours, as text, rules and a chart give and an empty or
// one-colour page does not.
func CheckNotBlank(data []byte) error {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not a PNG: %w", err)
	}
	st := Stats(img)
	if st.Pixels == 0 {
		return fmt.Errorf("empty image")
	}
	var problems []string
	if st.Ink*100 < st.Pixels {
		problems = append(problems, fmt.Sprintf("%d of %d pixels differ from the background", st.Ink, st.Pixels))
	}
	if st.Colours < 8 {
		problems = append(problems, fmt.Sprintf("%d colours", st.Colours))
	}
	if len(problems) > 0 {
		return fmt.Errorf("looks blank: %s", strings.Join(problems, ", "))
	}
	return nil
}

// ImageStats describe a picture for CheckNotBlank.
type ImageStats struct {
	Pixels, Ink, Colours int
	Background           color.RGBA // the commonest colour
}

// Stats counts the distinct colours of img, and its pixels that are not
// of its commonest colour.
func Stats(img image.Image) ImageStats {
	r := img.Bounds()
	count := map[color.RGBA]int{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			count[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	st := ImageStats{Pixels: r.Dx() * r.Dy(), Colours: len(count)}
	most := 0
	for c, n := range count {
		if n > most || n == most && less(c, st.Background) {
			st.Background, most = c, n
		}
	}
	st.Ink = st.Pixels - most
	return st
}

// less orders colours, so that a tie for the commonest is broken the same
// way every time.
func less(a, b color.RGBA) bool {
	return a.R < b.R || a.R == b.R && (a.G < b.G || a.G == b.G && (a.B < b.B || a.B == b.B && a.A < b.A))
}

// Looks screenshots the whole page as a person would see it: light, dark
// (prefers-color-scheme) and printed, as NAME-light.png, NAME-dark.png and
// NAME-print.png in $ASYNCLINGS_SCREENSHOTS (to look at them), or in a
// temporary directory. Each must not be blank, and the dark one's
// background must be dark, the others' light. It returns the files and
// leaves the page with no emulation.
func (b *Browser) Looks(name string) []string {
	b.t.Helper()
	dir := os.Getenv("ASYNCLINGS_SCREENSHOTS")
	if dir == "" {
		dir = b.t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	var files []string
	for _, look := range []struct{ name, media, scheme string }{
		{"light", "", "light"}, {"dark", "", "dark"}, {"print", "print", "light"},
	} {
		b.Media(look.media, look.scheme)
		file := filepath.Join(dir, name+"-"+look.name+".png")
		img, err := png.Decode(bytes.NewReader(b.Screenshot(file)))
		if err != nil {
			b.t.Fatal(err)
		}
		bg := Stats(img).Background
		if dark := int(bg.R)+int(bg.G)+int(bg.B) < 3*128; dark != (look.name == "dark") {
			b.t.Errorf("%s: the background is %v", file, bg)
		}
		files = append(files, file)
	}
	b.Media("", "")
	return files
}
