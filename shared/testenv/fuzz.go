package testenv

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// FuzzDecoder fuzzes a request decoder, starting from seeds (it needs no emulator): whatever the
// body, decode returns a command or a coded error of one of kinds with a message for the client
// that names what failed (see NamesWhatFailed); never a panic, nor an error the API would answer
// with a 500.
func FuzzDecoder[C any](f *testing.F, seeds []string, decode func(body []byte) (C, error), kinds ...errs.Kind) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		_, err := decode(body)
		if err == nil {
			return
		}
		e, ok := err.(*errs.Error)
		require.Truef(t, ok && slices.Contains(kinds, e.Kind) && e.Message != "" && NamesWhatFailed(e.Field, e.Message),
			"body %q: %v (kind %s); want an error of kind %v naming what failed", body, err, errs.KindOf(err), kinds)
	})
}

// NamesWhatFailed reports whether an error a client is given (its field, which Google's error
// shape carries as location, and its message) names what failed, as every 4xx must (docs/api.md):
// the request field, parameter or header, or for a failure of the request body as a whole, which
// has no field, the body itself (or that its JSON is malformed).
func NamesWhatFailed(field, message string) bool {
	return field != "" || strings.Contains(message, "body") || strings.HasPrefix(message, "malformed JSON")
}
