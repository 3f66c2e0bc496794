// Command devserver serves every OpenPlay entry point on one port, at the same API paths as in
// production, against the emulators (or whatever the environment points at). `make run` starts
// it with the emulators up. On the Pub/Sub emulator it also stands in for what Google Cloud does
// in production: each topic's messages are delivered to its consumer's route here (as Pub/Sub
// triggers do; see consumers.go), and the private operations (notifications relay, sweeper,
// matcher) run every -operations-every (as Cloud Scheduler does). For tests of timeouts, POST
// /_dev/clock?advance=… moves the server's clock forward (see devclock.go). Those private routes
// need the secret the server logs at start (see private.go). With the sample games built, it
// serves them at /play/ (see samples.go). -cpuprofile writes the server's CPU profile, from start
// to stop, for `go tool pprof` (the bench's -cpuprofile passes it on).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/service"
)

func main() {
	operationsEvery := flag.Duration("operations-every", 10*time.Second, "how often the relay, sweeper and matcher run (0: never)")
	memStatsEvery := flag.Duration("memstats-every", 0, "how often to log the Go heap, for load tests (0: never)")
	samples := flag.String("samples", "clients/samples/dist", "the built sample games to serve at /play/ (none if missing)")
	cpuProfile := flag.String("cpuprofile", "", "write the server's CPU profile, from start to stop, to this file")
	flag.Parse()
	if *cpuProfile != "" {
		stop, err := profileCPU(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "devserver:", err)
			os.Exit(1)
		}
		defer stop()
	}
	if err := run(*operationsEvery, *memStatsEvery, *samples); err != nil {
		fmt.Fprintln(os.Stderr, "devserver:", err)
		os.Exit(1)
	}
}

func run(operationsEvery, memStatsEvery time.Duration, samples string) error {
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	addr := "127.0.0.1:8080"
	if port := os.Getenv("PORT"); port != "" {
		addr = net.JoinHostPort("127.0.0.1", port)
	}
	functions.LimitMemory()
	svc := service.New(cfg)
	defer svc.Close()
	clock := &devClock{}
	svc.Now = clock.Now
	guard, err := newPrivateGuard(os.Getenv("OPENPLAY_DEV_SECRET"), svc.Logger)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if cfg.PubSubEmulator != "" {
		// Locally nothing else creates the topics; in production the deploy does.
		if err := emulator.EnsureTopics(ctx, svc.Publisher, notification.Topics...); err != nil {
			return err
		}
	}

	routes := functions.Routes(svc)
	var clockHandler http.Handler
	if cfg.Emulated() {
		clockHandler = clock // never against real Firestore: it moves every timer
	}
	mux := serveMux(svc, routes, guard, clockHandler)
	servingSamples := serveSamples(mux, samples, cfg)
	server := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	svc.Logger.Info("OpenPlay dev server listening", "address", "http://"+listener.Addr().String(), "entryPoints", len(routes), "project", cfg.ProjectID,
		"privateRoutes", "add ?"+secretParam+"="+guard.secret+" to call the operations, the push consumers and /_dev/clock")
	if servingSamples {
		fmt.Printf("\n  Play the sample games: open http://%s%s in two browser windows\n\n", listener.Addr(), samplesPath)
	}
	errc := make(chan error, 1)
	go func() { errc <- server.Serve(listener) }()
	if cfg.PubSubEmulator != "" {
		subscriptions, received, err := consume(ctx, svc, routes, guard, mux, "http://"+listener.Addr().String())
		if err != nil {
			return err
		}
		defer func() {
			stop() // the receivers stop with ctx; the service they use closes after them
			received()
			for _, name := range subscriptions {
				_ = emulator.DeleteSubscription(context.Background(), svc.Publisher, name)
			}
		}()
	}
	if operationsEvery > 0 {
		go operate(ctx, svc, routes, guard, "http://"+listener.Addr().String(), operationsEvery)
	}
	if memStatsEvery > 0 {
		go logMemStats(ctx, svc.Logger, memStatsEvery)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := server.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// operationsClient calls the private routes; a pass is bounded (operations.Budget), so a call
// that takes longer than this is stuck.
var operationsClient = &http.Client{Timeout: 2 * time.Minute}

// operate calls every private route (the relay, the sweeper, the matcher) every period, with the
// secret, as Cloud Scheduler does in production, until ctx ends.
func operate(ctx context.Context, svc *service.Service, routes []functions.Route, guard privateGuard, base string, period time.Duration) {
	tick := time.NewTicker(period)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			for _, r := range routes {
				if r.Trigger != functions.Private {
					continue
				}
				req, _ := http.NewRequestWithContext(ctx, r.Method, guard.url(base, r.Path), nil)
				res, err := operationsClient.Do(req)
				if err != nil {
					svc.Logger.Warn(r.Name+" could not be called", "error", err.Error())
					continue
				}
				body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					svc.Logger.Warn(r.Name+" failed", "status", res.StatusCode, "body", string(body))
				}
			}
		}
	}
}

// profileCPU starts writing the process's CPU profile to path; the returned function stops it.
func profileCPU(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
