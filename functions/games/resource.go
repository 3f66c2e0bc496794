package games

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/store"
)

// Resource is one kind of game as its handlers reach it: the instance's service, the kind's
// store collection, and the path parameter that names a game of the kind (param, "roomId") and
// what the errors call one (noun, "room").
type Resource[G game.Game[G]] struct {
	svc   *service.Service
	kind  store.Games[G]
	param string
	noun  string
}

// NewResource returns the resource of kind, whose games a request's path names in param.
func NewResource[G game.Game[G]](svc *service.Service, kind store.Games[G], param, noun string) Resource[G] {
	return Resource[G]{svc: svc, kind: kind, param: param, noun: noun}
}

// ID reads and checks the game's ID in the request's path.
func (res Resource[G]) ID(r *http.Request) (string, error) {
	return httpapi.GameID(r, res.param, res.noun)
}

// Read returns the game the request's path names, as of now, if the caller may see it; to
// anyone else it does not exist.
func (res Resource[G]) Read(r *http.Request) (G, error) {
	var none G
	id, err := res.ID(r)
	if err != nil {
		return none, err
	}
	g, err := res.kind.Get(r.Context(), id)
	if err != nil {
		return none, err
	}
	res.Refresh(g)
	if !g.VisibleTo(httpapi.Player(r.Context()).ID) {
		return none, errs.E(errs.NotFound, res.param, "no %s %q", res.noun, id)
	}
	return g, nil
}

// Refresh brings games as read up to date (see game.Game's Refresh): every read answers with
// games that went through it.
func (res Resource[G]) Refresh(games ...G) {
	now := res.svc.Time()
	for _, g := range games {
		g.Refresh(now)
	}
}
