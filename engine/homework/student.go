package homework

import (
	"fmt"
	"strings"
	"unicode"
)

// Limits on what names a student, checked when a bundle is decoded.
const (
	MaxStudentIDLen = 64  // bytes; an ID is ASCII, so characters too
	MaxNameLen      = 128 // bytes, for first_name and last_name
	MaxEmailLen     = 254 // bytes, the longest address SMTP carries
)

// NormalizeStudentID returns the one spelling of a student ID that the
// gradebook, the roster and the bundle use: ASCII lower case. It refuses an
// ID that is empty, longer than MaxStudentIDLen, or holds anything but
// ASCII letters, digits and "._-@+", or that does not start with a letter
// or digit. So "Bob" and "bob" are one student, and "bob" followed by a
// zero-width space is no student at all rather than a second "bob".
func NormalizeStudentID(id string) (string, error) {
	if id == "" {
		return "", fmt.Errorf("student ID is empty")
	}
	if len(id) > MaxStudentIDLen {
		return "", fmt.Errorf("student ID %.20q… is %d bytes long, at most %d", id, len(id), MaxStudentIDLen)
	}
	for i, r := range id {
		switch {
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zs, r) && r != ' ':
			return "", fmt.Errorf("student ID %q holds an invisible character, %U, at byte %d", id, r, i)
		case r > unicode.MaxASCII:
			return "", fmt.Errorf("student ID %q holds %q (%U): IDs are ASCII letters, digits and . _ - @ +", id, r, r)
		case isAlnum(byte(r)):
		case i == 0:
			return "", fmt.Errorf("student ID %q must start with a letter or a digit", id)
		case strings.ContainsRune("._-@+", r):
		default:
			return "", fmt.Errorf("student ID %q holds %q: IDs are ASCII letters, digits and . _ - @ +", id, r)
		}
	}
	return strings.ToLower(id), nil
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// validate checks a student as decoded from a bundle: the ID must be
// already in its normal form (submit writes it so), and names are bounded.
func (s Student) validate() error {
	if s.ID == "" {
		return fmt.Errorf("%w: student.id is missing", ErrMalformed)
	}
	id, err := NormalizeStudentID(s.ID)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if id != s.ID {
		return fmt.Errorf("%w: student ID %q is not in lower case (%q)", ErrMalformed, s.ID, id)
	}
	if err := s.checkNames(); err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return nil
}

// checkNames bounds the names and email, which are free text otherwise;
// control and format characters in them are dropped where they are shown.
func (s Student) checkNames() error {
	for _, f := range []struct {
		name, v string
		max     int
	}{{"first_name", s.FirstName, MaxNameLen}, {"last_name", s.LastName, MaxNameLen}, {"email", s.Email, MaxEmailLen}} {
		if len(f.v) > f.max {
			return fmt.Errorf("student %s is %d bytes long, at most %d", f.name, len(f.v), f.max)
		}
	}
	return nil
}

// Normalize returns s with its ID in normal form, refusing an ID that has
// none or names that are too long: what submit and a roster do with what
// they are given.
func (s Student) Normalize() (Student, error) {
	id, err := NormalizeStudentID(s.ID)
	if err != nil {
		return s, err
	}
	s.ID = id
	s.FirstName, s.LastName, s.Email = strings.TrimSpace(s.FirstName), strings.TrimSpace(s.LastName), strings.TrimSpace(s.Email)
	if err := s.checkNames(); err != nil {
		return s, err
	}
	return s, nil
}
