package engine

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/asynclings/asynclings/engine/tomltable"
)

// Error is one problem in a course file.
type Error struct {
	File string
	Line int // 0 when unknown
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errors is every problem found while loading a course, in file order.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Loader loads courses. With a CacheDir, a course that loaded without
// errors before and has not changed since comes from the load cache kept
// there (see loadcache.go); without, every load reads every file.
type Loader struct {
	CacheDir string
}

// Load reads a course from path: a course directory (with course.toml), a
// directory of mdbook-quiz files, or one chapter file, without a load
// cache.
func Load(p string) (*Course, error) { return Loader{}.Load(p) }

// LoadFS reads a course from the root of fsys, without a load cache;
// display is how paths in messages begin.
func LoadFS(fsys fs.FS, display string) (*Course, error) { return Loader{}.LoadFS(fsys, display) }

// Load reads a course from path, as the package's Load does.
func (ld Loader) Load(p string) (*Course, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("load course: %w", err)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, fmt.Errorf("load course: %w", err)
	}
	if st.IsDir() {
		return loadFS(os.DirFS(p), p, openLoadCache(ld.CacheDir, "dir\x00"+abs+"\x00"+p, p))
	}
	dir := filepath.Dir(p)
	l := &loader{fsys: os.DirFS(dir), display: dir, cache: openLoadCache(ld.CacheDir, "file\x00"+abs+"\x00"+p, dir)}
	if c := l.cached(nil); c != nil {
		return c, nil
	}
	base := filepath.Base(p)
	c := &Course{Title: titleFromFile(base), Root: p}
	l.chapter(c, base)
	return l.finish(c, nil)
}

// LoadFS reads a course from the root of fsys, as the package's LoadFS does.
func (ld Loader) LoadFS(fsys fs.FS, display string) (*Course, error) {
	// What the course depends on besides its files: the display (paths in
	// messages) and the title made from it.
	return loadFS(fsys, display, openLoadCache(ld.CacheDir, "fs\x00"+display+"\x00"+dirName(display), ""))
}

func loadFS(fsys fs.FS, display string, cache *loadCache) (*Course, error) {
	l := &loader{fsys: fsys, display: display, cache: cache}
	c := &Course{Root: display}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("load course %s: %w", display, err)
	}
	hasMeta := false
	var files, listing []string
	for _, e := range entries {
		switch {
		case e.IsDir() || !strings.HasSuffix(e.Name(), ".toml"):
			continue
		case e.Name() == "course.toml":
			hasMeta = true
		default:
			files = append(files, e.Name())
		}
		listing = append(listing, e.Name())
	}
	if listing == nil {
		listing = []string{} // a directory, unlike one file's nil
	}
	if c := l.cached(listing); c != nil {
		return c, nil
	}
	if hasMeta {
		l.meta(c)
	} else {
		c.Title = titleFromFile(dirName(display))
	}
	if len(files) == 0 {
		l.errf("", 0, "no chapter files (*.toml) in the course directory")
	}
	slices.Sort(files)
	for _, f := range files {
		l.chapter(c, f)
	}
	return l.finish(c, listing)
}

type loader struct {
	fsys    fs.FS
	display string
	errs    Errors
	seen    map[string]string // item ID -> where it was defined
	cache   *loadCache        // nil: none
	files   []fileRecord      // every file read, for the cache
}

// cached returns the course from the load cache, or nil.
func (l *loader) cached(listing []string) *Course {
	if l.cache == nil {
		return nil
	}
	c, again := l.cache.get(l.fsys, listing)
	if c != nil {
		cacheHits.Add(1)
		if again != nil {
			l.cache.put(listing, again, c)
		}
	}
	return c
}

// read reads a file of the course, recording it for the cache.
func (l *loader) read(name string) ([]byte, error) {
	if l.cache == nil {
		return fs.ReadFile(l.fsys, name)
	}
	var st stamp // before reading: see record
	if info, err := fs.Stat(l.fsys, name); err == nil {
		st = stampOf(info)
	}
	b, err := fs.ReadFile(l.fsys, name)
	if err == nil {
		l.files = append(l.files, l.cache.record(name, st, b))
	}
	return b, err
}

func (l *loader) where(file string) string {
	if file == "" {
		return l.display
	}
	return filepath.Join(l.display, filepath.FromSlash(file))
}

func (l *loader) errf(file string, line int, format string, args ...any) {
	l.errs = append(l.errs, &Error{File: l.where(file), Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (l *loader) finish(c *Course, listing []string) (*Course, error) {
	if c.ID == "" {
		c.ID = slug(c.Title)
	}
	if len(l.errs) == 0 && l.cache != nil {
		l.cache.put(listing, l.files, c)
	}
	if len(l.errs) > 0 {
		// Each file's problems are found table by table; report them
		// by line, files in the order they were read.
		order := map[string]int{}
		for _, e := range l.errs {
			if _, ok := order[e.File]; !ok {
				order[e.File] = len(order)
			}
		}
		slices.SortStableFunc(l.errs, func(a, b *Error) int {
			if d := order[a.File] - order[b.File]; d != 0 {
				return d
			}
			return a.Line - b.Line
		})
		return nil, l.errs
	}
	return c, nil
}

// parse decodes one TOML file, returning its root table or nil.
func (l *loader) parse(file string) *tomltable.Table {
	b, err := l.read(file)
	if err != nil {
		l.errf(file, 0, "%v", err)
		return nil
	}
	src, ok := l.text(file, b)
	if !ok {
		return nil
	}
	// CRLF line ends are LF ones: a multi-line string holds LF, as it
	// would from the same file with LF ends, and lines keep their numbers.
	src = strings.ReplaceAll(src, "\r\n", "\n")
	return tomltable.Parse(src, func(line int, msg string) { l.errf(file, line, "%s", msg) })
}

// text checks that b, the contents of a course file, is UTF-8 text, and
// returns it without a UTF-8 byte-order mark. Otherwise it reports the file,
// with the line of the first byte that is not UTF-8, and returns false.
func (l *loader) text(file string, b []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		l.errf(file, 1, "the file is UTF-16 (it starts with a UTF-16 byte-order mark); course files must be UTF-8")
		return "", false
	}
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	if utf8.Valid(b) {
		return string(b), true
	}
	at := 0
	for at < len(b) {
		r, n := utf8.DecodeRune(b[at:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		at += n
	}
	line := bytes.Count(b[:at], []byte("\n")) + 1
	l.errf(file, line, "the file is not UTF-8 (byte 0x%02X); course files must be UTF-8", b[at])
	return "", false
}

func (l *loader) meta(c *Course) {
	t := l.parse("course.toml")
	if t == nil {
		return
	}
	hasVersion := t.Has("format_version")
	version, versionOK := t.Int("format_version")
	c.ID = t.Str("id")
	c.Title = t.Str("title")
	c.Description = t.Str("description")
	t.Unknown()
	switch {
	case !hasVersion:
		l.errf("course.toml", 1, "format_version is missing (this engine reads format_version = %d)", FormatVersion)
	case versionOK && version != FormatVersion:
		l.errf("course.toml", t.Line("format_version"), "format_version %d is not supported (this engine reads %d)", version, FormatVersion)
	}
	if c.Title == "" {
		l.errf("course.toml", 1, "title is missing")
	}
	if c.ID != "" && !idPattern.MatchString(c.ID) {
		l.errf("course.toml", t.Line("id"), "id %q must be letters, digits, '.', '_' or '-'", c.ID)
	}
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func (l *loader) chapter(c *Course, file string) {
	root := l.parse(file)
	if root == nil {
		return
	}
	ch := &Chapter{File: l.where(file)}
	if meta := root.Sub("chapter"); meta != nil {
		ch.ID = meta.Str("id")
		ch.Title = meta.Str("title")
		ch.Book = meta.Str("book")
		ch.AskLines, _ = meta.Bool("ask_lines")
		meta.Unknown()
	}
	base := strings.TrimSuffix(file, ".toml")
	if ch.ID == "" {
		ch.ID = slug(base)
	}
	if ch.Title == "" {
		ch.Title = titleFromFile(file)
	}
	if !idPattern.MatchString(ch.ID) {
		l.errf(file, root.Line("chapter.id"), "chapter id %q must be letters, digits, '.', '_' or '-'", ch.ID)
	}
	for _, other := range c.Chapters {
		if other.ID == ch.ID {
			l.errf(file, root.Line("chapter.id"), "chapter id %q is already used by %s", ch.ID, other.File)
		}
	}
	multipart := map[string]string{}
	if mp := root.Sub("multipart"); mp != nil {
		for _, k := range mp.Keys() {
			multipart[k] = mp.Str(k)
		}
	}
	questions, _ := root.Tables("questions")
	for i, qt := range questions {
		if q := l.question(ch, file, qt, i, multipart); q != nil {
			ch.Questions = append(ch.Questions, q)
		}
	}
	exercises, _ := root.Tables("exercises")
	for _, et := range exercises {
		if e := l.exercise(ch, file, et); e != nil {
			ch.Exercises = append(ch.Exercises, e)
		}
	}
	root.Unknown()
	c.Chapters = append(c.Chapters, ch)
}

// claim records an item ID, reporting a duplicate.
func (l *loader) claim(id, file string, line int) {
	if l.seen == nil {
		l.seen = map[string]string{}
	}
	here := fmt.Sprintf("%s:%d", l.where(file), line)
	if prev, ok := l.seen[id]; ok {
		l.errf(file, line, "duplicate id %q (first used at %s)", id, prev)
		return
	}
	l.seen[id] = here
}

func (l *loader) question(ch *Chapter, file string, t *tomltable.Table, i int, multipart map[string]string) *Question {
	t.Lenient = true // mdbook-quiz ignores unknown keys in questions
	q := &Question{Chapter: ch, Line: t.Line(""), ID: t.Str("id"), Context: t.Str("context")}
	if q.ID == "" {
		q.ID = fmt.Sprintf("%s-q%d", ch.ID, i+1)
	}
	l.claim(q.ID, file, q.Line)
	if name := t.Str("multipart"); name != "" {
		text, ok := multipart[name]
		if !ok {
			l.errf(file, t.Line("multipart"), "question %s: multipart %q is not defined in [multipart]", q.ID, name)
		}
		q.Multipart = text
	}
	prompt := t.Sub("prompt")
	answer := t.Sub("answer")
	if prompt == nil || answer == nil {
		l.errf(file, q.Line, "question %s: needs both prompt and answer", q.ID)
		return nil
	}
	prompt.Lenient, answer.Lenient = true, true
	q.Type = QuestionType(t.Str("type"))
	switch q.Type {
	case MultipleChoice:
		q.Prompt = prompt.Required("prompt")
		q.Distractors = prompt.Strings("distractors")
		q.SortAnswers, _ = prompt.Bool("sortAnswers")
		if n, ok := prompt.Int("answerIndex"); ok {
			idx := int(n)
			q.AnswerIndex = &idx
		}
		switch v := answer.Get("answer").(type) {
		case string:
			q.Answers = []string{v}
		case []any:
			q.Multi = true
			q.Answers = answer.Strings("answer")
		case nil:
			l.errf(file, answer.Line("answer"), "question %s: answer.answer is missing", q.ID)
		default:
			l.errf(file, answer.Line("answer"), "question %s: answer.answer must be a string or an array of strings, not %s", q.ID, tomltable.TypeName(v))
		}
		l.checkChoices(file, answer, prompt, q)
		if answer.Has("whyNot") {
			q.WhyNot = answer.Strings("whyNot")
			if len(q.WhyNot) != len(q.Distractors) {
				l.errf(file, answer.Line("whyNot"), "question %s: whyNot has %d entries for %d distractors (one per distractor, in their order)", q.ID, len(q.WhyNot), len(q.Distractors))
			}
		}
	case ShortAnswer:
		q.Prompt = prompt.Required("prompt")
		if a := answer.Required("answer"); strings.TrimSpace(a) != "" {
			q.Answers = []string{a}
		} else if _, ok := answer.Get("answer").(string); ok {
			l.errf(file, answer.Line("answer"), "question %s: answer.answer is empty", q.ID)
		}
		q.Alternatives = answer.Strings("alternatives")
		if slices.ContainsFunc(q.Alternatives, func(a string) bool { return strings.TrimSpace(a) == "" }) {
			// mdbook-quiz takes a reply of spaces for it; a blank reply is
			// never right here.
			l.errf(file, answer.Line("alternatives"), "question %s: an alternative is empty", q.ID)
		}
		q.Response = prompt.Str("response")
		switch q.Response {
		case "", ResponseShort, ResponseLong, ResponseCode:
		default: // mdbook-quiz refuses it too
			l.errf(file, prompt.Line("response"), "question %s: prompt.response must be %q, %q or %q, not %q", q.ID, ResponseShort, ResponseLong, ResponseCode, q.Response)
		}
	case Tracing:
		q.Prompt = prompt.Str("prompt")
		q.Program = prompt.Required("program")
		compiles, compilesOK := answer.Bool("doesCompile")
		if !answer.Has("doesCompile") {
			l.errf(file, answer.Line(""), "question %s: answer.doesCompile is missing", q.ID)
		}
		q.DoesCompile = compiles
		stdout := answer.Get("stdout")
		q.Stdout = answer.Str("stdout")
		if n, ok := answer.Int("lineNumber"); ok {
			q.LineNumber = int(n)
			lines := strings.Count(strings.TrimRight(q.Program, "\n"), "\n") + 1
			switch {
			case !compilesOK:
			case compiles:
				l.errf(file, answer.Line("lineNumber"), "question %s: lineNumber is given for a program that compiles", q.ID)
			case n < 1 || int(n) > lines:
				l.errf(file, answer.Line("lineNumber"), "question %s: lineNumber %d is outside the program (lines 1-%d)", q.ID, n, lines)
			}
		}
		// An extension: the learner must name the line as well.
		q.AskLine = ch.AskLines && q.LineNumber > 0
		if ask, ok := answer.Bool("askLine"); ok {
			q.AskLine = ask
			switch {
			case !ask || !compilesOK:
			case compiles:
				l.errf(file, answer.Line("askLine"), "question %s: askLine is given for a program that compiles", q.ID)
			case q.LineNumber == 0:
				l.errf(file, answer.Line("askLine"), "question %s: askLine needs a lineNumber", q.ID)
			}
		}
		if compilesOK && !compiles && stdout != nil && stdout != "" {
			l.errf(file, answer.Line("stdout"), "question %s: stdout is given for a program that does not compile", q.ID)
		}
		// An extension for Go programs: how a program that compiles ends.
		q.Failure = answer.Str("failure")
		switch {
		case q.Failure == "":
		case q.Failure != FailurePanic && q.Failure != FailureDeadlock:
			l.errf(file, answer.Line("failure"), "question %s: failure must be %q or %q, not %q", q.ID, FailurePanic, FailureDeadlock, q.Failure)
		case compilesOK && !compiles:
			l.errf(file, answer.Line("failure"), "question %s: failure is given for a program that does not compile", q.ID)
		}
	case "":
		if t.Has("type") {
			return nil // wrong type, reported by Str
		}
		l.errf(file, q.Line, "question %s: type is missing (MultipleChoice, ShortAnswer or Tracing)", q.ID)
		return nil
	default:
		l.errf(file, t.Line("type"), "question %s: unknown question type %q (want MultipleChoice, ShortAnswer or Tracing)", q.ID, q.Type)
		return nil
	}
	return q
}

func (l *loader) checkChoices(file string, answer, prompt *tomltable.Table, q *Question) {
	if raw, ok := answer.Get("answer").([]any); ok && len(raw) == 0 {
		l.errf(file, answer.Line("answer"), "question %s: the answer list is empty", q.ID)
	}
	for _, a := range q.Answers {
		if strings.TrimSpace(a) == "" {
			l.errf(file, answer.Line("answer"), "question %s: an answer is empty", q.ID)
		}
		if slices.Contains(q.Distractors, a) {
			l.errf(file, prompt.Line("distractors"), "question %s: %q is both an answer and a distractor", q.ID, a)
		}
	}
	for _, list := range [][]string{q.Answers, q.Distractors} {
		seen := map[string]bool{}
		for _, c := range list {
			if seen[c] {
				l.errf(file, prompt.Line("distractors"), "question %s: the choice %q is listed twice", q.ID, c)
			}
			seen[c] = true
		}
	}
	if q.AnswerIndex != nil {
		// As mdbook-quiz checks it: the answers go in among the
		// distractors, before the one at answerIndex or after the last.
		if i, n := *q.AnswerIndex, len(q.Distractors); i < 0 || i > n {
			if len(q.Answers) == 1 {
				l.errf(file, prompt.Line("answerIndex"), "question %s: answerIndex %d is out of range (there are %d choices)", q.ID, i, n+1)
			} else {
				l.errf(file, prompt.Line("answerIndex"), "question %s: answerIndex %d is out of range (the answers go among %d distractors, at 0 to %d)", q.ID, i, n, n)
			}
		}
		if q.SortAnswers {
			l.errf(file, prompt.Line("sortAnswers"), "question %s: answerIndex and sortAnswers cannot be used together", q.ID)
		}
	}
}

func (l *loader) exercise(ch *Chapter, file string, t *tomltable.Table) *Exercise {
	e := &Exercise{
		Chapter: ch,
		Line:    t.Line(""),
		ID:      t.Str("id"),
		Title:   t.Str("title"),
		Prompt:  t.Str("prompt"),
		Hints:   t.Strings("hints"),
	}
	e.Race, _ = t.Bool("race")
	e.ForbidImports = t.Strings("forbid_imports")
	e.AllowImports = t.Strings("allow_imports")
	e.RequireImports = t.Strings("require_imports")
	if e.ID == "" {
		l.errf(file, e.Line, "exercise: id is missing")
		e.ID = fmt.Sprintf("%s-exercise-%d", ch.ID, e.Line)
	} else if !idPattern.MatchString(e.ID) {
		l.errf(file, t.Line("id"), "exercise id %q must be letters, digits, '.', '_' or '-'", e.ID)
	}
	l.claim(e.ID, file, e.Line)
	if e.Title == "" {
		l.errf(file, e.Line, "exercise %s: title is missing", e.ID)
	}
	if d := t.Str("timeout"); d != "" {
		var err error
		if e.Timeout, err = time.ParseDuration(d); err != nil || e.Timeout <= 0 {
			l.errf(file, t.Line("timeout"), "exercise %s: timeout %q is not a positive duration like \"10s\"", e.ID, d)
		}
	}
	if m := t.Str("memory"); m != "" {
		var err error
		if e.Memory, err = ParseMemory(m); err != nil {
			l.errf(file, t.Line("memory"), "exercise %s: memory %q: %v", e.ID, m, err)
		}
	}
	e.Starter = l.source(file, t, e.ID, "starter")
	e.Test = l.source(file, t, e.ID, "test")
	e.Solution = l.source(file, t, e.ID, "solution")
	e.Files = l.dataFiles(file, t, e.ID)
	e.Support = l.support(file, t, e)
	e.Wrong = l.wrong(file, t, e.ID)
	l.concurrency(file, t, e)
	t.Unknown()
	l.checkImports(file, t, e)
	l.checkPackages(file, t, e)
	return e
}

// checkImports checks an exercise's import rules: every entry is an import
// path, and no path is both forbidden and allowed, or both required and
// forbidden, which no learner could satisfy.
func (l *loader) checkImports(file string, t *tomltable.Table, e *Exercise) {
	for _, list := range []struct {
		key   string
		paths []string
	}{{"forbid_imports", e.ForbidImports}, {"allow_imports", e.AllowImports}, {"require_imports", e.RequireImports}} {
		for _, p := range list.paths {
			if p == "" {
				l.errf(file, t.Line(list.key), "exercise %s: %s has an empty entry", e.ID, list.key)
			} else if why := badImportPath(p); why != "" {
				l.errf(file, t.Line(list.key), "exercise %s: %s: %q is not an import path (%s)", e.ID, list.key, p, why)
			}
		}
	}
	for _, p := range e.AllowImports {
		if p != "" && slices.Contains(e.ForbidImports, p) {
			l.errf(file, t.Line("allow_imports"), "exercise %s: %q is both forbidden and allowed", e.ID, p)
		}
	}
	for _, p := range e.RequireImports {
		if p != "" && slices.Contains(e.ForbidImports, p) {
			l.errf(file, t.Line("require_imports"), "exercise %s: %q is both required and forbidden", e.ID, p)
		}
	}
}

// badImportPath says why p is not an import path as Go source may write
// one, or returns "" when it is: elements of letters, digits and "-._~+",
// separated by single slashes, none of them "." or "..".
func badImportPath(p string) string {
	if strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") {
		return "it begins or ends with '/'"
	}
	for _, r := range p {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', strings.ContainsRune("-._~+/", r):
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			return "it contains white space"
		default:
			return fmt.Sprintf("it contains %q", r)
		}
	}
	for _, elem := range strings.Split(p, "/") {
		switch elem {
		case "":
			return "it has an empty element"
		case ".", "..":
			return "it has a " + strconv.Quote(elem) + " element"
		}
	}
	return ""
}

// source reads an exercise's Go file, inline (key) or from key_file.
func (l *loader) source(file string, t *tomltable.Table, id, key string) string {
	inline := t.Str(key)
	rel := t.Str(key + "_file")
	switch {
	case inline != "" && rel != "":
		l.errf(file, t.Line(key+"_file"), "exercise %s: give %s or %s_file, not both", id, key, key)
	case rel != "":
		p := path.Join(path.Dir(file), rel)
		if !fs.ValidPath(p) {
			l.errf(file, t.Line(key+"_file"), "exercise %s: %s_file %q must stay inside the course directory", id, key, rel)
			return ""
		}
		b, err := l.read(p)
		if err != nil {
			l.errf(file, t.Line(key+"_file"), "exercise %s: %s_file: %v", id, key, err)
			return ""
		}
		src, _ := l.text(p, b) // a problem is the Go file's, reported there
		return src
	case inline == "":
		l.errf(file, t.Line(""), "exercise %s: %s (or %s_file) is missing", id, key, key)
	}
	return inline
}

// dirName is the name of the directory at p, also when p is "." or "..".
func dirName(p string) string {
	name := filepath.Base(filepath.Clean(p))
	if name == "." || name == ".." {
		if abs, err := filepath.Abs(p); err == nil {
			name = filepath.Base(abs)
		}
	}
	return name
}

func titleFromFile(name string) string {
	name = strings.TrimSuffix(name, ".toml")
	name = strings.TrimLeft(name, "0123456789-_ ")
	if name == "" {
		return "Untitled"
	}
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	_, n := utf8.DecodeRuneInString(name)
	return strings.ToUpper(name[:n]) + name[n:]
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return "course"
	}
	return out
}

// checkPackages checks that an exercise's Go files parse and belong to one
// package, and that the hidden test has tests: otherwise no learner could
// ever pass it.
func (l *loader) checkPackages(file string, t *tomltable.Table, e *Exercise) {
	pkg := func(name, src string) string {
		if src == "" {
			return ""
		}
		f, err := parser.ParseFile(token.NewFileSet(), name+".go", src, parser.SkipObjectResolution)
		if err != nil {
			l.errf(file, t.Line(name), "exercise %s: the %s does not parse: %v", e.ID, name, err)
			return ""
		}
		if name == "test" && !hasTests(f) {
			l.errf(file, t.Line(name), "exercise %s: the test has no Test functions", e.ID)
		}
		return f.Name.Name
	}
	starter, test, solution := pkg("starter", e.Starter), pkg("test", e.Test), pkg("solution", e.Solution)
	if starter != "" && solution != "" && starter != solution {
		l.errf(file, t.Line("solution"), "exercise %s: the solution is package %s but the starter is package %s", e.ID, solution, starter)
	}
	if starter != "" && test != "" && test != starter && test != starter+"_test" {
		l.errf(file, t.Line("test"), "exercise %s: the test is package %s but the starter is package %s", e.ID, test, starter)
	}
}

// hasTests reports whether f declares a test function: TestXxx, where Xxx
// does not start with a lower-case letter, as the go command reads it
// (Testify is not a test), and not TestMain.
func hasTests(f *ast.File) bool {
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv != nil || fn.Name.Name == "TestMain" {
			continue
		}
		if rest, ok := strings.CutPrefix(fn.Name.Name, "Test"); ok {
			if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !unicode.IsLower(r) {
				return true
			}
		}
	}
	return false
}
