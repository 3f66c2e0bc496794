package rooms_test

import (
	"net/http"
	"testing"

	"github.com/openplay-games/openplay/functions/functionstest"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/testenv"
)

// api is the whole route table served over HTTP on the emulators.
type api struct{ *functionstest.API }

func newAPI(t *testing.T) *api { return &api{functionstest.Serve(t, testenv.Service(t))} }

func (a *api) create(p testenv.Player, req map[string]any) gamesv1.Room {
	a.T.Helper()
	var room gamesv1.Room
	a.OK(p, http.MethodPost, "/games/v1/rooms/create?prettyPrint=false", req, &room)
	return room
}

func (a *api) get(p testenv.Player, id string) gamesv1.Room {
	a.T.Helper()
	var room gamesv1.Room
	a.OK(p, http.MethodGet, "/games/v1/rooms/"+id, nil, &room)
	return room
}

// participantOf is the participant of a room playing as a player.
var participantOf = functionstest.RoomParticipant
