package sessions_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestDeepJSONIsRefused replays issue #14: about 20 KB of nested arrays in properties.custom,
// which made every indented read of the session about 200 MB. The write is a 400 that names the
// field and the limit, and changes nothing.
func TestDeepJSONIsRefused(t *testing.T) {
	d := newDirectory(t)
	ana := testenv.NewPlayer(t, "Ana")
	p := d.path("lobby", "deep")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	before := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "")

	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	a := d.call(ana.Token, http.MethodPut, p, `{"properties":{"custom":{"a":`+deep+`}}}`)
	require.Equal(t, http.StatusBadRequest, a.status, "%s", a.body)
	assert.Contains(t, string(a.body), "properties.custom.a[0][0]")
	assert.Contains(t, string(a.body), "nest at most 16 levels")

	after := d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "")
	assert.Equal(t, before.header.Get("ETag"), after.header.Get("ETag"), "the session changed")
}

// TestAnswersAreProportional: a session holding the deepest custom value the limits allow,
// wide at the bottom, reads back at about the size written, whatever prettyPrint says: MPSD
// answers are not indented.
func TestAnswersAreProportional(t *testing.T) {
	d := newDirectory(t)
	ana := testenv.NewPlayer(t, "Ana")
	p := d.path("lobby", "wide")
	// the body, properties and custom are three levels: the value nests MaxDepth-3 arrays
	value := "[" + strings.TrimSuffix(strings.Repeat("1,", session.MaxEntries), ",") + "]"
	for range session.MaxDepth - 4 {
		value = "[" + value + "]"
	}
	body := `{"members":{"me":{"properties":{"system":{"active":true}}}},"properties":{"custom":{"a":` + value + `}}}`
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, body)

	for _, query := range []string{"", "?prettyPrint=true", "?prettyPrint=false"} {
		a := d.expect(http.StatusOK, ana.Token, http.MethodGet, p+query, "")
		var doc map[string]any
		require.NoError(t, json.Unmarshal(a.body, &doc))
		stored, err := json.Marshal(get(doc, "properties", "custom", "a"))
		require.NoError(t, err)
		assert.Equal(t, value, string(stored))
		// the document around the value (members, timestamps, GUIDs) is well under a kilobyte
		assert.Less(t, len(a.body), len(body)+1024, "GET%s answered %d bytes for a %d-byte write", query, len(a.body), len(body))
	}
}
