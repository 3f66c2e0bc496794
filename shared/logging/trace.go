package logging

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"
)

// Trace is the trace context a request arrived with.
type Trace struct {
	TraceID string
	SpanID  string
	Sampled bool
}

// TraceFrom reads W3C traceparent ("00-<32 hex>-<16 hex>-<flags>"), falling back to Google's
// X-Cloud-Trace-Context ("<32 hex>/<decimal span>;o=1"). It returns false if neither is valid.
func TraceFrom(h http.Header) (Trace, bool) {
	if tp := h.Get("traceparent"); tp != "" {
		parts := strings.Split(tp, "-")
		if len(parts) == 4 && len(parts[0]) == 2 && isHex(parts[1], 32) && isHex(parts[2], 16) && len(parts[3]) == 2 {
			flags, err := strconv.ParseUint(parts[3], 16, 8)
			if err == nil {
				return Trace{TraceID: parts[1], SpanID: parts[2], Sampled: flags&1 == 1}, true
			}
		}
	}
	if xc := h.Get("X-Cloud-Trace-Context"); xc != "" {
		traceID, rest, _ := strings.Cut(xc, "/")
		if isHex(traceID, 32) {
			span, opts, _ := strings.Cut(rest, ";")
			t := Trace{TraceID: traceID, Sampled: opts == "o=1"}
			if n, err := strconv.ParseUint(span, 10, 64); err == nil {
				t.SpanID = strconv.FormatUint(n, 16)
			}
			return t, true
		}
	}
	return Trace{}, false
}

// Attrs are the log attributes that correlate a line with its trace in project.
func (t Trace) Attrs(project string) []any {
	attrs := []any{slog.String(TraceKey, "projects/"+project+"/traces/"+t.TraceID), slog.Bool(SampledKey, t.Sampled)}
	if t.SpanID != "" {
		attrs = append(attrs, slog.String(SpanKey, t.SpanID))
	}
	return attrs
}

func isHex(s string, n int) bool {
	if len(s) != n || strings.Trim(s, "0") == "" {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
