// Package testenv connects tests to the real emulators that `make test` (through emulators/run)
// starts. There are no fakes: a test signs up real players in the Auth emulator, its requests
// run real Firestore transactions, and it reads what was published from a real Pub/Sub
// subscription.
//
// Isolation is by data, not by project: the Auth emulator issues ID tokens only for its own
// project, so every test uses that project and signs up players of its own (unique e-mail
// addresses), whose rooms, invitations and messages no other test touches. Packages can run in
// parallel. The outbox is the one place shared by all: a relay (the dev server's timer, or a
// test's pass) publishes whatever is pending past its cutoff, so test clocks start at the real
// time, never in the past, and the tests that relay with no grace period date their own records
// years back (functions/notifications).
package testenv

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/config"
	"github.com/openplay-games/openplay/shared/emulator"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/service"
)

// Config returns the emulator configuration, failing the test with instructions when the
// emulators are not configured (a silent skip would hide that nothing was tested).
func Config(t testing.TB) config.Config {
	t.Helper()
	for _, v := range []string{"FIRESTORE_EMULATOR_HOST", "PUBSUB_EMULATOR_HOST", "FIREBASE_AUTH_EMULATOR_HOST"} {
		require.NotEmptyf(t, os.Getenv(v), "%s is not set: run the tests with `make test`, or `emulators/run go test ./...`", v)
	}
	cfg, err := config.FromEnv()
	require.NoError(t, err)
	return cfg
}

// Service returns a service on the emulators with every topic created, closed when the test ends.
func Service(t testing.TB) *service.Service {
	t.Helper()
	svc := service.New(Config(t))
	require.NoError(t, emulator.EnsureTopics(t.Context(), svc.Publisher, notification.Topics...))
	t.Cleanup(func() { _ = svc.Close() })
	return svc
}
