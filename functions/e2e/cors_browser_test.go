package e2e

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGameServedFromAnotherOrigin: a studio serves its web game from a site of its own and the
// API from another origin (the gateway's). Here a static server of the test's serves Paint
// party's build, with a configuration that points its pages at a dev server of the test's own
// application, whose settings (loaded with appsettings, as a studio loads them) allow the
// site's origin. Every call the pages make is cross-origin, so the browser asks the API first
// (a CORS preflight) for each kind: Ana and Ben make a room, connect, carry a message, and when
// Ben's page goes away its leave, a keepalive request that needs a preflight too, reaches the
// server (Ana hears PLAYER_LEFT, not the PEER_CONNECTION_FAILURE of a device that went silent).
func TestGameServedFromAnotherOrigin(t *testing.T) {
	browser := chromium(t)
	site := newGameSite(t)
	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	app := "e2e-cors-" + hex.EncodeToString(suffix)
	loadSettings(t, app, map[string]any{"cors": map[string]any{"allowedOrigins": []string{site.URL}}})
	api, stop, err := start(binaries, "devserver", nil, "OPENPLAY_APPLICATION_ID="+app)
	require.NoError(t, err, "a dev server of its own")
	t.Cleanup(func() { assert.NoError(t, stop(), "the test's dev server") })
	site.serveAPI(t, api)

	ana, ben := openAt(t, browser, site.URL, "realtime/", "Ana"), openAt(t, browser, site.URL, "realtime/", "Ben")
	roomID := quickRoom(ana, `sample.client.createRoom({ invitedPlayerIds: [`+quote(ben.ID)+`], listener })`)
	quickRoom(ben, `sample.client.joinRoom(`+quote(roomID)+`, { listener })`)
	for _, p := range []*tab{ana, ben} {
		p.waitFor(`quick.room.current.status === "ROOM_ACTIVE"`, 30*time.Second)
	}
	ana.do(`quick.room.sendReliableMessage(new TextEncoder().encode("hello"), quick.room.connectedParticipantIds()[0])`)
	ben.waitFor(`quick.events.includes("message hello")`, 10*time.Second)

	benID := eval[string](ben, `quick.room.myParticipantId`)
	_, err = chromedp.Run(ben.ctx, chromedp.Evaluate[bool](`(() => { location.href = "about:blank"; return true })()`))
	require.NoError(t, err)
	gone := `quick.room.current.participants.find((p) => p.id === ` + quote(benID) + `)`
	ana.waitFor(gone+`?.status === "PARTICIPANT_LEFT" && `+gone+`.leaveReason === "PLAYER_LEFT"`, 20*time.Second)
	ana.do(`await quick.room.leave()`)
}

// gameSite serves the sample games' build (clients/samples/dist) at /play/ from an origin of
// its own, with a /play/config.json that points the pages at the API of serveAPI.
type gameSite struct {
	*httptest.Server
	mu     sync.Mutex
	config []byte
}

func newGameSite(t *testing.T) *gameSite {
	s := &gameSite{}
	mux := http.NewServeMux()
	mux.Handle("GET /play/", http.StripPrefix("/play/", http.FileServer(http.Dir(filepath.Join("..", "..", "clients", "samples", "dist")))))
	mux.HandleFunc("GET /play/config.json", func(w http.ResponseWriter, _ *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(s.config)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// serveAPI points the site's pages at the dev server at api: its configuration (the project,
// the emulators) with api as the API's base.
func (s *gameSite) serveAPI(t *testing.T, api string) {
	res, err := http.Get(api + "/play/config.json")
	require.NoError(t, err)
	defer res.Body.Close()
	config := map[string]any{}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&config))
	config["apiBase"] = api
	raw, err := json.Marshal(config)
	require.NoError(t, err)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.config = raw
}

// loadSettings loads settings for the application app as a studio does: the appsettings command
// reading a settings file.
func loadSettings(t *testing.T, app string, settings map[string]any) {
	file := filepath.Join(t.TempDir(), "application.json")
	raw, err := json.Marshal(settings)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, raw, 0o600))
	cmd := exec.Command("go", "run", "./functions/cmd/appsettings", "-file", file)
	cmd.Dir = filepath.Join("..", "..")
	cmd.Env = append(os.Environ(), "OPENPLAY_APPLICATION_ID="+app)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "appsettings: %s", out)
}
