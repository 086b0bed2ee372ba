//go:build linux

package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The sandboxed program is started through a copy of the running binary: a
// Go program cannot run code between fork and exec, so the copy, recognised
// by initEnv in its environment, sets up limits and Landlock in the new
// namespaces and then executes the program.
const initEnv = "ASYNCLINGS_SANDBOX_INIT"

// nobody is the user that sandboxed programs run as when the engine runs as
// root, so that they own nothing on the machine.
const nobody = 65534

type initConfig struct {
	Path     string   `json:"path"`
	Exec     string   `json:"exec"` // the program's absolute path
	Args     []string `json:"args"`
	Env      []string `json:"env"`
	Dir      string   `json:"dir"`
	ReadOnly []string `json:"ro"`
	Files    uint64   `json:"files"`
	FileSize uint64   `json:"fsize"`
	Procs    uint64   `json:"procs"` // 0: leave the limit alone
	Landlock int      `json:"landlock"`
	Loopback bool     `json:"loopback"`
	DropTo   int      `json:"drop_to"` // user and group to become before executing; 0 stays root of the namespace
	SyncFD   int      `json:"sync_fd"`
	ErrFD    int      `json:"err_fd"`   // set-up failures go here; it closes empty when exec succeeds
	DirSize  int64    `json:"dir_size"` // a tmpfs of this size on Dir; 0 for none
	Seed     string   `json:"seed"`     // copied into Dir
}

func init() {
	if v, ok := os.LookupEnv(initEnv); ok {
		sandboxInit(v)
	}
}

// sandboxInit runs in the new namespaces; it never returns.
func sandboxInit(config string) {
	runtime.LockOSThread() // Landlock and no_new_privs apply to this thread, which then executes the program
	var c initConfig
	errs := os.Stderr
	fail := func(stage string, err error) {
		fmt.Fprintf(errs, "asynclings sandbox: %s: %v\n", stage, err)
		os.Exit(125)
	}
	if err := json.Unmarshal([]byte(config), &c); err != nil {
		fail("config", err)
	}
	// Set-up failures are told on a channel of the parent's that closes
	// when the program is executed: nothing the program does can pass
	// for one.
	if c.ErrFD > 0 {
		errs = os.NewFile(uintptr(c.ErrFD), "errors")
		if _, err := unix.FcntlInt(uintptr(c.ErrFD), unix.F_SETFD, unix.FD_CLOEXEC); err != nil {
			fail("close-on-exec", err)
		}
	}
	// Wait until the parent has put this process in its control groups.
	sync := os.NewFile(uintptr(c.SyncFD), "sync")
	var b [1]byte
	if _, err := sync.Read(b[:]); err != nil {
		fail("wait for the parent", err)
	}
	sync.Close()
	limits := []struct {
		res int
		val uint64
	}{{unix.RLIMIT_NOFILE, c.Files}, {unix.RLIMIT_FSIZE, c.FileSize}, {unix.RLIMIT_CORE, 0}, {unix.RLIMIT_NPROC, c.Procs}}
	for _, l := range limits {
		if l.res == unix.RLIMIT_NPROC && l.val == 0 {
			continue
		}
		if err := unix.Setrlimit(l.res, &unix.Rlimit{Cur: l.val, Max: l.val}); err != nil {
			fail("limit", err)
		}
	}
	if c.Loopback {
		if err := loopbackUp(); err != nil {
			fail("loopback", err)
		}
	}
	if c.DirSize > 0 {
		// A file system of its own on its directory, capped in size, in
		// its mount namespace only.
		if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
			fail("private mounts", err)
		}
		opts := fmt.Sprintf("size=%d,mode=0700,nr_inodes=16384", c.DirSize)
		// Nor may it execute what it writes there.
		if err := unix.Mount("tmpfs", c.Dir, "tmpfs", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, opts); err != nil {
			fail("mount the directory", err)
		}
		if c.Seed != "" {
			if err := copyTree(c.Seed, c.Dir); err != nil {
				fail("seed the directory", err)
			}
		}
		if c.DropTo > 0 {
			if err := protectSeed(c.Dir); err != nil {
				fail("protect the seed", err)
			}
		}
	}
	// Without root's automatic capabilities, the program gets none when
	// it is executed, even as root of its user namespace.
	const secbitNoRoot, secbitNoRootLocked = 1 << 0, 1 << 1
	_ = unix.Prctl(unix.PR_SET_SECUREBITS, secbitNoRoot|secbitNoRootLocked, 0, 0, 0)
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		fail("no_new_privs", err)
	}
	if c.Landlock > 0 {
		if err := landlock(c); err != nil {
			fail("landlock", err)
		}
	}
	// Enter the directory and open the program before dropping to the
	// sandbox's user, who may not be able to reach either from the root;
	// the program is then executed through its descriptor.
	if err := unix.Chdir(c.Dir); err != nil {
		fail("chdir", err)
	}
	prog, err := unix.Open(c.Path, unix.O_PATH|unix.O_CLOEXEC, 0)
	if err != nil {
		fail("open "+c.Path, err)
	}
	if c.DropTo > 0 {
		if err := unix.Setgroups(nil); err != nil {
			fail("setgroups", err)
		}
		if err := unix.Setresgid(c.DropTo, c.DropTo, c.DropTo); err != nil {
			fail("setgid", err)
		}
		if err := unix.Setresuid(c.DropTo, c.DropTo, c.DropTo); err != nil {
			fail("setuid", err)
		}
		// A change of user clears the parent-death signal: set it again,
		// so that the program dies with the engine even when the engine
		// is killed. (Had the engine died since the sync byte, a later
		// run's sweep of stale control groups kills what is left.)
		if err := unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(unix.SIGKILL), 0, 0, 0); err != nil {
			fail("parent-death signal", err)
		}
	}
	// Its name alone: where it lives outside its directory is none of
	// its business, nor of what it prints.
	argv := append([]string{filepath.Base(c.Path)}, c.Args...)
	err = execveat(prog, argv, c.Env)
	// A process forked while the binary was written may still hold it open
	// for writing for a moment (go.dev/issue/22315): wait for it.
	for i := 0; err == unix.ETXTBSY && i < 100; i++ {
		time.Sleep(10 * time.Millisecond)
		err = execveat(prog, argv, c.Env)
	}
	fail("exec "+c.Path, err)
}

// execveat executes the program open at fd.
func execveat(fd int, argv, env []string) error {
	empty, err := unix.BytePtrFromString("")
	if err != nil {
		return err
	}
	args, err := syscall.SlicePtrFromStrings(argv)
	if err != nil {
		return err
	}
	envp, err := syscall.SlicePtrFromStrings(env)
	if err != nil {
		return err
	}
	_, _, errno := unix.Syscall6(unix.SYS_EXECVEAT, uintptr(fd), uintptr(unsafe.Pointer(empty)),
		uintptr(unsafe.Pointer(&args[0])), uintptr(unsafe.Pointer(&envp[0])), unix.AT_EMPTY_PATH, 0)
	return errno
}

func loopbackUp() error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return err
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err != nil {
		return err
	}
	ifr.SetUint16(ifr.Uint16() | unix.IFF_UP)
	return unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr)
}

// Landlock access rights, by the ABI version that introduced them.
const (
	llFileRights = unix.LANDLOCK_ACCESS_FS_EXECUTE | unix.LANDLOCK_ACCESS_FS_WRITE_FILE | unix.LANDLOCK_ACCESS_FS_READ_FILE
	llABI1       = llFileRights | unix.LANDLOCK_ACCESS_FS_READ_DIR | unix.LANDLOCK_ACCESS_FS_REMOVE_DIR |
		unix.LANDLOCK_ACCESS_FS_REMOVE_FILE | unix.LANDLOCK_ACCESS_FS_MAKE_CHAR | unix.LANDLOCK_ACCESS_FS_MAKE_DIR |
		unix.LANDLOCK_ACCESS_FS_MAKE_REG | unix.LANDLOCK_ACCESS_FS_MAKE_SOCK | unix.LANDLOCK_ACCESS_FS_MAKE_FIFO |
		unix.LANDLOCK_ACCESS_FS_MAKE_BLOCK | unix.LANDLOCK_ACCESS_FS_MAKE_SYM
	llRead = unix.LANDLOCK_ACCESS_FS_READ_FILE | unix.LANDLOCK_ACCESS_FS_READ_DIR | unix.LANDLOCK_ACCESS_FS_EXECUTE
)

func llHandled(abi int) uint64 {
	h := uint64(llABI1)
	if abi >= 2 {
		h |= unix.LANDLOCK_ACCESS_FS_REFER
	}
	if abi >= 3 {
		h |= unix.LANDLOCK_ACCESS_FS_TRUNCATE
	}
	if abi >= 5 {
		h |= unix.LANDLOCK_ACCESS_FS_IOCTL_DEV
	}
	return h
}

// llFileOnly are the rights a rule on a file (not a directory) may grant.
func llFileOnly(abi int) uint64 {
	return llHandled(abi) & (llFileRights | unix.LANDLOCK_ACCESS_FS_TRUNCATE | unix.LANDLOCK_ACCESS_FS_IOCTL_DEV)
}

// landlockABI is the kernel's Landlock ABI version, 0 when there is none.
func landlockABI() int {
	v, _, errno := unix.Syscall(unix.SYS_LANDLOCK_CREATE_RULESET, 0, 0, unix.LANDLOCK_CREATE_RULESET_VERSION)
	if errno != 0 {
		return 0
	}
	return int(v)
}

// landlock lets the program write only beneath its directory (and to
// /dev/null) and read only there and in the read-only paths.
func landlock(c initConfig) error {
	abi := c.Landlock
	attr := struct{ fs, net, scoped uint64 }{fs: llHandled(abi)}
	size := unsafe.Sizeof(attr.fs)
	if abi >= 6 {
		// Nor may it signal processes or reach abstract sockets outside.
		attr.scoped = unix.LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | unix.LANDLOCK_SCOPE_SIGNAL
		size = unsafe.Sizeof(attr)
	}
	fd, _, errno := unix.Syscall(unix.SYS_LANDLOCK_CREATE_RULESET, uintptr(unsafe.Pointer(&attr)), size, 0)
	if errno != 0 {
		return fmt.Errorf("create ruleset: %w", errno)
	}
	ruleset := int(fd)
	defer unix.Close(ruleset)
	add := func(path string, access uint64) error {
		pfd, err := unix.Open(path, unix.O_PATH|unix.O_CLOEXEC, 0)
		if errors.Is(err, unix.ENOENT) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("open %s: %w", path, err)
		}
		defer unix.Close(pfd)
		var st unix.Stat_t
		if err := unix.Fstat(pfd, &st); err != nil {
			return err
		}
		if st.Mode&unix.S_IFMT != unix.S_IFDIR {
			access &= llFileOnly(abi)
		}
		rule := unix.LandlockPathBeneathAttr{Allowed_access: access & llHandled(abi), Parent_fd: int32(pfd)}
		_, _, errno := unix.Syscall6(unix.SYS_LANDLOCK_ADD_RULE, uintptr(ruleset), unix.LANDLOCK_RULE_PATH_BENEATH, uintptr(unsafe.Pointer(&rule)), 0, 0, 0)
		if errno != 0 {
			return fmt.Errorf("rule for %s: %w", path, errno)
		}
		return nil
	}
	// Everything in its directory but executing: it runs no program of
	// its own making.
	if err := add(c.Dir, llHandled(abi)&^unix.LANDLOCK_ACCESS_FS_EXECUTE); err != nil {
		return err
	}
	if err := add("/dev/null", llFileOnly(abi)&^unix.LANDLOCK_ACCESS_FS_EXECUTE); err != nil {
		return err
	}
	for _, p := range c.ReadOnly {
		if err := add(p, llRead); err != nil {
			return err
		}
	}
	// The program itself, wherever it lives (Landlock's execute needs
	// read too; its file's mode may still keep it from reading itself).
	if c.Exec != "" {
		if err := add(c.Exec, llRead); err != nil {
			return err
		}
	}
	if _, _, errno := unix.Syscall(unix.SYS_LANDLOCK_RESTRICT_SELF, uintptr(ruleset), 0, 0); errno != 0 {
		return fmt.Errorf("restrict: %w", errno)
	}
	return nil
}

// probe is what this machine allows, found once.
var probe = sync.OnceValue(func() (p struct {
	userns   bool
	landlock int
}) {
	p.landlock = landlockABI()
	// A user namespace is the key to the others; try one.
	cmd := exec.Command("/proc/self/exe")
	cmd.Env = []string{initEnv + "=probe"}
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER | syscall.CLONE_NEWPID | syscall.CLONE_NEWNET | syscall.CLONE_NEWNS,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}},
	}
	if err := cmd.Start(); err == nil {
		p.userns = true
		cmd.Process.Kill()
		cmd.Wait()
	}
	return p
})

// Run runs spec's program in a sandbox and waits for it to end.
func Run(ctx context.Context, spec Spec) (Result, error) {
	l := spec.Limits.withDefaults()
	caps := probe()
	res := Result{}
	iso := &res.Isolation
	path := spec.Path
	if rel, err := filepath.Rel(spec.Dir, spec.Path); err == nil && filepath.IsLocal(rel) {
		path = "./" + rel
	}
	cfg := initConfig{
		Path: path, Args: spec.Args, Env: spec.Env, Dir: spec.Dir, ReadOnly: spec.ReadOnly,
		Files: uint64(l.Files), FileSize: uint64(l.FileSize), Landlock: caps.landlock,
		SyncFD: 3 + len(spec.ExtraFiles), ErrFD: 4 + len(spec.ExtraFiles),
	}
	inDir := path != spec.Path
	if abs, err := filepath.Abs(spec.Path); err == nil {
		cfg.Exec = abs
	}
	uid, gid := os.Getuid(), os.Getgid()
	attr := &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if caps.userns {
		attr.Cloneflags = syscall.CLONE_NEWUSER | syscall.CLONE_NEWPID | syscall.CLONE_NEWNET |
			syscall.CLONE_NEWNS | syscall.CLONE_NEWIPC | syscall.CLONE_NEWUTS
		attr.UidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: uid, Size: 1}}
		attr.GidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: gid, Size: 1}}
		if uid == 0 {
			// As root, the program runs as nobody: it then owns nothing,
			// and the process limit counts only sandboxed processes. The
			// set-up still runs as the namespace's root, then drops to
			// the namespace's user 1, which is nobody outside.
			attr.UidMappings = append(attr.UidMappings, syscall.SysProcIDMap{ContainerID: 1, HostID: nobody, Size: 1})
			attr.GidMappings = append(attr.GidMappings, syscall.SysProcIDMap{ContainerID: 1, HostID: nobody, Size: 1})
			attr.GidMappingsEnableSetgroups = true
			cfg.DropTo = 1
			cfg.Procs = uint64(l.Procs)
			if err := chownTree(spec.Dir, nobody, nobody); err != nil {
				return res, err
			}
		}
		cfg.Loopback = true
		iso.Namespaces, iso.Network = true, true
		if !inDir {
			cfg.DirSize, cfg.Seed = l.DirSize, spec.Seed
			iso.Disk = true
		}
	} else {
		attr.Setpgid = true
		iso.Notes = append(iso.Notes, "user namespaces are not available: the program shares the network, and children that leave its process group may outlive it")
	}
	if spec.Seed != "" && cfg.Seed == "" {
		// No directory of its own: the seed goes into Dir itself.
		if err := copyTree(spec.Seed, spec.Dir); err != nil {
			return res, fmt.Errorf("sandbox: seed the directory: %w", err)
		}
		if cfg.DropTo > 0 {
			if err := chownTree(spec.Dir, nobody, nobody); err != nil {
				return res, err
			}
		}
	}
	if caps.landlock > 0 {
		iso.Filesystem = true
	} else {
		iso.Notes = append(iso.Notes, "Landlock is not available: writes outside the directory are limited only by file permissions")
	}

	cg, err := newCgroup(l)
	if err != nil {
		iso.Notes = append(iso.Notes, "control groups are not available ("+err.Error()+"): memory is watched by polling")
	}
	if cg != nil {
		defer cg.remove()
		iso.Memory, iso.Processes = true, true
	}
	if cfg.Procs > 0 {
		iso.Processes = true
	}

	conf, err := json.Marshal(cfg)
	if err != nil {
		return res, err
	}
	syncR, syncW, err := os.Pipe()
	if err != nil {
		return res, err
	}
	defer syncW.Close()
	errR, errW, err := os.Pipe()
	if err != nil {
		syncR.Close()
		return res, err
	}
	defer errR.Close()
	setupErr := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(io.LimitReader(errR, 4096))
		setupErr <- strings.TrimSpace(string(b))
	}()
	stdout, stderr := &capped{n: l.Output}, &capped{n: l.Output}
	cmd := exec.Command("/proc/self/exe")
	cmd.Args = []string{"asynclings-sandbox"}
	cmd.Env = []string{initEnv + "=" + string(conf)}
	cmd.Dir = spec.Dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.ExtraFiles = append(append([]*os.File{}, spec.ExtraFiles...), syncR, errW)
	cmd.SysProcAttr = attr
	// If the program leaves something holding its output open, do not
	// wait for it.
	cmd.WaitDelay = time.Second
	start := time.Now()
	if err := cmd.Start(); err != nil {
		syncR.Close()
		errW.Close()
		return res, fmt.Errorf("sandbox: start: %w", err)
	}
	syncR.Close()
	errW.Close()
	pid := cmd.Process.Pid
	kill := func() {
		if caps.userns {
			// The program's process is the first of its PID namespace:
			// when it dies, the kernel kills every other process there.
			syscall.Kill(pid, syscall.SIGKILL)
		} else {
			syscall.Kill(-pid, syscall.SIGKILL)
		}
		if cg != nil {
			cg.killAll()
		}
	}
	if cg != nil {
		if err := cg.add(pid); err != nil {
			kill()
			cmd.Wait()
			return res, fmt.Errorf("sandbox: %w", err)
		}
	}
	syncW.Write([]byte{1})
	syncW.Close()

	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	timer := time.NewTimer(l.Wall)
	defer timer.Stop()
	var poll <-chan time.Time
	if cg == nil {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		poll = t.C
	}
	var idle <-chan time.Time
	var idleTicker *time.Ticker
	var lastCPU time.Duration
	var delays <-chan time.Time
	if spec.Waiting != nil {
		idleTicker = time.NewTicker(waitingEvery)
		defer idleTicker.Stop()
		idle = idleTicker.C
		delayTicker := time.NewTicker(delayEvery)
		defer delayTicker.Stop()
		delays = delayTicker.C
	}
	var waitErr error
wait:
	for {
		select {
		case waitErr = <-done:
			break wait
		case <-idle:
			cpu, ok := processCPU(pid)
			if !ok {
				idleTicker.Stop()
				idle = nil
				break
			}
			// Little processor time and no thread waiting for a processor:
			// a run that computes but is starved by others beside it has
			// runnable threads, and is not waiting.
			if time.Since(start) >= time.Second && cpu-lastCPU < waitingEvery/10 && !runnable(pid) {
				idleTicker.Stop()
				idle = nil
				spec.Waiting()
			}
			lastCPU = cpu
		case <-delays:
			if d, ok := runDelay(pid); ok {
				res.RunDelay = max(res.RunDelay, d)
			}
		case <-timer.C:
			res.TimedOut = true
			kill()
		case <-poll:
			if rss(pid) > l.Memory {
				res.MemoryExceeded = true
				kill()
			}
		case <-ctx.Done():
			kill()
			<-done
			return res, ctx.Err()
		}
	}
	res.Duration = time.Since(start)
	if cg != nil {
		cg.killAll() // anything left in its groups
		if !res.TimedOut && cg.oomKilled() {
			res.MemoryExceeded = true
		}
	}
	res.Stdout, res.Stderr = stdout.buf, stderr.buf
	res.OutputTruncated = stdout.truncated || stderr.truncated
	res.ExitCode = cmd.ProcessState.ExitCode()
	var exitErr *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exitErr) && !errors.Is(waitErr, exec.ErrWaitDelay) {
		return res, fmt.Errorf("sandbox: %w", waitErr)
	}
	// The channel closed at exec, or with the set-up process; a program
	// that kept a copy open (it cannot: close-on-exec) would not hold
	// this up past its own end.
	if msg := <-setupErr; msg != "" {
		return res, fmt.Errorf("sandbox: could not set up: %s", msg)
	}
	return res, nil
}

// rss is a process's resident memory in bytes, 0 if it is gone.
func rss(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

func chownTree(dir string, uid, gid int) error {
	return filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	})
}

// protectSeed leaves what was seeded into dir to the namespace's root, who
// made it, as the program runs as another user: its files read-only, and
// dir and its folders writable by all but sticky, as /tmp is. The program
// may then create files and folders of its own anywhere in dir, and
// neither change, remove nor rename the seed's (an exercise's data files,
// which its hidden test reads).
func protectSeed(dir string) error {
	return filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			return os.Chmod(p, os.ModeSticky|0o777)
		case d.Type().IsRegular():
			return os.Chmod(p, 0o444)
		}
		return nil
	})
}

// copyTree copies from's folders and regular files into to, skipping
// anything else (links, devices), with the files' permission bits.
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil || rel == "." {
			return err
		}
		dst := filepath.Join(to, rel)
		switch {
		case d.IsDir():
			return os.Mkdir(dst, 0o755)
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, b, info.Mode().Perm()&0o755)
		}
		return nil
	})
}

// Confined reports whether a program run here cannot write outside its own
// directory: Landlock holds it, or it runs as nobody (the engine is root and
// has user namespaces). What the engine keeps between runs, such as its
// build results, may then be trusted not to have been changed by one.
func Confined() bool {
	if landlockABI() > 0 {
		return true
	}
	return os.Getuid() == 0 && probe().userns
}

// waitingEvery is how often a run's processor time is read for
// Spec.Waiting.
const waitingEvery = 500 * time.Millisecond

// delayEvery is how often a run's wait for processors is read for
// Result.RunDelay.
const delayEvery = 200 * time.Millisecond

// runDelay is how long pid's threads have waited to run, in all (the
// second field of /proc/<pid>/task/<tid>/schedstat, in nanoseconds).
func runDelay(pid int) (time.Duration, bool) {
	stats := taskFiles(pid, "schedstat")
	var total time.Duration
	for _, b := range stats {
		if f := strings.Fields(string(b)); len(f) >= 2 {
			if ns, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				total += time.Duration(ns)
			}
		}
	}
	return total, len(stats) > 0
}

// runnable reports whether one of pid's threads is running or waiting for
// a processor (state R in /proc/<pid>/task/<tid>/stat); in doubt, one is.
func runnable(pid int) bool {
	stats := taskFiles(pid, "stat")
	if len(stats) == 0 {
		return true
	}
	for _, b := range stats {
		if f, ok := statFields(b); !ok || len(f) == 0 || f[0] == "R" {
			return true
		}
	}
	return false
}

// processCPU is the processor time pid's threads have used (the program's
// own, not its children's).
func processCPU(pid int) (time.Duration, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// utime and stime, fields 14 and 15, in clock ticks (USER_HZ, 100 on
	// Linux).
	f, ok := statFields(b)
	if !ok || len(f) < 13 {
		return 0, false
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(u+st) * (time.Second / 100), true
}
