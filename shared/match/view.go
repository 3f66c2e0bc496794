package match

// UserStatus is the caller's status in the match, as the API names it.
type UserStatus string

const (
	UserInvited        UserStatus = "USER_INVITED"
	UserAwaitingTurn   UserStatus = "USER_AWAITING_TURN"
	UserTurn           UserStatus = "USER_TURN"
	UserMatchCompleted UserStatus = "USER_MATCH_COMPLETED"
)

// UserStatusOf derives the viewer's status from the match and their participant. A joined
// player of a completed match still has a turn: confirming the results with finish.
func (m *Match) UserStatusOf(playerID string) UserStatus {
	p := m.Participant(playerID)
	switch {
	case p == nil:
		return ""
	case m.Status == Complete && p.Status == Joined:
		return UserTurn
	case !m.Status.isOpen():
		return UserMatchCompleted
	case p.Status == Invited:
		return UserInvited
	case p.Status == Joined && m.PendingParticipantID == p.ID:
		return UserTurn
	case p.Status == Joined:
		return UserAwaitingTurn
	}
	return UserMatchCompleted
}

// With is another participant to name when describing the match to the viewer: the first one
// still in the game, else the first other one.
func (m *Match) With(playerID string) *Participant {
	var fallback *Participant
	for i := range m.Participants {
		p := &m.Participants[i]
		if p.Player.ID == playerID {
			continue
		}
		if p.inGame() || p.Status == Finished {
			return p
		}
		if fallback == nil {
			fallback = p
		}
	}
	return fallback
}
