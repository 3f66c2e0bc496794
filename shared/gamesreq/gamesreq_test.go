package gamesreq

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/seating"
)

func TestGameIDNamesTheParameterAndTheKind(t *testing.T) {
	r := httptest.NewRequest("GET", "/games/v1/rooms/x", nil)
	r.SetPathValue("roomId", "nope")
	_, err := GameID(r, "roomId", "room")
	assert.Truef(t, errs.Is(err, errs.Invalid), "err = %v; want a 400", err)
	assert.ErrorContains(t, err, `roomId: "nope" is not a room ID`)
	id := ids.Random()
	r.SetPathValue("roomId", id)
	got, err := GameID(r, "roomId", "room")
	require.NoError(t, err)
	assert.Equal(t, id, got)
}

func TestNewCreate(t *testing.T) {
	rid := gamesv1.Int64(12)
	c := NewCreate(nil, nil, &rid)
	require.NotNil(t, c.RequestID)
	assert.EqualValues(t, 12, *c.RequestID)
	assert.False(t, c.Alone(), "not alone without auto-matching")
	c.Auto = &seating.AutoMatch{Min: 1, Max: 1}
	assert.True(t, c.Alone(), "auto-matching with nobody invited is alone")
	c.InviteeIDs = []string{"ben"}
	assert.False(t, c.Alone(), "auto-matching with an invitee is not alone")
}
