package rooms_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/testenv"
)

func TestListPagesThroughInvitationsNewestFirst(t *testing.T) {
	a := newAPI(t)
	ben := testenv.NewPlayer(t, "Ben")
	var ids []string // oldest first
	for _, name := range []string{"Ana", "Chloe", "Dan", "Eve", "Finn"} {
		ids = append(ids, a.create(testenv.NewPlayer(t, name), map[string]any{"invitedPlayerIds": []string{ben.ID}}).RoomID)
	}
	page := func(token string) gamesv1.RoomList {
		var list gamesv1.RoomList
		a.OK(ben, http.MethodGet, "/games/v1/rooms?maxResults=2&pageToken="+url.QueryEscape(token), nil, &list)
		return list
	}
	first := page("")
	require.Equal(t, []string{ids[4], ids[3]}, roomIDs(first), "first page")
	require.NotEmpty(t, first.NextPageToken, "first page")
	require.Equal(t, "games#roomList", first.Kind, "first page shape")
	require.Equal(t, "ROOM_INVITING", first.Items[0].Status, "first page shape")
	// Rooms change between pages: a new invitation arrives, and one on a later page is dismissed.
	a.create(testenv.NewPlayer(t, "Gus"), map[string]any{"invitedPlayerIds": []string{ben.ID}})
	status, raw := a.Do(ben.Token, http.MethodPost, "/games/v1/rooms/"+ids[1]+"/dismiss", nil)
	require.Equal(t, http.StatusNoContent, status, "dismiss: %s", raw)
	// The cursor keeps its place: the newer invitation is not repeated, the dismissed one is gone.
	second := page(first.NextPageToken)
	require.Equal(t, []string{ids[2], ids[0]}, roomIDs(second), "second page")
	require.Empty(t, second.NextPageToken, "second page: no more")
}

func roomIDs(l gamesv1.RoomList) []string {
	var ids []string
	for _, r := range l.Items {
		ids = append(ids, r.RoomID)
	}
	return ids
}
