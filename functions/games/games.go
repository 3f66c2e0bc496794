// Package games is the handler code the rooms and turn-based matches endpoints share: a kind's
// Resource (its store collection and the path parameter that names a game), reading a game as
// its caller may see it (Read), applying a rule to the game in the path (Change), and creating
// one (Prepare, then Open): decoding the create request's common fields, checking the invitees,
// naming the game, storing the game the kind's rule makes, or auto-matching a player alone into
// a waiting game or a seed of their own. The rules are the games' own (shared/game, shared/room,
// shared/match); each kind's store collection is a store.Games.
package games
