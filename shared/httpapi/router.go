package httpapi

import (
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/openplay-games/openplay/shared/errs"
)

// Endpoint is one method on one path, with a Go 1.22 pattern path ("/games/v1/rooms/{roomId}").
type Endpoint struct {
	Method  string
	Path    string
	Handler http.Handler
}

// Router serves endpoints at their paths. A path it knows with a method it does not is a 405
// with Allow; an unknown path, or one with empty, "." or ".." segments, is a 404; both in
// Google's error shape. The same router serves one entry point alone on Cloud Functions and every
// entry point in the dev server.
func Router(endpoints ...Endpoint) http.Handler {
	mux := http.NewServeMux()
	byPath := map[string][]Endpoint{}
	var paths []string
	for _, e := range endpoints {
		if byPath[e.Path] == nil {
			paths = append(paths, e.Path)
		}
		byPath[e.Path] = append(byPath[e.Path], e)
	}
	for _, path := range paths {
		mux.Handle(path, methods(byPath[path]))
	}
	notFound := func(w http.ResponseWriter, r *http.Request) {
		WriteError(w, r, errs.E(errs.NotFound, "", "no API method at %s %s", r.Method, r.URL.Path))
	}
	mux.HandleFunc("/", notFound)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The mux would redirect a path with empty, "." or ".." segments to its cleaned form, which
		// names another resource or none: such a path names no method.
		if p := r.URL.EscapedPath(); p != cleanPath(p) {
			notFound(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// cleanPath is p without empty, "." and ".." segments, keeping a trailing slash: the form
// http.ServeMux redirects every other path to.
func cleanPath(p string) string {
	clean := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean
}

func methods(endpoints []Endpoint) http.Handler {
	var allow []string
	for _, e := range endpoints {
		allow = append(allow, e.Method)
	}
	slices.Sort(allow)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, e := range endpoints {
			if r.Method == e.Method || r.Method == http.MethodHead && e.Method == http.MethodGet {
				e.Handler.ServeHTTP(w, r)
				return
			}
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		WriteError(w, r, errs.E(errs.MethodNotAllowed, "", "%s is not allowed on %s; use %s", r.Method, r.URL.Path, strings.Join(allow, " or ")))
	})
}
