package guard

import (
	"runtime"
	"syscall"
	"unsafe"
)

// On Linux the guard also closes two ways out of the sandbox before any
// learner code runs. Undoing either needs package syscall, which learners
// may not import, and neither can be undone anyway.
func init() {
	// The key is in this process's memory, which /proc/self/mem shows,
	// and /proc/<pid>/ of a program run by the same user lets others in
	// too. Where the sandbox cannot keep the program out of /proc
	// (Landlock is missing), a process that is not dumpable has those
	// files owned by root, out of the sandbox user's reach, and no other
	// process may trace it.
	syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_SET_DUMPABLE, 0, 0)
	onlyIPSockets()
}

// onlyIPSockets lets this process and its children make sockets of the
// Internet families (in the sandbox's network, which is its own) and
// netlink ones, and no other: a network namespace does not keep a program
// from the Unix sockets in the file system, such as a desktop session's
// bus or an ssh agent, nor does Landlock before its ABI 9, and other
// families (vsock) may reach past the machine.
func onlyIPSockets() {
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
	const (
		ld    = 0x20 // BPF_LD | BPF_W | BPF_ABS: a word of seccomp_data
		jeq   = 0x15 // BPF_JMP | BPF_JEQ | BPF_K
		jge   = 0x35 // BPF_JMP | BPF_JGE | BPF_K
		ret   = 0x06 // BPF_RET | BPF_K
		allow = 0x7fff0000
		deny  = 0x00050000 | uint32(syscall.EACCES) // SECCOMP_RET_ERRNO
	)
	filter := []syscall.SockFilter{
		0:  {Code: ld, K: 4}, // arch
		1:  {Code: jeq, K: arch, Jf: 11 - 2},
		2:  {Code: ld, K: 0},                       // syscall number
		3:  {Code: jge, K: 0x40000000, Jt: 11 - 4}, // the x32 ABI's numbers
		4:  {Code: jeq, K: uint32(syscall.SYS_SOCKET), Jt: 6 - 5},
		5:  {Code: jeq, K: uint32(syscall.SYS_SOCKETPAIR), Jf: 10 - 6},
		6:  {Code: ld, K: 16}, // the low half of the first argument: the family
		7:  {Code: jeq, K: syscall.AF_INET, Jt: 10 - 8},
		8:  {Code: jeq, K: syscall.AF_INET6, Jt: 10 - 9},
		9:  {Code: jeq, K: syscall.AF_NETLINK, Jf: 11 - 10},
		10: {Code: ret, K: allow},
		11: {Code: ret, K: deny},
	}
	prog := syscall.SockFprog{Len: uint16(len(filter)), Filter: &filter[0]}
	const prSetNoNewPrivs, setModeFilter, flagTsync = 38, 1, 1
	syscall.RawSyscall(syscall.SYS_PRCTL, prSetNoNewPrivs, 1, 0) // the sandbox has set it already
	// On every thread of the process, not only this one.
	syscall.RawSyscall(sysSeccomp, setModeFilter, flagTsync, uintptr(unsafe.Pointer(&prog)))
}
