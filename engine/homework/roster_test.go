package homework_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine/homework"
)

func testRoster(t *testing.T) *homework.Roster {
	t.Helper()
	r, err := homework.NewRoster([]homework.Student{{ID: "Ada", FirstName: "Ada", LastName: "Lovelace"}, {ID: "bob"}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// signed is the test bundle of a student, signed with a key, written and
// read back as grading reads it.
func signed(t *testing.T, id, key string) *homework.Bundle {
	t.Helper()
	b, _, _ := testBundle(t)
	b.Student = homework.Student{ID: id}
	if key != "" {
		if err := b.Sign(key); err != nil {
			t.Fatal(err)
		}
	}
	got, err := homework.Decode(bytes.NewReader(encode(t, b)))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestRosterVerify(t *testing.T) {
	r := testRoster(t)
	adaKey, err := r.Key("ADA")
	if err != nil {
		t.Fatal(err)
	}
	bobKey, _ := r.Key("bob")
	if adaKey == bobKey || len(adaKey) != 29 {
		t.Fatalf("keys %q and %q", adaKey, bobKey)
	}
	other := testRoster(t) // another class: another secret
	otherAda, _ := other.Key("ada")
	if otherAda == adaKey {
		t.Fatal("two rosters give the same key")
	}

	s, err := r.Verify(signed(t, "ada", adaKey))
	if err != nil || s.FirstName != "Ada" {
		t.Errorf("ada's own bundle: %+v, %v", s, err)
	}
	// The key is read in any case, with or without dashes.
	if _, err := r.Verify(signed(t, "ada", strings.ToUpper(strings.ReplaceAll(adaKey, "-", "")))); err != nil {
		t.Errorf("key without dashes: %v", err)
	}
	tests := []struct {
		name   string
		bundle *homework.Bundle
		want   error
		msg    string
	}{
		{"another student's ID", signed(t, "ada", bobKey), homework.ErrBadSignature, `names "ada" but was not signed with ada's key`},
		{"another class's key", signed(t, "ada", otherAda), homework.ErrBadSignature, ""},
		{"unsigned", signed(t, "ada", ""), homework.ErrUnsigned, "submit --key"},
		{"not on the roster", signed(t, "mallory", adaKey), homework.ErrNotOnRoster, `"mallory"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Verify(tt.bundle)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want %v saying %q", err, tt.want, tt.msg)
			}
		})
	}
	// A signed bundle changed afterwards, its checksum recomputed, no
	// longer matches its signature.
	b := signed(t, "ada", adaKey)
	b.Items[0].Attempts = 1
	if _, err := r.Verify(b); !errors.Is(err, homework.ErrBadSignature) {
		t.Errorf("changed after signing: %v", err)
	}
	// A wrong signature that is still well-formed hex decodes, and fails.
	b = signed(t, "ada", adaKey)
	b.Signature = strings.Repeat("ab", 32)
	again, err := homework.Decode(bytes.NewReader(encode(t, b)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Verify(again); !errors.Is(err, homework.ErrBadSignature) {
		t.Errorf("wrong signature: %v", err)
	}
}

func TestRosterFile(t *testing.T) {
	r := testRoster(t)
	var buf bytes.Buffer
	if err := r.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := homework.DecodeRoster(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range r.Students {
		k1, _ := r.Key(s.ID)
		k2, _ := back.Key(s.ID)
		if k1 != k2 {
			t.Errorf("%s: key %s, read back %s", s.ID, k1, k2)
		}
	}
	if back.Students[0].ID != "ada" {
		t.Errorf("IDs are not normalized: %+v", back.Students)
	}
	// Adding students keeps the keys of those already on the roster.
	before, _ := back.Key("ada")
	if err := back.Add([]homework.Student{{ID: "eve"}}); err != nil {
		t.Fatal(err)
	}
	if after, _ := back.Key("ada"); after != before {
		t.Error("adding a student changed ada's key")
	}
	if err := back.Add([]homework.Student{{ID: "EVE"}}); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("adding eve again: %v", err)
	}
	for _, bad := range []string{"", "{}", `{"format":"asynclings-roster","version":1,"secret":"c2hvcnQ=","students":[{"id":"a"}]}`} {
		if _, err := homework.DecodeRoster(strings.NewReader(bad)); err == nil {
			t.Errorf("DecodeRoster(%q) accepted", bad)
		}
	}
}

func TestNewRosterRefuses(t *testing.T) {
	for _, tt := range []struct {
		students []homework.Student
		msg      string
	}{
		{nil, "at least one student"},
		{[]homework.Student{{ID: "bob"}, {ID: "Bob"}}, `"bob" is on the roster twice`},
		{[]homework.Student{{ID: "bob\u200b"}}, "U+200B"},
		{[]homework.Student{{ID: strings.Repeat("x", 300)}}, "at most 64"},
	} {
		if _, err := homework.NewRoster(tt.students); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("NewRoster(%q) = %v, want %q", tt.students, err, tt.msg)
		}
	}
}

func TestParseKey(t *testing.T) {
	for _, bad := range []string{"", "abcd", "abcd-efgh-ijkl-mnop-qrst-uvw1", strings.Repeat("a", 40)} {
		if _, err := homework.ParseKey(bad); err == nil {
			t.Errorf("ParseKey(%q) accepted", bad)
		}
	}
}

func TestParseStudentsCSV(t *testing.T) {
	got, err := homework.ParseStudentsCSV("class.csv", strings.NewReader("\ufeffid,first_name,last_name,email\nada,Ada,Lovelace,ada@example.org\nBob, Bob ,Builder,\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != (homework.Student{ID: "ada", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.org"}) || got[1] != (homework.Student{ID: "bob", FirstName: "Bob", LastName: "Builder"}) {
		t.Errorf("got %+v", got)
	}
	for in, msg := range map[string]string{
		"name\nada\n":                    `column "name" is unknown`,
		"first_name\nAda\n":              "no id column",
		"id\nada\nbob\u200b\n":           "class.csv:3: student ID",
		"id,email\nada\n":                "line 2",
		"id\n" + strings.Repeat("x", 65): "class.csv:2: student ID",
	} {
		if _, err := homework.ParseStudentsCSV("class.csv", strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseStudentsCSV(%q) = %v, want %q", in, err, msg)
		}
	}
}
