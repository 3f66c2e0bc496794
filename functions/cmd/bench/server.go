package main

import (
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
	"time"
)

// serverEnv is what the bench changes in the dev server's environment: a simulated player
// records events far faster than a person, so the per-player record rate limit is lifted (its
// document is still read and written on every call); and the bench is an application of its
// own, whose settings (benchSettings, see samples.go) no one else's load replaces.
var serverEnv = []string{"OPENPLAY_EVENTS_RATE_PER_MINUTE=100000000", "OPENPLAY_LOG_LEVEL=INFO", "OPENPLAY_APPLICATION_ID=" + benchApplication}

// server is the dev server process under test; its JSON log (an access line per request with
// its Firestore cost) goes to logPath.
type server struct {
	url, logPath string
	cmd          *exec.Cmd
	logFile      *os.File
	started      time.Time
}

// startServer builds the dev server into dir, without the race detector unless race (it slows
// the server several times), and starts it on a free port, writing its CPU profile to
// cpuProfile if that is set.
func startServer(ctx context.Context, root, dir string, race bool, cpuProfile string) (*server, error) {
	bin, err := build(ctx, root, dir, "./functions/cmd/devserver", race)
	if err != nil {
		return nil, err
	}
	addr, err := freeAddress()
	if err != nil {
		return nil, err
	}
	var flags []string
	if cpuProfile != "" {
		abs, err := filepath.Abs(cpuProfile)
		if err != nil {
			return nil, err
		}
		flags = append(flags, "-cpuprofile", abs)
	}
	logFile, err := os.Create(filepath.Join(dir, "devserver.log"))
	if err != nil {
		return nil, err
	}
	_, port, _ := net.SplitHostPort(addr)
	cmd := exec.Command(bin, flags...)
	cmd.Env = append(append(os.Environ(), "PORT="+port), serverEnv...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	s := &server{url: "http://" + addr, cmd: cmd, logPath: logFile.Name(), logFile: logFile, started: time.Now()}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("start the dev server: %w", err)
	}
	return s, nil
}

// stop interrupts the server, waits for it to exit and flushes its log.
func (s *server) stop() error {
	_ = s.cmd.Process.Signal(os.Interrupt)
	return errors.Join(awaitExit(s.cmd, "the dev server"), s.logFile.Close())
}

// awaitExit waits for the process cmd runs (what names it in errors) to exit, once asked to,
// killing it if it has not within 20 s.
func awaitExit(cmd *exec.Cmd, what string) error {
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		return err
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		return errors.Join(fmt.Errorf("%s did not stop within 20 s", what), <-exited)
	}
}

// mark starts measuring a phase's memory: it resets the kernel's high-water mark of the
// server's RSS.
func (s *server) mark() { _ = os.WriteFile(s.proc("clear_refs"), []byte("5"), 0) }

// maxRSS is the server's largest RSS since the last mark: /proc/PID/status's VmHWM.
func (s *server) maxRSS() int64 {
	status, _ := os.ReadFile(s.proc("status"))
	if _, hwm, ok := strings.Cut(string(status), "VmHWM:"); ok && len(strings.Fields(hwm)) > 0 {
		kb, _ := strconv.ParseInt(strings.Fields(hwm)[0], 10, 64)
		return kb << 10
	}
	return 0
}

func (s *server) proc(file string) string {
	return "/proc/" + strconv.Itoa(s.cmd.Process.Pid) + "/" + file
}

// coldStart measures, from the server's start, when it first answered anything and when a
// signed-in call (RoomsList, which creates the Auth and Firestore clients) first succeeded, and
// that first call's latency against the same call warm (the median of the next 20).
func (b *bench) coldStart(ctx context.Context, s *server) ([]row, error) {
	var listening time.Duration
	for listening == 0 {
		if time.Since(s.started) > time.Minute || ctx.Err() != nil {
			out, _ := os.ReadFile(s.logPath)
			return nil, fmt.Errorf("the dev server did not answer within a minute; its log:\n%s", out)
		}
		if res, err := http.Get(s.url + "/games/v1/rooms"); err == nil {
			res.Body.Close()
			listening = time.Since(s.started)
		} else {
			time.Sleep(2 * time.Millisecond)
		}
	}
	p, first, warm := b.players.group("cold", 0)[0], b.client.run(ctx, &recorder{}), b.client.run(ctx, &recorder{})
	first.call(p, "RoomsList", nil, nil)
	firstOK := time.Since(s.started)
	for range 20 {
		warm.call(p, "RoomsList", nil, nil)
	}
	if err := errors.Join(first.err, warm.err); err != nil {
		return nil, err
	}
	rows := []row{{Endpoint: "start → listening", P50: ms(listening)}, {Endpoint: "start → first success", P50: ms(firstOK)},
		latencies(first.rec.all(), 0), latencies(warm.rec.all(), 0)}
	rows[2].Endpoint, rows[3].Endpoint = "RoomsList (first call)", "RoomsList (warm)"
	for i := range rows {
		rows[i].Phase = "cold start"
	}
	return rows, nil
}

// build builds the command pkg of the repository at root into dir, with the race detector if
// race, and returns the binary's path.
func build(ctx context.Context, root, dir, pkg string, race bool) (string, error) {
	bin := filepath.Join(dir, filepath.Base(pkg))
	args := []string{"build", "-o", bin}
	if race {
		args = append(args, "-race")
	}
	cmd := exec.CommandContext(ctx, "go", append(args, pkg)...)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build %s: %w\n%s", pkg, err, out)
	}
	return bin, nil
}

// freeAddress is a loopback address with a port no one listens on.
func freeAddress() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}
