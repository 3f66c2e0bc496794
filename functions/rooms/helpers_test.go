package rooms_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/testenv"
)

// api is the whole route table served over HTTP on the emulators.
type api struct {
	t   *testing.T
	url string
	svc *service.Service
}

func newAPI(t *testing.T) *api {
	svc := testenv.Service(t)
	srv := httptest.NewServer(functions.Handler(svc, functions.Routes(svc)...))
	t.Cleanup(srv.Close)
	return &api{t: t, url: srv.URL, svc: svc}
}

// do sends a request as token (none if empty) and returns the status and body.
func (a *api) do(token, method, path string, body any) (int, []byte) {
	a.t.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			a.t.Fatal(err)
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, a.url+path, reader)
	if err != nil {
		a.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		a.t.Fatal(err)
	}
	return res.StatusCode, out
}

// ok sends a request that must succeed and decodes its answer into out (if not nil).
func (a *api) ok(p testenv.Player, method, path string, body, out any) {
	a.t.Helper()
	status, raw := a.do(p.Token, method, path, body)
	if status/100 != 2 {
		a.t.Fatalf("%s %s as %s: %d %s", method, path, p.Name, status, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			a.t.Fatalf("%s %s: decode %s: %v", method, path, raw, err)
		}
	}
}

type googleError struct {
	Error struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Status  string `json:"status"`
		Errors  []struct {
			Domain, Reason, Message, Location string
		} `json:"errors"`
	} `json:"error"`
}

// fails sends a request that must fail with status and a Google error whose message contains
// each fragment.
func (a *api) fails(token, method, path string, body any, status int, fragments ...string) {
	a.t.Helper()
	got, raw := a.do(token, method, path, body)
	var e googleError
	if err := json.Unmarshal(raw, &e); err != nil {
		a.t.Fatalf("%s %s: body is not a Google error: %s", method, path, raw)
	}
	if got != status || e.Error.Code != status || len(e.Error.Errors) != 1 || e.Error.Errors[0].Domain != "global" {
		a.t.Fatalf("%s %s: %d %s; want %d in Google's error shape", method, path, got, raw, status)
	}
	for _, f := range fragments {
		if !strings.Contains(e.Error.Message, f) {
			a.t.Errorf("%s %s: message %q does not mention %q", method, path, e.Error.Message, f)
		}
	}
}

func (a *api) create(p testenv.Player, req map[string]any) gamesv1.Room {
	a.t.Helper()
	var room gamesv1.Room
	a.ok(p, http.MethodPost, "/games/v1/rooms/create?prettyPrint=false", req, &room)
	return room
}

func (a *api) get(p testenv.Player, id string) gamesv1.Room {
	a.t.Helper()
	var room gamesv1.Room
	a.ok(p, http.MethodGet, "/games/v1/rooms/"+id, nil, &room)
	return room
}

func participantOf(t *testing.T, r gamesv1.Room, playerID string) gamesv1.RoomParticipant {
	t.Helper()
	for _, p := range r.Participants {
		if p.Player != nil && p.Player.PlayerID == playerID {
			return p
		}
	}
	t.Fatalf("player %s is not in room %s", playerID, r.RoomID)
	return gamesv1.RoomParticipant{}
}
