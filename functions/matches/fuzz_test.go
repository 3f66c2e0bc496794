package matches

import (
	"testing"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/testenv"
)

// Every decoder turns any body into a command or a 4xx (400, or 413 for oversized game state)
// that names what is wrong: no panic, no 5xx.

var seeds = []string{
	``, `{}`, `null`, `[]`, `{"matchVersion":1}`, `{"matchVersion":1,"pendingParticipantId":"p_2","data":{"data":"aGVsbG8="}}`,
	`{"matchVersion":1,"data":{"data":"aGVsbG8"}}`, `{"matchVersion":1,"data":{"data":"a+b/"}}`, `{"matchVersion":1,"data":{"data":"***"}}`,
	`{"matchVersion":2,"results":[{"participantId":"p_1","placing":1,"result":"MATCH_RESULT_WIN"}]}`, `{"results":[{}]}`,
	`{"invitedPlayerIds":["a"],"requestId":"5","variant":3,"autoMatchingCriteria":{"minAutoMatchingPlayers":1,"maxAutoMatchingPlayers":1}}`,
	`{"autoMatchingCriteria":{}}`, `{"matchVersion":2147483648}`, `{"kind":"games#turnBasedMatchTurn"}`, "\xff",
}

// fuzz fuzzes decode from the seeds.
func fuzz[C any](f *testing.F, decode func([]byte) (C, error)) {
	testenv.FuzzDecoder(f, seeds, decode, errs.Invalid, errs.TooLarge)
}

func FuzzDecodeCreate(f *testing.F) { fuzz(f, decodeCreate) }
func FuzzDecodeTurn(f *testing.F)   { fuzz(f, decodeTurn) }
func FuzzDecodeFinish(f *testing.F) { fuzz(f, decodeFinish) }
