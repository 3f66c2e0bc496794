package main

import (
	"context"
	"log/slog"
	"runtime"
	"time"
)

// logMemStats logs the Go heap and what the runtime holds from the OS every period until ctx
// ends. It is for load tests of the dev server (functions/cmd/bench reads these lines); the
// functions do not log it in production, where Cloud Monitoring shows instance memory.
func logMemStats(ctx context.Context, logger *slog.Logger, period time.Duration) {
	tick := time.NewTicker(period)
	defer tick.Stop()
	var m runtime.MemStats
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			runtime.ReadMemStats(&m)
			logger.Info("memstats", "heapInuse", m.HeapInuse, "heapAlloc", m.HeapAlloc, "sys", m.Sys,
				"goroutines", runtime.NumGoroutine())
		}
	}
}
