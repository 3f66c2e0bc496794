package game

// Find returns the first of a game's participants for which is reports true, or nil: each kind
// finds its participants by player and by game-scoped ID with it.
func Find[P any](participants []P, is func(*P) bool) *P {
	for i := range participants {
		if is(&participants[i]) {
			return &participants[i]
		}
	}
	return nil
}
