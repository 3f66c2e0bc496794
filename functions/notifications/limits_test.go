package notifications_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestInvitationFloodStopsAtTheLimit is the flood of issue #14: one player invites another to
// thirty rooms in a burst. Under the default limits the first twenty go through and the rest are
// refused with Google's 429, and the recipient's inbox holds the twenty.
func TestInvitationFloodStopsAtTheLimit(t *testing.T) {
	svc := testenv.Service(t)
	testenv.OwnApplication(t, svc, nil)
	a := newAPI(t, svc)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	lim := application.Defaults.Limits.Invitations

	for i := range 30 {
		req, err := http.NewRequest(http.MethodPost, a.URL+"/games/v1/rooms/create", strings.NewReader(`{"invitedPlayerIds":["`+ben.ID+`"]}`))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+ana.Token)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if i < lim.PerSenderToOnePlayer {
			require.Equal(t, http.StatusOK, res.StatusCode, "invitation %d: %s", i+1, raw)
			continue
		}
		require.Equal(t, http.StatusTooManyRequests, res.StatusCode, "invitation %d: %s", i+1, raw)
		var e testenv.GoogleError
		require.NoError(t, json.Unmarshal(raw, &e))
		assert.Equal(t, "RESOURCE_EXHAUSTED", e.Error.Status)
		require.Len(t, e.Error.Errors, 1)
		assert.Equal(t, "rateLimitExceeded", e.Error.Errors[0].Reason)
		assert.Equal(t, "invitedPlayerIds", e.Error.Errors[0].Location)
		assert.Contains(t, e.Error.Message, "limits.invitations.perSenderToOnePlayer allows a player 20 invitations to player "+ben.ID+" every 10m0s")
		assert.Contains(t, e.Error.Message, "this window ends at")
		wait, err := strconv.Atoi(res.Header.Get("Retry-After"))
		require.NoError(t, err, "Retry-After %q", res.Header.Get("Retry-After"))
		assert.True(t, wait > 0 && wait <= int(lim.Window/time.Second), "Retry-After %d s, within the window", wait)
	}
	a.waitForInbox(ben, lim.PerSenderToOnePlayer)

	cy := testenv.NewPlayer(t, "Cy")
	a.OK(ana, http.MethodPost, "/games/v1/rooms/create", map[string]any{"invitedPlayerIds": []string{cy.ID}}, nil) // others she may still invite
}

// TestInboxTakesItsLimitOfInvitations: however many players invite one player, their inbox
// takes perRecipient invitations a window; the rest are held back (and counted), while other
// notifications and copies of delivered ones pass as before.
func TestInboxTakesItsLimitOfInvitations(t *testing.T) {
	svc := testenv.Service(t)
	settings := application.Defaults
	settings.Limits.Invitations.PerRecipient = 3
	testenv.OwnApplication(t, svc, &settings)
	a := newAPI(t, svc)
	ben := testenv.NewPlayer(t, "Ben")

	push := func(n notification.Notification) {
		t.Helper()
		data, err := json.Marshal(n)
		require.NoError(t, err)
		status, raw := a.Do("", http.MethodPost, "/operations/notifications/deliver/invitations",
			map[string]any{"message": map[string]any{"data": data, "messageId": n.ID}})
		require.Equal(t, http.StatusNoContent, status, "%s", raw)
	}
	invitation := func(t notification.Type) notification.Notification {
		return notification.Notification{ID: "flood~" + ids.Random(), Topic: notification.TopicInvitations, Type: t, Recipient: ben.ID,
			ApplicationID: svc.Config.ApplicationID, RoomID: ids.Random(), Version: 1, CreatedAt: time.Now().UTC()}
	}
	first := invitation(notification.RoomInvitation)
	push(first)
	push(first) // a copy delivered again counts once
	for _, typ := range []notification.Type{notification.SessionInvite, notification.MatchInvitation, notification.RoomInvitation, notification.SessionInvite} {
		push(invitation(typ))
	}
	turn := invitation(notification.MatchTurn)
	turn.Topic = notification.TopicTurns
	push(turn)

	items := a.inbox(ben)
	require.Len(t, items, 4, "three invitations and the turn")
	assert.Equal(t, turn.ID, items[0].ID)
	for _, n := range items[1:] {
		assert.True(t, notification.Type(n.Type).Invitation(), n.Type)
	}
	client, err := svc.Store.Client(t.Context())
	require.NoError(t, err)
	snap, err := client.Doc("players/" + store.PlayerDocID(ben.ID) + "/state/invitationsReceived").Get(t.Context())
	require.NoError(t, err)
	window, _ := snap.Data()["window"].(map[string]any)
	assert.Equal(t, int64(3), window["count"], "the inbox's window counts what it took")
	assert.Equal(t, int64(2), snap.Data()["heldBack"], "and the invitations it held back")
}
