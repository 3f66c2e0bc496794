package ratelimit

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/errs"
)

var limits = application.InvitationLimits{Window: 10 * time.Minute, PerSender: 5, PerSenderToOnePlayer: 2, PerRecipient: 3}

func invite(now time.Time, to ...string) Invitations {
	return Invitations{Sender: "ana", To: to, Field: "invitedPlayerIds", Limits: limits, Now: now}
}

func TestChargeCounts(t *testing.T) {
	for _, c := range []struct {
		name string
		sent Sent
		inv  Invitations
		want Sent
	}{
		{"a first invitation opens a window", Sent{}, invite(t0, "ben", "cy"),
			Sent{Window: Window{Start: t0, Count: 2}, To: map[string]int{"ben": 1, "cy": 1}}},
		{"within the window it adds up", Sent{Window: Window{Start: t0, Count: 2}, To: map[string]int{"ben": 1, "cy": 1}}, invite(t0.Add(time.Minute), "ben", "dee"),
			Sent{Window: Window{Start: t0, Count: 4}, To: map[string]int{"ben": 2, "cy": 1, "dee": 1}}},
		{"up to the limit exactly", Sent{Window: Window{Start: t0, Count: 4}, To: map[string]int{"ben": 1}}, invite(t0.Add(time.Minute), "ben"),
			Sent{Window: Window{Start: t0, Count: 5}, To: map[string]int{"ben": 2}}},
		{"a new window starts from nothing", Sent{Window: Window{Start: t0, Count: 5}, To: map[string]int{"ben": 2}}, invite(t0.Add(10*time.Minute), "ben"),
			Sent{Window: Window{Start: t0.Add(10 * time.Minute), Count: 1}, To: map[string]int{"ben": 1}}},
	} {
		got, err := c.inv.Charge(c.sent)
		require.NoError(t, err, c.name)
		assert.Equal(t, c.want, got, c.name)
	}
}

func TestChargeRefuses(t *testing.T) {
	full := Sent{Window: Window{Start: t0, Count: 4}, To: map[string]int{"ben": 2, "cy": 1, "dee": 1}}
	for _, c := range []struct {
		name     string
		inv      Invitations
		fragment string
	}{
		{"past the sender's limit, all or nothing", invite(t0.Add(time.Minute), "eve", "fay"), "limits.invitations.perSender allows a player 5 invitations every 10m0s, and 4 were sent"},
		{"past the limit to one player", invite(t0.Add(time.Minute), "ben"), "limits.invitations.perSenderToOnePlayer allows a player 2 invitations to player ben every 10m0s"},
	} {
		got, err := c.inv.Charge(full)
		assert.Equal(t, full, got, "%s: a refused call changes nothing", c.name)
		var e *errs.Error
		require.ErrorAs(t, err, &e, c.name)
		assert.Equal(t, errs.Rate, e.Kind, c.name)
		assert.Equal(t, "invitedPlayerIds", e.Field, c.name)
		assert.Contains(t, e.Message, c.fragment, c.name)
		assert.Contains(t, e.Message, "this window ends at 2026-11-22T12:10:00Z", c.name)
		assert.Equal(t, 9*time.Minute, e.RetryAfter, c.name)
	}
}

func TestChargeLeavesTheStoredMapAlone(t *testing.T) {
	stored := Sent{Window: Window{Start: t0, Count: 1}, To: map[string]int{"ben": 1}}
	_, err := invite(t0, "ben").Charge(stored)
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"ben": 1}, stored.To, "a transaction that retries charges the value it read, not one an attempt changed")
}
