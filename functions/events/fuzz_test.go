package events

import (
	"testing"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/testenv"
)

// FuzzDecodeRecord: any body becomes a record or a 400 that names what is wrong.
func FuzzDecodeRecord(f *testing.F) {
	seeds := []string{``, `{}`, `null`, `{"requestId":"1","currentTimeMillis":"2"}`,
		`{"timePeriods":[{"timePeriod":{"periodStartMillis":"1","periodEndMillis":"2"},"updates":[{"definitionId":"a","updateCount":"x"}]}]}`,
		`{"timePeriods":[{"updates":[{"updateCount":5}]}]}`, `{"timePeriods":[{"timePeriod":{}}]}`, `{"requestId":"9223372036854775808"}`}
	testenv.FuzzDecoder(f, seeds, decodeRecord, errs.Invalid)
}
