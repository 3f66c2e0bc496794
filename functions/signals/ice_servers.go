package signals

import (
	"net/http"
	"time"

	"github.com/openplay-games/openplay/shared/httpapi"
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

// GetICEServers serves GET /openplay/v1/iceServers: the application's STUN and TURN servers, with
// TURN credentials minted for the caller that expire at expiresAt (ask again before then).
func (h *Handlers) GetICEServers(w http.ResponseWriter, r *http.Request) {
	settings, err := h.svc.Settings(r.Context())
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	servers, expires := signal.ICEServers(settings.Realtime, []byte(h.svc.Config.TURNSecret), httpapi.Player(r.Context()).ID, h.svc.Time())
	out := ICEServers{Kind: "openplay#iceServers", ICEServers: make([]ICEServer, len(servers)), ExpiresAt: expires}
	for i, s := range servers {
		out.ICEServers[i] = ICEServer{URLs: s.URLs, Username: s.Username, Credential: s.Credential}
	}
	httpapi.WriteJSON(w, r, http.StatusOK, out)
}
