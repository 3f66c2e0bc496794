package httpapi

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/ids"
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
