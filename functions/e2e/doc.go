// Package e2e drives a running OpenPlay dev server with the last generated Play Games client
// that has the rooms and turnBasedMatches resources, google.golang.org/api v0.20.0 games/v1.
// That client's module version conflicts with the main module's, so this is a module of its own:
// it builds the dev server from the main module, starts it against the emulators, and talks to
// it only over HTTP, as a game would.
package e2e
