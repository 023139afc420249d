// wps-probe: the entrypoint of the suite's containers. It runs one command with a request file on stdin and
// prints one JSON line: the command's exit code, stdout and stderr, its own wall and CPU time (so container
// start-up stays out of the classification's time), and the container's memory peak from its cgroup.
// Before running, it checks that every absolute path the command names exists in the image: a missing file is
// the image's fault, reported as such ("missing"), not as the command's failure.
//
//	wps-probe --stdin /in/request.json -- /opt/wps/wasmtime run /opt/wps/module.wasm
//	wps-probe --check -- /opt/wps/wasmtime run /opt/wps/module.wasm   (only the check)
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type result struct {
	ExitCode      int    `json:"exit_code"`
	Signal        int    `json:"signal"`
	Stdout        string `json:"stdout"`
	Stderr        string `json:"stderr"`
	WallNanos     int64  `json:"wall_ns"`
	UserNanos     int64  `json:"user_ns"`
	SystemNanos   int64  `json:"system_ns"`
	MaxRssKib     int64  `json:"max_rss_kib"`
	CgroupPeak    int64  `json:"cgroup_peak_bytes"`
	CgroupVersion int    `json:"cgroup_version"`
	OomKills      int64  `json:"oom_kills"`
	Error         string `json:"error,omitempty"`
	Missing       string `json:"missing,omitempty"`
	Checked       bool   `json:"checked,omitempty"`
}

func main() {
	stdinPath, command, err := parseArgs(os.Args[1:])
	if err != nil {
		emit(result{ExitCode: -1, Error: err.Error()})
		return
	}
	if missing := missingFile(command); missing != "" {
		emit(result{ExitCode: -1, Missing: missing, Error: missing + " does not exist in this image"})
		return
	}
	if stdinPath == "" {
		emit(result{Checked: true})
		return
	}
	res := run(stdinPath, command)
	res.CgroupPeak, res.CgroupVersion = cgroupPeak()
	res.OomKills = oomKills()
	emit(res)
}

// parseArgs returns the stdin file ("" for --check) and the command.
func parseArgs(args []string) (string, []string, error) {
	if len(args) >= 3 && args[0] == "--check" && args[1] == "--" {
		return "", args[2:], nil
	}
	if len(args) < 4 || args[0] != "--stdin" || args[2] != "--" {
		return "", nil, errors.New("usage: wps-probe --stdin FILE -- COMMAND [ARGS...] | wps-probe --check -- COMMAND [ARGS...]")
	}
	return args[1], args[3:], nil
}

// missingFile names the first absolute path among the command's words that does not exist, or "".
func missingFile(command []string) string {
	for _, word := range command {
		if strings.HasPrefix(word, "/") {
			if _, err := os.Stat(word); err != nil {
				return word
			}
		}
	}
	return ""
}

func run(stdinPath string, command []string) result {
	in, err := os.Open(stdinPath)
	if err != nil {
		return result{ExitCode: -1, Error: "cannot open the request: " + err.Error()}
	}
	defer in.Close()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = in, &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	res := result{Stdout: stdout.String(), Stderr: stderr.String(), WallNanos: wall.Nanoseconds()}
	if cmd.ProcessState == nil {
		res.ExitCode, res.Error = -1, "cannot start "+command[0]+": "+err.Error()
		return res
	}
	res.ExitCode = cmd.ProcessState.ExitCode()
	if status, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && status.Signaled() {
		res.Signal = int(status.Signal())
		res.ExitCode = 128 + res.Signal
	}
	if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.UserNanos = usage.Utime.Nano()
		res.SystemNanos = usage.Stime.Nano()
		res.MaxRssKib = usage.Maxrss
	}
	return res
}

// cgroupPeak reads the container's memory high-water mark: cgroup v2 memory.peak, else v1 max_usage_in_bytes.
func cgroupPeak() (int64, int) {
	if v, err := readInt("/sys/fs/cgroup/memory.peak"); err == nil {
		return v, 2
	}
	if v, err := readInt("/sys/fs/cgroup/memory/memory.max_usage_in_bytes"); err == nil {
		return v, 1
	}
	return -1, 0
}

// oomKills counts OOM kills in this container's cgroup (v2 memory.events, v1 memory.oom_control).
func oomKills() int64 {
	for _, file := range []string{"/sys/fs/cgroup/memory.events", "/sys/fs/cgroup/memory/memory.oom_control"} {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			fields := strings.Fields(line)
			if len(fields) == 2 && fields[0] == "oom_kill" {
				n, _ := strconv.ParseInt(fields[1], 10, 64)
				return n
			}
		}
	}
	return 0
}

func readInt(path string) (int64, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
}

func emit(res result) {
	line, err := json.Marshal(res)
	if err != nil {
		fmt.Println(`{"exit_code":-1,"error":"cannot encode the result"}`)
		return
	}
	fmt.Println(string(line))
}
