package runner

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/sandbox"
)

// toolCacheVersion changes whenever what a key covers changes.
const toolCacheVersion = "asynclings tool cache 1"

// DefaultBuildCacheSize bounds the bytes of compiles and links kept.
const DefaultBuildCacheSize = 2 << 30

// toolCache keeps what successful compiles and links wrote, under a key
// over everything they read: the tool, its flags, environment and limits,
// the contents of its input files and of the packages its import
// configuration names. The same submission checked again (a learner's
// unchanged file, a bundle graded a second time, a course validated again)
// then skips its build. A key covers the submission's own names too
// (see nonce): what a check builds is the same each time only because its
// nonce is derived from the submission with a secret.
//
// It is used only where a sandboxed program cannot write outside its own
// directory (sandbox.Confined): elsewhere a program could change what a
// later check of other code finds here.
type toolCache struct {
	dir    string
	secret []byte   // the nonces' key; never readable by a program that runs
	limit  int64    // bytes kept
	named  []string // directories whose files' paths name their contents

	mu       sync.Mutex
	lastTrim time.Time
	hits     atomic.Int64 // calls answered from the cache (tests)
}

// confined is sandbox.Confined; tests change it.
var confined = sandbox.Confined

// openToolCache returns the cache for tc's builds, or nil when it cannot
// be trusted or used.
func openToolCache(cacheDir string, tc *toolchain, limit int64) *toolCache {
	if !confined() {
		return nil
	}
	dir := filepath.Join(tc.dir, "builds")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil
	}
	secret, err := readSecret(filepath.Join(dir, "nonce-key"))
	if err != nil {
		return nil
	}
	// The build cache names its outputs by their contents; the guard's
	// name holds its sources' hash, and the index's directory is the
	// toolchain's own.
	named := []string{tc.dir + string(filepath.Separator), filepath.Join(cacheDir, "go-build") + string(filepath.Separator)}
	return &toolCache{dir: dir, secret: secret, limit: limit, named: named}
}

// readSecret reads the key at path, making it the first time.
func readSecret(path string) ([]byte, error) {
	if b, err := os.ReadFile(path); err == nil && len(b) == 32 {
		return b, nil
	}
	b := make([]byte, 32)
	rand.Read(b)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".key-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	// Two processes making it at once: the first link wins, and both use it.
	if err := os.Link(tmp.Name(), path); err != nil && !os.IsExist(err) {
		return nil, err
	}
	b, err = os.ReadFile(path)
	if err == nil && len(b) != 32 {
		err = fmt.Errorf("%s: not a key", path)
	}
	return b, err
}

// nonce is the suffix of a submission's renamed names: random without a
// cache, else an HMAC of the submission and the exercise with the cache's
// secret. No submission can name what it does not know before it is
// written, and checking it again builds the same packages.
func (c *toolCache) nonce(ex *engine.Exercise, code string, edits map[string]string) string {
	if c == nil {
		return newNonce()
	}
	m := hmac.New(sha256.New, c.secret)
	field(m, "nonce")
	field(m, ex.ID)
	field(m, ex.Test)
	for _, sf := range ex.Support {
		field(m, sf.Name)
		field(m, sf.Code)
	}
	field(m, code)
	for _, name := range slices.Sorted(maps.Keys(edits)) {
		field(m, name)
		field(m, edits[name])
	}
	return "__" + hex.EncodeToString(m.Sum(nil)[:8])
}

// field writes s to h so that no two lists of fields hash alike.
func field(h hash.Hash, s string) {
	fmt.Fprintf(h, "%d:%s;", len(s), s)
}

// key is the cache key of running tool name in dir with args, and the
// file it writes (its -o). ok is false when the call is not one to keep:
// an argument the key cannot account for.
func (c *toolCache) key(tc *toolchain, env []string, limits sandbox.ToolLimits, dir, name string, args []string) (key, out string, ok bool) {
	h := sha256.New()
	field(h, toolCacheVersion)
	field(h, tc.dir)
	field(h, tc.toolDir)
	field(h, name)
	id, err := toolID(filepath.Join(tc.toolDir, name))
	if err != nil {
		return "", "", false
	}
	field(h, id)
	field(h, fmt.Sprint(limits))
	for _, e := range env {
		if !strings.HasPrefix(e, "PATH=") {
			field(h, e)
		}
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch a {
		case "-o", "-importcfg", "-trimpath", "-p", "-lang":
			if i++; i == len(args) {
				return "", "", false
			}
			field(h, a)
			switch v := args[i]; a {
			case "-o":
				out = abs(v)
			case "-importcfg":
				if !c.importcfg(h, tc, abs(v)) {
					return "", "", false
				}
			case "-trimpath":
				// The directory is the one the tool runs in, wherever that is.
				rel, err := filepath.Rel(dir, abs(v))
				if err != nil || !filepath.IsLocal(rel) {
					return "", "", false
				}
				field(h, rel)
			default:
				field(h, v)
			}
		default:
			if strings.HasPrefix(a, "-") {
				field(h, a)
				continue
			}
			// An input file, named as the tool names it in positions.
			field(h, a)
			if !contentField(h, abs(a)) {
				return "", "", false
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)), out, out != ""
}

// importcfg writes an import configuration to h, each package by what it
// holds: a compiled standard package (or the guard) by its path, which
// names its contents, and any other by its contents.
func (c *toolCache) importcfg(h hash.Hash, tc *toolchain, path string) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		pkg, file, ok := strings.Cut(strings.TrimPrefix(line, "packagefile "), "=")
		if !ok || !strings.HasPrefix(line, "packagefile ") {
			field(h, line)
			continue
		}
		if !filepath.IsAbs(file) {
			file = filepath.Join(filepath.Dir(path), file)
		}
		field(h, "packagefile "+pkg)
		if slices.ContainsFunc(c.named, func(p string) bool { return strings.HasPrefix(file, p) }) {
			fi, err := os.Stat(file)
			if err != nil {
				return false
			}
			field(h, file+" "+strconv.FormatInt(fi.Size(), 10))
		} else if !contentField(h, file) {
			return false
		}
	}
	return sc.Err() == nil
}

// contentField writes the SHA-256 of path's contents to h.
func contentField(h hash.Hash, path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return false
	}
	field(h, hex.EncodeToString(sum.Sum(nil)))
	return true
}

var toolIDs sync.Map // path -> "size mtime"

// toolID names a tool's build: a toolchain updated in place is another.
func toolID(path string) (string, error) {
	if id, ok := toolIDs.Load(path); ok {
		return id.(string), nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	id := fmt.Sprintf("%d %d", fi.Size(), fi.ModTime().UnixNano())
	toolIDs.Store(path, id)
	return id, nil
}

// fetch copies what the call under key wrote to out, if it is kept.
func (c *toolCache) fetch(key, out string) bool {
	entry := filepath.Join(c.dir, key)
	// A link, where it can be, is quicker, and leaves no descriptor open
	// for writing an executable that a process forked meanwhile inherits.
	if err := os.Link(entry, out); err != nil && copyFile(entry, out, 0o711) != nil {
		os.Remove(out)
		return false
	}
	// A binary, executable by all and readable by its owner only (see
	// execOnly); an archive, which only the owner's tools read.
	if os.Chmod(out, 0o711) != nil {
		os.Remove(out)
		return false
	}
	now := time.Now()
	os.Chtimes(entry, now, now) // the last used go last
	c.hits.Add(1)
	return true
}

// store keeps out under key, then keeps the cache within its limit.
func (c *toolCache) store(key, out string) {
	tmp := filepath.Join(c.dir, ".new-"+key)
	os.Remove(tmp)
	if (os.Link(out, tmp) != nil && copyFile(out, tmp, 0o755) != nil) || os.Rename(tmp, filepath.Join(c.dir, key)) != nil {
		os.Remove(tmp)
		return
	}
	c.trim()
}

// trim removes the least recently used entries once they hold more than
// the limit, at most every few seconds.
func (c *toolCache) trim() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.lastTrim) < 5*time.Second {
		return
	}
	c.lastTrim = time.Now()
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	type kept struct {
		name string
		size int64
		used time.Time
	}
	var all []kept
	var total int64
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil {
			continue
		}
		if len(e.Name()) != sha256.Size*2 {
			if strings.HasPrefix(e.Name(), ".new-") && time.Since(fi.ModTime()) > time.Hour {
				os.Remove(filepath.Join(c.dir, e.Name())) // left by a killed store
			}
			continue
		}
		all = append(all, kept{e.Name(), fi.Size(), fi.ModTime()})
		total += fi.Size()
	}
	if total <= c.limit {
		return
	}
	slices.SortFunc(all, func(a, b kept) int { return a.used.Compare(b.used) })
	for _, k := range all {
		if total <= c.limit*3/4 {
			break
		}
		if os.Remove(filepath.Join(c.dir, k.name)) == nil {
			total -= k.size
		}
	}
}

func copyFile(from, to string, mode os.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
