// Package games is the handler code the rooms and turn-based matches endpoints share for
// creating a game: decoding the create request's common fields, preparing the call (who is
// invited, the game's ID, the application's timeouts), storing the game the kind's rule makes,
// and auto-matching a player alone into a waiting game or a seed of their own. The rules are
// the games' own (shared/game, shared/room, shared/match); each kind's store collection is a
// store.Games.
package games
