package rooms_test

import (
	"net/http"
	"testing"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/testenv"
)

// api is the whole route table served over HTTP on the emulators.
type api struct {
	*testenv.API
	svc *service.Service
}

func newAPI(t *testing.T) *api {
	svc := testenv.Service(t)
	return &api{API: testenv.NewAPI(t, functions.Handler(svc, functions.Routes(svc)...)), svc: svc}
}

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

func participantOf(t *testing.T, r gamesv1.Room, playerID string) gamesv1.RoomParticipant {
	t.Helper()
	for _, p := range r.Participants {
		if p.Player != nil && p.Player.PlayerID == playerID {
			return p
		}
	}
	t.Fatalf("player %s is not in room %s", playerID, r.RoomID)
	return gamesv1.RoomParticipant{}
}
