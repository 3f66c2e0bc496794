package application

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseCORS(t *testing.T) {
	origins := []string{"https://game.example.com", "http://localhost:5173", "http://[::1]:8000", "http://127.0.0.1:8080",
		"https://xn--bcher-kva.de", "https://game.example.com."}
	raw, err := json.Marshal(map[string]any{"cors": map[string]any{"allowedOrigins": origins}})
	require.NoError(t, err)
	s, err := Parse(raw)
	require.NoError(t, err)
	assert.Equal(t, origins, s.CORS.AllowedOrigins)
	for origin, allowed := range map[string]bool{
		"https://game.example.com": true, "http://localhost:5173": true, "http://[::1]:8000": true,
		"http://game.example.com": false, "https://game.example.com:8443": false, "https://evil.example.com": false,
		"https://game.example.com.evil.example.com": false, "null": false, "": false,
	} {
		assert.Equal(t, allowed, s.CORS.Allows(origin), origin)
	}

	s, err = Parse([]byte(`{"cors":{"allowedOrigins":["*"]}}`))
	require.NoError(t, err)
	assert.True(t, s.CORS.Allows("https://anywhere.example.com"))
	assert.False(t, s.CORS.Allows(""), "a call without Origin is not a page's")
	assert.False(t, Defaults.CORS.Allows("https://game.example.com"), "by default, no other origin")
}

func TestParseCORSRefuses(t *testing.T) {
	for origin, wantErr := range map[string]string{
		"https://game.example.com/":     `cors.allowedOrigins[0]: write "https://game.example.com/" as browsers send it, "https://game.example.com"`,
		"https://Game.Example.com":      `as browsers send it, "https://game.example.com"`,
		"HTTPS://game.example.com":      `as browsers send it, "https://game.example.com"`,
		"https://game.example.com:443":  `as browsers send it, "https://game.example.com"`,
		"http://localhost:80":           `as browsers send it, "http://localhost"`,
		"game.example.com":              "is not an origin",
		"https://game.example.com/play": "is not an origin",
		"https://game.example.com?x=1":  "is not an origin",
		"https://game.example.com#top":  "is not an origin",
		"https://ana@game.example.com":  "is not an origin",
		"ftp://game.example.com":        "is not an origin",
		"https://":                      "is not an origin",
		"https://game.example.com:port": "is not an origin",
		"":                              "is not an origin",
		"*.example.com":                 "is not an origin",
		"https://*.example.com":         "is not an origin",
		"https://game.example.com:0443": `as browsers send it, "https://game.example.com"`,
		"http://localhost:08000":        `as browsers send it, "http://localhost:8000"`,
		"http://localhost:0":            "is not an origin",
		"http://localhost:99999":        "is not an origin",
		"http://[0:0::1]":               `as browsers send it, "http://[::1]"`,
		"http://[::FFFF:7f00:1]":        "is not an origin",
		"http://[fe80::1%25eth0]":       "is not an origin",
		"http://127.1":                  "is not an origin",
		"http://0x7f.0.0.1":             "is not an origin",
		"http://0177.0.0.1":             "is not an origin",
		"http://999.1.1.1":              "is not an origin",
		"http://1.2.3.4.5":              "is not an origin",
		"https://.":                     "is not an origin",
		"https://a..b":                  "is not an origin",
		"https://-bad-.com":             "is not an origin",
		"https://bücher.de":             "a name in its xn-- form if not ASCII",
	} {
		_, err := Parse([]byte(`{"cors":{"allowedOrigins":[` + strconv.Quote(origin) + `]}}`))
		assert.ErrorContains(t, err, wantErr, origin)
	}
	_, err := Parse([]byte(`{"cors":{"allowedOrigin":["*"]}}`))
	assert.ErrorContains(t, err, "unknown field")
	many := `"*"` + strings.Repeat(`,"*"`, MaxAllowedOrigins)
	_, err = Parse([]byte(`{"cors":{"allowedOrigins":[` + many + `]}}`))
	assert.ErrorContains(t, err, "cors.allowedOrigins: 101 origins; at most 100")
}
