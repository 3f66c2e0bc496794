// Package crowd holds the crowd test (crowd_test.go): many players auto-matching alone arrive at
// once, against real instances on the emulators with the matcher running as production runs it,
// and every one of them must end in exactly one full game (docs/testing.md). It has no code
// outside its tests.
package crowd
