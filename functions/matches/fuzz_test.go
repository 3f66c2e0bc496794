package matches

import (
	"testing"

	"github.com/openplay-games/openplay/shared/errs"
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

func fuzzDecoder(f *testing.F, decode func([]byte) error) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		err := decode(body)
		if err == nil {
			return
		}
		e, ok := err.(*errs.Error)
		if !ok || (e.Kind != errs.Invalid && e.Kind != errs.TooLarge) || e.Public() == "" {
			t.Fatalf("body %q: %v (kind %s); want a 400 or 413 with a message", body, err, errs.KindOf(err))
		}
	})
}

func FuzzDecodeCreate(f *testing.F) {
	fuzzDecoder(f, func(b []byte) error { _, err := decodeCreate(b); return err })
}

func FuzzDecodeTurn(f *testing.F) {
	fuzzDecoder(f, func(b []byte) error { _, err := decodeTurn(b); return err })
}

func FuzzDecodeFinish(f *testing.F) {
	fuzzDecoder(f, func(b []byte) error { _, err := decodeFinish(b); return err })
}
