package main

import (
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/openplay-games/openplay/functions"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/service"
)

// In production only Google Cloud calls the private routes, through IAM: Cloud Scheduler the
// operations (relay, sweeper, matcher), Pub/Sub the push consumers; and POST /_dev/clock does not
// exist there. Locally anything that reaches 127.0.0.1 could call them (another user's process,
// a web page in the developer's browser) and put notifications into any inbox or move every
// timer. So the dev server requires a secret on them, new each run unless OPENPLAY_DEV_SECRET
// sets it: its own timers send it, and so does its delivery of messages to the consumers
// (consumers.go).

// secretParam is the query parameter that carries the secret: a push endpoint is a URL, with no
// headers of its own.
const secretParam = "secret"

// minSecretLength is the shortest OPENPLAY_DEV_SECRET accepted.
const minSecretLength = 16

// privateGuard lets through only requests that carry its secret.
type privateGuard struct {
	secret string
	logger *slog.Logger
}

// newPrivateGuard guards with given (OPENPLAY_DEV_SECRET) or, if it is empty, a random secret.
func newPrivateGuard(given string, logger *slog.Logger) (privateGuard, error) {
	if given == "" {
		return privateGuard{secret: rand.Text(), logger: logger}, nil
	}
	if len(given) < minSecretLength {
		return privateGuard{}, fmt.Errorf("OPENPLAY_DEV_SECRET has %d characters: want at least %d, or leave it unset for a random secret",
			len(given), minSecretLength)
	}
	return privateGuard{secret: given, logger: logger}, nil
}

// url is base+path with the secret, as the dev server's own callers send it.
func (g privateGuard) url(base, path string) string {
	return base + path + "?" + url.Values{secretParam: {g.secret}}.Encode()
}

// require serves next the requests that carry the secret, with the secret taken out of the URL
// (so the access log does not repeat it), and refuses the others: 401 without it, 403 with
// another.
func (g privateGuard) require(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query := r.URL.Query()
		given := query.Get(secretParam)
		var refusal error
		switch {
		case given == "":
			refusal = errs.E(errs.Unauthenticated, secretParam, "missing; %s %s is private (in production only Google Cloud may call it): "+
				"add ?%s= with the secret the dev server logged when it started", r.Method, r.URL.Path, secretParam)
		case subtle.ConstantTimeCompare([]byte(given), []byte(g.secret)) != 1:
			refusal = errs.E(errs.Permission, secretParam, "not this dev server's; it logged its secret when it started "+
				"(a new one each run, unless OPENPLAY_DEV_SECRET sets it)")
		}
		if refusal != nil {
			g.logger.Warn("refused a call to a private route", "method", r.Method, "path", r.URL.Path, "remoteAddr", r.RemoteAddr,
				"error", refusal.Error())
			httpapi.WriteError(w, r, refusal)
			return
		}
		query.Del(secretParam)
		r = r.Clone(r.Context())
		r.URL.RawQuery = query.Encode()
		r.RequestURI = r.URL.RequestURI()
		next.ServeHTTP(w, r)
	})
}

// serveMux serves routes on one mux: the public ones as in production, the private ones (and
// the dev clock, when there is one) behind guard.
func serveMux(svc *service.Service, routes []functions.Route, guard privateGuard, clock http.Handler) *http.ServeMux {
	var public, private []functions.Route
	for _, r := range routes {
		if r.Trigger == functions.HTTP {
			public = append(public, r)
		} else {
			private = append(private, r)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/", functions.Handler(svc, public...))
	guarded := guard.require(functions.Handler(svc, private...))
	paths := map[string]bool{}
	for _, r := range private {
		if !paths[r.Path] {
			mux.Handle(r.Path, guarded)
			paths[r.Path] = true
		}
	}
	if clock != nil {
		mux.Handle("POST /_dev/clock", guard.require(clock))
	}
	return mux
}
