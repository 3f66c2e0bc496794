package faults_test

import (
	"bufio"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/auth"
	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/service"
)

// The crash test runs instances as processes of their own, to kill them: this test binary,
// started again with these variables set, serves OpenPlay as the dev server does (the whole
// route table) and says where on its first line of output.
const (
	instanceEnv         = "OPENPLAY_FAULTS_INSTANCE"   // set: serve instead of testing
	instanceAuthEnv     = "OPENPLAY_FAULTS_AUTH"       // the project whose ID tokens it accepts
	instanceDeadlineEnv = "OPENPLAY_FAULTS_DEADLINE"   // its request deadline
	listening           = "openplay instance serving " // its first line, followed by its URL
)

// serveInstance serves OpenPlay on a free port until the process is killed.
func serveInstance() {
	cfg, err := config.FromEnv()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	deadline, err := time.ParseDuration(os.Getenv(instanceDeadlineEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	svc := service.New(cfg)
	svc.Auth = auth.New(os.Getenv(instanceAuthEnv))
	svc.Logger = logging.New(os.Stderr, slog.LevelError)
	svc.RequestTimeout = deadline
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(listening + "http://" + l.Addr().String())
	fmt.Fprintln(os.Stderr, http.Serve(l, functions.Handler(svc, functions.Routes(svc)...)))
	os.Exit(1)
}

// process is an instance running as a process of its own.
type process struct {
	cmd *exec.Cmd
	url string
}

// startProcess starts an instance in the world's project whose Firestore and Pub/Sub go through
// the world's proxies, and waits until it serves.
func (w *world) startProcess(deadline time.Duration) *process {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), instanceEnv+"=1", instanceAuthEnv+"="+w.authProj, instanceDeadlineEnv+"="+deadline.String(),
		"GOOGLE_CLOUD_PROJECT="+w.cfg.ProjectID, "OPENPLAY_APPLICATION_ID="+w.cfg.ApplicationID,
		"FIRESTORE_EMULATOR_HOST="+w.firestore.Addr(), "PUBSUB_EMULATOR_HOST="+w.pubsub.Addr())
	cmd.Stderr = w.log
	out, err := cmd.StdoutPipe()
	require.NoError(w.t, err)
	require.NoError(w.t, cmd.Start())
	p := &process{cmd: cmd}
	w.t.Cleanup(func() { p.kill() })
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(w.t, err, "the instance did not start")
	url, ok := strings.CutPrefix(strings.TrimSpace(line), listening)
	require.True(w.t, ok, "the instance said %q", line)
	p.url = url
	return p
}

// kill ends the process with SIGKILL: no shutdown, nothing flushed, as a crash or an
// out-of-memory kill leaves it. It reports false if the process had ended on its own.
func (p *process) kill() bool {
	if p.cmd.ProcessState == nil {
		_ = p.cmd.Process.Signal(syscall.SIGKILL)
		_ = p.cmd.Wait()
	}
	status, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && status.Signaled() && status.Signal() == syscall.SIGKILL
}
