package signals

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/gamesreq"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/signal"
)

// sendRequest is the body of a send.
type sendRequest struct {
	Kind    string `json:"kind"`
	To      string `json:"to"`
	Type    string `json:"type"`
	Seq     int64  `json:"seq"`
	Payload string `json:"payload"`
}

func decodeSend(body []byte) (signal.Send, error) {
	var req sendRequest
	if err := httpapi.DecodeBytes(body, &req); err != nil {
		return signal.Send{}, err
	}
	if err := httpapi.CheckKind("kind", req.Kind, "openplay#signalRequest"); err != nil {
		return signal.Send{}, err
	}
	cmd := signal.Send{To: req.To, Type: signal.Type(req.Type), Seq: req.Seq, Payload: req.Payload}
	return cmd, cmd.Validate()
}

// Send serves POST /openplay/v1/rooms/{roomId}/signals: the caller, a joined participant, sends
// a signal to another joined participant of the room. It reads the room without a transaction and
// writes only the signal (docs/realtime.md says why a race with a leave is harmless), so
// signalling never contends with the room. The answer is the signal without sentAt (Firestore
// stamps it at commit; the list shows it). A retry with the same seq and content succeeds again.
func (h *Handlers) Send(w http.ResponseWriter, r *http.Request) {
	sig, err := h.send(r)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	httpapi.WriteJSON(w, r, http.StatusOK, render(sig))
}

func (h *Handlers) send(r *http.Request) (*signal.Signal, error) {
	roomID, err := gamesreq.GameID(r, "roomId", "room")
	if err != nil {
		return nil, err
	}
	cmd, err := httpapi.DecodeBody(r, decodeSend)
	if err != nil {
		return nil, err
	}
	rm, err := h.svc.Store.Room(r.Context(), roomID)
	if err != nil {
		return nil, err
	}
	sig, recipient, err := signal.Address(rm, httpapi.Player(r.Context()).ID, cmd, h.svc.Time())
	if err != nil {
		return nil, err
	}
	return &sig, h.svc.Store.PutSignal(r.Context(), recipient, sig)
}
