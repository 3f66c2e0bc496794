// Command devserver serves every OpenPlay entry point on one port, at the same API paths as in
// production, against the emulators (or whatever the environment points at). `make run` starts
// it with the emulators up.
package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/service"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "devserver:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	addr := "127.0.0.1:8080"
	if port := os.Getenv("PORT"); port != "" {
		addr = net.JoinHostPort("127.0.0.1", port)
	}
	svc := service.New(cfg)
	defer svc.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if cfg.PubSubEmulator != "" {
		// Locally nothing else creates the topics; in production the deploy does.
		if err := svc.Publisher.EnsureTopics(ctx, notification.Topics...); err != nil {
			return err
		}
	}

	routes := functions.Routes(svc)
	server := &http.Server{Addr: addr, Handler: functions.Handler(svc, routes...), ReadHeaderTimeout: 10 * time.Second}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	svc.Logger.Info("OpenPlay dev server listening", "address", "http://"+listener.Addr().String(), "entryPoints", len(routes), "project", cfg.ProjectID)
	errc := make(chan error, 1)
	go func() { errc <- server.Serve(listener) }()
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
