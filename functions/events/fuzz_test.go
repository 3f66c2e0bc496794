package events

import (
	"testing"

	"github.com/openplay-games/openplay/shared/errs"
)

// FuzzDecodeRecord: any body becomes a record or a 400 that names what is wrong.
func FuzzDecodeRecord(f *testing.F) {
	for _, s := range []string{``, `{}`, `null`, `{"requestId":"1","currentTimeMillis":"2"}`,
		`{"timePeriods":[{"timePeriod":{"periodStartMillis":"1","periodEndMillis":"2"},"updates":[{"definitionId":"a","updateCount":"x"}]}]}`,
		`{"timePeriods":[{"updates":[{"updateCount":5}]}]}`, `{"timePeriods":[{"timePeriod":{}}]}`, `{"requestId":"9223372036854775808"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if _, err := decodeRecord(body); err != nil {
			if e, ok := err.(*errs.Error); !ok || e.Kind != errs.Invalid || e.Public() == "" {
				t.Fatalf("body %q: %v; want a 400 with a message", body, err)
			}
		}
	})
}
