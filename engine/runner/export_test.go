package runner

// SetLinkedHook lets the external tests hear which owners' submissions
// each shared binary holds.
func SetLinkedHook(f func(owners []string)) { linkedHook = f }
