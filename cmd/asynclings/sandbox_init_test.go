//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// TestSandboxStartsFirst: the program re-executed as a run's sandbox (see
// engine/sandbox's initEnv) takes over before the terminal and Markdown
// libraries initialise, which would cost every run about 40 ms of CPU
// (chroma parses all its styles and lexers): engine/sandbox imports
// nothing that they wait for, such as regexp.
func TestSandboxStartsFirst(t *testing.T) {
	cmd := exec.Command(buildBinary(t))
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1", "ASYNCLINGS_SANDBOX_INIT=not a config")
	out, _ := cmd.CombinedOutput()
	if !bytes.Contains(out, []byte("asynclings sandbox: config")) {
		t.Fatalf("the sandbox's set-up did not run:\n%s", out)
	}
	if bytes.Contains(out, []byte("init github.com/alecthomas/chroma")) {
		t.Errorf("chroma initialised before the sandbox took over:\n%s", out)
	}
}
