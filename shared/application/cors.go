package application

import (
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// CORS are the web origins whose pages may call the API from a browser: a game served from its
// own site (https://game.example.com) calls the API at another origin (the gateway's, or the
// dev server's), and browsers let the page read the answers only when the API allows the page's
// origin (docs/api.md, "Calls from web pages of another origin"). Calls carry the player's ID
// token, not cookies, so allowing an origin lets its pages call with tokens they hold; it lends
// them nobody else's.
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
			return CORS{}, fmt.Errorf("cors.allowedOrigins[%d]: %q is not an origin: write http:// or https://, a host (a name in its xn-- form if not ASCII) and a port if any, such as https://game.example.com", i, o)
		case want != o:
			return CORS{}, fmt.Errorf("cors.allowedOrigins[%d]: write %q as browsers send it, %q", i, o, want)
		}
	}
	return CORS(f), nil
}

// origin is s as a browser serializes the origin it names, and whether s names one (an http or
// https URL with a host and no user, path, query or fragment; a trailing slash is tolerated
// here, and named in the error).
func origin(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil || len(s) > 512 || u.User != nil || (u.Path != "" && u.Path != "/") ||
		u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.Opaque != "" {
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", false
	}
	host, ok := canonicalHost(u.Hostname())
	if !ok {
		return "", false
	}
	port := ""
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return "", false
		}
		if !(n == 80 && scheme == "http" || n == 443 && scheme == "https") {
			port = ":" + strconv.Itoa(n)
		}
	}
	return scheme + "://" + host + port, true
}

// canonicalHost is host as a browser writes it in an origin, and whether it is a host at all: a
// DNS name in lower case (an internationalized one in its xn-- form; a trailing dot kept, as it
// makes another origin), an IPv4 address in dotted decimal, or an IPv6 address compressed, in
// brackets. Wildcards (*.example.com) and numbers that are no address (127.1, 999.1.1.1) are not.
func canonicalHost(host string) (string, bool) {
	if strings.Contains(host, ":") {
		a, err := netip.ParseAddr(host)
		if err != nil || a.Zone() != "" || a.Is4In6() {
			return "", false
		}
		return "[" + a.String() + "]", true
	}
	host = strings.ToLower(host)
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	if last := labels[len(labels)-1]; last != "" && (strings.Trim(last, "0123456789") == "" || strings.HasPrefix(last, "0x")) {
		a, err := netip.ParseAddr(host) // a name whose last label is a number is an IPv4 address, or nothing
		return a.String(), err == nil && a.Is4()
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' || strings.Trim(l, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			return "", false
		}
	}
	return host, true
}
