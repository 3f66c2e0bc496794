package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// TestEmptyKeyIsNamed: an empty top-level key is refused naming it as JSON writes it, "" (the
// route fuzzer found session PUTs refused with no field named).
func TestEmptyKeyIsNamed(t *testing.T) {
	for name, decode := range map[string]func() error{
		"session request": func() error { _, err := DecodeRequest([]byte(`{"":{}}`)); return err },
		"invite handle":   func() error { _, err := DecodeInvite([]byte(`{"":1}`)); return err },
		"template": func() error {
			_, err := ParseTemplate(lobby.SCID, lobby.Template, []byte(`{"":null}`))
			return err
		},
	} {
		var e *errs.Error
		require.ErrorAs(t, decode(), &e, name)
		assert.Equal(t, errs.Invalid, e.Kind, name)
		assert.Equal(t, `""`, e.Field, name)
	}
}
