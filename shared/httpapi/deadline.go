package httpapi

import (
	"context"
	"net/http"
	"time"
)

// Deadline ends a request's context after d, so that a call held up by a backend that stopped
// answering gives up and answers 503 with Retry-After (the store classifies a call that ran out
// of time as unavailable) before the API gateway or Cloud Functions cut it off with no answer.
func Deadline(d time.Duration) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
