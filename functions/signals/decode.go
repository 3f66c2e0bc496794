package signals

import (
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
