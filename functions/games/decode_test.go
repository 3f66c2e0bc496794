package games

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/gamesv1"
)

func TestNewCreateRequest(t *testing.T) {
	rid, variant := gamesv1.Int64(12), int32(3)
	c := NewCreateRequest([]string{"ben"}, &variant, &rid)
	require.NotNil(t, c.RequestID)
	assert.EqualValues(t, 12, *c.RequestID)
	assert.Equal(t, game.CreateRequest{InviteeIDs: []string{"ben"}, Variant: &variant, RequestID: c.RequestID}, c)
	assert.Nil(t, NewCreateRequest(nil, nil, nil).RequestID, "no requestId: a random game ID")
}

func TestDecodeAutoMatch(t *testing.T) {
	one, two, mask := int32(1), int32(2), gamesv1.Int64(6)
	got, err := DecodeAutoMatch("", gamesv1.KindRoomAutoMatchingCriteria, &one, &two, &mask)
	require.NoError(t, err)
	assert.Equal(t, &game.AutoMatch{Min: 1, Max: 2, ExclusiveBitmask: 6}, got)
	_, err = DecodeAutoMatch("x", gamesv1.KindRoomAutoMatchingCriteria, nil, nil, nil)
	assert.Truef(t, errs.Is(err, errs.Invalid), "err = %v; want a 400", err)
	assert.ErrorContains(t, err, "autoMatchingCriteria.kind", "the first error only")
	assert.NotContains(t, err.Error(), "minAutoMatchingPlayers", "the first error only")
	_, err = DecodeAutoMatch("", gamesv1.KindRoomAutoMatchingCriteria, &one, nil, nil)
	assert.ErrorContains(t, err, "autoMatchingCriteria.maxAutoMatchingPlayers: required")
}
