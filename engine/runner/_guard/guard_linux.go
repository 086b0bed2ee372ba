package guard

import (
	"runtime"
	"syscall"
	"unsafe"
)

// On Linux the guard also closes ways out of the sandbox and around the
// records before any learner code runs. Undoing any of them needs package
// syscall, which learners may not import, and none can be undone anyway.
func init() {
	// The key is in this process's memory, which /proc/self/mem shows,
	// and /proc/<pid>/ of a program run by the same user lets others in
	// too. Where the sandbox cannot keep the program out of /proc
	// (Landlock is missing), a process that is not dumpable has those
	// files owned by root, out of the sandbox user's reach, and no other
	// process may trace it.
	syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_SET_DUMPABLE, 0, 0)
	// No child the program starts inherits the records' descriptor.
	syscall.RawSyscall(syscall.SYS_FCNTL, recordsFD, syscall.F_SETFD, syscall.FD_CLOEXEC)
	filter()
}

// bpf assembles a classic BPF program with forward jumps to labels.
type bpf struct {
	ins    []syscall.SockFilter
	labels map[string]int
	fixups []fixup
}

type fixup struct {
	at     int
	jt, jf string // labels; "" is the next instruction
	ja     bool
}

const (
	bpfLd  = 0x20 // BPF_LD | BPF_W | BPF_ABS: a word of seccomp_data
	bpfJeq = 0x15 // BPF_JMP | BPF_JEQ | BPF_K
	bpfJge = 0x35 // BPF_JMP | BPF_JGE | BPF_K
	bpfJa  = 0x05 // BPF_JMP | BPF_JA
	bpfRet = 0x06 // BPF_RET | BPF_K

	// Offsets in struct seccomp_data (little-endian words).
	offNr   = 0
	offArch = 4
	offIP   = 8
	offArg  = 16 // + 8*n; the low word

	retAllow = 0x7fff0000
)

func (b *bpf) label(name string) { b.labels[name] = len(b.ins) }
func (b *bpf) ld(off uint32)     { b.ins = append(b.ins, syscall.SockFilter{Code: bpfLd, K: off}) }
func (b *bpf) ret(k uint32)      { b.ins = append(b.ins, syscall.SockFilter{Code: bpfRet, K: k}) }
func (b *bpf) jmp(code uint16, k uint32, jt, jf string) {
	b.fixups = append(b.fixups, fixup{at: len(b.ins), jt: jt, jf: jf})
	b.ins = append(b.ins, syscall.SockFilter{Code: code, K: k})
}
func (b *bpf) goTo(l string) {
	b.fixups = append(b.fixups, fixup{at: len(b.ins), jt: l, ja: true})
	b.ins = append(b.ins, syscall.SockFilter{Code: bpfJa})
}

func (b *bpf) program() []syscall.SockFilter {
	for _, f := range b.fixups {
		off := func(l string) uint32 {
			if l == "" {
				return 0
			}
			return uint32(b.labels[l] - f.at - 1)
		}
		if f.ja {
			b.ins[f.at].K = off(f.jt)
			continue
		}
		b.ins[f.at].Jt, b.ins[f.at].Jf = uint8(off(f.jt)), uint8(off(f.jf))
	}
	return b.ins
}

// filter installs, on every thread, a seccomp filter that
//   - lets the process and its children make sockets of the Internet
//     families (in the sandbox's network, which is its own) and netlink
//     ones, and no other: a network namespace does not keep a program from
//     the Unix sockets in the file system, such as a desktop session's bus
//     or an ssh agent, nor does Landlock before its ABI 9, and other
//     families (vsock) may reach past the machine;
//   - refuses every call on the records' descriptor (close, dup, fcntl,
//     shutdown, being the target of dup2, splice...) but a write made from
//     the guard's own instruction, so that no other code can close it,
//     replace it, copy it or write to it; and the calls that could get
//     hold of it sideways (close_range, pidfd_getfd, io_uring).
func filter() {
	var arch uint32
	var sysSeccomp uintptr
	switch runtime.GOARCH {
	case "amd64":
		arch, sysSeccomp = 0xc000003e, 317 // AUDIT_ARCH_X86_64
	case "arm64":
		arch, sysSeccomp = 0xc00000b7, 277 // AUDIT_ARCH_AARCH64
	default:
		return
	}
	deny := 0x00050000 | uint32(syscall.EACCES) // SECCOMP_RET_ERRNO
	b := &bpf{labels: map[string]int{}}
	b.ld(offArch)
	b.jmp(bpfJeq, arch, "", "deny")
	b.ld(offNr)
	b.jmp(bpfJge, 0x40000000, "deny", "") // the x32 ABI's numbers
	b.jmp(bpfJeq, uint32(syscall.SYS_SOCKET), "socket", "")
	b.jmp(bpfJeq, uint32(syscall.SYS_SOCKETPAIR), "socket", "")
	site := writeSite()
	if t := fdCalls; t.write != 0 && site != 0 {
		for _, nr := range t.never {
			b.jmp(bpfJeq, nr, "deny", "")
		}
		b.jmp(bpfJeq, t.write, "write", "")
		for _, nr := range t.arg1 {
			b.jmp(bpfJeq, nr, "arg1", "")
		}
		for _, nr := range t.arg2 {
			b.jmp(bpfJeq, nr, "arg2", "")
		}
		b.goTo("other")
		b.label("arg1")
		b.ld(offArg + 8)
		b.jmp(bpfJeq, recordsFD, "deny", "other")
		b.label("arg2")
		b.ld(offArg + 16)
		b.jmp(bpfJeq, recordsFD, "deny", "other")
		// Calls on the descriptor in their first argument.
		b.label("other")
		b.ld(offNr)
		for _, nr := range t.arg0 {
			b.jmp(bpfJeq, nr, "arg0", "")
		}
		b.goTo("allow")
		b.label("arg0")
		b.ld(offArg)
		b.jmp(bpfJeq, recordsFD, "deny", "allow")
		// A write to the records, from the guard's instruction only.
		b.label("write")
		b.ld(offArg)
		b.jmp(bpfJeq, recordsFD, "", "allow")
		b.ld(offIP)
		b.jmp(bpfJeq, uint32(site), "", "deny")
		b.ld(offIP + 4)
		b.jmp(bpfJeq, uint32(uint64(site)>>32), "allow", "deny")
	} else {
		b.goTo("allow")
	}
	b.label("socket")
	b.ld(offArg) // the low half of the first argument: the family
	b.jmp(bpfJeq, syscall.AF_INET, "allow", "")
	b.jmp(bpfJeq, syscall.AF_INET6, "allow", "")
	b.jmp(bpfJeq, syscall.AF_NETLINK, "allow", "deny")
	b.label("allow")
	b.ret(retAllow)
	b.label("deny")
	b.ret(deny)

	filter := b.program()
	prog := syscall.SockFprog{Len: uint16(len(filter)), Filter: &filter[0]}
	const prSetNoNewPrivs, setModeFilter, flagTsync = 38, 1, 1
	syscall.RawSyscall(syscall.SYS_PRCTL, prSetNoNewPrivs, 1, 0) // the sandbox has set it already
	// On every thread of the process, not only this one.
	syscall.RawSyscall(sysSeccomp, setModeFilter, flagTsync, uintptr(unsafe.Pointer(&prog)))
}

// exitNow ends the process with status 0 at once.
func exitNow() { syscall.RawSyscall(syscall.SYS_EXIT_GROUP, 0, 0, 0) }
