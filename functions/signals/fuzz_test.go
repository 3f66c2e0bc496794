package signals

import (
	"testing"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/testenv"
)

// FuzzDecodeSend: any body becomes a signal to send or a 400 (413 for a payload over its size)
// that names what is wrong.
func FuzzDecodeSend(f *testing.F) {
	seeds := []string{``, `{}`, `null`, `[]`, `{"kind":"openplay#signalRequest","to":"p_2","type":"offer","seq":1,"payload":"v=0\r\no=- 1 2 IN IP4 0.0.0.0"}`,
		`{"to":"p_1","type":"bye","seq":2147483647}`, `{"to":"p_1","type":"candidate","seq":2147483648,"payload":"c"}`, `{"to":"p_3","type":"answer","seq":-1}`,
		`{"to":"p_2","type":"Offer","seq":1,"payload":"x"}`, `{"to":"p_2","type":"offer","seq":1.5,"payload":"x"}`, "{\"to\":\"p_2\",\"type\":\"offer\",\"seq\":1,\"payload\":\"\xff\"}"}
	testenv.FuzzDecoder(f, seeds, decodeSend, errs.Invalid, errs.TooLarge)
}
