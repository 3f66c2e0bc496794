package rooms_test

import (
	"net/http"
	"net/url"
	"testing"

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
	if len(first.Items) != 2 || first.Items[0].RoomID != ids[4] || first.Items[1].RoomID != ids[3] || first.NextPageToken == "" {
		t.Fatalf("first page: %v, token %q", roomIDs(first), first.NextPageToken)
	}
	if first.Kind != "games#roomList" || first.Items[0].Status != "ROOM_INVITING" {
		t.Fatalf("first page shape: %+v", first)
	}
	// Rooms change between pages: a new invitation arrives, and one on a later page is dismissed.
	a.create(testenv.NewPlayer(t, "Gus"), map[string]any{"invitedPlayerIds": []string{ben.ID}})
	if status, raw := a.Do(ben.Token, http.MethodPost, "/games/v1/rooms/"+ids[1]+"/dismiss", nil); status != http.StatusNoContent {
		t.Fatalf("dismiss: %d %s", status, raw)
	}
	// The cursor keeps its place: the newer invitation is not repeated, the dismissed one is gone.
	second := page(first.NextPageToken)
	if len(second.Items) != 2 || second.Items[0].RoomID != ids[2] || second.Items[1].RoomID != ids[0] || second.NextPageToken != "" {
		t.Fatalf("second page: %v, token %q; want %v and no more", roomIDs(second), second.NextPageToken, []string{ids[2], ids[0]})
	}
}

func roomIDs(l gamesv1.RoomList) []string {
	var ids []string
	for _, r := range l.Items {
		ids = append(ids, r.RoomID)
	}
	return ids
}
