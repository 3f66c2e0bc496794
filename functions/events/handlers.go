// Package events serves the Play Games v1 events resource: record (one Firestore transaction
// over the caller's own documents), listByPlayer and listDefinitions. The rules live in
// shared/event; the definitions come from the studio's file through functions/cmd/eventdefs.
package events

import (
	"github.com/openplay-games/openplay/shared/service"
)

// Handlers serves the events methods for one instance.
type Handlers struct {
	svc *service.Service
}

// New returns the events handlers of svc.
func New(svc *service.Service) *Handlers { return &Handlers{svc: svc} }

// Page sizes: maxResults is 1 to 100 as the discovery document says.
const (
	defaultPageSize = 100
	maxPageSize     = 100
)
