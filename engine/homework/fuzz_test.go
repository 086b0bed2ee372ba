package homework_test

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
)

// FuzzDecode feeds Decode what a student could hand in. It must never
// panic, every refusal must say which kind it is, and whatever it accepts
// must encode to a file that decodes to the same bundle.
func FuzzDecode(f *testing.F) {
	b, _, _ := testBundle(f)
	var buf bytes.Buffer
	if err := b.Encode(&buf); err != nil {
		f.Fatal(err)
	}
	good := buf.Bytes()
	f.Add(good)
	b.Student.ID = "ada\u200b"
	buf.Reset()
	b.Encode(&buf)
	f.Add(bytes.Clone(buf.Bytes()))
	b.Student.ID = "ada"
	b.Signature = strings.Repeat("0f", 32)
	buf.Reset()
	b.Encode(&buf)
	f.Add(bytes.Clone(buf.Bytes()))
	b.Draw = map[string][]string{"warm-up": {"first"}}
	buf.Reset()
	b.Encode(&buf)
	f.Add(bytes.Clone(buf.Bytes()))
	f.Add(good[:len(good)/2])
	f.Add(bytes.Replace(good, []byte("go"), []byte("no"), 1))
	f.Add([]byte(`{"format":"asynclings-homework","version":1,"bundle":null,"sha256":""}`))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := homework.Decode(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, homework.ErrMalformed) && !errors.Is(err, homework.ErrTruncated) && !errors.Is(err, homework.ErrTampered) && !errors.Is(err, homework.ErrTooLarge) {
				t.Fatalf("refusal of no known kind: %v", err)
			}
			return
		}
		var out bytes.Buffer
		if err := got.Encode(&out); err != nil {
			t.Fatalf("accepted bundle does not encode: %v", err)
		}
		again, err := homework.Decode(&out)
		if err != nil {
			t.Fatalf("re-encoded bundle refused: %v", err)
		}
		again.Submitted, got.Submitted = again.Submitted.UTC(), got.Submitted.UTC()
		if !reflect.DeepEqual(again, got) {
			t.Fatalf("round trip changed the bundle:\n%+v\n%+v", got, again)
		}
	})
}

// FuzzParseAssignment checks that any assignment text either loads or is
// refused with positioned errors, and never panics.
func FuzzParseAssignment(f *testing.F) {
	c := testCourse(f)
	f.Add(good)
	f.Add("id = \"hw1\"\ntitle = \"T\"\ndue = 2026-12-01T23:59:00\n")
	f.Add("[[items]]\nid = \"first\"\npoints = -1\npenalties = [2]\n")
	f.Add(pooled)
	f.Add("id = \"p\"\ntitle = \"T\"\ndue = 2026-12-01T23:59:00Z\n[[pools]]\nid = \"p\"\nchoose = 9223372036854775807\npoints = 1\nitems = [\"first\", \"first\"]\n")
	f.Fuzz(func(t *testing.T, src string) {
		a, err := homework.ParseAssignment("hw.toml", []byte(src), c)
		if err != nil {
			var errs engine.Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("error is not engine.Errors: %v", err)
			}
			return
		}
		draw := a.Draw("ada")
		if a.ID == "" || len(draw) == 0 || a.Due.IsZero() {
			t.Fatalf("accepted an incomplete assignment: %+v", a)
		}
		want := len(a.Items)
		for _, p := range a.Pools {
			if p.Choose < 1 || p.Choose > len(p.Items) {
				t.Fatalf("accepted pool %s choosing %d of %d", p.ID, p.Choose, len(p.Items))
			}
			want += p.Choose
		}
		if len(draw) != want {
			t.Fatalf("draw of %d items, want %d", len(draw), want)
		}
		var sum float64
		for _, it := range draw {
			if it.Points <= 0 {
				t.Fatalf("accepted item %s with %v points", it.ID, it.Points)
			}
			sum += it.Points
		}
		if math.Abs(sum-a.MaxScore()) > 1e-3 {
			t.Fatalf("draw worth %v, MaxScore %v", sum, a.MaxScore())
		}
	})
}
