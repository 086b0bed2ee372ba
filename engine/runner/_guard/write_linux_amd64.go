package guard

import (
	"runtime"
	"unsafe"
)

// rawWrite is write(2) made by an instruction of this package's own
// (write_linux_amd64.s): the seccomp filter lets descriptor 4 be written
// from that instruction and from nowhere else in the process.
//
//go:noescape
func rawWrite(fd uintptr, p unsafe.Pointer, n uintptr) (r, errno uintptr)

func rawWriteAddr() uintptr

const eintr = 4

func writeRecord(b []byte) {
	for len(b) > 0 {
		n, errno := rawWrite(recordsFD, unsafe.Pointer(&b[0]), uintptr(len(b)))
		if errno == eintr {
			continue
		}
		if errno != 0 {
			return
		}
		b = b[n:]
	}
	runtime.KeepAlive(b)
}

// writeSite is the address just past rawWrite's SYSCALL instruction, which
// the kernel shows seccomp as the call's instruction pointer.
func writeSite() uintptr {
	start := rawWriteAddr()
	code := (*[64]byte)(unsafe.Pointer(start))
	for i := 0; i+1 < len(code); i++ {
		if code[i] == 0x0f && code[i+1] == 0x05 {
			return start + uintptr(i) + 2
		}
	}
	return 0
}

// fdCalls are the system calls, on linux/amd64, that could close, copy,
// replace or write to a descriptor (a socket), by the argument that names
// it. Calls that only read from it or look at it are harmless: the runner
// sends nothing down it.
var fdCalls = fdTable{
	write: 1,
	arg0: []uint32{
		3,        // close
		32,       // dup
		33,       // dup2
		72,       // fcntl
		18,       // pwrite64
		20,       // writev
		296, 328, // pwritev, pwritev2
		44, 46, 307, // sendto, sendmsg, sendmmsg
		40,         // sendfile
		48,         // shutdown
		54,         // setsockopt
		16,         // ioctl
		42, 49, 50, // connect, bind, listen
		292, // dup3
		278, // vmsplice
	},
	arg1:  []uint32{33, 292, 276},            // dup2, dup3, tee
	arg2:  []uint32{275, 326},                // splice, copy_file_range
	never: []uint32{436, 438, 425, 426, 427}, // close_range, pidfd_getfd, io_uring_setup, _enter, _register
}
