// Package game holds what real-time rooms (shared/room) and turn-based matches (shared/match)
// share: who a game is created with (invitees, auto-match slots and pools, the 8-player limit)
// and what a create call asks for.
package game
