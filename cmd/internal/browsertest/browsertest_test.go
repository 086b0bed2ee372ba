package browsertest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"slices"
	"testing"
)

func encode(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCheckNotBlank(t *testing.T) {
	white := image.NewRGBA(image.Rect(0, 0, 100, 100))
	for i := range white.Pix {
		white.Pix[i] = 0xff
	}
	// One colour that covers half the picture: not blank by ink, but too
	// few colours for a page of text.
	twoTone := image.NewRGBA(white.Rect)
	copy(twoTone.Pix, white.Pix)
	// Text-like: 12 greys scattered over 2% of the pixels.
	text := image.NewRGBA(white.Rect)
	copy(text.Pix, white.Pix)
	for i := range 200 {
		g := uint8(i % 12 * 20)
		text.Set(i%100, i/100*7, color.RGBA{g, g, g, 0xff})
		twoTone.Set(i%100, i/100, color.Black)
	}
	for y := 0; y < 50; y++ {
		for x := 0; x < 100; x++ {
			twoTone.Set(x, y, color.Black)
		}
	}
	faint := image.NewRGBA(white.Rect)
	copy(faint.Pix, text.Pix)
	for i := 20; i < 200; i++ { // text kept on 20 pixels only: 0.2%
		faint.Set(i%100, i/100*7, color.White)
	}
	tests := []struct {
		name  string
		img   image.Image
		blank bool
	}{
		{"white", white, true},
		{"two colours", twoTone, true},
		{"faint", faint, true},
		{"text", text, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckNotBlank(encode(t, tt.img))
			if (err != nil) != tt.blank {
				t.Errorf("CheckNotBlank = %v, want blank %v (stats %+v)", err, tt.blank, Stats(tt.img))
			}
		})
	}
	if CheckNotBlank([]byte("not a png")) == nil {
		t.Error("CheckNotBlank accepted bytes that are not a PNG")
	}
}

func TestBrowser(t *testing.T) {
	b := Start(t)
	b.Open(filepath.Join("testdata", "page.html"))
	if got := b.Text("#title"); got != "Known page" {
		t.Errorf("Text(#title) = %q, want %q", got, "Known page")
	}
	if got := b.Texts("li.n"); !slices.Equal(got, []string{"1", "22", "333"}) {
		t.Errorf("Texts(li.n) = %q", got)
	}
	var js string
	b.Eval(`document.getElementById("title").dataset.js`, &js)
	if js != "ran" {
		t.Errorf("the page's script did not run: %q", js)
	}
	dir := t.TempDir()
	shot := func(name string) image.Image {
		img, err := png.Decode(bytes.NewReader(b.Screenshot(filepath.Join(dir, name))))
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	light := Stats(shot("light.png")).Background
	b.Media("", "dark")
	dark := Stats(shot("dark.png")).Background
	if light != (color.RGBA{0xff, 0xff, 0xff, 0xff}) || dark != (color.RGBA{0x11, 0x11, 0x11, 0xff}) {
		t.Errorf("backgrounds light %v, dark %v: want white, then #111 under prefers-color-scheme: dark", light, dark)
	}
	var display string
	b.Media("print", "")
	b.Eval(`getComputedStyle(document.querySelector(".screen-only")).display`, &display)
	if display != "none" {
		t.Errorf("under print emulation .screen-only has display %q, want none", display)
	}
}
