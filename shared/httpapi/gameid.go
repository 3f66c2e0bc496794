package httpapi

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/ids"
)

// GameID reads and checks the path parameter param ("roomId", "matchId") that names a game; noun
// ("room", "match") says which kind in the error.
func GameID(r *http.Request, param, noun string) (string, error) {
	id := r.PathValue(param)
	if !ids.Valid(id) {
		return "", errs.E(errs.Invalid, param, "%q is not a %s ID", id, noun)
	}
	return id, nil
}
