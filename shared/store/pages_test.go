package store_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// newMatches stores n matches of a fresh player, each a minute younger than the last, whose
// opening turn stored the most game state a turn may; it returns the player.
func newMatches(t *testing.T, s *store.Store, n int) string {
	creator := "ana-" + ids.Random()
	for i := range n {
		id := ids.Random()
		at := t0.Add(time.Duration(i) * time.Minute)
		_, created, _, err := s.Matches().Create(t.Context(), id, nil, func() (*match.Match, []notification.Notification, error) {
			m, err := match.New(match.Create{Create: game.Create{ID: id, ApplicationID: "app",
				Creator: player.Profile{ID: creator}, Invitees: []player.Profile{{ID: "ben-" + id}}}}, at)
			if err != nil {
				return nil, nil, err
			}
			_, err = m.TakeTurn(creator, match.Turn{Version: m.Version, Data: bytes.Repeat([]byte{1}, match.MaxDataBytes), HasData: true,
				Next: m.PendingParticipantID}, at)
			return m, nil, err
		})
		require.NoError(t, err)
		require.True(t, created)
	}
	return creator
}

// TestPagesStopAtTheirSize: a page of matches with their game state holds what fits in a page
// (the match that crosses it included), not the 500 maxResults asks for, and its end leads to
// the rest, each match once; without the game state the matches are not read whole, and the
// same page holds them all (issue #14: a list of 500 such matches held 128 MB).
func TestPagesStopAtTheirSize(t *testing.T) {
	s := testenv.Service(t).Store
	const n = 5
	creator := newMatches(t, s, n)

	seen := map[string]bool{}
	var after *store.Cursor
	pages := 0
	for {
		page, end, more, err := s.ListedMatches(t.Context(), creator, true, after, 500, true)
		require.NoError(t, err)
		pages++
		require.NotEmpty(t, page)
		assert.LessOrEqual(t, len(page), 2, "a page of matches holding 128 KiB each")
		for _, m := range page {
			assert.Len(t, m.Data, match.MaxDataBytes)
			assert.False(t, seen[m.ID], "match %s listed twice", m.ID)
			seen[m.ID] = true
		}
		if !more {
			break
		}
		after = &end
	}
	assert.Len(t, seen, n)
	assert.GreaterOrEqual(t, pages, 3)

	page, _, more, err := s.ListedMatches(t.Context(), creator, true, nil, 500, false)
	require.NoError(t, err)
	assert.False(t, more)
	require.Len(t, page, n)
	for _, m := range page {
		assert.True(t, m.HasData)
		assert.Zero(t, len(m.Data), "a listing without data reads none")
	}

	synced, _, more, err := s.ChangedMatches(t.Context(), creator, nil, 500, true)
	require.NoError(t, err)
	assert.True(t, more)
	assert.LessOrEqual(t, len(synced), 2)
}

// TestQueryReadsAtMostMaxQueryBytes: a query stops reading stored sessions once it has read
// MaxQueryBytes of them and answers the newest ones it read.
func TestQueryReadsAtMostMaxQueryBytes(t *testing.T) {
	s := testenv.Service(t).Store
	scid, player := "00000000-0000-0000-0000-"+fmt.Sprintf("%012d", time.Now().UnixNano()%1e12), "ana-"+ids.Random()
	const size = 300 << 10 // custom properties of each session
	var names []string
	for i := range 10 {
		ref, err := session.ParseRef(scid, "lobby", fmt.Sprintf("s%d", i))
		require.NoError(t, err)
		at := t0.Add(time.Duration(i) * time.Minute)
		sess := &session.Session{Ref: ref, Branch: ids.Random(), StartTime: at, ChangeNumber: 1, MembersNext: 1,
			Constants:  session.Bag{System: map[string]any{"inactiveRemovalTimeout": nil}},
			Properties: session.Bag{Custom: map[string]any{"pad": strings.Repeat("x", size)}},
			Members: []*session.Member{{Index: 0, Player: player, JoinTime: at, StatusSince: at,
				Constants: session.Bag{System: map[string]any{"xuid": player}}, Properties: session.Bag{System: map[string]any{"active": true}}}}}
		_, err = s.PutSession(t.Context(), ref, at, func(*session.Session, *session.Template) (*session.Result, error) {
			return &session.Result{Session: sess, Outcome: session.Created, Changed: true}, nil
		})
		require.NoError(t, err)
		names = append(names, ref.Name)
	}
	var got []string
	err := s.QuerySessions(t.Context(), scid, session.Query{Player: player, Take: session.MaxTake}, t0.Add(time.Hour), func(found *session.Session) {
		got = append(got, found.Ref.Name)
	})
	require.NoError(t, err)
	read := session.MaxQueryBytes/size + 1 // the session that crosses the bound is answered too
	require.Less(t, read, len(names))
	want := []string{}
	for i := len(names) - 1; len(want) < read; i-- {
		want = append(want, names[i])
	}
	assert.Equal(t, want, got)
}
