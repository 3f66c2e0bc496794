// Package openplay registers every OpenPlay entry point with the Functions Framework, one
// function per route of the route table (functions.Routes), so that each deploys alone with
// --entry-point=<Name>: HTTP functions, and CloudEvent functions for the Pub/Sub consumers. The Cloud Functions Go buildpack builds only this root package, so it
// holds nothing else.
package openplay

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	ff "github.com/GoogleCloudPlatform/functions-framework-go/functions"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/service"
)

func init() {
	cfg, err := config.FromEnv()
	if err != nil {
		// Refusing to start is the safe answer to a dangerous configuration (see config).
		panic("openplay: " + err.Error())
	}
	functions.LimitMemory()
	svc := service.New(cfg)
	for _, route := range functions.Routes(svc) {
		if route.Trigger == functions.PubSub {
			ff.CloudEvent(route.Name, functions.EventHandler(svc, route))
			continue
		}
		ff.HTTP(route.Name, functions.Handler(svc, route).ServeHTTP)
	}
	go flushOnShutdown(svc)
}

// flushOnShutdown writes the sent marks the instance still holds (svc.Outbox.FlushSentMarks)
// when Cloud Run stops it with SIGTERM, or Ctrl-C stops it locally, and then exits. Cloud Run
// allows 10 s after SIGTERM; a mark not written by then only costs a second publish by the relay.
func flushOnShutdown(svc *service.Service) {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
	<-stop
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	_ = svc.Outbox.FlushSentMarks(ctx)
	cancel()
	os.Exit(0)
}
