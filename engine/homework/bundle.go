package homework

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
)

// BundleFormat names the bundle file format; BundleVersion is its version.
const (
	BundleFormat  = "asynclings-homework"
	BundleVersion = 1
)

// Bundle is what a learner submits: the latest answer or code for each item
// of an assignment.
type Bundle struct {
	Assignment string    `json:"assignment"`
	Course     string    `json:"course"`
	CourseHash string    `json:"course_hash"`
	Student    Student   `json:"student"`
	Submitted  time.Time `json:"submitted"`
	// Draw is the student's draw of the assignment's pools (pool ID -> item
	// IDs, as Assignment.DrawIDs gives it); absent without pools.
	Draw  map[string][]string `json:"draw,omitempty"`
	Items []Work              `json:"items"`
	// Signature is the HMAC of the bundle's checksum with the student's
	// roster key (see Sign), or "" for an unsigned bundle. It is kept
	// beside the bundle in the file, outside the checksum.
	Signature string `json:"-"`
}

// Student names the learner who submits, with the fields of nbgrader's
// gradebook export. Only ID is required.
type Student struct {
	ID        string `json:"id"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	Email     string `json:"email,omitempty"`
}

// Work is the learner's work on one item: an answer to a question or the
// code of an exercise.
type Work struct {
	ID     string       `json:"id"`
	Answer *quiz.Answer `json:"answer,omitempty"`
	Code   string       `json:"code,omitempty"`
	// Files are the learner's editable support files of the exercise, by
	// name, beside Code.
	Files    map[string]string `json:"files,omitempty"`
	Attempts int               `json:"attempts,omitempty"` // attempts at a question, for its penalties
	// Hints is how many hints the learner revealed, resets included; only
	// the instructor's statistics use it.
	Hints int `json:"hints,omitempty"`
}

// The ways a bundle is refused; the errors returned wrap one of these.
var (
	ErrMalformed       = errors.New("malformed bundle")
	ErrTruncated       = errors.New("truncated bundle")
	ErrTampered        = errors.New("bundle checksum mismatch (the file was changed after it was written)")
	ErrWrongAssignment = errors.New("bundle is for another assignment")
	ErrWrongCourse     = errors.New("bundle is for another course or another version of the course")
	ErrWrongDraw       = errors.New("bundle answers another draw of the assignment's pools")
	ErrTooLarge        = fmt.Errorf("bundle file is larger than %d MiB", MaxBundleSize>>20)
)

// MaxBundleSize bounds a bundle file. A bundle holds source files and
// answers: a few hundred KiB is a large one.
const MaxBundleSize = 8 << 20

// envelope is the file: the bundle and the checksum of its canonical encoding.
type envelope struct {
	Format  string          `json:"format"`
	Version int             `json:"version"`
	Bundle  json.RawMessage `json:"bundle"`
	SHA256  string          `json:"sha256"`
	// Signature is Bundle.Signature: present only in a signed bundle.
	Signature string `json:"signature,omitempty"`
}

// canonical is the encoding the checksum is computed over: the bundle as
// encoding/json writes it, compact, fields in declaration order, with the
// submission time in UTC.
func canonical(b *Bundle) ([]byte, error) {
	c := *b
	c.Submitted = c.Submitted.UTC()
	return json.Marshal(&c)
}

// Checksum returns the hex SHA-256 of b's canonical encoding.
func (b *Bundle) Checksum() (string, error) {
	data, err := canonical(b)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// Encode writes b as JSON with its checksum.
func (b *Bundle) Encode(w io.Writer) error {
	data, err := canonical(b)
	if err != nil {
		return fmt.Errorf("encode bundle: %w", err)
	}
	sum := sha256.Sum256(data)
	out, err := json.MarshalIndent(envelope{Format: BundleFormat, Version: BundleVersion, Bundle: data, SHA256: hex.EncodeToString(sum[:]), Signature: b.Signature}, "", "  ")
	if err != nil {
		return fmt.Errorf("encode bundle: %w", err)
	}
	_, err = w.Write(append(out, '\n'))
	return err
}

// Decode reads a bundle written by Encode, refusing one that is malformed,
// truncated, larger than MaxBundleSize, or whose checksum does not match.
// It reads at most MaxBundleSize+1 bytes of r.
func Decode(r io.Reader) (*Bundle, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBundleSize+1))
	if err != nil {
		return nil, fmt.Errorf("read bundle: %w", err)
	}
	if len(data) > MaxBundleSize {
		return nil, ErrTooLarge
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrTruncated)
	}
	var env envelope
	if err := strictUnmarshal(data, &env); err != nil {
		return nil, err
	}
	switch {
	case env.Format != BundleFormat:
		return nil, fmt.Errorf("%w: format is %q, want %q", ErrMalformed, env.Format, BundleFormat)
	case env.Version != BundleVersion:
		return nil, fmt.Errorf("%w: version %d is not supported (this engine reads %d)", ErrMalformed, env.Version, BundleVersion)
	case len(env.Bundle) == 0 || string(env.Bundle) == "null":
		return nil, fmt.Errorf("%w: bundle is missing", ErrMalformed)
	case env.SHA256 == "":
		return nil, fmt.Errorf("%w: sha256 is missing", ErrMalformed)
	case env.Signature != "" && !isHex(env.Signature, sha256.Size):
		return nil, fmt.Errorf("%w: signature is not %d hex digits", ErrMalformed, 2*sha256.Size)
	}
	var b Bundle
	if err := strictUnmarshal(env.Bundle, &b); err != nil {
		return nil, err
	}
	sum, err := b.Checksum()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if !strings.EqualFold(sum, env.SHA256) {
		return nil, fmt.Errorf("%w: sha256 is %s, the content gives %s", ErrTampered, env.SHA256, sum)
	}
	if err := b.validate(); err != nil {
		return nil, err
	}
	b.Signature = env.Signature
	return &b, nil
}

func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return fmt.Errorf("%w: the JSON ends early", ErrTruncated)
		}
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: data after the end of the bundle", ErrMalformed)
	}
	return nil
}

// validate checks what the checksum cannot: that the bundle says what it is.
func (b *Bundle) validate() error {
	switch {
	case b.Assignment == "":
		return fmt.Errorf("%w: assignment is missing", ErrMalformed)
	case b.Course == "":
		return fmt.Errorf("%w: course is missing", ErrMalformed)
	case b.CourseHash == "":
		return fmt.Errorf("%w: course_hash is missing", ErrMalformed)
	case b.Submitted.IsZero():
		return fmt.Errorf("%w: submitted is missing", ErrMalformed)
	}
	if err := b.Student.validate(); err != nil {
		return err
	}
	for pool, ids := range b.Draw {
		if pool == "" || len(ids) == 0 || slices.Contains(ids, "") {
			return fmt.Errorf("%w: the draw of pool %q is empty or holds an empty item ID", ErrMalformed, pool)
		}
	}
	seen := map[string]bool{}
	for i, w := range b.Items {
		switch {
		case w.ID == "":
			return fmt.Errorf("%w: item %d has no id", ErrMalformed, i+1)
		case seen[w.ID]:
			return fmt.Errorf("%w: item %q is listed twice", ErrMalformed, w.ID)
		case w.Answer != nil && (w.Code != "" || len(w.Files) > 0):
			return fmt.Errorf("%w: item %q has both an answer and code", ErrMalformed, w.ID)
		case w.Attempts < 0:
			return fmt.Errorf("%w: item %q has %d attempts", ErrMalformed, w.ID, w.Attempts)
		case w.Hints < 0:
			return fmt.Errorf("%w: item %q has %d hints", ErrMalformed, w.ID, w.Hints)
		}
		seen[w.ID] = true
	}
	return nil
}

// Check refuses a bundle made for another assignment, another course or
// another version of the course (courseHash is CourseHash of the course the
// instructor grades with), one whose draw is not its student's, or holding
// work that does not fit the assignment or the draw.
func Check(b *Bundle, a *Assignment, courseHash string) error {
	if b.Assignment != a.ID {
		return fmt.Errorf("%w: it is for %q, not %q", ErrWrongAssignment, b.Assignment, a.ID)
	}
	if a.CourseID != "" && b.Course != a.CourseID {
		return fmt.Errorf("%w: it is for course %q, not %q", ErrWrongCourse, b.Course, a.CourseID)
	}
	if b.CourseHash != courseHash {
		return fmt.Errorf("%w: course hash %s, the instructor's course is %s", ErrWrongCourse, short(b.CourseHash), short(courseHash))
	}
	draw := a.DrawIDs(b.Student.ID)
	if !maps.EqualFunc(b.Draw, draw, slices.Equal) {
		if len(draw) == 0 {
			return fmt.Errorf("%w: it records a draw (%s), but %s has no pools", ErrWrongDraw, DrawText(b.Draw), a.ID)
		}
		return fmt.Errorf("%w: it records %s, but %s's draw is %s", ErrWrongDraw, DrawText(b.Draw), b.Student.ID, DrawText(draw))
	}
	drawn := map[string]bool{}
	for _, it := range a.Draw(b.Student.ID) {
		drawn[it.ID] = true
	}
	for _, w := range b.Items {
		it, ok := a.Item(w.ID)
		switch {
		case !ok:
			return fmt.Errorf("%w: item %q is not part of assignment %s", ErrMalformed, w.ID, a.ID)
		case !drawn[w.ID]:
			return fmt.Errorf("%w: item %q is not in %s's draw (%s)", ErrWrongDraw, w.ID, b.Student.ID, DrawText(draw))
		case it.Kind == engine.KindExercise && w.Answer != nil:
			return fmt.Errorf("%w: item %q is an exercise but holds a quiz answer", ErrMalformed, w.ID)
		case it.Kind == engine.KindQuestion && (w.Code != "" || len(w.Files) > 0):
			return fmt.Errorf("%w: item %q is a question but holds code", ErrMalformed, w.ID)
		}
	}
	return nil
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// CourseHash returns the hex SHA-256 of a course's files: every regular file
// under the root of fsys, in sorted path order, each as its path, a NUL, its
// length (8 bytes, big-endian) and its contents. Files and directories whose
// names begin with "." (.git, editor files) are left out.
func CourseHash(fsys fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(data)))
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write(n[:])
		h.Write(data)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("course hash: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
