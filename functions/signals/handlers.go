// Package signals serves WebRTC signalling for real-time rooms (docs/realtime.md): a joined
// participant sends offers, answers, ICE candidates and byes to another joined participant, who
// listens to them in real time through Firestore or reads them over HTTP; and each player gets
// the ICE servers to connect through, with short-lived TURN credentials of their own. The
// handlers are in this file, what they read from a request in decode.go, and the resources they
// answer with in render.go.
package signals

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/signal"
)

// Handlers serves the signalling entry points for one instance.
type Handlers struct {
	svc *service.Service
}

// New returns the signalling handlers of svc.
func New(svc *service.Service) *Handlers { return &Handlers{svc: svc} }

// Send serves POST /openplay/v1/rooms/{roomId}/signals: the caller, a joined participant, sends
// a signal to another joined participant of the room. It reads the room without a transaction and
// writes only the signal (docs/realtime.md says why a race with a leave is harmless), so
// signalling never contends with the room. The answer is the signal without sentAt (Firestore
// stamps it at commit; the list shows it). A retry with the same seq and content succeeds again.
func (h *Handlers) Send(w http.ResponseWriter, r *http.Request) error {
	sig, err := h.send(r)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, render(sig))
	return nil
}

func (h *Handlers) send(r *http.Request) (*signal.Signal, error) {
	roomID, err := httpapi.GameID(r, "roomId", "room")
	if err != nil {
		return nil, err
	}
	cmd, err := httpapi.DecodeBody(r, decodeSend)
	if err != nil {
		return nil, err
	}
	rm, err := h.svc.Store.Rooms().Get(r.Context(), roomID)
	if err != nil {
		return nil, err
	}
	sig, recipient, err := signal.Address(rm, httpapi.Player(r.Context()).ID, cmd, h.svc.Time())
	if err != nil {
		return nil, err
	}
	return &sig, h.svc.Store.PutSignal(r.Context(), recipient, sig)
}

// List serves GET /openplay/v1/rooms/{roomId}/signals?pageToken=&maxResults=: the signals sent
// to the caller in the room, in the order they were stored (maxResults 1 to 100, default 100),
// for clients without a Firestore SDK. nextPageToken is the position after the last signal
// returned: reading again from it returns only newer signals. It reads only the caller's own
// signals, not the room, so polling it costs one query.
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) error {
	roomID, err := httpapi.GameID(r, "roomId", "room")
	if err != nil {
		return err
	}
	limit, err := httpapi.QueryInt(r, "maxResults", 1, 100, 100)
	if err != nil {
		return err
	}
	page, next, err := h.svc.Store.SignalsPage(r.Context(), httpapi.Player(r.Context()).ID, roomID, limit, r.URL.Query().Get("pageToken"), h.svc.Time())
	if err != nil {
		return err
	}
	out := SignalList{Kind: "openplay#signalList", NextPageToken: next}
	for _, s := range page {
		out.Items = append(out.Items, render(s))
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
	return nil
}

// GetICEServers serves GET /openplay/v1/iceServers: the application's STUN and TURN servers, with
// TURN credentials minted for the caller that expire at expiresAt (ask again before then).
func (h *Handlers) GetICEServers(w http.ResponseWriter, r *http.Request) error {
	settings, err := h.svc.Settings(r.Context())
	if err != nil {
		return err
	}
	servers, expires := signal.ICEServers(settings.Realtime, []byte(h.svc.Config.TURNSecret), httpapi.Player(r.Context()).ID, h.svc.Time())
	out := ICEServers{Kind: "openplay#iceServers", ICEServers: make([]ICEServer, len(servers)), ExpiresAt: expires}
	for i, s := range servers {
		out.ICEServers[i] = ICEServer{URLs: s.URLs, Username: s.Username, Credential: s.Credential}
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
	return nil
}
