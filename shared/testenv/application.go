package testenv

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/service"
)

// OwnApplication gives svc an application of its own, with settings stored for it (nil: none,
// so the defaults apply). Settings and limits are per application, so no other test's settings
// or invitations count in it. Call it before svc serves a request: an instance keeps the
// settings it read for a minute.
func OwnApplication(t testing.TB, svc *service.Service, settings *application.Settings) {
	t.Helper()
	svc.Config.ApplicationID = "test-" + ids.Random()[:10]
	if settings != nil {
		require.NoError(t, svc.Store.PutSettings(t.Context(), svc.Config.ApplicationID, *settings))
	}
}

// LiftedLimits are the default settings with the invitation limits as high and short as they go:
// for tests and load generators whose players invite each other many times a second, each
// invitation still charged and still reaching its inbox.
func LiftedLimits() application.Settings {
	s := application.Defaults
	s.Limits.Invitations = application.InvitationLimits{Window: application.MinLimitWindow, PerSender: application.MaxLimitCount,
		PerSenderToOnePlayer: application.MaxLimitCount, PerRecipient: application.MaxLimitCount}
	return s
}
