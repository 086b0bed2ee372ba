// Command hostile misbehaves in the way its first argument names; the
// sandbox's tests run it to see that each misdeed is contained.
package main

import (
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"
	"time"
)

func main() {
	switch os.Args[1] {
	case "fill":
		// Files of 32 MiB until the directory is full: how much fit.
		total := 0
		chunk := make([]byte, 1<<20)
		for i := 0; i < 64; i++ {
			f, err := os.Create(fmt.Sprintf("fill%d", i))
			if err != nil {
				break
			}
			for j := 0; j < 32; j++ {
				n, err := f.Write(chunk)
				total += n
				if err != nil {
					break
				}
			}
			f.Close()
		}
		fmt.Println(total >> 20)
	case "exec-own":
		// A copy of itself, written into its directory and executed.
		b, err := os.ReadFile(os.Args[2])
		if err == nil {
			err = os.WriteFile("copy", b, 0o755)
		}
		if err == nil {
			var p *os.Process
			p, err = os.StartProcess("./copy", []string{"copy", "ok"}, &os.ProcAttr{Files: []*os.File{nil, os.Stdout, os.Stderr}})
			if err == nil {
				p.Wait()
			}
		}
		fmt.Println("exec:", err)
	case "fake-setup":
		// What a failed set-up looks like, from the program.
		fmt.Fprintln(os.Stderr, "asynclings sandbox: exec: permission denied")
		os.Exit(125)
	case "ok":
		fmt.Println("hello from the sandbox")
	case "write":
		err := os.WriteFile(os.Args[2], []byte("pwned"), 0o644)
		fmt.Println("write:", err)
		err = os.WriteFile("inside.txt", []byte("fine"), 0o644)
		fmt.Println("inside:", err)
	case "read":
		_, err := os.ReadFile(os.Args[2])
		fmt.Println("read:", err)
	case "dial":
		c, err := net.DialTimeout("tcp", os.Args[2], time.Second)
		if err == nil {
			c.Close()
		}
		fmt.Println("dial:", err)
	case "loopback":
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			fmt.Println("listen:", err)
			return
		}
		go func() {
			c, err := l.Accept()
			if err == nil {
				c.Write([]byte("pong"))
				c.Close()
			}
		}()
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			fmt.Println("dial:", err)
			return
		}
		b := make([]byte, 4)
		n, _ := c.Read(b)
		fmt.Println("loopback:", string(b[:n]))
	case "orphan":
		// A child in a session of its own, which outlives its parent
		// unless something kills it.
		p, err := os.StartProcess(os.Args[0], []string{os.Args[0], "sleep", "orphaned-child"}, &os.ProcAttr{Sys: &syscall.SysProcAttr{Setsid: true}})
		if err != nil {
			fmt.Println("orphan:", err)
			return
		}
		fmt.Println("orphan:", p.Pid)
	case "sleep":
		time.Sleep(300 * time.Second)
	case "spin":
		for {
		}
	case "spin4": // on four threads: busy however loaded the machine is
		for range 3 {
			go func() {
				for {
				}
			}()
		}
		for {
		}
	case "memory":
		var keep [][]byte
		for {
			b := make([]byte, 16<<20)
			for i := range b {
				b[i] = 1
			}
			keep = append(keep, b)
		}
	case "flood":
		line := strings.Repeat("x", 1023) + "\n"
		for {
			os.Stdout.WriteString(line)
		}
	case "forks":
		n := 0
		for ; n < 1000; n++ {
			if _, err := os.StartProcess(os.Args[0], []string{os.Args[0], "sleep"}, &os.ProcAttr{}); err != nil {
				break
			}
		}
		fmt.Println("started:", n)
	case "env":
		fmt.Println(strings.Join(os.Environ(), "\n"))
	}
}
