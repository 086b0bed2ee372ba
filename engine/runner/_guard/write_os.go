package guard

import "os"

var records = os.NewFile(recordsFD, "asynclings-results")

// writeRecord sends one record to the runner. Where no seccomp filter
// guards the descriptor, the records' MACs alone stand for them.
func writeRecord(b []byte) { records.Write(b) }

// writeSite is where the only system call allowed to write records sits:
// nowhere in particular here.
func writeSite() uintptr { return 0 }

// fdCalls: no syscall table for this system.
var fdCalls fdTable
