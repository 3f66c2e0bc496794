package signals

import (
	"time"

	"github.com/openplay-games/openplay/shared/signal"
)

// ICEServer is one RTCIceServer, as a browser's RTCPeerConnection takes it.
type ICEServer struct {
	URLs       []string `json:"urls"`
	Username   string   `json:"username,omitempty"`
	Credential string   `json:"credential,omitempty"`
}

// ICEServers is the answer of GetICEServers.
type ICEServers struct {
	Kind       string      `json:"kind"`
	ICEServers []ICEServer `json:"iceServers"`
	ExpiresAt  time.Time   `json:"expiresAt"`
}

// SignalList is a page of the caller's signals in a room.
type SignalList struct {
	Kind          string   `json:"kind"`
	Items         []Signal `json:"items,omitempty"`
	NextPageToken string   `json:"nextPageToken,omitempty"`
}

// Signal is a signal as the API shows it.
type Signal struct {
	Kind    string    `json:"kind"`
	ID      string    `json:"id"`
	RoomID  string    `json:"roomId"`
	From    string    `json:"from"`
	To      string    `json:"to"`
	Type    string    `json:"type"`
	Seq     int64     `json:"seq"`
	Payload string    `json:"payload,omitempty"`
	SentAt  time.Time `json:"sentAt,omitzero"`
}

func render(s *signal.Signal) Signal {
	return Signal{Kind: "openplay#signal", ID: s.ID, RoomID: s.RoomID, From: s.From, To: s.To, Type: string(s.Type),
		Seq: s.Seq, Payload: s.Payload, SentAt: s.SentAt}
}
