package logging

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewWritesCloudLoggingFields(t *testing.T) {
	var buf bytes.Buffer
	tr := Trace{TraceID: "4bf92f3577b34da6a3ce929d0e0e4736", SpanID: "00f067aa0ba902b7", Sampled: true}
	New(&buf, slog.LevelInfo).With(tr.Attrs("demo-openplay")...).Warn("publish failed", "topic", "t")
	var line map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &line), "want one JSON line: %q", buf.String())
	want := map[string]any{
		"severity": "WARNING", "message": "publish failed", "topic": "t",
		TraceKey: "projects/demo-openplay/traces/4bf92f3577b34da6a3ce929d0e0e4736", SpanKey: "00f067aa0ba902b7", SampledKey: true,
	}
	for k, v := range want {
		assert.Equal(t, v, line[k], "%s (line %s)", k, buf.String())
	}
	assert.NotContains(t, line, "level", "slog's level key leaked; Cloud Logging reads severity")
}

func TestNewFiltersBelowLevel(t *testing.T) {
	var buf bytes.Buffer
	New(&buf, slog.LevelWarn).Info("quiet")
	assert.Zero(t, buf.Len(), "info line written at WARNING level: %q", buf.String())
}

func TestTraceFrom(t *testing.T) {
	tests := []struct {
		name   string
		header http.Header
		want   Trace
		ok     bool
	}{
		{"traceparent", http.Header{"Traceparent": {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}},
			Trace{"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true}, true},
		{"traceparent unsampled", http.Header{"Traceparent": {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"}},
			Trace{"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", false}, true},
		{"cloud trace context", http.Header{"X-Cloud-Trace-Context": {"105445aa7843bc8bf206b12000100000/255;o=1"}},
			Trace{"105445aa7843bc8bf206b12000100000", "ff", true}, true},
		{"malformed traceparent falls back", http.Header{"Traceparent": {"garbage"}, "X-Cloud-Trace-Context": {"105445aa7843bc8bf206b12000100000"}},
			Trace{TraceID: "105445aa7843bc8bf206b12000100000"}, true},
		{"all-zero trace id", http.Header{"Traceparent": {"00-00000000000000000000000000000000-00f067aa0ba902b7-01"}}, Trace{}, false},
		{"none", http.Header{}, Trace{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := TraceFrom(tt.header)
			assert.Equal(t, tt.want, got, "TraceFrom's trace")
			assert.Equal(t, tt.ok, ok, "TraceFrom found a trace")
		})
	}
}
