package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/player"
)

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies middleware so that the first listed runs first.
func Chain(h http.Handler, mw ...Middleware) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// A Meter measures something about each request for its access log line: it puts what it needs
// into the request's context, and the function it returns gives the line's attribute once the
// request is done (store.MeterCost adds the request's Firestore reads and writes).
type Meter func(ctx context.Context) (context.Context, func() slog.Attr)

// RequestContext gives each request an ID (echoed as X-Request-Id), a logger carrying the
// request's trace for Cloud Logging, and one access log line when it ends, with what meters
// measured.
func RequestContext(base *slog.Logger, projectID string, meters ...Meter) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			id := newRequestID()
			logger := base.With("requestId", id)
			if tr, ok := logging.TraceFrom(r.Header); ok {
				logger = logger.With(tr.Attrs(projectID)...)
			}
			w.Header().Set("X-Request-Id", id)
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			ctx := logging.With(r.Context(), logger)
			measured := make([]func() slog.Attr, len(meters))
			for i, m := range meters {
				ctx, measured[i] = m(ctx)
			}
			next.ServeHTTP(rec, r.WithContext(ctx))
			level := slog.LevelInfo
			if rec.status >= 500 {
				level = slog.LevelError
			}
			attrs := []any{slog.Group("httpRequest",
				"requestMethod", r.Method, "requestUrl", r.URL.RequestURI(), "status", rec.status,
				"latency", fmt.Sprintf("%.6fs", time.Since(start).Seconds()), "userAgent", r.UserAgent())}
			for _, m := range measured {
				attrs = append(attrs, m())
			}
			logger.Log(r.Context(), level, r.Method+" "+r.URL.Path, attrs...)
		})
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Recover turns a panic into a logged 500, so one bad request cannot take the instance down.
func Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				logging.From(r.Context()).Error("panic", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				WriteError(w, r, errs.E(errs.Internal, "", "panic"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// LimitBody refuses request bodies larger than n bytes (Decode reports them as 413).
func LimitBody(n int64) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > n {
				WriteError(w, r, errs.E(errs.TooLarge, "", "the request body is larger than %d bytes", n))
				return
			}
			if r.Body != nil {
				r.Body = http.MaxBytesReader(w, r.Body, n)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// TokenVerifier checks a Firebase ID token and returns the player it names.
type TokenVerifier interface {
	Verify(ctx context.Context, idToken string) (player.Profile, error)
}

type playerKey struct{}

// Authenticate requires "Authorization: Bearer <Firebase ID token>" and puts the player in the
// request context. A missing, malformed, expired or foreign token is a 401. Behind API Gateway
// the gateway calls the function with its own credentials and passes the player's header on as
// X-Forwarded-Authorization, which is then the one checked (always verified here too).
func Authenticate(v TokenVerifier) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			header := r.Header.Get("X-Forwarded-Authorization")
			if header == "" {
				header = r.Header.Get("Authorization")
			}
			scheme, token, _ := strings.Cut(header, " ")
			if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
				w.Header().Set("WWW-Authenticate", `Bearer realm="openplay"`)
				WriteError(w, r, errs.E(errs.Unauthenticated, "Authorization", "send a Firebase ID token as \"Authorization: Bearer <token>\""))
				return
			}
			p, err := v.Verify(r.Context(), strings.TrimSpace(token))
			if err != nil {
				if errs.Is(err, errs.Unauthenticated) {
					w.Header().Set("WWW-Authenticate", `Bearer realm="openplay", error="invalid_token"`)
				}
				WriteError(w, r, err)
				return
			}
			logger := logging.From(r.Context()).With("player", p.ID)
			ctx := logging.With(context.WithValue(r.Context(), playerKey{}, p), logger)
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// Player is the signed-in player of a request that passed Authenticate.
func Player(ctx context.Context) player.Profile {
	p, _ := ctx.Value(playerKey{}).(player.Profile)
	return p
}
