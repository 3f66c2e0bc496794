package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// build compiles the dev server and the sample loaders of the module at root into
// dir, without the race detector unless race (it slows the server down several times).
func build(ctx context.Context, root, dir string, race bool) error {
	for _, name := range []string{"devserver", "appsettings", "eventdefs", "sessiontemplates"} {
		args := []string{"build", "-o", filepath.Join(dir, name)}
		if race {
			args = append(args, "-race")
		}
		cmd := exec.CommandContext(ctx, "go", append(args, "./functions/cmd/"+name)...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("build %s: %w\n%s", name, err, out)
		}
	}
	return nil
}

// loadSamples loads the bench's application settings and the sample event definitions and
// session templates the scenarios use, as `make run` does.
func loadSamples(ctx context.Context, root, dir string) error {
	settings := filepath.Join(dir, "application.json")
	if err := os.WriteFile(settings, []byte(benchSettings), 0o600); err != nil {
		return err
	}
	for _, args := range [][]string{{"appsettings", "-file", settings}, {"eventdefs", "-file", filepath.Join(root, "infra", "events.json")},
		{"sessiontemplates", "-dir", filepath.Join(root, "infra", "session-templates")}} {
		cmd := exec.CommandContext(ctx, filepath.Join(dir, args[0]), args[1:]...)
		cmd.Env = append(os.Environ(), serverEnv...)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%s: %w\n%s", strings.Join(args, " "), err, out)
		}
	}
	return nil
}

// serverEnv is what the bench changes in the dev server's environment: one simulated player
// records events far faster than a person would, so the per-player record rate limit is lifted
// (the limit's check and its document are still read and written on every call); and the bench
// is an application of its own, whose settings (benchSettings) no one else's load replaces.
var serverEnv = []string{"OPENPLAY_EVENTS_RATE_PER_MINUTE=100000000", "OPENPLAY_LOG_LEVEL=INFO", "OPENPLAY_APPLICATION_ID=openplay-bench"}

// benchSettings lift the invitation limits for the same reason: a simulated player invites the
// same friends many times a second. Every invitation is still charged to its sender's window in
// the call's transaction and counted in its recipient's as it reaches the inbox.
const benchSettings = `{"limits": {"invitations": {"window": "1s", "perSender": 1000, "perSenderToOnePlayer": 1000, "perRecipient": 1000}}}`

// server is the dev server process under test. Its stdout (JSON log lines: one access line
// per request with its Firestore cost, and the heap every memStatsEvery) goes to logPath.
type server struct {
	url     string
	cmd     *exec.Cmd
	logPath string
	logFile *os.File
	started time.Time

	mu         sync.Mutex
	rss        []memSample
	stopSample chan struct{}
	sampled    chan struct{}
}

// memSample is the server's RSS and the CPU time it has used so far, at one moment.
type memSample struct {
	at    time.Time
	bytes int64
	cpu   time.Duration
}

const memStatsEvery = 250 * time.Millisecond

func startServer(dir string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(filepath.Join(dir, "devserver.log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(filepath.Join(dir, "devserver"), "-memstats-every", memStatsEvery.String())
	cmd.Env = append(append(os.Environ(), "PORT="+strconv.Itoa(port)), serverEnv...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	s := &server{url: "http://127.0.0.1:" + strconv.Itoa(port), cmd: cmd, logPath: logFile.Name(), logFile: logFile,
		stopSample: make(chan struct{}), sampled: make(chan struct{})}
	s.started = time.Now()
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("start the dev server: %w", err)
	}
	go s.sampleRSS(50 * time.Millisecond)
	return s, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitListening waits until the server answers anything and returns when it first did.
func (s *server) waitListening(ctx context.Context) (time.Time, error) {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		res, err := http.Get(s.url + "/games/v1/rooms")
		if err == nil {
			res.Body.Close()
			return time.Now(), nil
		}
		time.Sleep(2 * time.Millisecond)
	}
	out, _ := os.ReadFile(s.logPath)
	return time.Time{}, fmt.Errorf("the dev server did not answer within 60 s; its log:\n%s", out)
}

// stop interrupts the server, waits for it to exit and flushes its log.
func (s *server) stop() error {
	close(s.stopSample)
	<-s.sampled
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		err = errors.Join(errors.New("the dev server did not stop within 20 s"), <-done)
	}
	return errors.Join(err, s.logFile.Close())
}

// sampleRSS reads the server's resident set size and CPU time from /proc every period.
func (s *server) sampleRSS(period time.Duration) {
	defer close(s.sampled)
	tick := time.NewTicker(period)
	defer tick.Stop()
	for {
		select {
		case <-s.stopSample:
			return
		case <-tick.C:
			v, err := procStatus(s.cmd.Process.Pid, "VmRSS")
			cpu, cerr := procCPU(s.cmd.Process.Pid)
			if err == nil && cerr == nil {
				s.mu.Lock()
				s.rss = append(s.rss, memSample{at: time.Now(), bytes: v, cpu: cpu})
				s.mu.Unlock()
			}
		}
	}
}

// maxRSS is the largest RSS sampled between from and to.
func (s *server) maxRSS(from, to time.Time) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var m int64
	for _, r := range s.rss {
		if !r.at.Before(from) && !r.at.After(to) {
			m = max(m, r.bytes)
		}
	}
	return m
}

// cpu is the CPU time (user and system) the server used between from and to.
func (s *server) cpu(from, to time.Time) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var first, last *memSample
	for i := range s.rss {
		r := &s.rss[i]
		if first == nil && !r.at.Before(from) {
			first = r
		}
		if !r.at.After(to) {
			last = r
		}
	}
	if first == nil || last == nil || last.cpu < first.cpu {
		return 0
	}
	return last.cpu - first.cpu
}

// procCPU reads the user and system CPU time of a process from /proc/PID/stat (fields 14 and
// 15, in clock ticks of 1/100 s on Linux).
func procCPU(pid int) (time.Duration, error) {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, err
	}
	i := bytes.LastIndexByte(raw, ')')
	fields := strings.Fields(string(raw[i+1:])) // from field 3, the state
	if i < 0 || len(fields) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, err
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

// peakRSS is the kernel's high-water mark of the server's RSS over its whole life (VmHWM).
func (s *server) peakRSS() (int64, error) { return procStatus(s.cmd.Process.Pid, "VmHWM") }

// procStatus reads a "kB" field of /proc/PID/status, in bytes.
func procStatus(pid int, field string) (int64, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if ok && name == field {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("/proc/%d/status has no %s: %w", pid, field, syscall.ENOENT)
}
