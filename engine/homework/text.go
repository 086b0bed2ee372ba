package homework

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The words homework's messages are made of, shared by the commands that
// print them and the reports.

// FormatPoints drops trailing zeros: 10, 7.5, 23.2. Rounding to 1/10000
// first hides float noise such as 23.200000000000003.
func FormatPoints(x float64) string {
	x = math.Round(x*1e4) / 1e4
	if x == 0 {
		x = 0 // not "-0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// FormatUTC is a time as the gradebook shows it: "2026-12-01 23:59 UTC".
func FormatUTC(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

// DueText says how a time stands against the assignment's due date.
func DueText(asg *Assignment, at time.Time) string {
	if !at.After(asg.Due) {
		return fmt.Sprintf("on time (due %s, %s left)", FormatUTC(asg.Due), HumanDuration(asg.Due.Sub(at)))
	}
	days := DaysLate(asg.Due, at)
	if days > asg.LateCutoffDays {
		return fmt.Sprintf("LATE: %s after the due date %s, past the %s cutoff, so it scores 0", HumanDuration(at.Sub(asg.Due)), FormatUTC(asg.Due), Plural(asg.LateCutoffDays, "day"))
	}
	return fmt.Sprintf("late: %s after the due date %s, %s late at %s%% a day", HumanDuration(at.Sub(asg.Due)), FormatUTC(asg.Due), Plural(days, "started day"), FormatPoints(100*asg.LatePenaltyPerDay))
}

// HumanDuration is a duration in the two largest units: "3 days 4 hours".
func HumanDuration(d time.Duration) string {
	d = d.Round(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case days > 0:
		return strings.TrimSuffix(Plural(days, "day")+" "+Plural(hours, "hour"), " 0 hours")
	case hours > 0:
		return strings.TrimSuffix(Plural(hours, "hour")+" "+Plural(mins, "minute"), " 0 minutes")
	}
	return Plural(mins, "minute")
}

// Plural is "1 day", "2 days".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Clean drops control characters from text that came from a student, so
// that it cannot drive the instructor's terminal.
func Clean(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) { // Cf: bidi overrides can disguise a name
			return -1
		}
		return r
	}, s)
}

// MaxFileName bounds a file name made from a student's text (before the
// extension), well under any file system's 255 bytes.
const MaxFileName = 80

// FileSafe keeps what a file name can hold safely, in at most MaxFileName
// bytes: a longer name is cut and ends in a short hash of the whole text,
// so two long names stay apart.
func FileSafe(s string) string {
	name := strings.TrimLeft(s, ".") // no hidden files, no ".."
	if name == "" {
		return "_"
	}
	name = strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, name)
	if len(name) > MaxFileName {
		sum := sha256.Sum256([]byte(s))
		tag := hex.EncodeToString(sum[:5])
		name = name[:MaxFileName-len(tag)-1] + "-" + tag
	}
	return name
}

// BundleName is the file a learner's bundle is written to by default.
func BundleName(assignmentID, studentID string) string {
	return FileSafe(assignmentID+"-"+studentID) + ".json"
}

// IDWidth is the width of the assignment's longest item ID, to line up a
// list of its items.
func IDWidth(asg *Assignment) int {
	w := 0
	for _, it := range asg.AllItems() {
		w = max(w, len(it.ID))
	}
	return w
}
