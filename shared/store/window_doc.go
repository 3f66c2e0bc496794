package store

import (
	"time"

	"github.com/openplay-games/openplay/shared/ratelimit"
)

// windowDoc is a rate window as stored, in a player's invitation windows ("window") and events
// document ("rate").
type windowDoc struct {
	Start time.Time `firestore:"start"`
	Count int       `firestore:"count"`
}

func toWindowDoc(w ratelimit.Window) windowDoc { return windowDoc{Start: w.Start, Count: w.Count} }

func (d windowDoc) window() ratelimit.Window { return ratelimit.Window{Start: d.Start, Count: d.Count} }

// receivedDoc is a recipient's invitation window as stored (players/{player}/state/invitationsReceived).
type receivedDoc struct {
	Window   windowDoc `firestore:"window"`
	HeldBack int       `firestore:"heldBack"`
	ExpireAt time.Time `firestore:"expireAt"`
}

// toReceivedDoc is the document of r, which Firestore's TTL deletes at expireAt.
func toReceivedDoc(r ratelimit.Received, expireAt time.Time) receivedDoc {
	return receivedDoc{Window: toWindowDoc(r.Window), HeldBack: r.HeldBack, ExpireAt: expireAt}
}

func (d receivedDoc) received() ratelimit.Received {
	return ratelimit.Received{Window: d.Window.window(), HeldBack: d.HeldBack}
}
