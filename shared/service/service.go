// Package service wires one instance: its configuration, its Firestore, Pub/Sub and Firebase
// Auth adapters (each client created lazily, once, and shared by every request) and its outbox;
// and it keeps the application's settings and event definitions between requests.
package service

import (
	"errors"
	"log/slog"
	"os"
	"time"

	"github.com/openplay-games/openplay/shared/auth"
	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/outbox"
	"github.com/openplay-games/openplay/shared/publisher"
	"github.com/openplay-games/openplay/shared/store"
)

// Service is what handlers share.
type Service struct {
	Config    config.Config
	Store     *store.Store
	Publisher *publisher.Publisher
	Auth      *auth.Firebase
	Logger    *slog.Logger
	// Now is the clock domain rules are given; tests replace it.
	Now func() time.Time
	// RequestTimeout bounds a public call: past it the call gives up on its backends and answers
	// 503 (see httpapi.Deadline).
	RequestTimeout time.Duration
	// Outbox publishes the notifications the instance's calls commit.
	Outbox *outbox.Outbox

	settings    settingsCache
	definitions definitionsCache
}

// RequestTimeout is how long a public call may take: well within the API gateway's deadline for
// its backend (30 s, see functions/deploy) and Cloud Functions' timeout (60 s), so that a call
// held up by a backend answers 503 with Retry-After rather than being cut off unanswered.
const RequestTimeout = 20 * time.Second

// New builds the service for cfg. It does no I/O.
func New(cfg config.Config) *Service {
	s := &Service{
		Config:    cfg,
		Store:     store.New(cfg.ProjectID),
		Publisher: publisher.New(cfg.ProjectID),
		Auth:      auth.New(cfg.ProjectID),
		Logger:    logging.New(os.Stdout, cfg.LogLevel),
		Now:       func() time.Time { return time.Now().UTC() },

		RequestTimeout: RequestTimeout,
	}
	s.Outbox = outbox.New(s.Store, s.Publisher, s.Time, func() *slog.Logger { return s.Logger })
	s.Auth.CheckRevoked = s.checkRevoked
	return s
}

// Time is the current time at the precision Firestore stores (microseconds), so that a value
// read back equals the value written.
func (s *Service) Time() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// Close writes the sent marks still queued and releases the clients.
func (s *Service) Close() error {
	s.Outbox.Close()
	return errors.Join(s.Store.Close(), s.Publisher.Close())
}
