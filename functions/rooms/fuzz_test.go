package rooms

import (
	"testing"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/testenv"
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

// fuzz fuzzes decode from the seeds.
func fuzz[C any](f *testing.F, decode func([]byte) (C, error)) {
	testenv.FuzzDecoder(f, seeds, decode, errs.Invalid)
}

func FuzzDecodeCreate(f *testing.F)       { fuzz(f, decodeCreate) }
func FuzzDecodeJoin(f *testing.F)         { fuzz(f, decodeJoin) }
func FuzzDecodeLeave(f *testing.F)        { fuzz(f, decodeLeave) }
func FuzzDecodeReportStatus(f *testing.F) { fuzz(f, decodeReportStatus) }
