package logging

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"testing"
)

func TestNewWritesCloudLoggingFields(t *testing.T) {
	var buf bytes.Buffer
	tr := Trace{TraceID: "4bf92f3577b34da6a3ce929d0e0e4736", SpanID: "00f067aa0ba902b7", Sampled: true}
	New(&buf, slog.LevelInfo).With(tr.Attrs("demo-openplay")...).Warn("publish failed", "topic", "t")
	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("not one JSON line: %q: %v", buf.String(), err)
	}
	want := map[string]any{
		"severity": "WARNING", "message": "publish failed", "topic": "t",
		TraceKey: "projects/demo-openplay/traces/4bf92f3577b34da6a3ce929d0e0e4736", SpanKey: "00f067aa0ba902b7", SampledKey: true,
	}
	for k, v := range want {
		if line[k] != v {
			t.Errorf("%s = %v, want %v (line %s)", k, line[k], v, buf.String())
		}
	}
	if _, ok := line["level"]; ok {
		t.Error("slog's level key leaked; Cloud Logging reads severity")
	}
}

func TestNewFiltersBelowLevel(t *testing.T) {
	var buf bytes.Buffer
	New(&buf, slog.LevelWarn).Info("quiet")
	if buf.Len() != 0 {
		t.Fatalf("info line written at WARNING level: %q", buf.String())
	}
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
			if got != tt.want || ok != tt.ok {
				t.Fatalf("TraceFrom = %+v, %v; want %+v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
