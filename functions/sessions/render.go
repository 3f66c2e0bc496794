package sessions

import (
	"net/http"

	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/session"
)

// writeSession answers with the session document, its ETag and, when a timer is pending,
// Expires (the nextTimer).
func writeSession(w http.ResponseWriter, r *http.Request, code int, s *session.Session, viewer string) {
	w.Header().Set("ETag", s.ETag())
	if at, ok := s.NextTimer(); ok {
		w.Header().Set("Expires", at.UTC().Format(http.TimeFormat))
	}
	httpapi.WriteJSON(w, r, code, s.Render(viewer))
}
