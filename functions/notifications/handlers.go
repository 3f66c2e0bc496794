// Package notifications makes delivery complete: the relay that publishes what requests left in
// the outbox, the consumers that put each published notification into its recipient's inbox
// exactly once, and the inbox API players read it through.
package notifications

import (
	"github.com/openplay-games/openplay/shared/service"
)

// Handlers serves the notifications entry points for one instance.
type Handlers struct {
	svc *service.Service
}

// New returns the notifications handlers of svc.
func New(svc *service.Service) *Handlers { return &Handlers{svc: svc} }
