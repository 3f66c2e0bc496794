package application

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
)

// CORS are the web origins whose pages may call the API from a browser: a game served from its
// own site (https://game.example.com) calls the API at another origin (the gateway's, or the
// dev server's), and browsers let the page read the answers only when the API allows the page's
// origin (docs/operations.md). Calls carry the player's ID token, not cookies, so allowing an
// origin lets its pages call with tokens they hold; it lends them nobody else's.
type CORS struct {
	// AllowedOrigins are origins as browsers send them in the Origin header
	// ("https://game.example.com", "http://localhost:5173"), or "*" for every origin.
	AllowedOrigins []string
}

// MaxAllowedOrigins bounds cors.allowedOrigins: every call with an Origin header looks it up.
const MaxAllowedOrigins = 100

// Allows reports whether a page of origin (a request's Origin header) may call the API.
func (c CORS) Allows(origin string) bool {
	return origin != "" && slices.ContainsFunc(c.AllowedOrigins, func(o string) bool { return o == "*" || o == origin })
}

// corsFile is the "cors" block of infra/application.json.
type corsFile struct {
	AllowedOrigins []string `json:"allowedOrigins"`
}

// parse checks that each origin is written as a browser sends it (a lower-case http or https
// scheme and host, a port only when not the scheme's default, nothing after), since an origin is
// matched as a string and one written otherwise would never match.
func (f corsFile) parse() (CORS, error) {
	if len(f.AllowedOrigins) == 0 {
		return CORS{}, nil // none, as by default
	}
	if len(f.AllowedOrigins) > MaxAllowedOrigins {
		return CORS{}, fmt.Errorf("cors.allowedOrigins: %d origins; at most %d", len(f.AllowedOrigins), MaxAllowedOrigins)
	}
	for i, o := range f.AllowedOrigins {
		if o == "*" {
			continue
		}
		want, ok := origin(o)
		switch {
		case !ok:
			return CORS{}, fmt.Errorf("cors.allowedOrigins[%d]: %q is not an origin: write http:// or https://, a host and a port if any, such as https://game.example.com", i, o)
		case want != o:
			return CORS{}, fmt.Errorf("cors.allowedOrigins[%d]: write %q as browsers send it, %q", i, o, want)
		}
	}
	return CORS(f), nil
}

// origin is s as a browser serializes the origin it names, and whether s names one (an http or
// https URL with a host name or address and no user, path, query or fragment; a trailing slash
// is tolerated here, and named in the error).
func origin(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil || len(s) > 512 || u.Host == "" || u.User != nil || (u.Path != "" && u.Path != "/") ||
		u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.Opaque != "" {
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", false
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if !validHost(host) {
		return "", false
	}
	if port == "80" && scheme == "http" || port == "443" && scheme == "https" {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6
	}
	if port != "" {
		host += ":" + port
	}
	return scheme + "://" + host, true
}

// validHost reports whether host is a DNS name or an IP address: a wildcard such as
// *.example.com is none, and would match no Origin.
func validHost(host string) bool {
	if strings.Contains(host, ":") {
		return net.ParseIP(host) != nil
	}
	return host != "" && strings.Trim(host, "abcdefghijklmnopqrstuvwxyz0123456789.-") == ""
}
