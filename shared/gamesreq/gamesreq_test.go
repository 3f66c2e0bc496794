package gamesreq

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/seating"
)

func TestGameIDNamesTheParameterAndTheKind(t *testing.T) {
	r := httptest.NewRequest("GET", "/games/v1/rooms/x", nil)
	r.SetPathValue("roomId", "nope")
	_, err := GameID(r, "roomId", "room")
	if !errs.Is(err, errs.Invalid) || !strings.Contains(err.Error(), `roomId: "nope" is not a room ID`) {
		t.Fatalf("err = %v; want a 400 naming roomId", err)
	}
	id := ids.Random()
	r.SetPathValue("roomId", id)
	if got, err := GameID(r, "roomId", "room"); err != nil || got != id {
		t.Fatalf("GameID = %q, %v; want %q", got, err, id)
	}
}

func TestNewCreate(t *testing.T) {
	rid := gamesv1.Int64(12)
	c := NewCreate(nil, nil, &rid)
	if c.RequestID == nil || *c.RequestID != 12 || c.Alone() {
		t.Fatalf("NewCreate = %+v; want requestId 12, not alone (no auto-matching)", c)
	}
	c.Auto = &seating.AutoMatch{Min: 1, Max: 1}
	if !c.Alone() {
		t.Fatal("auto-matching with nobody invited is alone")
	}
	if c.InviteeIDs = []string{"ben"}; c.Alone() {
		t.Fatal("auto-matching with an invitee is not alone")
	}
}
