// Package httpapi is OpenPlay's HTTP plumbing: Google-style JSON errors, the error-returning
// handler shape that answers them, request decoding and response encoding as the Play Games API
// does them, the router every entry point shares, and the middleware (request context and logs,
// panic recovery, body limit, admission, Firebase sign-in).
package httpapi

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/logging"
)

// status is the one table from error kinds to HTTP: the status code, Google's canonical status
// name and the reason generated clients see in errors[].reason.
var status = map[errs.Kind]struct {
	code   int
	name   string
	reason string
}{
	errs.Invalid:          {http.StatusBadRequest, "INVALID_ARGUMENT", "invalid"},
	errs.Unauthenticated:  {http.StatusUnauthorized, "UNAUTHENTICATED", "authError"},
	errs.Permission:       {http.StatusForbidden, "PERMISSION_DENIED", "forbidden"},
	errs.NotFound:         {http.StatusNotFound, "NOT_FOUND", "notFound"},
	errs.MethodNotAllowed: {http.StatusMethodNotAllowed, "INVALID_ARGUMENT", "httpMethodNotAllowed"},
	errs.Conflict:         {http.StatusConflict, "ABORTED", "conflict"},
	errs.Precondition:     {http.StatusPreconditionFailed, "FAILED_PRECONDITION", "conditionNotMet"},
	errs.TooLarge:         {http.StatusRequestEntityTooLarge, "OUT_OF_RANGE", "requestTooLarge"},
	errs.Rate:             {http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "rateLimitExceeded"},
	errs.Unavailable:      {http.StatusServiceUnavailable, "UNAVAILABLE", "backendError"},
	errs.Internal:         {http.StatusInternalServerError, "INTERNAL", "internalError"},
}

// UnavailableRetryAfter is what a 503 asks the client to wait, unless its error says otherwise.
const UnavailableRetryAfter = time.Second

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    int         `json:"code"`
	Message string      `json:"message"`
	Status  string      `json:"status"`
	Errors  []errorItem `json:"errors"`
}

type errorItem struct {
	Domain   string `json:"domain"`
	Reason   string `json:"reason"`
	Message  string `json:"message"`
	Location string `json:"location,omitempty"`
}

// WriteError answers with err in Google's JSON error shape, which generated clients parse into
// *googleapi.Error. Internal errors are logged with their cause and shown without it.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return // the client went away; nobody is listening
	}
	var e *errs.Error
	if !errors.As(err, &e) {
		e = errs.Wrap(errs.Internal, err, "internal error")
	}
	st := status[e.Kind]
	message := e.Public()
	switch e.Kind {
	case errs.Internal:
		logging.From(r.Context()).Error("request failed", "error", err.Error())
		message = "internal error; the request was logged"
	case errs.Unavailable:
		logging.From(r.Context()).Warn("backend unavailable", "error", err.Error())
	}
	if wait := retryAfter(e); wait > 0 {
		w.Header().Set("Retry-After", strconv.FormatInt(int64((wait+time.Second-1)/time.Second), 10))
	}
	writeJSON(w, r, st.code, errorBody{Error: errorDetail{
		Code: st.code, Message: message, Status: st.name,
		Errors: []errorItem{{Domain: "global", Reason: st.reason, Message: message, Location: e.Field}},
	}})
}

// retryAfter is how long the answer to e asks the client to wait (Retry-After, in whole seconds
// rounded up): e's own RetryAfter (a rate limit knows when its window ends), else
// UnavailableRetryAfter for an unavailable backend, else nothing.
func retryAfter(e *errs.Error) time.Duration {
	if e.RetryAfter > 0 {
		return e.RetryAfter
	}
	if e.Kind == errs.Unavailable {
		return UnavailableRetryAfter
	}
	return 0
}
