package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	games "google.golang.org/api/games/v1"
	"google.golang.org/api/option"
)

// devServer is the base URL of the dev server TestMain started; binaries is where it builds
// the main module's commands.
var devServer, binaries string

// devSecret is the secret the dev servers this suite starts require on their private routes
// (the operations, the push consumers, /_dev/clock): they are given it as OPENPLAY_DEV_SECRET.
var devSecret = rand.Text()

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	for _, v := range []string{"FIRESTORE_EMULATOR_HOST", "PUBSUB_EMULATOR_HOST", "FIREBASE_AUTH_EMULATOR_HOST"} {
		if os.Getenv(v) == "" {
			fmt.Fprintf(os.Stderr, "%s is not set: run the tests with `make test`, or `emulators/run go test ./...` here\n", v)
			return 1
		}
	}
	dir, err := os.MkdirTemp("", "openplay-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	binaries = dir
	url, stop, err := start(dir, "devserver", nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	devServer = url
	code := m.Run()
	if err := stop(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return code
}

// start builds a command of the main module (functions/cmd/NAME) into dir, with the race
// detector, runs it with args on a free port with the test's environment plus env, and waits
// until it serves. stop interrupts it and fails when it did not exit cleanly or reported a data
// race (the race detector reports to the log and changes the exit status); only its first call
// does anything.
func start(dir, name string, args []string, env ...string) (url string, stop func() error, err error) {
	bin := filepath.Join(dir, name)
	build := exec.Command("go", "build", "-race", "-o", bin, "./functions/cmd/"+name)
	build.Dir = filepath.Join("..", "..") // the main module
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return "", nil, fmt.Errorf("build %s: %w", name, err)
	}
	port, err := freePort()
	if err != nil {
		return "", nil, err
	}
	logs, err := os.CreateTemp(dir, name+"-*.log")
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = build.Dir // where the dev server finds the built sample games (clients/samples/dist)
	cmd.Env = append(append(os.Environ(), "PORT="+strconv.Itoa(port), "OPENPLAY_DEV_SECRET="+devSecret), env...)
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("start %s: %w", name, err)
	}
	stop = sync.OnceValue(func() error {
		_ = cmd.Process.Signal(os.Interrupt)
		exited := cmd.Wait()
		_ = logs.Close()
		out, err := os.ReadFile(logs.Name())
		switch {
		case err != nil:
			return err
		case bytes.Contains(out, []byte("WARNING: DATA RACE")):
			return fmt.Errorf("%s reported a data race; its log:\n%s", name, out)
		case exited != nil:
			return fmt.Errorf("%s did not exit cleanly when interrupted (%w); its log:\n%s", name, exited, out)
		}
		return nil
	})
	url = "http://127.0.0.1:" + strconv.Itoa(port)
	if err := waitUntilServing(url + "/games/v1/rooms/create"); err != nil {
		_ = stop()
		out, _ := os.ReadFile(logs.Name())
		return "", nil, fmt.Errorf("%w\n%s log:\n%s", err, name, out)
	}
	return url, stop, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func waitUntilServing(url string) error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(url)
		if err == nil {
			res.Body.Close()
			if res.StatusCode < 500 {
				return nil // serving: it answers for itself (401 or 405 without a token)
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("the dev server did not answer %s within 60 s", url)
}

// player is a signed-up player and a generated Play Games client that calls as them.
type player struct {
	ID    string
	Name  string
	Token string
	Games *games.Service
}

// signUp creates a player in the Auth emulator (this module cannot import the main module's
// test harness) and a generated client that sends their ID token.
func signUp(t *testing.T, name string) player {
	t.Helper()
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	body, _ := json.Marshal(map[string]any{"email": name + "-" + hex.EncodeToString(suffix) + "@example.com",
		"password": "password-" + hex.EncodeToString(suffix), "displayName": name, "returnSecureToken": true})
	res, err := http.Post("http://"+os.Getenv("FIREBASE_AUTH_EMULATOR_HOST")+"/identitytoolkit.googleapis.com/v1/accounts:signUp?key=e2e",
		"application/json", bytes.NewReader(body))
	require.NoError(t, err, "sign up %s", name)
	defer res.Body.Close()
	var account struct{ LocalID, IDToken string }
	require.NoError(t, json.NewDecoder(res.Body).Decode(&account), "sign up %s: status %d", name, res.StatusCode)
	require.NotEmpty(t, account.IDToken, "sign up %s: status %d; want an ID token", name, res.StatusCode)
	return player{ID: account.LocalID, Name: name, Token: account.IDToken, Games: client(t, devServer, account.IDToken)}
}

// client is a generated Play Games client pointed at the server at base, sending token.
func client(t *testing.T, base, token string) *games.Service {
	t.Helper()
	svc, err := games.NewService(context.Background(), option.WithEndpoint(base+"/games/v1/"),
		option.WithHTTPClient(&http.Client{Transport: bearer(token), Timeout: 30 * time.Second}))
	require.NoError(t, err)
	return svc
}

type bearer string

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	if b != "" {
		r.Header.Set("Authorization", "Bearer "+string(b))
	}
	return http.DefaultTransport.RoundTrip(r)
}
