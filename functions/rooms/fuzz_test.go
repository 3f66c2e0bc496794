package rooms

import (
	"testing"

	"github.com/openplay-games/openplay/shared/errs"
)

// Every decoder must turn any body into a command or a 400 that names what is wrong: no panic,
// no 5xx. Run longer with `go test -fuzz=FuzzDecodeCreate ./functions/rooms` (`make fuzz` runs
// each briefly).

var seeds = []string{
	``, `{}`, `[]`, `null`, `{"kind":"games#roomCreateRequest"}`, `{"requestId":"12"}`, `{"requestId":12}`,
	`{"invitedPlayerIds":["a","b"],"variant":2,"autoMatchingCriteria":{"minAutoMatchingPlayers":1,"maxAutoMatchingPlayers":2,"exclusiveBitmask":"-1"}}`,
	`{"capabilities":["x",""],"clientAddress":{"xmppAddress":"a@b"},"networkDiagnostics":{"androidNetworkType":-1}}`,
	`{"reason":"REALTIME_TIMEOUT","leaveDiagnostics":{"peerSession":[{"participantId":"p_1","reliableChannel":{"bytesSent":{"min":"1"}}}]}}`,
	`{"updates":[{"participantId":"p_1","status":"CONNECTION_FAILED","error":"P2P_FAILED","connectionSetupLatencyMillis":3}]}`,
	`{"updates":[{}]}`, `{"a":1}`, `{"variant":1e99}`, `{"requestId":"99999999999999999999"}`, "\x00", `{"kind":"\xff"}`,
}

func fuzzDecoder(f *testing.F, decode func([]byte) error) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		err := decode(body)
		if err == nil {
			return
		}
		var coded *errs.Error
		if k := errs.KindOf(err); k != errs.Invalid || !asCoded(err, &coded) || coded.Public() == "" {
			t.Fatalf("body %q: %v (kind %s); want a 400 with a message", body, err, k)
		}
	})
}

func asCoded(err error, target **errs.Error) bool {
	e, ok := err.(*errs.Error)
	*target = e
	return ok
}

func FuzzDecodeCreate(f *testing.F) {
	fuzzDecoder(f, func(b []byte) error { _, err := decodeCreate(b); return err })
}

func FuzzDecodeJoin(f *testing.F) {
	fuzzDecoder(f, func(b []byte) error { _, err := decodeJoin(b); return err })
}

func FuzzDecodeLeave(f *testing.F) {
	fuzzDecoder(f, func(b []byte) error { _, err := decodeLeave(b); return err })
}

func FuzzDecodeReportStatus(f *testing.F) {
	fuzzDecoder(f, func(b []byte) error { _, err := decodeReportStatus(b); return err })
}
