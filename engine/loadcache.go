package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The load cache keeps what a load of a course made of its files, so that the
// next command on an unchanged course decodes one file instead of reading,
// decoding and parsing every TOML and Go file again (about 120 ms for 500
// exercises; TOML decoding and Go parsing take most of it).
//
// An entry is one file per course under <CacheDir>/load/, CacheDir being the
// Loader's (asynclings gives it its cache: $ASYNCLINGS_CACHE, or asynclings/
// in the user's cache directory). It records
// the executable that made it, the course's listing (the *.toml names in its
// directory) and every file the load read, with the SHA-256 of its contents
// and its stat (size, times, inode). The entry stands for the course only if
// all of them are the same now:
//   - a file whose stat is unchanged, and whose change time was more than
//     settle before the load that recorded it, is taken as unchanged (as the
//     go command trusts its file hashes): a write changes its change time, and
//     a write in the same clock tick as the recording is ruled out by settle;
//   - any other file is read again and compared by its SHA-256. A file system
//     without inode and change time (an embedded one, for the built-in
//     course) is always compared by contents; that is cheap in memory.
//
// Only loads without errors are kept: every problem in a course is found
// again by the next load. Any failure to read or write the cache is a miss.

// cacheFormat changes when the entry's layout does.
const cacheFormat = 2

// cacheHits counts the loads the cache answered, for tests.
var cacheHits atomic.Int64

// settle is how old a file's last change must be for its stat to vouch for
// its contents.
var settle = 2 * time.Second

// stamp is what stat says of a file; OK is false when the file system does
// not give inode and change time.
type stamp struct {
	Size, MTime, CTime int64
	Ino, Dev           uint64
	OK                 bool
}

// fileRecord is one file a load read.
type fileRecord struct {
	Name  string
	Sum   string // SHA-256 (a string: gob decodes an array byte by byte)
	Stamp stamp
	// Settled: changed more than settle before the load, so that Stamp
	// vouches for Sum.
	Settled bool
}

// cacheHeader is decoded first, to decide whether the course after it is
// still good.
type cacheHeader struct {
	Format  int
	Exe     stamp
	Listing []string // the directory's *.toml names; nil for one file
	Files   []fileRecord
}

// chapterSnapshot is a chapter without its back-pointers, which gob cannot
// encode.
type chapterSnapshot struct {
	Chapter   Chapter // Questions and Exercises nil
	Questions []questionSnapshot
	Exercises []Exercise
}

// questionSnapshot is a question without its chapter. gob leaves out a
// pointer to a zero value, so an answerIndex of 0 would come back as none:
// it is kept apart, as Pinned and AnswerIndex.
type questionSnapshot struct {
	Question    Question // Chapter and AnswerIndex nil
	Pinned      bool
	AnswerIndex int
}

type courseSnapshot struct {
	Course   Course // Chapters nil
	Chapters []chapterSnapshot
}

// loadCache is the cache entry of one course, or nil when there is none to
// use (no cache directory, no executable).
type loadCache struct {
	root  string // the course's directory when it is one, for stat calls
	path  string
	exe   stamp
	start time.Time
}

// openLoadCache returns the entry under dir for the course the key names
// (its kind and where it is), or nil when dir is ""; root is the course's
// directory on disk, or "".
func openLoadCache(dir, key, root string) *loadCache {
	if dir == "" {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	st, err := os.Stat(exe)
	if err != nil {
		return nil
	}
	sum := sha256.Sum256([]byte(key))
	return &loadCache{
		root:  root,
		path:  filepath.Join(dir, "load", hex.EncodeToString(sum[:16])+".gob"),
		exe:   stampOf(st),
		start: time.Now(),
	}
}

// get returns the course kept for fsys, or nil when the entry is missing or
// stale; listing is the course directory's *.toml names (nil for one file).
// When a file had to be compared by its contents and has settled since, get
// also returns the entry's records made anew, to be put back so that the
// next load trusts the file's stat.
func (lc *loadCache) get(fsys fs.FS, listing []string) (*Course, []fileRecord) {
	data, err := os.ReadFile(lc.path)
	if err != nil {
		return nil, nil
	}
	dec := gob.NewDecoder(bytes.NewReader(data))
	var h cacheHeader
	if dec.Decode(&h) != nil || h.Format != cacheFormat || h.Exe != lc.exe || !slices.Equal(h.Listing, listing) {
		return nil, nil
	}
	// The course is decoded while the files are checked, the checks in a
	// few goroutines: a course's hundreds of stat calls are most of the
	// time a load from the cache takes.
	type decoded struct {
		snap courseSnapshot
		err  error
	}
	course := make(chan decoded, 1)
	go func() {
		var d decoded
		d.err = dec.Decode(&d.snap)
		course <- d
	}()
	stat := func(name string) (stamp, error) {
		st, err := fs.Stat(fsys, name)
		if err != nil {
			return stamp{}, err
		}
		return stampOf(st), nil
	}
	if lc.root != "" {
		if st := openStatter(lc.root); st != nil {
			defer st.close()
			stat = st.stat
		}
	}
	// check checks one file, making its record anew when it had to be
	// read; it returns false when the file is not as recorded.
	check := func(r *fileRecord) (ok, again bool) {
		now, err := stat(r.Name)
		if err != nil {
			return false, false
		}
		if r.Settled && r.Stamp.OK && now == r.Stamp {
			return true, false
		}
		b, err := fs.ReadFile(fsys, r.Name)
		if err != nil || sum(b) != r.Sum {
			return false, false
		}
		*r = lc.record(r.Name, now, b)
		return true, r.Settled
	}
	var (
		wg             sync.WaitGroup
		mu             sync.Mutex
		stale, rewrite bool
		workers        = min(runtime.GOMAXPROCS(0), 4, 1+len(h.Files)/256)
		chunk          = (len(h.Files) + workers - 1) / max(workers, 1)
	)
	for start := 0; start < len(h.Files); start += chunk {
		files := h.Files[start:min(start+chunk, len(h.Files))]
		wg.Go(func() {
			for i := range files {
				ok, again := check(&files[i])
				if !ok || again {
					mu.Lock()
					stale, rewrite = stale || !ok, rewrite || again
					mu.Unlock()
				}
				if !ok {
					return
				}
			}
		})
	}
	wg.Wait()
	d := <-course
	if stale || d.err != nil {
		return nil, nil
	}
	if !rewrite {
		return d.snap.restore(), nil
	}
	return d.snap.restore(), h.Files
}

// put keeps c, loaded from files, for the next load.
func (lc *loadCache) put(listing []string, files []fileRecord, c *Course) {
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	h := cacheHeader{Format: cacheFormat, Exe: lc.exe, Listing: listing, Files: files}
	if enc.Encode(h) != nil || enc.Encode(snapshot(c)) != nil {
		return
	}
	dir := filepath.Dir(lc.path)
	if os.MkdirAll(dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, ".load-*")
	if err != nil {
		return
	}
	_, err = tmp.Write(buf.Bytes())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil || os.Rename(tmp.Name(), lc.path) != nil {
		os.Remove(tmp.Name())
	}
	prune(dir)
}

// Entries not written for pruneAge are removed, once a day at most: courses
// in directories that are gone (a test's temporary ones) leave none behind
// for long, and one still in use is only loaded afresh once.
const pruneAge = 7 * 24 * time.Hour

func prune(dir string) {
	mark := filepath.Join(dir, ".pruned")
	if st, err := os.Stat(mark); err == nil && time.Since(st.ModTime()) < 24*time.Hour {
		return
	}
	if os.WriteFile(mark, nil, 0o644) != nil {
		return
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".gob" && !strings.HasPrefix(e.Name(), ".load-") {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > pruneAge {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// record makes the record of a file just read, with its stat from before the
// read, so that a change during the read changes the stat the next load
// compares.
func (lc *loadCache) record(name string, st stamp, b []byte) fileRecord {
	cutoff := lc.start.Add(-settle).UnixNano()
	return fileRecord{Name: name, Sum: sum(b), Stamp: st, Settled: st.OK && st.MTime < cutoff && st.CTime < cutoff}
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return string(s[:])
}

func snapshot(c *Course) courseSnapshot {
	s := courseSnapshot{Course: *c}
	s.Course.Chapters = nil
	for _, ch := range c.Chapters {
		cs := chapterSnapshot{Chapter: *ch}
		cs.Chapter.Questions, cs.Chapter.Exercises = nil, nil
		for _, q := range ch.Questions {
			qs := questionSnapshot{Question: *q}
			qs.Question.Chapter, qs.Question.AnswerIndex = nil, nil
			if q.AnswerIndex != nil {
				qs.Pinned, qs.AnswerIndex = true, *q.AnswerIndex
			}
			cs.Questions = append(cs.Questions, qs)
		}
		for _, e := range ch.Exercises {
			e := *e
			e.Chapter = nil
			cs.Exercises = append(cs.Exercises, e)
		}
		s.Chapters = append(s.Chapters, cs)
	}
	return s
}

func (s courseSnapshot) restore() *Course {
	c := new(Course)
	*c = s.Course
	for _, cs := range s.Chapters {
		ch := new(Chapter)
		*ch = cs.Chapter
		for i := range cs.Questions {
			qs := &cs.Questions[i]
			q := &qs.Question
			q.Chapter = ch
			if qs.Pinned {
				q.AnswerIndex = &qs.AnswerIndex
			}
			ch.Questions = append(ch.Questions, q)
		}
		for i := range cs.Exercises {
			e := &cs.Exercises[i]
			e.Chapter = ch
			ch.Exercises = append(ch.Exercises, e)
		}
		c.Chapters = append(c.Chapters, ch)
	}
	return c
}
