package homework_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine/homework"
)

func TestNormalizeStudentID(t *testing.T) {
	good := map[string]string{
		"ada":                   "ada",
		"Ada.Lovelace":          "ada.lovelace",
		"s123":                  "s123",
		"9lives":                "9lives",
		"ada+hw@example.org":    "ada+hw@example.org",
		"a_b-c":                 "a_b-c",
		strings.Repeat("x", 64): strings.Repeat("x", 64),
	}
	for in, want := range good {
		got, err := homework.NormalizeStudentID(in)
		if err != nil || got != want {
			t.Errorf("NormalizeStudentID(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := map[string]string{
		"":                       "empty",
		strings.Repeat("x", 65):  "at most 64",
		strings.Repeat("x", 300): "at most 64",
		"bob\u200b":              "invisible character, U+200B",
		"bo\u200db":              "invisible character, U+200D",
		"\ufeffbob":              "invisible character, U+FEFF",
		"bob\u202e":              "invisible character, U+202E", // a bidi override
		"bob\x00":                "invisible character, U+0000",
		"bob\n":                  "invisible character, U+000A",
		"bob\u00a0":              "invisible character, U+00A0",
		"b\u043eb":               "U+043E", // a Cyrillic o
		"bob smith":              "holds ' '",
		"a/b":                    "holds '/'",
		"..":                     "start with a letter or a digit",
		".bob":                   "start with a letter or a digit",
		"-bob":                   "start with a letter or a digit",
		"=cmd":                   "start with a letter or a digit",
		"bob\xff":                "ASCII",
	}
	for in, msg := range bad {
		got, err := homework.NormalizeStudentID(in)
		if err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("NormalizeStudentID(%q) = %q, %v; want an error saying %q", in, got, err, msg)
		}
	}
}

// TestDecodeStudentID checks that a bundle whose checksum is right is still
// refused, by its ID, when the ID is a lookalike of another one, too long,
// or not in normal form; and that names are bounded.
func TestDecodeStudentID(t *testing.T) {
	tests := []struct {
		name string
		edit func(s *homework.Student)
		msg  string
	}{
		{"zero-width lookalike", func(s *homework.Student) { s.ID = "ada\u200b" }, `"ada\u200b" holds an invisible character, U+200B`},
		{"300 characters", func(s *homework.Student) { s.ID = strings.Repeat("a", 300) }, "300 bytes long, at most 64"},
		{"upper case", func(s *homework.Student) { s.ID = "Ada" }, `"Ada" is not in lower case ("ada")`},
		{"path", func(s *homework.Student) { s.ID = "../ada" }, "start with a letter or a digit"},
		{"long first name", func(s *homework.Student) { s.FirstName = strings.Repeat("A", 129) }, "first_name is 129 bytes long, at most 128"},
		{"long last name", func(s *homework.Student) { s.LastName = strings.Repeat("L", 1000) }, "last_name is 1000 bytes long"},
		{"long email", func(s *homework.Student) { s.Email = strings.Repeat("e", 255) }, "email is 255 bytes long, at most 254"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _, _ := testBundle(t)
			tt.edit(&b.Student)
			_, err := homework.Decode(bytes.NewReader(encode(t, b)))
			if !errors.Is(err, homework.ErrMalformed) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want malformed: %s", err, tt.msg)
			}
		})
	}
}

func TestDecodeTooLarge(t *testing.T) {
	b, _, _ := testBundle(t)
	data := encode(t, b)
	padded := append(bytes.Repeat([]byte(" "), homework.MaxBundleSize), data...)
	if _, err := homework.Decode(bytes.NewReader(padded)); !errors.Is(err, homework.ErrTooLarge) {
		t.Errorf("err = %v, want too large", err)
	}
	// Just under the bound is read.
	fits := append(bytes.Repeat([]byte(" "), homework.MaxBundleSize-len(data)), data...)
	if _, err := homework.Decode(bytes.NewReader(fits)); err != nil {
		t.Errorf("a bundle of exactly MaxBundleSize: %v", err)
	}
}

// TestReadBundleFileHostile gives ReadBundleFile what a hostile student
// could place among the submissions: each must be refused at once, by
// kind, without reading it (a symbolic link to /dev/zero never ends; a
// named pipe with no writer blocks the open; a 200 MB file would take
// memory).
func TestReadBundleFileHostile(t *testing.T) {
	dir := t.TempDir()
	b, _, _ := testBundle(t)
	good := filepath.Join(dir, "good.json")
	if err := os.WriteFile(good, encode(t, b), 0o644); err != nil {
		t.Fatal(err)
	}
	at := func(name string) string {
		if filepath.IsAbs(name) {
			return name
		}
		return filepath.Join(dir, name)
	}
	if err := os.Symlink("/dev/zero", at("zero.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("good.json", at("link.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop.json", at("loop.json")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(at("fifo.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(at("dir.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(at("big.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(200 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	big.Close()
	tests := []struct {
		name string
		want error
		msg  string
	}{
		{"zero.json", homework.ErrNotRegular, "symbolic link"},
		{"link.json", homework.ErrNotRegular, "symbolic link"},
		{"loop.json", homework.ErrNotRegular, "symbolic link"},
		{"fifo.json", homework.ErrNotRegular, "named pipe"},
		{"dir.json", homework.ErrNotRegular, "folder"},
		{"/dev/zero", homework.ErrNotRegular, "device"},
		{"big.json", homework.ErrTooLarge, "200 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := homework.ReadBundleFile(at(tt.name))
				done <- err
			}()
			select {
			case err := <-done:
				if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
					t.Errorf("err = %v, want %v saying %q", err, tt.want, tt.msg)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("ReadBundleFile hangs")
			}
		})
	}
	if _, err := homework.ReadBundleFile(good); err != nil {
		t.Errorf("good.json: %v", err)
	}
}
