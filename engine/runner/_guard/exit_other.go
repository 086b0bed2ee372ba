package guard

import "os"

// exitNow ends the process with status 0; elsewhere than Linux through the
// runtime (the race runtime's exit sleep included).
func exitNow() { os.Exit(0) }
