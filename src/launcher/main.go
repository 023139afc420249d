// wps-launch: runs one command with a request file on stdin and prints one JSON line describing the run. The suite
// starts every measured process through it, locally and as the entrypoint of its containers, so the figures do not
// include the JVM's process spawn or its reaper: the clock starts when the command has been exec'd and stops when it
// is reaped, and CPU time, peak RSS, page faults and context switches come from wait4 at microsecond resolution.
//
//	wps-launch --stdin FILE [--timeout-ms N] [--max-rss-kib N] [--cgroup] [--no-trace] [--sample-memory-us N] [--drop-pages FILE]... [--cpu N] -- COMMAND [ARGS...]
//	wps-launch --check -- COMMAND [ARGS...]     (only checks that every absolute path the command names exists)
//
// --check-files makes a run do that check first (the container backend: a missing file is the image's fault).
//
// --drop-pages FILE drops FILE from the page cache before the command starts, so that the command maps it onto new
// physical pages. A runtime that maps an artefact (a native binary's code and weights, Wasmtime's copy-on-write
// linear memory from a .cwasm) otherwise keeps the physical placement it got when the file was first read, for every
// later run: two identical files can then differ by a few percent in steady state, consistently, for as long as the
// page cache keeps them. Dropped before every run, the placement becomes noise that the rounds average out.
//
// --cpu N pins the command to CPU N. The suite starts the builds of one variant together on one CPU so that they take
// turns on it and share its fast and slow spells; their CPU times then compare the builds, not the moments they ran.
//
// The command starts traced (ptrace) only so that it stops right after its exec: the clock starts there, without the
// launcher's own fork and exec, and the command is detached at once; --no-trace starts the clock before the fork
// instead. --sample-memory-us N reads /proc/<pid>/status every N microseconds and reports how the largest resident set
// seen was split into anonymous, file-backed and shared memory (a separate, untimed run: the sampling costs CPU).
// --cgroup adds the container's cgroup memory peak and OOM kills (container backend).
//
// --max-rss-kib N kills the command's process group once its resident set passes N KiB (read from /proc every
// millisecond; a limit on address space would stop runtimes that reserve gigabytes for guard pages), and says so on
// stderr: a hostile input must not take the machine's memory.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

// Output beyond this is cut: a classifier answers in one line; anything longer is a fault to show, not to keep.
const maxCaptured = 1 << 20

type memorySample struct {
	Samples  int   `json:"samples"`
	RssKib   int64 `json:"rss_kib"`
	AnonKib  int64 `json:"anon_kib"`
	FileKib  int64 `json:"file_kib"`
	ShmemKib int64 `json:"shmem_kib"`
}

type result struct {
	ExitCode        int           `json:"exit_code"`
	Signal          int           `json:"signal"`
	TimedOut        bool          `json:"timed_out,omitempty"`
	Stdout          string        `json:"stdout"`
	Stderr          string        `json:"stderr"`
	WallNanos       int64         `json:"wall_ns"`
	UserMicros      int64         `json:"user_us"`
	SystemMicros    int64         `json:"system_us"`
	MaxRssKib       int64         `json:"max_rss_kib"`
	MinorFaults     int64         `json:"minor_faults"`
	MajorFaults     int64         `json:"major_faults"`
	VoluntaryCs     int64         `json:"voluntary_cs"`
	InvoluntaryCs   int64         `json:"involuntary_cs"`
	MemoryAtPeak    *memorySample `json:"memory_at_peak,omitempty"`
	CgroupPeak      int64         `json:"cgroup_peak_bytes,omitempty"`
	CgroupVersion   int           `json:"cgroup_version,omitempty"`
	OomKills        int64         `json:"oom_kills,omitempty"`
	OverMemoryCap   int64         `json:"over_memory_cap_kib,omitempty"`
	Error           string        `json:"error,omitempty"`
	Missing         string        `json:"missing,omitempty"`
	Checked         bool          `json:"checked,omitempty"`
	Dropped         []dropped     `json:"dropped,omitempty"`
	Cpu             *int          `json:"cpu,omitempty"`
	Traced          bool          `json:"traced"`
	LauncherVersion int           `json:"launcher_version"`
}

// Bumped when the meaning of a field changes; the suite records it with every result set.
const launcherVersion = 2

type options struct {
	stdin   string
	check   bool
	files   bool
	timeout time.Duration
	cgroup  bool
	trace   bool
	sample  time.Duration
	maxRss  int64
	drop    []string
	cpu     int // -1: wherever the scheduler puts it
	command []string
}

func main() {
	opts, err := parseArgs(os.Args[1:])
	if err != nil {
		emit(result{ExitCode: -1, Error: err.Error()})
		os.Exit(2)
	}
	// In a container every absolute path the command names must be in the image; a missing one is the image's fault.
	if missing := missingFile(opts.command); (opts.check || opts.files) && missing != "" {
		emit(result{ExitCode: -1, Missing: missing, Error: missing + " does not exist"})
		return
	}
	if opts.check {
		emit(result{Checked: true})
		return
	}
	res := run(opts)
	if opts.cgroup {
		res.CgroupPeak, res.CgroupVersion = cgroupPeak()
		res.OomKills = oomKills()
	}
	emit(res)
}

func parseArgs(args []string) (options, error) {
	opts := options{trace: true, cpu: -1}
	usage := errors.New("usage: wps-launch --stdin FILE [--timeout-ms N] [--max-rss-kib N] [--cgroup] [--check-files] [--no-trace] [--sample-memory-us N] [--drop-pages FILE]... [--cpu N] -- COMMAND [ARGS...] | wps-launch --check -- COMMAND [ARGS...]")
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "--stdin":
			if i+1 >= len(args) {
				return opts, usage
			}
			opts.stdin = args[i+1]
			i++
		case "--timeout-ms":
			if i+1 >= len(args) {
				return opts, usage
			}
			ms, err := strconv.Atoi(args[i+1])
			if err != nil || ms <= 0 {
				return opts, fmt.Errorf("--timeout-ms needs a positive number of milliseconds, got %q", args[i+1])
			}
			opts.timeout = time.Duration(ms) * time.Millisecond
			i++
		case "--max-rss-kib":
			if i+1 >= len(args) {
				return opts, usage
			}
			kib, err := strconv.ParseInt(args[i+1], 10, 64)
			if err != nil || kib <= 0 {
				return opts, fmt.Errorf("--max-rss-kib needs a positive number of KiB, got %q", args[i+1])
			}
			opts.maxRss = kib
			i++
		case "--sample-memory-us":
			if i+1 >= len(args) {
				return opts, usage
			}
			us, err := strconv.Atoi(args[i+1])
			if err != nil || us <= 0 {
				return opts, fmt.Errorf("--sample-memory-us needs a positive number of microseconds, got %q", args[i+1])
			}
			opts.sample = time.Duration(us) * time.Microsecond
			i++
		case "--drop-pages":
			if i+1 >= len(args) || !strings.HasPrefix(args[i+1], "/") {
				return opts, fmt.Errorf("--drop-pages needs an absolute file path; %v", usage)
			}
			opts.drop = append(opts.drop, args[i+1])
			i++
		case "--cpu":
			if i+1 >= len(args) {
				return opts, usage
			}
			cpu, err := strconv.Atoi(args[i+1])
			if err != nil || cpu < 0 || cpu >= 1024 {
				return opts, fmt.Errorf("--cpu needs a CPU number (0..1023), got %q", args[i+1])
			}
			opts.cpu = cpu
			i++
		case "--check":
			opts.check = true
		case "--check-files":
			opts.files = true
		case "--cgroup":
			opts.cgroup = true
		case "--no-trace":
			opts.trace = false
		case "--":
			opts.command = args[i+1:]
			if len(opts.command) == 0 || (!opts.check && opts.stdin == "") {
				return opts, usage
			}
			return opts, nil
		default:
			return opts, fmt.Errorf("unknown option %q; %v", args[i], usage)
		}
	}
	return opts, usage
}

// pinThread restricts the calling OS thread to one CPU (sched_setaffinity, pid 0 = this thread).
func pinThread(cpu int) error {
	var mask [16]uint64
	mask[cpu/64] |= 1 << (uint(cpu) % 64)
	_, _, errno := syscall.RawSyscall(syscall.SYS_SCHED_SETAFFINITY, 0, uintptr(len(mask)*8), uintptr(unsafe.Pointer(&mask[0])))
	if errno != 0 {
		return errno
	}
	return nil
}

// dropPages writes back and evicts a file's cached pages (posix_fadvise DONTNEED; dirty pages would stay cached).
// dropped says what a drop achieved: pages of the file still in the page cache right after it.
type dropped struct {
	File     string `json:"file"`
	Pages    int    `json:"pages"`
	Resident int    `json:"resident_after"`
}

func dropPages(file string) (dropped, error) {
	res := dropped{File: file}
	f, err := os.Open(file)
	if err != nil {
		return res, err
	}
	defer f.Close()
	if err := syscall.Fdatasync(int(f.Fd())); err != nil {
		return res, err
	}
	const dontNeed = 4 // POSIX_FADV_DONTNEED
	// tmpfs ignores the advice, and a page another process maps stays: the run would not get fresh pages, so say so. Pages
	// may also stay for a moment after their last user is gone (seen once: 984 of 1126 pages of the reference's native
	// binary, at the first steady run of a suite run), so the drop is tried a few times before the file counts as kept.
	const attempts = 5
	for attempt := 1; ; attempt++ {
		if _, _, errno := syscall.Syscall6(syscall.SYS_FADVISE64, f.Fd(), 0, 0, dontNeed, 0, 0); errno != 0 {
			return res, errno
		}
		res.Pages, res.Resident, err = residency(f)
		if err != nil {
			return res, err
		}
		if res.Resident*2 <= res.Pages {
			return res, nil
		}
		if attempt == attempts {
			return res, fmt.Errorf("the page cache kept %d of its %d pages after %d tries over %d ms (is it on tmpfs, or mapped by "+
				"a running process?); steady runs cannot get fresh pages here: move the file off tmpfs or set perf.steady.freshPages=false",
				res.Resident, res.Pages, attempts, (attempts-1)*20)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// residency counts the file's pages and how many are in the page cache (mincore on a mapping, which faults nothing in).
func residency(f *os.File) (pages int, resident int, err error) {
	info, err := f.Stat()
	if err != nil || info.Size() == 0 {
		return 0, 0, err
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(info.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return 0, 0, err
	}
	defer syscall.Munmap(data)
	page := os.Getpagesize()
	vec := make([]byte, (len(data)+page-1)/page)
	if _, _, errno := syscall.Syscall(syscall.SYS_MINCORE, uintptr(unsafe.Pointer(&data[0])), uintptr(len(data)),
		uintptr(unsafe.Pointer(&vec[0]))); errno != 0 {
		return 0, 0, errno
	}
	for _, v := range vec {
		resident += int(v & 1)
	}
	return len(vec), resident, nil
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

func run(opts options) result {
	res := result{LauncherVersion: launcherVersion}
	for _, file := range opts.drop {
		d, err := dropPages(file)
		res.Dropped = append(res.Dropped, d)
		if err != nil {
			res.ExitCode, res.Error = -1, "cannot drop "+file+" from the page cache: "+err.Error()
			return res
		}
	}
	in, err := os.Open(opts.stdin)
	if err != nil {
		res.ExitCode, res.Error = -1, "cannot open the request: "+err.Error()
		return res
	}
	defer in.Close()
	// Files, not pipes: nothing has to be read while the command runs, so no goroutine competes with it for the CPU.
	stdout, err1 := os.CreateTemp("", "wps-stdout-")
	stderr, err2 := os.CreateTemp("", "wps-stderr-")
	if err1 != nil || err2 != nil {
		res.ExitCode, res.Error = -1, fmt.Sprintf("cannot create capture files: %v %v", err1, err2)
		return res
	}
	defer cleanup(stdout)
	defer cleanup(stderr)

	// ptrace requests must come from the thread that started the tracee.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	// The child inherits the affinity of the thread that forks it: this one, locked above.
	if opts.cpu >= 0 {
		if err := pinThread(opts.cpu); err != nil {
			res.ExitCode, res.Error = -1, fmt.Sprintf("cannot pin to CPU %d: %v", opts.cpu, err)
			return res
		}
		res.Cpu = &opts.cpu
	}
	cmd := exec.Command(opts.command[0], opts.command[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = in, stdout, stderr
	// Pdeathsig: the command dies with this (locked) thread, should the launcher itself be killed.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Ptrace: opts.trace, Pdeathsig: syscall.SIGKILL}
	start := time.Now()
	err = cmd.Start()
	if err != nil && opts.trace && errors.Is(err, syscall.EPERM) {
		// Tracing is forbidden here (a container's seccomp profile, say): run untraced, the clock then includes the fork.
		opts.trace = false
		cmd = exec.Command(opts.command[0], opts.command[1:]...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = in, stdout, stderr
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
		start = time.Now()
		err = cmd.Start()
	}
	if err != nil {
		res.ExitCode, res.Error = -1, "cannot start "+opts.command[0]+": "+err.Error()
		return res
	}
	res.Traced = opts.trace
	pid := cmd.Process.Pid
	var timedOut = make(chan struct{})
	if opts.timeout > 0 {
		timer := time.AfterFunc(opts.timeout, func() {
			close(timedOut)
			_ = syscall.Kill(-pid, syscall.SIGKILL)
		})
		defer timer.Stop()
	}

	var status syscall.WaitStatus
	var usage syscall.Rusage
	if opts.trace {
		// The child stops at its exec; the clock starts when it resumes, so fork and exec in this launcher are not counted.
		if _, err := syscall.Wait4(pid, &status, 0, nil); err != nil || !status.Stopped() {
			res.ExitCode, res.Error = -1, fmt.Sprintf("the traced command did not stop at exec (%v, status %v)", err, status)
			_ = syscall.Kill(-pid, syscall.SIGKILL)
			return res
		}
		// Detached, not continued: a traced process stops at every signal it receives (Go's preemption signals, a JVM's
		// safepoint faults) until its tracer lets it go on, which slowed such runtimes by the round trips.
		start = time.Now()
		_ = syscall.PtraceDetach(pid)
	}
	var overCap chan int64
	if opts.maxRss > 0 {
		overCap = make(chan int64, 1)
		go capMemory(pid, opts.maxRss, overCap)
	}
	var peak chan *memorySample
	if opts.sample > 0 {
		peak = make(chan *memorySample, 1)
		go sampleMemory(pid, opts.sample, peak)
	}
	for {
		_, err := syscall.Wait4(pid, &status, 0, &usage)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			res.ExitCode, res.Error = -1, "wait4 failed: "+err.Error()
			return res
		}
		break
	}
	res.WallNanos = time.Since(start).Nanoseconds()
	if peak != nil {
		res.MemoryAtPeak = <-peak
	}
	select {
	case <-timedOut:
		res.TimedOut = true
		awaitGroupGone(pid, 10*time.Second)
	default:
	}
	res.ExitCode = status.ExitStatus()
	if status.Signaled() {
		res.Signal = int(status.Signal())
		res.ExitCode = 128 + res.Signal
	}
	res.UserMicros = usage.Utime.Sec*1_000_000 + usage.Utime.Usec
	res.SystemMicros = usage.Stime.Sec*1_000_000 + usage.Stime.Usec
	res.MaxRssKib = usage.Maxrss
	res.MinorFaults, res.MajorFaults = usage.Minflt, usage.Majflt
	res.VoluntaryCs, res.InvoluntaryCs = usage.Nvcsw, usage.Nivcsw
	res.Stdout, res.Stderr = captured(stdout), captured(stderr)
	if overCap != nil {
		if seen := <-overCap; seen > 0 {
			res.OverMemoryCap = seen
			res.Stderr += fmt.Sprintf("\nwps-launch: killed at %d KiB resident, over the cap of %d KiB (--max-rss-kib)\n", seen, opts.maxRss)
		}
	}
	return res
}

// capMemory polls the command's resident set every millisecond until it exits; past maxKib it kills the process group
// and sends the size it saw (0 when the command stayed under the cap).
func capMemory(pid int, maxKib int64, out chan<- int64) {
	ticker := time.NewTicker(time.Millisecond)
	defer ticker.Stop()
	for {
		m := readMemory(pid)
		if m == nil {
			out <- 0
			return
		}
		if m.RssKib > maxKib {
			_ = syscall.Kill(-pid, syscall.SIGKILL)
			out <- m.RssKib
			return
		}
		<-ticker.C
	}
}

// awaitGroupGone waits until no process of the command's group is left (killed children are reaped by init), so a
// caller that sees the timeout never finds a straggler still running.
func awaitGroupGone(pgid int, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if err := syscall.Kill(-pgid, 0); err != nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// sampleMemory reads /proc/<pid>/status every interval until the process is gone, and sends the sample with the largest
// resident set (nil when none could be read).
func sampleMemory(pid int, interval time.Duration, out chan<- *memorySample) {
	var best *memorySample
	samples := 0
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		m := readMemory(pid)
		if m == nil {
			break
		}
		samples++
		if best == nil || m.RssKib > best.RssKib {
			best = m
		}
		<-ticker.C
	}
	if best != nil {
		best.Samples = samples
	}
	out <- best
}

// readMemory reads a running process's resident memory from /proc/<pid>/status; nil once it has exited.
func readMemory(pid int) *memorySample {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return nil
	}
	m := &memorySample{}
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		value, err := strconv.ParseInt(fields[1], 10, 64)
		if err != nil {
			continue
		}
		switch fields[0] {
		case "VmRSS:":
			m.RssKib = value
		case "RssAnon:":
			m.AnonKib = value
		case "RssFile:":
			m.FileKib = value
		case "RssShmem:":
			m.ShmemKib = value
		}
	}
	if m.RssKib == 0 {
		return nil // a zombie: its memory is already released
	}
	return m
}

func captured(f *os.File) string {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return ""
	}
	data, _ := io.ReadAll(io.LimitReader(f, maxCaptured+1))
	if len(data) > maxCaptured {
		info, _ := f.Stat()
		return string(data[:maxCaptured]) + fmt.Sprintf("\n... (cut: %d bytes in total)", info.Size())
	}
	return string(data)
}

func cleanup(f *os.File) {
	f.Close()
	os.Remove(f.Name())
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
	res.LauncherVersion = launcherVersion
	line, err := json.Marshal(res)
	if err != nil {
		fmt.Println(`{"exit_code":-1,"error":"cannot encode the result"}`)
		return
	}
	fmt.Println(string(line))
}
