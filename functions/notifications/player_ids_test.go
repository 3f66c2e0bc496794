package notifications_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/functions/notifications"
	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestOddPlayerIDsGetTheirNotifications: players whose uids Firestore refuses as document IDs
// (or that read like another uid escaped) are invited, find the invitation in their own inbox
// and nobody else's, and acknowledge it.
func TestOddPlayerIDsGetTheirNotifications(t *testing.T) {
	svc := testenv.Service(t)
	// These players outlive the test and are invited on every run: an application of its own
	// whose inbox limit repeated runs never reach.
	settings := application.Defaults
	settings.Limits.Invitations.PerRecipient = application.MaxLimitCount
	testenv.OwnApplication(t, svc, &settings)
	a := newAPI(t, svc)
	ana := testenv.NewPlayer(t, "Ana")
	invitation := map[string]string{} // uid → the ID of the invitation it was sent
	players := map[string]testenv.Player{}
	for _, uid := range testenv.OddPlayerIDs {
		players[uid] = testenv.PlayerWithID(t, uid) // signed in first: only an existing player can be invited
		var created gamesv1.Room
		a.OK(ana, http.MethodPost, "/games/v1/rooms/create", map[string]any{"invitedPlayerIds": []string{uid}}, &created)
		invitation[uid] = "room~" + created.RoomID + "~invitation~p_2"
	}
	for _, uid := range testenv.OddPlayerIDs {
		p := players[uid]
		items := a.inboxWith(p, invitation[uid])
		require.NotNil(t, items, "%q's invitation never reached their inbox", uid)
		for other, id := range invitation {
			if other != uid {
				assert.False(t, slices.ContainsFunc(items, func(n notifications.Notification) bool { return n.ID == id }),
					"%q's inbox holds %q's invitation", uid, other)
			}
		}
		status, raw := a.Do(p.Token, http.MethodPost, "/openplay/v1/notifications/"+invitation[uid]+"/ack", nil)
		assert.Equal(t, http.StatusNoContent, status, "%q acknowledges: %s", uid, raw)
	}
}

// inboxWith polls p's inbox until it holds the notification id (for up to 15 s) and returns
// the inbox then; nil if it never did.
func (a *api) inboxWith(p testenv.Player, id string) []notifications.Notification {
	a.T.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		status, raw := a.Do(p.Token, http.MethodGet, "/openplay/v1/notifications?maxResults=100", nil)
		if !assert.Equal(a.T, http.StatusOK, status, "%q lists their inbox: %s", p.ID, raw) {
			return nil
		}
		var list notifications.NotificationList
		require.NoError(a.T, json.Unmarshal(raw, &list))
		if slices.ContainsFunc(list.Items, func(n notifications.Notification) bool { return n.ID == id }) {
			return list.Items
		}
	}
	return nil
}
