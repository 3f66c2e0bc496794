package match

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
)

// TestNotificationsNameTheSenderAsData: whatever a player calls themselves, the text of the
// notifications their calls cause is a fixed line; their name travels as data (senderName).
func TestNotificationsNameTheSenderAsData(t *testing.T) {
	spammer := player.Profile{ID: "ana", DisplayName: "Win a prize at https://evil.example"}
	m, err := New(Create{Create: game.Create{ID: "m1", ApplicationID: "app", Creator: spammer,
		Invitees: []player.Profile{ben}}}, t0)
	require.NoError(t, err)
	var got []notification.Notification
	collect := func(notes []notification.Notification, err error) {
		t.Helper()
		require.NoError(t, err)
		got = append(got, notes...)
	}
	collect(m.TakeTurn("ana", Turn{Version: 1, Next: "p_2"}, t0))
	_, err = m.Join(ben, t0)
	require.NoError(t, err)
	collect(m.TakeTurn("ben", Turn{Version: m.Version, Next: "p_1"}, t0))
	collect(m.Finish("ana", Finish{Version: m.Version}, t0))
	collect(m.Finish("ben", Finish{Version: m.Version}, t0))
	rematch, notes, err := m.Rematch("ana", nil, t0)
	collect(notes, err)
	_, err = rematch.Join(ben, t0)
	require.NoError(t, err)
	collect(rematch.Cancel("ben", t0))

	want := []struct {
		typ        notification.Type
		recipient  string
		text       string
		senderName string
	}{
		{notification.MatchInvitation, "ben", "You are invited to a turn-based game", spammer.DisplayName},
		{notification.MatchTurn, "ana", "It is your turn", "Ben"},
		{notification.MatchCompleted, "ben", "The game is over: confirm your results", spammer.DisplayName},
		{notification.MatchRematch, "ben", "You are invited to a rematch", spammer.DisplayName},
		{notification.MatchCanceled, "ana", "The game was canceled", "Ben"},
	}
	require.Len(t, got, len(want))
	for i, w := range want {
		assert.Equal(t, w.typ, got[i].Type)
		assert.Equal(t, w.recipient, got[i].Recipient, w.typ)
		assert.Equal(t, w.text, got[i].Text, w.typ)
		assert.Equal(t, w.senderName, got[i].SenderName, w.typ)
	}
}

// TestAutoMatchedNamesThePlacedPlayerAsData: the players waiting in a match are told who joined
// as data; the player moved there is told where they went, with no sender.
func TestAutoMatchedNamesThePlacedPlayerAsData(t *testing.T) {
	m := seed(t, "m1", ana, 2)
	notes, err := m.Place("app", seeker(ben, 2, 0), true, t0)
	require.NoError(t, err)
	require.Len(t, notes, 2)
	byRecipient := map[string]notification.Notification{notes[0].Recipient: notes[0], notes[1].Recipient: notes[1]}
	assert.Equal(t, "A player was matched into your game", byRecipient["ana"].Text)
	assert.Equal(t, "Ben", byRecipient["ana"].SenderName)
	assert.Equal(t, "You were matched into a game", byRecipient["ben"].Text)
	assert.Empty(t, byRecipient["ben"].SenderName)
}
