#include "textflag.h"

// func rawWrite(fd uintptr, p unsafe.Pointer, n uintptr) (r, errno uintptr)
TEXT ·rawWrite(SB),NOSPLIT,$0-40
	MOVQ	fd+0(FP), DI
	MOVQ	p+8(FP), SI
	MOVQ	n+16(FP), DX
	MOVL	$1, AX
	SYSCALL
	CMPQ	AX, $0xfffffffffffff001
	JLS	ok
	MOVQ	$-1, r+24(FP)
	NEGQ	AX
	MOVQ	AX, errno+32(FP)
	RET
ok:
	MOVQ	AX, r+24(FP)
	MOVQ	$0, errno+32(FP)
	RET

// func rawWriteAddr() uintptr
TEXT ·rawWriteAddr(SB),NOSPLIT,$0-8
	MOVQ	$·rawWrite(SB), AX
	MOVQ	AX, ret+0(FP)
	RET
