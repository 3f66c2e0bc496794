// Package signals serves WebRTC signalling for real-time rooms (docs/realtime.md): a joined
// participant sends offers, answers, ICE candidates and byes to another joined participant, who
// listens to them in real time through Firestore or reads them over HTTP; and each player gets
// the ICE servers to connect through, with short-lived TURN credentials of their own.
package signals

import (
	"github.com/openplay-games/openplay/shared/service"
)

// Handlers serves the signalling entry points for one instance.
type Handlers struct {
	svc *service.Service
}

// New returns the signalling handlers of svc.
func New(svc *service.Service) *Handlers { return &Handlers{svc: svc} }
