package application

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseCORS(t *testing.T) {
	s, err := Parse([]byte(`{"cors":{"allowedOrigins":["https://game.example.com","http://localhost:5173","http://[::1]:8000"]}}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"https://game.example.com", "http://localhost:5173", "http://[::1]:8000"}, s.CORS.AllowedOrigins)
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
