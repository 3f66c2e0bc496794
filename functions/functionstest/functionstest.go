// Package functionstest serves the route table on the emulators for the endpoints' tests, and
// finds what they look for in its answers. It is not part of testenv because it needs the route
// table, which imports the endpoint packages, whose own tests import testenv.
package functionstest

import (
	"testing"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/testenv"
)

// API is the whole route table of Svc served over HTTP, and a client for it.
type API struct {
	*testenv.API
	Svc *service.Service
}

// Serve serves the route table of svc (a service on the emulators, see testenv.Service) until
// the test ends.
func Serve(t *testing.T, svc *service.Service) *API {
	return &API{API: testenv.NewAPI(t, functions.Handler(svc, functions.Routes(svc)...)), Svc: svc}
}
