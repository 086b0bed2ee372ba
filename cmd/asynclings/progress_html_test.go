package main

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/cmd/internal/browsertest"
)

// TestProgressPageInBrowser loads the learner's page in Chromium: the days
// and counts of a known history (progress-html.txtar's, worked out by hand
// there) are in the DOM, and the page is not blank, light or dark. With
// $ASYNCLINGS_SCREENSHOTS set, the screenshots are kept in that directory.
func TestProgressPageInBrowser(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	// The learner's zone: config reads it as time.Local.
	local := time.Local
	time.Local = ny
	t.Cleanup(func() { time.Local = local })
	work := t.TempDir()
	t.Setenv("ASYNCLINGS_DB", filepath.Join(work, "progress.db"))
	t.Setenv("ASYNCLINGS_WORKSPACE", filepath.Join(work, "ws"))
	broken := filepath.Join(work, "broken.go")
	if err := os.WriteFile(broken, []byte("func Both(a, b func() int) (int, int)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cli := func(at string, want int, args ...string) string {
		t.Helper()
		t.Setenv("ASYNCLINGS_TEST_NOW", at)
		var out, errs bytes.Buffer
		if got := run(context.Background(), append(args, "--user", "ada"), strings.NewReader(""), &out, &errs); got != want {
			t.Fatalf("asynclings %s at %s: exit %d, want %d\n%s%s", strings.Join(args, " "), at, got, want, out.String(), errs.String())
		}
		return out.String()
	}
	cli("2026-03-02T15:00:00Z", 0, "answer", "gs-go-keyword", "go")
	cli("2026-03-03T03:30:00Z", 1, "answer", "gs-poll", "wake")
	cli("2026-03-04T14:00:00Z", 0, "answer", "gs-poll", "poll")
	cli("2026-03-09T03:30:00Z", 1, "check", "gs-both", "--file", broken)
	cli("2026-03-09T03:35:00Z", 1, "answer", "gs-trace-waitgroup", "[0 1 2 3]")
	cli("2026-03-09T13:00:00Z", 1, "answer", "gs-waitgroup", "--give-up")
	page := filepath.Join(work, "page.html")
	cli("2026-03-23T16:00:00Z", 0, "progress", "--html", page)

	b := browsertest.Start(t)
	b.Open(page)
	for sel, want := range map[string]string{
		"#summary-done":      "2 of 198",
		"#summary-first-try": "20% 1 of 5 items tried",
		"#summary-due":       "3",
		// New York's days: the wrong answer at 03:30 UTC on the 3rd was
		// on the 2nd there.
		`#calendar td[data-date="2026-03-02"]`:        "2",
		`#calendar td[data-date="2026-03-03"]`:        "0",
		`#calendar td[data-date="2026-03-04"]`:        "1",
		`#calendar td[data-date="2026-03-08"]`:        "2",
		`#calendar td[data-date="2026-03-09"]`:        "1",
		`#calendar td[data-date="2026-03-23"]`:        "0",
		"#chapters-table tbody tr:first-child":        "Getting Started 2 22 6 1 of 5 tried (20%) 0 1",
		"#days-table tbody tr:nth-child(3)":           "Sun 2026-03-08 2 0 0 5m",
		"#first-try-chart-data tbody tr:first-child":  "2 Mar 25% 4 1",
		"#first-try-chart-data tbody tr:nth-child(2)": "9 Mar 0% 1 0",
		"#forecast-chart-data tbody tr:first-child":   "Mon 2026-03-23 3",
		"#forecast-chart-data tbody tr:nth-child(2)":  "Tue 2026-03-24 0",
	} {
		got := b.Text(sel)
		if strings.HasSuffix(sel, "tr:first-child") || strings.Contains(sel, "tr:nth-child") {
			got = strings.Join(b.Texts(sel+" > *"), " ") // a row, cell by cell
		}
		if got != want {
			t.Errorf("%s reads %q, want %q", sel, got, want)
		}
	}
	if n := len(b.Texts("#calendar td[data-date]")); n != 12*7-6 {
		t.Errorf("the calendar has %d days, want 12 weeks to Monday 23 March (78)", n)
	}
	// No hint was used: the give-up is in a table, with no chart.
	if n := len(b.Texts("svg.chart")); n != 3 {
		t.Errorf("%d charts, want 3 (chapters, first try, forecast)", n)
	}
	if got := strings.Join(b.Texts("#hints-chart-data tbody tr > *"), " "); got != "Getting Started 0 1" {
		t.Errorf("the hints table reads %q, want the one chapter with a give-up", got)
	}

	dir := os.Getenv("ASYNCLINGS_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, scheme := range []string{"light", "dark"} {
		b.Media("", scheme)
		shot := b.Screenshot(filepath.Join(dir, "progress-"+scheme+".png"))
		img, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			t.Fatal(err)
		}
		bg := browsertest.Stats(img).Background
		if dark := int(bg.R)+int(bg.G)+int(bg.B) < 3*128; dark != (scheme == "dark") {
			t.Errorf("%s: the background is %v", scheme, bg)
		}
	}
	b.Media("print", "")
	b.Screenshot(filepath.Join(dir, "progress-print.png"))
}
