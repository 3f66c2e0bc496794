// Package routefuzz fuzzes every route of the route table (functions.Routes) through the whole
// handler stack (functions.Handler: middleware, sign-in, body limit) on the real emulators: an
// input names a route, a caller, path parameters, a query string, headers and a body, which the
// target sends to an instance serving a world of real rooms, matches, sessions and invite handles.
// Any 5xx, panic, answer outside its documented shape, 4xx that does not name its field, or 4xx
// that changed the state it addressed fails the target (see docs/testing.md).
//
//	go test -run '^$' -fuzz FuzzRoutes -fuzztime 2000x ./functions/routefuzz/
//
// The package has only tests; `go test` runs the seeds (a realistic request for each route).
package routefuzz
