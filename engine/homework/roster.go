package homework

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A roster is the instructor's list of students with a random secret.
// Each student's key is derived from the secret and their ID; submit signs
// a bundle with the key, and grading with the roster refuses a bundle
// whose student is not on it or whose signature was not made with that
// student's key. A key proves that the bundle came from someone holding
// it, not who wrote the work: students can share keys.

// RosterFormat names the roster file format; RosterVersion is its version.
const (
	RosterFormat  = "asynclings-roster"
	RosterVersion = 1
)

// The ways grading with a roster refuses a bundle.
var (
	ErrNotOnRoster  = errors.New("student is not on the roster")
	ErrUnsigned     = errors.New("bundle is not signed")
	ErrBadSignature = errors.New("bundle signature does not match")
)

const (
	secretSize = 32
	keySize    = 15 // bytes of a key: 120 bits, 24 base32 digits
	keyDomain  = "asynclings roster v1\x00"
	signDomain = "asynclings bundle v1\x00"
)

// keyEncoding writes keys in lower-case base32 digits; ParseKey reads
// either case.
var keyEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// Roster is a class list with the secret its students' keys come from.
type Roster struct {
	secret   []byte
	Students []Student // IDs in normal form, each once, in the order given
}

type rosterFile struct {
	Format   string    `json:"format"`
	Version  int       `json:"version"`
	Secret   string    `json:"secret"` // base64
	Students []Student `json:"students"`
}

// NewRoster makes a roster with a fresh random secret for students, whose
// IDs are normalized (NormalizeStudentID); an ID that has no normal form,
// or that two students share once normalized, is refused.
func NewRoster(students []Student) (*Roster, error) {
	r := &Roster{secret: make([]byte, secretSize)}
	if _, err := rand.Read(r.secret); err != nil {
		return nil, err
	}
	if err := r.Add(students); err != nil {
		return nil, err
	}
	return r, nil
}

// Add adds students to the roster; the keys of those already on it stay.
func (r *Roster) Add(students []Student) error {
	seen := map[string]bool{}
	for _, s := range r.Students {
		seen[s.ID] = true
	}
	var errs []error
	for _, s := range students {
		n, err := s.Normalize()
		switch {
		case err != nil:
			errs = append(errs, err)
		case seen[n.ID]:
			errs = append(errs, fmt.Errorf("student %q is on the roster twice", n.ID))
		default:
			seen[n.ID] = true
			r.Students = append(r.Students, n)
		}
	}
	if len(r.Students) == 0 && len(errs) == 0 {
		errs = append(errs, errors.New("a roster needs at least one student"))
	}
	return errors.Join(errs...)
}

// Student returns the student with an ID, which is normalized first.
func (r *Roster) Student(id string) (Student, bool) {
	id, err := NormalizeStudentID(id)
	if err != nil {
		return Student{}, false
	}
	for _, s := range r.Students {
		if s.ID == id {
			return s, true
		}
	}
	return Student{}, false
}

// Key returns the key of a student on the roster, for them to submit with:
// 24 base32 digits in groups of four.
func (r *Roster) Key(id string) (string, error) {
	s, ok := r.Student(id)
	if !ok {
		return "", fmt.Errorf("%w: %q", ErrNotOnRoster, id)
	}
	k := keyEncoding.EncodeToString(r.key(s.ID))
	var b strings.Builder
	for i := 0; i < len(k); i += 4 {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(k[i:min(i+4, len(k))])
	}
	return b.String(), nil
}

// key is HMAC-SHA256(secret, keyDomain+id), cut to keySize bytes.
func (r *Roster) key(id string) []byte {
	m := hmac.New(sha256.New, r.secret)
	m.Write([]byte(keyDomain + id))
	return m.Sum(nil)[:keySize]
}

// ParseKey reads a key as Key writes it; case, dashes and spaces do not
// matter.
func ParseKey(s string) ([]byte, error) {
	clean := strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == ' ' || r == '\t':
			return -1
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return r
	}, s)
	k, err := keyEncoding.DecodeString(clean)
	if err != nil || len(k) != keySize {
		return nil, errors.New("not a roster key: a key is 24 letters and digits in groups of four, as the instructor gave it")
	}
	return k, nil
}

// signature is HMAC-SHA256(key, signDomain+checksum), in hex.
func signature(key []byte, checksum string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(signDomain + strings.ToLower(checksum)))
	return hex.EncodeToString(m.Sum(nil))
}

// Sign signs b with a student's key (as ParseKey reads it): the signature
// covers the checksum, so any change to the bundle breaks it.
func (b *Bundle) Sign(key string) error {
	k, err := ParseKey(key)
	if err != nil {
		return err
	}
	sum, err := b.Checksum()
	if err != nil {
		return err
	}
	b.Signature = signature(k, sum)
	return nil
}

// Verify checks that b's student is on the roster and that b was signed
// with that student's key, and returns the student as the roster has them.
func (r *Roster) Verify(b *Bundle) (Student, error) {
	s, ok := r.Student(b.Student.ID)
	if !ok {
		return Student{}, fmt.Errorf("%w: %q", ErrNotOnRoster, b.Student.ID)
	}
	if b.Signature == "" {
		return Student{}, fmt.Errorf("%w: it names %q but has no signature (submit --key KEY signs it)", ErrUnsigned, s.ID)
	}
	sum, err := b.Checksum()
	if err != nil {
		return Student{}, err
	}
	got, err := hex.DecodeString(b.Signature)
	want, _ := hex.DecodeString(signature(r.key(s.ID), sum))
	if err != nil || !hmac.Equal(got, want) {
		return Student{}, fmt.Errorf("%w: it names %q but was not signed with %s's key", ErrBadSignature, s.ID, s.ID)
	}
	return s, nil
}

// Encode writes the roster, secret included: whoever reads the file can
// make every student's key.
func (r *Roster) Encode(w io.Writer) error {
	out, err := json.MarshalIndent(rosterFile{RosterFormat, RosterVersion, base64.StdEncoding.EncodeToString(r.secret), r.Students}, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(out, '\n'))
	return err
}

// DecodeRoster reads a roster written by Encode.
func DecodeRoster(rd io.Reader) (*Roster, error) {
	var f rosterFile
	dec := json.NewDecoder(rd)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a roster: %v", err)
	}
	secret, err := base64.StdEncoding.DecodeString(f.Secret)
	switch {
	case f.Format != RosterFormat:
		return nil, fmt.Errorf("not a roster: format is %q, want %q", f.Format, RosterFormat)
	case f.Version != RosterVersion:
		return nil, fmt.Errorf("roster version %d is not supported (this asynclings reads %d)", f.Version, RosterVersion)
	case err != nil || len(secret) != secretSize:
		return nil, fmt.Errorf("roster secret is damaged: want %d bytes of base64", secretSize)
	}
	r := &Roster{secret: secret}
	if err := r.Add(f.Students); err != nil {
		return nil, fmt.Errorf("roster: %w", err)
	}
	return r, nil
}

// rosterColumns are the columns of a student list; only id is required.
var rosterColumns = []string{"id", "first_name", "last_name", "email"}

// ParseStudentsCSV reads a list of students: CSV with a header row naming
// columns among id (or student_id), first_name, last_name and email, in
// any order. Errors are "name:line: message".
func ParseStudentsCSV(name string, rd io.Reader) ([]Student, error) {
	cr := csv.NewReader(rd)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))) // a spreadsheet's byte order mark
		if h == "student_id" {
			h = "id"
		}
		if _, known := col[h]; known || !slices.Contains(rosterColumns, h) {
			return nil, fmt.Errorf("%s:1: column %q is unknown or repeated (the columns are %s)", name, h, strings.Join(rosterColumns, ", "))
		}
		col[h] = i
	}
	if _, ok := col["id"]; !ok {
		return nil, fmt.Errorf("%s:1: no id column (the first line names the columns: %s)", name, strings.Join(rosterColumns, ","))
	}
	field := func(rec []string, c string) string {
		if i, ok := col[c]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var students []Student
	var errs []error
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			if !errors.Is(err, csv.ErrFieldCount) {
				break
			}
			continue
		}
		s := Student{ID: field(rec, "id"), FirstName: field(rec, "first_name"), LastName: field(rec, "last_name"), Email: field(rec, "email")}
		n, err := s.Normalize()
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, err))
			continue
		}
		students = append(students, n)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return students, nil
}

func isHex(s string, n int) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == n
}
