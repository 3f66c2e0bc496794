// Package service wires one instance: its configuration and its Firestore, Pub/Sub and
// Firebase Auth adapters, each client created lazily, once, and shared by every request.
package service

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/openplay-games/openplay/shared/auth"
	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/notification"
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
	// PublishTimeout bounds how long Deliver waits for Pub/Sub before leaving the rest to the
	// relay.
	PublishTimeout time.Duration

	settings    settingsCache
	definitions definitionsCache
	marks       sentMarks
}

// RequestTimeout is how long a public call may take: well within the API gateway's deadline for
// its backend (30 s, see functions/deploy) and Cloud Functions' timeout (60 s), so that a call
// held up by a backend answers 503 with Retry-After rather than being cut off unanswered.
const RequestTimeout = 20 * time.Second

// PublishTimeout is how long a call waits for Pub/Sub to take its notifications: a publish takes
// tens of milliseconds, so a Pub/Sub that has not answered by then is in trouble, and the player
// gets their answer while the relay publishes the rest later.
const PublishTimeout = 2 * time.Second

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
		PublishTimeout: PublishTimeout,

		marks: newSentMarks(),
	}
	s.Auth.CheckRevoked = s.checkRevoked
	return s
}

// Time is the current time at the precision Firestore stores (microseconds), so that a value
// read back equals the value written.
func (s *Service) Time() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// Deliver publishes committed notifications, waits for Pub/Sub to have them (at most
// PublishTimeout, and never past ctx's deadline), and queues their outbox records to be marked
// sent in the background (see sent.go). A failure does not fail the caller's request: the state
// change is committed, and the records stay pending for the relay to publish again.
func (s *Service) Deliver(ctx context.Context, notes []notification.Notification) {
	if len(notes) == 0 {
		return
	}
	// A client hanging up must not strand committed notifications, and a Pub/Sub outage must not
	// hold the player's call for long: past PublishTimeout, or the call's own deadline, the relay
	// takes over.
	wait := s.PublishTimeout
	if deadline, ok := ctx.Deadline(); ok {
		wait = min(wait, time.Until(deadline))
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), wait)
	defer cancel()
	// Recipients are published to in parallel, each recipient's notifications one after another
	// in the order given, so the per-recipient ordering key keeps them in order.
	byRecipient := map[string][]notification.Notification{}
	for _, n := range notes {
		byRecipient[n.Recipient] = append(byRecipient[n.Recipient], n)
	}
	sent := make([]string, 0, len(notes))
	var mu sync.Mutex
	var wg sync.WaitGroup
	var failures []error
	for _, queue := range byRecipient {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, n := range queue {
				err := s.Publisher.Publish(ctx, n)
				mu.Lock()
				if err != nil {
					failures = append(failures, err)
				} else {
					sent = append(sent, n.ID)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	s.markSent(sent)
	if len(failures) > 0 {
		logging.From(ctx).Warn("notifications left pending for the relay", "error", errors.Join(failures...).Error(),
			"pending", len(notes)-len(sent))
	}
}

// Close writes the sent marks still queued and releases the clients.
func (s *Service) Close() error {
	s.closeMarks()
	return errors.Join(s.Store.Close(), s.Publisher.Close())
}
