package service

import (
	"context"
	"sync"
	"time"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/logging"
)

// SettingsMaxAge is how long an instance keeps the application's settings before reading them
// again: a change loaded by the appsettings command reaches every instance within it.
const SettingsMaxAge = time.Minute

// settingsCache keeps the application's settings between requests, so that creating a game or
// checking a token does not read them each time.
type settingsCache struct {
	mu    sync.Mutex
	value application.Settings
	until time.Time
}

// Settings returns the application's settings (the defaults when none are loaded).
func (s *Service) Settings(ctx context.Context) (application.Settings, error) {
	c := &s.settings
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Now().Before(c.until) {
		return c.value, nil
	}
	read, done := instanceContext(ctx)
	defer done()
	// Bounded as a call is: others wait on the lock meanwhile, and a caller may have no deadline
	// of its own (a CORS preflight runs before the route's).
	read, cancel := context.WithTimeout(read, s.RequestTimeout)
	defer cancel()
	v, err := s.Store.Settings(read, s.Config.ApplicationID)
	if err != nil {
		return application.Settings{}, err
	}
	c.value, c.until = v, time.Now().Add(SettingsMaxAge)
	return v, nil
}

// instanceContext is ctx for work the instance does for every call rather than for this one
// (refreshing its cached settings): it keeps ctx's logger and cancellation but none of its other
// values, so the call's Firestore cost meter (store.MeterCost) does not count it.
func instanceContext(ctx context.Context) (context.Context, context.CancelFunc) {
	out, cancel := context.WithCancel(logging.With(context.Background(), logging.From(ctx)))
	stop := context.AfterFunc(ctx, cancel)
	return out, func() { stop(); cancel() }
}
