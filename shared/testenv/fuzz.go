package testenv

import (
	"slices"
	"testing"

	"github.com/openplay-games/openplay/shared/errs"
)

// FuzzDecoder fuzzes a request decoder, starting from seeds (it needs no emulator): whatever the
// body, decode returns a command or a coded error of one of kinds with a message for the client;
// never a panic, nor an error the API would answer with a 500.
func FuzzDecoder[C any](f *testing.F, seeds []string, decode func(body []byte) (C, error), kinds ...errs.Kind) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		_, err := decode(body)
		if err == nil {
			return
		}
		if e, ok := err.(*errs.Error); !ok || !slices.Contains(kinds, e.Kind) || e.Public() == "" {
			t.Fatalf("body %q: %v (kind %s); want an error of kind %v with a message", body, err, errs.KindOf(err), kinds)
		}
	})
}
