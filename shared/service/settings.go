package service

import (
	"context"
	"sync"
	"time"

	"github.com/openplay-games/openplay/shared/application"
)

// SettingsMaxAge is how long an instance keeps the application's settings before reading them
// again: a change loaded by the appsettings command reaches every instance within it.
const SettingsMaxAge = time.Minute

// settingsCache keeps the application's settings between requests, so that creating a game
// does not read them each time.
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
	v, err := s.Store.Settings(ctx, s.Config.ApplicationID)
	if err != nil {
		return application.Settings{}, err
	}
	c.value, c.until = v, time.Now().Add(SettingsMaxAge)
	return v, nil
}
