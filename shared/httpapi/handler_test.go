package httpapi

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// TestHandlerFunc checks the adapter every handler goes through: a returned error is answered as
// WriteError answers it, and nil leaves the handler's own answer alone.
func TestHandlerFunc(t *testing.T) {
	rec := serve(HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return errs.E(errs.NotFound, "roomId", "no room %q", "x")
	}), http.MethodGet, "/", "")
	require.Equal(t, http.StatusNotFound, rec.Code)
	var got errorBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	require.Len(t, got.Error.Errors, 1)
	assert.Equal(t, "roomId", got.Error.Errors[0].Location)
	assert.Equal(t, "NOT_FOUND", got.Error.Status)

	rec = serve(HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		NoContent(w)
		return nil
	}), http.MethodGet, "/", "")
	assert.Equal(t, http.StatusNoContent, rec.Code)
	assert.Empty(t, rec.Body.String())

}
