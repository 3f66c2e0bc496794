package httpapi

import (
	"net/http"
	"strings"
)

// FoldPathCase lets requests name the literal segments of the given path patterns in any case
// (MPSD clients send "sessionTemplates" where the documentation writes "sessiontemplates"): the
// request path is matched against the patterns case-insensitively and its literal segments are
// rewritten to the spelling of the most specific pattern that matches (the one with the most
// literal segments, so "members/ME" is members/me rather than members/{index}) before routing.
// Parameter segments ({name}) keep their case.
func FoldPathCase(patterns []string) Middleware {
	split := make([][]string, len(patterns))
	for i, p := range patterns {
		split[i] = strings.Split(p, "/")
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			segs := strings.Split(r.URL.Path, "/")
			var best []string
			bestLiterals := -1
			for _, p := range split {
				if n, ok := foldMatch(p, segs); ok && n > bestLiterals {
					best, bestLiterals = p, n
				}
			}
			if best != nil {
				out := make([]string, len(segs))
				for i, s := range best {
					out[i] = segs[i]
					if !isParam(s) {
						out[i] = s
					}
				}
				if path := strings.Join(out, "/"); path != r.URL.Path {
					r = r.Clone(r.Context())
					r.URL.Path, r.URL.RawPath = path, ""
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

// foldMatch reports whether segs matches pattern with literals compared case-insensitively, and
// how many literal segments the pattern has.
func foldMatch(pattern, segs []string) (int, bool) {
	if len(pattern) != len(segs) {
		return 0, false
	}
	literals := 0
	for i, p := range pattern {
		switch {
		case isParam(p):
			if segs[i] == "" {
				return 0, false
			}
		case strings.EqualFold(p, segs[i]):
			literals++
		default:
			return 0, false
		}
	}
	return literals, true
}

func isParam(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }
